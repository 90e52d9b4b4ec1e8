"""The rule path: a fast, deterministic parser for common home commands.

`RuleParser.parse` returns an `Intent` only when it is confident, and None
to hand the sentence to the LLM path. Its contract:

- Devices are resolved to configured ids here; an intent never carries names.
- A name that fits several devices equally returns `ambiguous` candidates and
  no `device_ids`.
- A command whose target is unknown ("turn on the garage disco ball") returns
  its action with no `device_ids`, so nothing is changed and the assistant
  can say it does not know the device. It never falls back to another device
  of the same place or kind.
- Sentences that are not commands or questions about devices return None.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from homeassist.config import Config, DeviceType
from homeassist.understand.context import Context
from homeassist.understand.intent import Action, Intent
from homeassist.understand.lexicon import Signal
from homeassist.understand.normalize import contains_chinese, normalize
from homeassist.understand.sentence import Frame, read_sentence
from homeassist.understand.targets import DeviceGroup, HomeIndex, KindFilter, Selection
from homeassist.understand.vocabulary import (
    CLIMATE,
    COVER,
    FAN,
    LIGHT,
    SENSOR_WORDS,
    Kind,
)

logger = logging.getLogger(__name__)

S = Signal
T = DeviceType

# Percentage points for "brighter" / "调暗一点" without a number.
BRIGHTNESS_STEP_PCT = 20.0
# Degrees Celsius for "warmer" / "高一点" without a number.
TEMPERATURE_STEP_C = 1.0
# Speed levels assumed for "二档" when a fan does not state `fan_speeds`.
DEFAULT_FAN_LEVELS = 3

ALL_TYPES = frozenset(DeviceType)
COMMAND_TYPES = ALL_TYPES - {T.SENSOR}
_DETECTION_STATES = frozenset({"detected", "triggered"})


@dataclass(frozen=True)
class _Command:
    """An action family before its targets are known."""

    action: Action
    value: float | str | None
    default_kinds: tuple[KindFilter, ...]
    allowed_types: frozenset[DeviceType]
    implies_target: bool  # whether a sentence without a target means every default-kind device


class RuleParser:
    """Rule-based understanding for one configuration, built once and called per sentence."""

    def __init__(self, config: Config, *, groups: Sequence[DeviceGroup] = (),
                 device_classes: Mapping[str, str] | None = None) -> None:
        """Index `config` for matching.

        `groups` adds named device sets such as floors. `device_classes` maps
        a device id to its Home Assistant class ("curtain", "moisture"), which
        lets a user ask by class ("are any windows open").

        NOTE: `Config` has no groups or device classes yet, so a parser built
        from a configuration alone knows areas, names and device types only.
        """
        self._index = HomeIndex(config, groups, device_classes)

    def parse(self, text: str, context: Context | None = None) -> Intent | None:
        normalized = normalize(text)
        if not normalized:
            return None
        frame = read_sentence(self._index.scanner.scan(normalized), self._index)
        intent = self._decide(frame, context)
        logger.debug("rule path: %r -> %s", normalized, intent)
        return intent

    def _decide(self, frame: Frame, context: Context | None) -> Intent | None:
        if self._is_nevermind(frame):
            return Intent(Action.NONE)
        if frame.question:
            return self._query(frame, context.satellite_area if context else None)
        command = self._command(frame, context)
        if command is None:
            return self._follow_up(frame, context)
        return self._resolve(frame, command, context)

    def _is_nevermind(self, frame: Frame) -> bool:
        return (frame.has(S.NEVERMIND) and not frame.scan.leftovers
                and not frame.request.names_target())

    # --- questions ----------------------------------------------------------

    def _query(self, frame: Frame, satellite_area: str | None) -> Intent | None:
        request = frame.request
        if frame.scan.leftovers and not request.named:
            return None
        pure_names = [m for m in request.named if m.kind is None and m.sensor is None]
        if pure_names:
            # "the amount of gas indicated by monthly gas consumption": "gas" is
            # also the name of a gas sensor, but the full name is what is asked.
            request.named = pure_names
        self._add_sensor_classes(frame)
        default_kinds: tuple[KindFilter, ...] = ()
        if frame.has(S.TEMPERATURE, S.TEMPERATURE_QUESTION) and not request.sensor_classes:
            default_kinds = (KindFilter(CLIMATE, ""),)
            request.kinds = [k for k in request.kinds if T.CLIMATE in k.kind.types]
        elif not (request.kinds or request.sensor_classes or request.generic or request.named):
            return None
        selection = self._index.select(request, default_kinds=default_kinds,
                                       allowed_types=ALL_TYPES, satellite_area=satellite_area)
        return _intent(Action.QUERY_STATE, selection, None)

    def _add_sensor_classes(self, frame: Frame) -> None:
        """Turn sensor words into classes. A state word ("charging") outranks a noun ("battery")."""
        request = frame.request
        mentions = frame.scan.mentions
        nouns: set[str] = set()
        states: set[str] = set()
        for index, phrase in frame.sensor_words:
            if phrase == "home" and index > 0 and mentions[index - 1].phrase in (
                    "the", "my", "our", "in", "entire", "whole"):
                continue
            if phrase == "home":
                request.home = False
            word = SENSOR_WORDS[phrase]
            (states if word.state_word else nouns).add(word.device_class)
        detection = request.states & _DETECTION_STATES
        if detection and any(T.LIGHT in k.kind.types for k in request.kinds):
            request.kinds = [k for k in request.kinds if T.LIGHT not in k.kind.types]
            states.add("light")  # "which lights are detected": light sensors
        request.sensor_classes = states or nouns
        if request.sensor_classes:
            request.kinds = [k for k in request.kinds if T.SENSOR in k.kind.types]

    # --- commands -----------------------------------------------------------

    def _command(self, frame: Frame, context: Context | None) -> _Command | None:
        hinted = frame.hinted_types or self._context_types(frame, context)
        percent = frame.value("%")
        # NOTE: degrees are taken as Celsius. Fahrenheit is not recognised.
        degrees = frame.value("degrees")
        bare = frame.value("")
        light_only = not hinted or hinted <= {T.LIGHT}

        if frame.has(S.TOGGLE):
            return _switch(Action.TOGGLE, None)
        changes_level = frame.has(S.UP, S.DOWN, S.WARMER, S.COOLER)
        if frame.hvac_modes and (not hinted or T.CLIMATE in hinted) and not (
                frame.colors or changes_level):
            mode = "off" if frame.has(S.OFF) else frame.hvac_modes[0]
            return _climate(Action.SET_HVAC_MODE, mode)
        kelvin = frame.value("kelvin")
        if kelvin is None and frame.has(S.COLOR_TEMP):
            kelvin = bare
        if kelvin is None and frame.color_temps_k:
            kelvin = frame.color_temps_k[0]
        if kelvin is not None and light_only:
            return _light(Action.SET_COLOR_TEMP, float(kelvin))
        relative = self._relative(frame, hinted, percent, degrees, bare)
        if relative is not None:
            return relative
        if frame.colors and light_only:
            return _light(Action.SET_COLOR, frame.colors[0])
        absolute = self._absolute(frame, hinted, percent, degrees, bare)
        if absolute is not None:
            return absolute
        return self._switching(frame)

    def _relative(self, frame: Frame, hinted: set[DeviceType], percent: float | None,
                  degrees: float | None, bare: float | None) -> _Command | None:
        up = frame.has(S.UP, S.BRIGHTER, S.WARMER)
        down = frame.has(S.DOWN, S.DIMMER, S.COOLER)
        if up == down:
            return None
        sign = 1.0 if up else -1.0
        brightness = frame.has(S.BRIGHTER, S.DIMMER) or (
            frame.has(S.BRIGHTNESS) or hinted == {T.LIGHT})
        temperature = frame.has(S.WARMER, S.COOLER, S.TEMPERATURE) or T.CLIMATE in hinted
        if brightness and not frame.has(S.WARMER, S.COOLER):
            step = percent if percent is not None else BRIGHTNESS_STEP_PCT
            return _relative_command(_light(Action.ADJUST_BRIGHTNESS, sign * step))
        if temperature:
            step = next((v for v in (degrees, bare) if v is not None), TEMPERATURE_STEP_C)
            return _relative_command(_climate(Action.ADJUST_TEMPERATURE, sign * step))
        if hinted and hinted <= {T.COVER}:
            return _cover(Action.OPEN if up else Action.CLOSE, None)
        return None

    def _absolute(self, frame: Frame, hinted: set[DeviceType], percent: float | None,
                  degrees: float | None, bare: float | None) -> _Command | None:
        number = percent if percent is not None else bare
        fan = T.FAN in hinted and hinted <= {T.FAN}
        cover = T.COVER in hinted and hinted <= {T.COVER}
        light = not hinted or hinted <= {T.LIGHT}
        extreme: float | None = None  # "maximum", "最暗"
        if frame.has(S.MAX):
            extreme = 100.0
        elif frame.has(S.MIN):
            extreme = 1.0

        light_value = percent if percent is not None else extreme
        if light_value is None and frame.has(S.SET) and hinted == {T.LIGHT}:
            light_value = bare  # "卧室灯调到五十": a number set on a light is its brightness
        other_quantity = frame.has(S.TEMPERATURE, S.SPEED, S.POSITION)
        if frame.has(S.BRIGHTNESS) or (light and light_value is not None and not other_quantity):
            value = number if number is not None else extreme
            return _light(Action.SET_BRIGHTNESS, value) if value is not None else None
        temperature = degrees if degrees is not None else bare
        if (frame.has(S.TEMPERATURE) or degrees is not None or T.CLIMATE in hinted) and (
                temperature is not None):
            return _climate(Action.SET_TEMPERATURE, temperature)
        if (frame.has(S.SPEED) or fan) and (number is not None or frame.fan_speeds_pct):
            if frame.fan_speeds_pct and number is None:
                return _fan(float(frame.fan_speeds_pct[0]))
            if percent is None and number is not None and frame.has(S.SPEED) and number <= 10:
                return _fan(-number)  # a level, converted to percent once the fan is known
            return _fan(number) if number is not None else None
        if (frame.has(S.POSITION) or cover) and number is not None:
            return _cover(Action.SET_POSITION, number)
        return None

    def _switching(self, frame: Frame) -> _Command | None:
        on = frame.has(S.ON, S.PARTICLE_ON) or frame.light_up
        off = frame.has(S.OFF, S.PARTICLE_OFF)
        if on and off:
            # An explicit verb ("turn off") outranks a stray particle.
            on, off = frame.has(S.ON) or frame.light_up, frame.has(S.OFF)
        if on != off:
            if frame.light_up:
                return _Command(Action.TURN_ON, None, (KindFilter(LIGHT, ""),), COMMAND_TYPES, True)
            return _switch(Action.TURN_ON if on else Action.TURN_OFF, None)
        opening = frame.has(S.OPEN)
        closing = frame.has(S.CLOSE)
        if opening != closing:
            return _cover(Action.OPEN if opening else Action.CLOSE, None, switchable=True)
        request = frame.request
        only_names = request.named and not request.places and not request.kinds
        if only_names and not frame.signals - {S.FILLER} and not frame.values:
            return _switch(Action.TURN_ON, None)  # a bare device name ("overhead light")
        return None

    def _context_types(self, frame: Frame, context: Context | None) -> set[DeviceType]:
        if context is None or frame.request.names_target():
            return set()
        return {self._index.device_type(d) for d in context.last_devices
                if d in self._index.devices}

    # --- targets ------------------------------------------------------------

    def _resolve(self, frame: Frame, command: _Command, context: Context | None) -> Intent | None:
        request = frame.request
        satellite_area = context.satellite_area if context else None
        if frame.scan.leftovers:
            if request.named or request.kinds:
                return None  # part of the sentence is not understood
            # An unknown device: nothing is changed, and the reply can name it.
            return Intent(command.action, value=command.value, heard_device=_heard_words(frame))
        default_kinds = command.default_kinds
        if not request.names_target():
            previous = self._previous_devices(command, context)
            if previous:
                return self._finish(command, Selection(previous))
            if not (command.implies_target or satellite_area):
                return Intent(command.action, value=command.value)
        elif frame.has(S.ALSO) and not request.kinds and not request.named and context:
            default_kinds = self._kinds_of(context.last_devices) or default_kinds
        selection = self._index.select(request, default_kinds=default_kinds,
                                       allowed_types=command.allowed_types,
                                       satellite_area=satellite_area)
        return self._finish(command, selection, frame.hinted_types, _heard_words(frame))

    def _previous_devices(self, command: _Command, context: Context | None) -> tuple[str, ...]:
        if context is None:
            return ()
        return tuple(d for d in context.last_devices
                     if d in self._index.devices
                     and self._index.device_type(d) in command.allowed_types)

    def _kinds_of(self, device_ids: Sequence[str]) -> tuple[KindFilter, ...]:
        types = {self._index.device_type(d) for d in device_ids if d in self._index.devices}
        return tuple(KindFilter(Kind(frozenset({t})), "") for t in sorted(types))

    def _finish(self, command: _Command, selection: Selection,
                hinted_types: set[DeviceType] | None = None, heard: str = "") -> Intent:
        """Fit the action to the chosen devices' types (打开 opens a cover) and build the intent.

        `heard` is kept only when no device matched, for the reply that says so.
        """
        action, value = command.action, command.value
        types = {self._index.device_type(d) for d in selection.device_ids}
        if not types and not selection.ambiguous and hinted_types:
            # Nothing matched ("the garage door" in a home without one): the
            # words still tell whether it opens or switches.
            types = hinted_types & command.allowed_types
        if action in (Action.TURN_ON, Action.TURN_OFF) and types and types <= {T.COVER}:
            action = Action.OPEN if action is Action.TURN_ON else Action.CLOSE
        elif action in (Action.OPEN, Action.CLOSE) and types and not types & {T.COVER}:
            action = Action.TURN_ON if action is Action.OPEN else Action.TURN_OFF
        elif action is Action.TURN_OFF and types == {T.CLIMATE}:
            action, value = Action.SET_HVAC_MODE, "off"
        if action is Action.SET_FAN_SPEED and isinstance(value, float) and value < 0:
            value = self._fan_level_to_percent(-value, selection.device_ids)
        intent = _intent(action, selection, value)
        if not intent.device_ids and not intent.ambiguous and heard:
            intent = replace(intent, heard_device=heard)
        return intent

    def _fan_level_to_percent(self, level: float, device_ids: Sequence[str]) -> float:
        levels = [self._index.devices[d].capabilities.fan_speeds for d in device_ids]
        max_level = max([n for n in levels if n] or [DEFAULT_FAN_LEVELS])
        return round(min(level, max_level) / max_level * 100.0, 1)

    # --- follow-ups ---------------------------------------------------------

    def _follow_up(self, frame: Frame, context: Context | None) -> Intent | None:
        """Repeat the previous action on a new target ("那卧室呢", "also the bedroom")."""
        request = frame.request
        previous = context.last_intent if context else None
        if previous is None or context is None or frame.scan.leftovers:
            return None
        if not (request.places or request.named or request.kinds):
            return None
        previous_kinds = self._kinds_of(previous.device_ids)
        if not previous_kinds:
            return None
        if request.named or request.kinds:
            # A named device or kind may differ from the previous one ("and the
            # garage door" after "turn off the kitchen light").
            allowed = ALL_TYPES if previous.action is Action.QUERY_STATE else COMMAND_TYPES
        else:
            allowed = frozenset(t for k in previous_kinds for t in k.kind.types)
        command = _Command(previous.action, previous.value, previous_kinds, allowed, True)
        selection = self._index.select(request, default_kinds=previous_kinds,
                                       allowed_types=allowed,
                                       satellite_area=context.satellite_area)
        return self._finish(command, selection, frame.hinted_types)


def _heard_words(frame: Frame) -> str:
    """Return the words that named the target: the unknown ones, else the kind nouns."""
    words = frame.scan.leftovers or [k.noun for k in frame.request.kinds if k.noun]
    separator = "" if contains_chinese("".join(words)) else " "
    return separator.join(words)


def _intent(action: Action, selection: Selection, value: float | str | None) -> Intent:
    if selection.ambiguous:
        return Intent(action, value=value, ambiguous=selection.ambiguous)
    return Intent(action, selection.device_ids, value=value)


def _relative_command(command: _Command) -> _Command:
    """Make a relative change apply only to a named, previous or nearby device.

    "Brighter" with no target, no previous turn and no known room would
    otherwise change every light in the home.
    """
    return _Command(command.action, command.value, command.default_kinds,
                    command.allowed_types, implies_target=False)


def _switch(action: Action, value: float | str | None) -> _Command:
    return _Command(action, value, (KindFilter(LIGHT, ""),), COMMAND_TYPES, False)


def _light(action: Action, value: float | str | None) -> _Command:
    return _Command(action, value, (KindFilter(LIGHT, ""),), frozenset({T.LIGHT}), True)


def _climate(action: Action, value: float | str | None) -> _Command:
    return _Command(action, value, (KindFilter(CLIMATE, ""),), frozenset({T.CLIMATE}), True)


def _cover(action: Action, value: float | str | None, *, switchable: bool = False) -> _Command:
    allowed = COMMAND_TYPES if switchable else frozenset({T.COVER})
    return _Command(action, value, (KindFilter(COVER, ""),), allowed, not switchable)


def _fan(value: float) -> _Command:
    return _Command(Action.SET_FAN_SPEED, value, (KindFilter(FAN, ""),), frozenset({T.FAN}), True)


__all__ = ["DeviceGroup", "RuleParser"]
