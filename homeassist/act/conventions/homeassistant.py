"""Home Assistant MQTT entities: the topics and payloads their discovery config names.

Value templates are Jinja in Home Assistant. Only the forms discovery
payloads use for plain values are evaluated here: `{{ value }}`,
`{{ value_json.a.b }}` and `{{ value_json['a'] }}`, optionally followed by
`| int`, `| float`, `| lower` or `| upper`. A state that needs any other
template is ignored and reported as unusable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from homeassist.act.conventions import Message, Reading, plain_text
from homeassist.act.homeassistant_discovery import availability
from homeassist.config import Device, DeviceType
from homeassist.state import MAX_STATE_PAYLOAD_BYTES
from homeassist.understand.intent import Action

_TEMPLATE = re.compile(
    r"^\{\{\s*(value_json(?:\.[A-Za-z_][\w]*|\[\s*'[^']*'\s*\]|\[\s*\"[^\"]*\"\s*\])*|value)\s*"
    r"((?:\|\s*(?:int|float|lower|upper)\s*)*)\}\}$")
_PATH_PART = re.compile(r"\.([A-Za-z_]\w*)|\[\s*['\"]([^'\"]*)['\"]\s*\]")


_FILTERS: dict[str, Callable[[Any], Any]] = {
    "int": lambda v: int(float(v)), "float": float,
    "lower": lambda v: str(v).lower(), "upper": lambda v: str(v).upper(),
}


class TemplateError(ValueError):
    pass


def render(template: str | None, payload: bytes) -> Any:
    """Evaluate a value template on a payload; without a template, return the payload text."""
    if len(payload) > MAX_STATE_PAYLOAD_BYTES:
        raise TemplateError(f"{len(payload)} bytes is over the {MAX_STATE_PAYLOAD_BYTES}-byte limit")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TemplateError("not UTF-8") from error
    if not template:
        return text.strip()
    match = _TEMPLATE.match(template.strip())
    if match is None:
        raise TemplateError(f"template {template!r} is not supported")
    expression, filters = match.groups()
    value: Any = text.strip()
    if expression.startswith("value_json"):
        try:
            value = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            raise TemplateError("not JSON") from error
        for attribute, key in _PATH_PART.findall(expression[len("value_json"):]):
            if not isinstance(value, dict) or (attribute or key) not in value:
                raise TemplateError(f"{expression} is missing from the payload")
            value = value[attribute or key]
    for name in re.findall(r"\w+", filters):
        try:
            value = _FILTERS[name](value)
        except (TypeError, ValueError) as error:
            raise TemplateError(f"{value!r} does not pass | {name}") from error
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _scale(config: dict[str, Any]) -> float:
    scale = _number(config.get("brightness_scale", 255))
    return scale if scale and scale > 0 else 255.0


def _speed_range(config: dict[str, Any]) -> tuple[float, float]:
    low = _number(config.get("speed_range_min", 1)) or 1.0
    high = _number(config.get("speed_range_max", 100)) or 100.0
    return (low, high) if low < high else (1.0, 100.0)


class HomeAssistant:
    def supports(self, device: Device, action: Action) -> bool:
        config = device.mqtt.homeassistant
        if action is Action.SET_POSITION:
            return "set_position_topic" in config
        if action is Action.SET_TEMPERATURE:
            return "temperature_command_topic" in config
        if device.type is DeviceType.CLIMATE:
            return "mode_command_topic" in config
        if action is Action.SET_FAN_SPEED:
            return "percentage_command_topic" in config
        return "command_topic" in config

    def command(self, device: Device, action: Action, values: dict[str, Any]) -> Message:
        config = device.mqtt.homeassistant
        component = config.get("component")
        if component == "climate":
            if action is Action.SET_TEMPERATURE:
                return Message(config["temperature_command_topic"], f"{values['temperature_c']:g}")
            if action is Action.TURN_OFF:
                mode = "off"
            elif action is Action.TURN_ON:
                modes = [m for m in device.capabilities.hvac_modes if m != "off"]
                mode = "auto" if "auto" in modes else modes[0]
            else:
                mode = str(values["mode"])
            return Message(config["mode_command_topic"], mode)
        if component == "cover":
            if action is Action.SET_POSITION:
                closed = _number(config.get("position_closed", 0)) or 0.0
                opened = _number(config.get("position_open", 100)) or 100.0
                return Message(config["set_position_topic"],
                               str(round(closed + (opened - closed) * values["percent"] / 100)))
            key = "payload_open" if action is Action.OPEN else "payload_close"
            return Message(config["command_topic"], str(config.get(key, "OPEN" if action is Action.OPEN else "CLOSE")))
        if action is Action.SET_FAN_SPEED:
            low, high = _speed_range(config)
            percent = values["percent"]
            speed = 0 if percent == 0 else round(low + (high - low) * (percent - 1) / 99)
            return Message(config["percentage_command_topic"], str(speed))
        if component == "light" and config.get("schema") == "json":
            return Message(config["command_topic"], json.dumps(self._json_light(action, values, config)))
        on, off = str(config.get("payload_on", "ON")), str(config.get("payload_off", "OFF"))
        if component == "light" and action is Action.SET_BRIGHTNESS:
            return Message(config["brightness_command_topic"], str(round(values["percent"] * _scale(config) / 100)))
        if component == "light" and action is Action.SET_COLOR_TEMP:
            return Message(config["color_temp_command_topic"], str(values["mired"]))
        if component == "light" and action is Action.SET_COLOR:
            hex_colour = str(values["hex"]).lstrip("#")
            rgb = ",".join(str(int(hex_colour[i:i + 2], 16)) for i in (0, 2, 4))
            return Message(config["rgb_command_topic"], rgb)
        if action is Action.TOGGLE:
            return Message(config["command_topic"], off if self._is_on(device, values) else on)
        return Message(config["command_topic"], on if action is Action.TURN_ON else off)

    @staticmethod
    def _is_on(device: Device, values: dict[str, Any]) -> bool:
        return str(values.get("current_state", "")).upper() == "ON"

    @staticmethod
    def _json_light(action: Action, values: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
        if action is Action.TURN_OFF:
            return {"state": "OFF"}
        if action is Action.TOGGLE:
            return {"state": "OFF" if str(values.get("current_state", "")).upper() == "ON" else "ON"}
        payload: dict[str, Any] = {"state": "ON"}
        if action is Action.SET_BRIGHTNESS:
            payload["brightness"] = round(values["percent"] * _scale(config) / 100)
        elif action is Action.SET_COLOR_TEMP:
            payload["color_temp"] = values["mired"]
        elif action is Action.SET_COLOR:
            hex_colour = str(values["hex"]).lstrip("#")
            payload["color"] = dict(zip("rgb", (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)), strict=True))
        return payload

    def state_topics(self, device: Device) -> list[str]:
        config = device.mqtt.homeassistant
        keys = ("state_topic", "brightness_state_topic", "color_temp_state_topic", "rgb_state_topic",
                "mode_state_topic", "temperature_state_topic", "current_temperature_topic", "position_topic",
                "percentage_state_topic")
        topics = [config[k] for k in keys if isinstance(config.get(k), str)]
        topics += [topic for topic, _, _ in availability(config)]
        return list(dict.fromkeys(topics))

    def read(self, device: Device, topic: str, payload: bytes) -> Reading:
        config = device.mqtt.homeassistant
        values: dict[str, Any] = {}
        problems: list[str] = []
        online: bool | None = None
        for avail_topic, on, off in availability(config):
            if topic == avail_topic:
                text = plain_text(payload)
                if text in (on, off):
                    online = text == on
                else:
                    problems.append("availability payload is neither available nor not available")
        for key, template_key, reader in self._readers(device):
            if config.get(key) != topic:
                continue
            try:
                reader(render(config.get(template_key), payload), values)
            except TemplateError as error:
                problems.append(str(error))
        if values or online is not None:
            return Reading(values=values or None, online=online)
        return Reading(problem="; ".join(problems) or "payload contains no known state")

    def _readers(self, device: Device) -> list[tuple[str, str, Any]]:
        config = device.mqtt.homeassistant
        component = config.get("component")
        setpoint = device.mqtt.setpoint_key

        def state(value: Any, values: dict[str, Any]) -> None:
            if component == "light" and config.get("schema") == "json":
                self._read_json_light(value, values, config)
                return
            text = str(value)
            if component == "sensor":
                number = _number(value)
                key = str(config.get("device_class") or "value")
                values[key] = number if number is not None else text
                return
            if component == "cover":
                words = {str(config.get("state_open", "open")): "OPEN", str(config.get("state_closed", "closed")):
                         "CLOSE", str(config.get("state_opening", "opening")): "OPENING",
                         str(config.get("state_closing", "closing")): "CLOSING"}
                if text in words:
                    values["state"] = words[text]
                    return
                raise TemplateError(f"cover state {text!r} is not a known state")
            on = str(config.get("state_on", config.get("payload_on", "ON")))
            off = str(config.get("state_off", config.get("payload_off", "OFF")))
            if text not in (on, off):
                raise TemplateError(f"state {text!r} is neither {on!r} nor {off!r}")
            values["state"] = "ON" if text == on else "OFF"

        def number_into(key: str, convert: Any = None) -> Any:
            def reader(value: Any, values: dict[str, Any]) -> None:
                number = _number(value)
                if number is None:
                    raise TemplateError(f"{value!r} is not a number")
                values[key] = convert(number) if convert else number
            return reader

        def mode(value: Any, values: dict[str, Any]) -> None:
            values["system_mode"] = str(value)

        closed = _number(config.get("position_closed", 0)) or 0.0
        opened = _number(config.get("position_open", 100)) or 100.0
        low, high = _speed_range(config)
        return [
            ("state_topic", "state_value_template" if component == "light" else "value_template", state),
            ("brightness_state_topic", "brightness_value_template",
             number_into("brightness", lambda n: round(n * 254 / _scale(config)))),
            ("color_temp_state_topic", "color_temp_value_template", number_into("color_temp")),
            ("mode_state_topic", "mode_state_template", mode),
            ("temperature_state_topic", "temperature_state_template", number_into(setpoint)),
            ("current_temperature_topic", "current_temperature_template", number_into("local_temperature")),
            ("position_topic", "position_template",
             number_into("position", lambda n: round((n - closed) * 100 / (opened - closed)))),
            ("percentage_state_topic", "percentage_value_template",
             number_into("percentage", lambda n: 0 if n <= 0 else round(1 + (n - low) * 99 / (high - low)))),
        ]

    @staticmethod
    def _read_json_light(value: Any, values: dict[str, Any], config: dict[str, Any]) -> None:
        try:
            decoded = json.loads(value) if isinstance(value, str) else value
        except (json.JSONDecodeError, RecursionError) as error:
            raise TemplateError("not JSON") from error
        if not isinstance(decoded, dict):
            raise TemplateError("JSON but not an object")
        if decoded.get("state") in ("ON", "OFF"):
            values["state"] = decoded["state"]
        brightness = _number(decoded.get("brightness"))
        if brightness is not None:
            values["brightness"] = round(brightness * 254 / _scale(config))
        if _number(decoded.get("color_temp")) is not None:
            values["color_temp"] = _number(decoded["color_temp"])
        if isinstance(decoded.get("color"), dict):
            values["color"] = decoded["color"]
        if not values:
            raise TemplateError("JSON light state has no state, brightness or colour")
