"""Check an intent against the configured devices and turn it into MQTT commands.

Nothing here publishes. A plan either holds commands that are all valid, or a
problem to say to the user, never both: an impossible value for one device
stops the whole request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from string import Template
from typing import Any

from homeassist.act.confirm import Expectation, expected_state
from homeassist.act.conventions import convention_for
from homeassist.act.conventions.zigbee2mqtt import fan_mode_for
from homeassist.config import Config, Device, DeviceType
from homeassist.state import StateStore
from homeassist.understand.guard import mentions
from homeassist.understand.intent import DEVICE_ACTIONS, Action, Intent

COLOR_HEX = {
    "red": "#FF0000", "green": "#00FF00", "blue": "#0000FF", "white": "#FFFFFF", "yellow": "#FFFF00",
    "orange": "#FFA500", "purple": "#800080", "pink": "#FFC0CB", "warm": "#FFB46B", "cold": "#CAE1FF",
}
# Words that refer to every device of a kind or everywhere, so an LLM intent
# that names them may cover several devices.


@dataclass(frozen=True)
class Command:
    """One message to publish; `expect` is the state that confirms it, None when none can."""

    device_id: str
    topic: str
    payload: str
    expect: Expectation | None = None


@dataclass(frozen=True)
class Problem:
    """Why nothing will be done, as a catalog key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    action: Action
    device_ids: tuple[str, ...] = ()
    value: float | str | None = None
    commands: tuple[Command, ...] = ()
    problem: Problem | None = None


def _effective_action(action: Action, device: Device) -> Action:
    """Map an action to what it means for this kind of device (打开 opens a curtain, lights a lamp)."""
    if device.type is DeviceType.COVER:
        return {Action.TURN_ON: Action.OPEN, Action.TURN_OFF: Action.CLOSE}.get(action, action)
    return {Action.OPEN: Action.TURN_ON, Action.CLOSE: Action.TURN_OFF}.get(action, action)


_SUPPORTED: dict[DeviceType, frozenset[Action]] = {
    DeviceType.LIGHT: frozenset({Action.TURN_ON, Action.TURN_OFF, Action.TOGGLE, Action.SET_BRIGHTNESS,
                                 Action.ADJUST_BRIGHTNESS, Action.SET_COLOR_TEMP, Action.SET_COLOR}),
    DeviceType.CLIMATE: frozenset({Action.TURN_ON, Action.TURN_OFF, Action.SET_TEMPERATURE,
                                   Action.ADJUST_TEMPERATURE, Action.SET_HVAC_MODE}),
    DeviceType.COVER: frozenset({Action.OPEN, Action.CLOSE, Action.SET_POSITION}),
    DeviceType.FAN: frozenset({Action.TURN_ON, Action.TURN_OFF, Action.TOGGLE, Action.SET_FAN_SPEED}),
    DeviceType.SWITCH: frozenset({Action.TURN_ON, Action.TURN_OFF, Action.TOGGLE}),
    DeviceType.SENSOR: frozenset(),
}


def _number(value: float | str | None) -> float | None:
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _payload_values(action: Action, device: Device, value: float | str | None) -> dict[str, Any] | Problem:
    """Return the values a payload is built from, or the problem with `value`."""
    caps = device.capabilities
    name = device.id
    number = _number(value)
    if action in (Action.SET_BRIGHTNESS, Action.SET_POSITION, Action.SET_FAN_SPEED):
        if action is Action.SET_BRIGHTNESS and not caps.dimmable:
            return Problem("reply_unsupported", {"name": name})
        if number is None or not 0 <= number <= 100:
            return Problem("reply_out_of_range", {"name": name, "low": 0, "high": 100, "unit": "%", "value": value})
        percent = round(number)
        return {"percent": percent, "brightness_254": round(percent * 254 / 100), "fan_mode": fan_mode_for(percent)}
    if action is Action.SET_TEMPERATURE:
        if number is None or not caps.min_temp_c <= number <= caps.max_temp_c:
            return Problem("reply_out_of_range", {"name": name, "low": f"{caps.min_temp_c:g}",
                                                  "high": f"{caps.max_temp_c:g}", "unit": "°C", "value": value})
        snapped = round(number / caps.temp_step_c) * caps.temp_step_c
        return {"temperature_c": round(snapped, 2)}
    if device.type is DeviceType.CLIMATE and action in (Action.TURN_ON, Action.TURN_OFF):
        if not [m for m in caps.hvac_modes if m != "off"]:
            return Problem("reply_unsupported", {"name": name})
        return {}
    if action is Action.SET_HVAC_MODE:
        if not isinstance(value, str) or value not in caps.hvac_modes:
            return Problem("reply_bad_mode", {"name": name, "value": value, "modes": ", ".join(caps.hvac_modes)})
        return {"mode": value}
    if action is Action.SET_COLOR_TEMP:
        if not caps.color_temp:
            return Problem("reply_unsupported", {"name": name})
        if number is None or not 1500 <= number <= 9000:
            return Problem("reply_out_of_range", {"name": name, "low": 1500, "high": 9000, "unit": "K", "value": value})
        return {"kelvin": round(number), "mired": round(1_000_000 / number)}
    if action is Action.SET_COLOR:
        if not caps.color:
            return Problem("reply_unsupported", {"name": name})
        if not isinstance(value, str) or value not in COLOR_HEX:
            return Problem("reply_not_understood")
        return {"color": value, "hex": COLOR_HEX[value]}
    return {}


def _relative_to_absolute(action: Action, device: Device, delta: float | None,
                          states: StateStore) -> tuple[Action, float] | Problem:
    """Turn "brighter" or "warmer" into an absolute value from the tracked state."""
    state = states.get(device.id)
    if delta is None:
        return Problem("reply_not_understood")
    if action is Action.ADJUST_BRIGHTNESS:
        current = state.values.get("brightness") if state else None
        if not isinstance(current, int | float):
            return Problem("reply_state_unknown", {"name": device.id})
        percent = current * 100 / 254 + delta
        return Action.SET_BRIGHTNESS, float(min(100, max(1, round(percent))))
    current = None
    if state:
        current = state.values.get(device.mqtt.setpoint_key, state.values.get("current_heating_setpoint"))
    if not isinstance(current, int | float):
        return Problem("reply_state_unknown", {"name": device.id})
    caps = device.capabilities
    return Action.SET_TEMPERATURE, min(caps.max_temp_c, max(caps.min_temp_c, float(current) + delta))


def plan_intent(intent: Intent, config: Config, states: StateStore) -> Plan:
    """Validate `intent` and build its commands, or the problem to report."""
    base = Plan(intent.action, intent.device_ids, intent.value)
    if intent.ambiguous:
        return Plan(intent.action, intent.ambiguous, intent.value,
                    problem=Problem("reply_ambiguous", {"device_ids": intent.ambiguous}))
    if intent.action not in DEVICE_ACTIONS:
        return base
    if not intent.device_ids:
        if intent.heard_device:
            return Plan(intent.action, problem=Problem("reply_unknown_device", {"name": intent.heard_device}))
        return Plan(intent.action, problem=Problem("reply_no_device"))
    known = {d.id for d in config.devices}
    unknown = [d for d in intent.device_ids if d not in known]
    if unknown:
        return Plan(intent.action, problem=Problem("reply_unknown_device", {"name": unknown[0]}))
    devices = [config.device(d) for d in intent.device_ids]
    if intent.source == "llm" and not all(mentions(d, config, intent.heard_device) for d in devices):
        # The model picked devices the user's words do not name: never act on a guess.
        name = intent.heard_device or intent.device_ids[0]
        return Plan(intent.action, problem=Problem("reply_unknown_device", {"name": name}))
    if intent.action is Action.QUERY_STATE:
        return base

    commands: list[Command] = []
    final_action: Action = intent.action
    final_value = intent.value
    for device in devices:
        action = _effective_action(intent.action, device)
        value = intent.value
        if action in (Action.ADJUST_BRIGHTNESS, Action.ADJUST_TEMPERATURE):
            converted = _relative_to_absolute(action, device, _number(value), states)
            if isinstance(converted, Problem):
                return Plan(intent.action, intent.device_ids, problem=converted)
            action, value = converted
        convention = convention_for(device)
        if action not in _SUPPORTED[device.type] or not convention.supports(device, action):
            return Plan(intent.action, intent.device_ids, problem=Problem("reply_unsupported", {"name": device.id}))
        values = _payload_values(action, device, value)
        if isinstance(values, Problem):
            return Plan(intent.action, intent.device_ids, problem=values)
        state = states.get(device.id)
        current = dict(state.values) if state else {}
        values["current_state"] = current.get("state")
        message = convention.command(device, action, values)
        template = device.mqtt.payloads.get(action.value)
        payload = Template(template).substitute(values) if template is not None else message.payload
        expect = expected_state(action, device, values, current)
        commands.append(Command(device.id, message.topic, payload, expect))
        final_action = action
        final_value = values.get("temperature_c", values.get("percent", values.get("mode", value)))
    return Plan(final_action, intent.device_ids, final_value, tuple(commands))
