"""Reading a scanned sentence into the features the rule path decides on."""

from __future__ import annotations

from dataclasses import dataclass, field

from homeassist.config import DeviceType
from homeassist.understand.lexicon import QUESTION_AT_START, Signal
from homeassist.understand.mentions import Meanings, Scan, Value
from homeassist.understand.normalize import contains_chinese
from homeassist.understand.targets import HomeIndex, KindFilter, Request

S = Signal

_PREPOSITION_FILLERS = frozenset({"the", "my", "our"})


@dataclass
class Frame:
    """Features of one normalised sentence, gathered from its scan."""

    scan: Scan
    request: Request
    signals: set[Signal] = field(default_factory=set)
    values: list[Value] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    color_temps_k: list[int] = field(default_factory=list)
    hvac_modes: list[str] = field(default_factory=list)
    fan_speeds_pct: list[int] = field(default_factory=list)
    sensor_words: list[tuple[int, str]] = field(default_factory=list)  # (mention index, phrase)
    hinted_types: set[DeviceType] = field(default_factory=set)
    question: bool = False
    light_up: bool = False

    def value(self, unit: str) -> float | None:
        return next((v.number for v in self.values if v.unit == unit), None)

    def has(self, *signals: Signal) -> bool:
        return any(s in self.signals for s in signals)


def read_sentence(scan: Scan, index: HomeIndex) -> Frame:
    """Gather the features of a scanned sentence."""
    frame = Frame(scan, Request())
    mentions = scan.mentions
    for position, mention in enumerate(mentions):
        if mention.value is not None:
            frame.values.append(mention.value)
            continue
        meanings = mention.meanings
        assert meanings is not None
        if mention.phrase == "light" and position == 0 and _up_follows(scan, position):
            frame.light_up = True
            continue
        if not (mention.phrase == "switch" and position == 0):  # "switch the fan to low"
            _add_target_words(frame, mention.phrase, meanings, index)
        signals = set(meanings.signals)
        if mention.phrase == "light":
            signals.discard(S.LIGHT_UP)  # a noun unless it starts "light ... up"
        frame.signals.update(signals)
        if meanings.state is not None:
            frame.request.states.add(meanings.state)
        if meanings.sensor is not None:
            frame.sensor_words.append((position, mention.phrase))
        if meanings.color is not None:
            frame.colors.append(meanings.color)
        if meanings.color_temp_k is not None:
            frame.color_temps_k.append(meanings.color_temp_k)
        if meanings.hvac_mode is not None:
            frame.hvac_modes.append(meanings.hvac_mode)
        if meanings.fan_speed_pct is not None:
            frame.fan_speeds_pct.append(meanings.fan_speed_pct)
        if S.PARTICLE_ON in meanings.signals and _is_preposition(scan, position):
            frame.signals.discard(S.PARTICLE_ON)
    frame.light_up = frame.light_up or S.LIGHT_UP in frame.signals
    if frame.light_up:
        frame.signals -= {S.UP}
    frame.request.listed = S.AND in frame.signals
    frame.request.home = S.HOME in frame.signals
    frame.request.here = S.HERE in frame.signals
    frame.question = _is_question(scan, frame)
    return frame


def _add_target_words(frame: Frame, phrase: str, meanings: Meanings, index: HomeIndex) -> None:
    request = frame.request
    if meanings.device_ids and _prefer_device(meanings, index):
        request.named.append(meanings)
        frame.hinted_types.update(index.device_type(d) for d in meanings.device_ids)
    elif meanings.places:
        request.places.extend(meanings.places)
    elif meanings.kind is not None:
        request.kinds.append(KindFilter(meanings.kind, phrase))
        frame.hinted_types.update(meanings.kind.types)
    if meanings.generic:
        request.generic = True


def _prefer_device(meanings: Meanings, index: HomeIndex) -> bool:
    """Decide whether a phrase that is also a kind or sensor word names its device."""
    devices = [index.devices[d] for d in meanings.device_ids]
    if meanings.kind is not None and not all(d.type in meanings.kind.types for d in devices):
        return False
    if meanings.sensor is not None:
        classes = {index.device_classes.get(d.id) for d in devices}
        return meanings.sensor.device_class in classes
    return True


def _up_follows(scan: Scan, position: int) -> bool:
    return any(m.meanings is not None and S.UP in m.meanings.signals
               for m in scan.mentions[position + 1:])


def _is_preposition(scan: Scan, position: int) -> bool:
    """Tell "on the first floor" (a place) from the particle of "turn the lights on"."""
    for mention in scan.mentions[position + 1:]:
        if mention.phrase in _PREPOSITION_FILLERS:
            continue
        return mention.meanings is not None and bool(mention.meanings.places)
    return False


def _is_question(scan: Scan, frame: Frame) -> bool:
    if frame.has(S.TEMPERATURE_QUESTION):
        return True
    if contains_chinese(scan.text):
        if frame.has(S.QUESTION):
            return True
        # "现在温度": a temperature word with no verb and no number asks for it.
        verbs = (S.SET, S.ON, S.OFF, S.UP, S.DOWN, S.WARMER, S.COOLER, S.OPEN, S.CLOSE)
        return frame.has(S.TEMPERATURE) and not frame.values and not frame.has(*verbs)
    first = next((m for m in scan.mentions if m.meanings is not None), None)
    return first is not None and first.phrase in QUESTION_AT_START
