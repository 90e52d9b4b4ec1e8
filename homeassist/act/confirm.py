"""Expected device states: what a reported state must show for a command to count as done.

Every convention reports state in one vocabulary, the one zigbee2mqtt uses:
`state` ON/OFF (OPEN/CLOSE for covers), `brightness` 0–254, `color_temp` in
mired, `position` 0–100, `system_mode`, the setpoint under the device's
`setpoint_key`, `fan_mode` or `percentage`. Expectations are written in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassist.config import Device, DeviceType
from homeassist.understand.intent import Action


@dataclass(frozen=True)
class Check:
    """One state value to look for: one of `words` (any case), a number within `tolerance`, or any value."""

    key: str
    words: tuple[str, ...] = ()
    number: float | None = None
    tolerance: float = 0.0

    def met_by(self, values: dict[str, Any]) -> bool:
        if self.key not in values:
            return False
        value = values[self.key]
        if self.words:
            return isinstance(value, str) and value.upper() in self.words
        if self.number is not None:
            return (isinstance(value, int | float) and not isinstance(value, bool)
                    and abs(value - self.number) <= self.tolerance)
        return value is not None


@dataclass(frozen=True)
class Expectation:
    """Checks of which any one, met by a state reported after the command was sent, confirms it."""

    any_of: tuple[Check, ...]

    def met_by(self, values: dict[str, Any]) -> bool:
        return any(check.met_by(values) for check in self.any_of)


def _on_off(on: bool) -> Check:
    return Check("state", ("ON",) if on else ("OFF",))


def expected_state(action: Action, device: Device, values: dict[str, Any],
                   current: dict[str, Any]) -> Expectation | None:
    """Return what the state must show after `action`, or None when nothing observable follows from it.

    `values` are the validated command values built by the planner; `current`
    is the state before the command, which a toggle needs.
    """
    if device.type is DeviceType.CLIMATE:
        if action is Action.TURN_OFF:
            return Expectation((Check("system_mode", ("OFF",)),))
        if action is Action.TURN_ON:
            modes = tuple(m.upper() for m in device.capabilities.hvac_modes if m != "off")
            return Expectation((Check("system_mode", modes),))
        if action is Action.SET_HVAC_MODE:
            return Expectation((Check("system_mode", (str(values["mode"]).upper(),)),))
        if action is Action.SET_TEMPERATURE:
            half_step = device.capabilities.temp_step_c / 2
            return Expectation((Check(device.mqtt.setpoint_key, number=values["temperature_c"],
                                      tolerance=half_step),))
        return None
    if device.type is DeviceType.COVER:
        if action is Action.OPEN:
            return Expectation((Check("state", ("OPEN", "OPENING")), Check("position", number=100, tolerance=2)))
        if action is Action.CLOSE:
            return Expectation((Check("state", ("CLOSE", "CLOSED", "CLOSING")),
                                Check("position", number=0, tolerance=2)))
        if action is Action.SET_POSITION:
            return Expectation((Check("position", number=values["percent"], tolerance=2),))
        return None
    if action is Action.TURN_ON:
        return Expectation((_on_off(True),))
    if action is Action.TURN_OFF:
        return Expectation((_on_off(False),))
    if action is Action.TOGGLE:
        before = current.get("state")
        if isinstance(before, str) and before.upper() in ("ON", "OFF"):
            return Expectation((_on_off(before.upper() == "OFF"),))
        return Expectation((Check("state", ("ON", "OFF")),))
    if action is Action.SET_BRIGHTNESS:
        # Devices round brightness to their own steps; 3 of 254 is about 1 %.
        return Expectation((Check("brightness", number=values["brightness_254"], tolerance=3),))
    if action is Action.SET_COLOR_TEMP:
        mired = values["mired"]
        return Expectation((Check("color_temp", number=mired, tolerance=max(5.0, mired * 0.03)),))
    if action is Action.SET_COLOR:
        # NOTE: devices report colour as xy or hue/saturation within their gamut, which rarely equals
        # the requested hex value. So any colour report after the command counts, and the colour is not compared.
        return Expectation((Check("color"),))
    if action is Action.SET_FAN_SPEED:
        return Expectation((Check("fan_mode", (str(values["fan_mode"]).upper(),)),
                            Check("percentage", number=values["percent"], tolerance=1)))
    return None
