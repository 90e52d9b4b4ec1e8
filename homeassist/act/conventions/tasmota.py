"""Tasmota: `cmnd/<topic>/Power`, `stat/<topic>/RESULT`, `tele/<topic>/SENSOR` and `tele/<topic>/LWT`.

Topics follow the device's FullTopic (default `%prefix%/%topic%/`). Discovery
reads Tasmota's own retained `tasmota/discovery/<MAC>/config` messages.
"""

from __future__ import annotations

from typing import Any

from homeassist.act.conventions import Message, Reading, plain_text
from homeassist.act.discovered import Discovered, Source, names_from_label, slug
from homeassist.config import Capabilities, Device, DeviceMqtt, DeviceType
from homeassist.state import decode_json_object
from homeassist.understand.intent import Action

_FAN_MODES = ("off", "low", "medium", "high")  # Tasmota FanSpeed 0–3
_RELAY = 1  # values of the discovery `rl` list
_LIGHT = 2


def full_topic(device: Device, prefix: str, suffix: str) -> str:
    topic = device.mqtt.base_topic or device.id
    base = device.mqtt.tasmota_full_topic.replace("%prefix%", prefix).replace("%topic%", topic)
    return base.replace("%hostname%", topic).replace("%id%", topic) + suffix


def _power_key(device: Device) -> str:
    relay = device.mqtt.tasmota_relay
    return f"Power{relay}" if relay else "Power"


def _sensor_values(values: dict[str, Any]) -> dict[str, Any]:
    """Pull readings such as `{"AM2301": {"Temperature": 21.5}}` up to `temperature`."""
    found: dict[str, Any] = {}
    for reading in values.values():
        if not isinstance(reading, dict):
            continue
        for key, value in reading.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.setdefault(key.lower(), value)
    return found


class Tasmota:
    def supports(self, device: Device, action: Action) -> bool:
        return device.type in (DeviceType.LIGHT, DeviceType.SWITCH, DeviceType.FAN)

    def command(self, device: Device, action: Action, values: dict[str, Any]) -> Message:
        if action is Action.SET_BRIGHTNESS:
            return Message(full_topic(device, "cmnd", "Dimmer"), str(values["percent"]))
        if action is Action.SET_COLOR_TEMP:
            return Message(full_topic(device, "cmnd", "CT"), str(values["mired"]))
        if action is Action.SET_COLOR:
            return Message(full_topic(device, "cmnd", "Color"), str(values["hex"]).lstrip("#"))
        if action is Action.SET_FAN_SPEED:
            return Message(full_topic(device, "cmnd", "FanSpeed"), str(_FAN_MODES.index(values["fan_mode"])))
        word = {Action.TURN_ON: "ON", Action.TURN_OFF: "OFF", Action.TOGGLE: "TOGGLE"}[action]
        return Message(full_topic(device, "cmnd", _power_key(device)), word)

    def state_topics(self, device: Device) -> list[str]:
        return [full_topic(device, "stat", "RESULT"), full_topic(device, "stat", _power_key(device).upper()),
                full_topic(device, "tele", "STATE"), full_topic(device, "tele", "SENSOR"),
                device.mqtt.availability_topic or full_topic(device, "tele", "LWT")]

    def read(self, device: Device, topic: str, payload: bytes) -> Reading:
        if topic == (device.mqtt.availability_topic or full_topic(device, "tele", "LWT")):
            text = (plain_text(payload) or "").lower()
            if text == device.mqtt.payload_available.lower():
                return Reading(online=True)
            if text == device.mqtt.payload_not_available.lower():
                return Reading(online=False)
            return Reading(problem="LWT is neither online nor offline")
        if topic == full_topic(device, "stat", _power_key(device).upper()):
            power = plain_text(payload)
            if power not in ("ON", "OFF"):
                return Reading(problem="power state is neither ON nor OFF")
            return Reading(values={"state": power})
        values = decode_json_object(payload)
        if isinstance(values, str):
            return Reading(problem=values)
        if topic == full_topic(device, "tele", "SENSOR"):
            return Reading(values=_sensor_values(values))
        return Reading(values=self._normalise(device, values))

    def _normalise(self, device: Device, values: dict[str, Any]) -> dict[str, Any]:
        upper = {key.upper(): value for key, value in values.items()}
        normalised: dict[str, Any] = {}
        keys = [_power_key(device).upper()]
        if device.mqtt.tasmota_relay == 1:
            keys.append("POWER")
        for key in keys:
            if upper.get(key) in ("ON", "OFF"):
                normalised["state"] = upper[key]
        dimmer = upper.get("DIMMER")
        if isinstance(dimmer, int | float) and not isinstance(dimmer, bool):
            normalised["dimmer"] = dimmer
            normalised["brightness"] = round(dimmer * 254 / 100)
        if isinstance(upper.get("CT"), int | float):
            normalised["color_temp"] = upper["CT"]
        if isinstance(upper.get("COLOR"), str):
            normalised["color"] = upper["COLOR"]
        speed = upper.get("FANSPEED")
        if isinstance(speed, int) and 0 <= speed < len(_FAN_MODES):
            normalised["fan_mode"] = _FAN_MODES[speed]
            normalised["state"] = "OFF" if speed == 0 else "ON"
        return normalised


def _text(config: dict[str, Any], key: str, default: str) -> str:
    value = config.get(key)
    return value if isinstance(value, str) else default


def discover(payload: bytes) -> list[Discovered] | str:
    """Read one retained `tasmota/discovery/<MAC>/config` message into its devices."""
    config = decode_json_object(payload)
    if isinstance(config, str):
        return f"Tasmota discovery config is unusable: {config}"
    topic, mac = _text(config, "t", ""), _text(config, "mac", "")
    if not topic or not mac:
        return "Tasmota discovery config has no topic (t) or MAC address (mac)"
    full = _text(config, "ft", "%prefix%/%topic%/")
    label = _text(config, "dn", topic) or topic
    names = config["fn"] if isinstance(config.get("fn"), list) else []
    relays = [r if isinstance(r, int) else 0 for r in config.get("rl") or []]
    light_type = config["lt_st"] if isinstance(config.get("lt_st"), int) else 0
    online = str(config.get("onln") or "Online")
    offline = str(config.get("ofln") or "Offline")
    controlled = [(index, kind) for index, kind in enumerate(relays) if kind in (_RELAY, _LIGHT)]

    def mqtt(relay: int) -> DeviceMqtt:
        return DeviceMqtt(convention="tasmota", base_topic=topic, tasmota_full_topic=full, tasmota_relay=relay,
                          payload_available=online, payload_not_available=offline)

    found: list[Discovered] = []
    if config.get("if") and controlled:
        device = Device(id=slug(label, f"tasmota_{mac}"), type=DeviceType.FAN, names=names_from_label(label),
                        capabilities=Capabilities(fan_speeds=3), mqtt=mqtt(0))
        return [Discovered(device, Source.TASMOTA, frozenset({device.id, topic, mac}))]
    for index, kind in controlled:
        name = names[index] if index < len(names) and isinstance(names[index], str) and names[index] else label
        relay = index + 1 if len(controlled) > 1 else 0
        device_id = slug(name, f"tasmota_{mac}") + (f"_{relay}" if relay and name == label else "")
        if kind == _LIGHT:
            device = Device(id=device_id, type=DeviceType.LIGHT, names=names_from_label(name), mqtt=mqtt(relay),
                            capabilities=Capabilities(dimmable=light_type >= 1, color_temp=light_type in (2, 5),
                                                      color=light_type >= 3))
        else:
            device = Device(id=device_id, type=DeviceType.SWITCH, names=names_from_label(name), mqtt=mqtt(relay))
        keys = {device.id, topic if not relay else f"{topic}/{relay}", f"{mac}/{relay}"}
        found.append(Discovered(device, Source.TASMOTA, frozenset(keys),
                                Message(full_topic(device, "cmnd", "State"), "")))
    if not found:
        device = Device(id=slug(label, f"tasmota_{mac}"), type=DeviceType.SENSOR, names=names_from_label(label),
                        mqtt=mqtt(0))
        found.append(Discovered(device, Source.TASMOTA, frozenset({device.id, topic, mac}),
                                Message(full_topic(device, "cmnd", "Status"), "10")))
    return found
