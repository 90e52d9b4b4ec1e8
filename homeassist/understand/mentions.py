"""Find what a normalised sentence mentions: devices, places, kinds, signal words, values.

`MentionScanner` is built once per configuration. It matches every known
phrase exactly (longest phrase first at each position) and reads numbers
with their units. Then it tries to read the words left over as names
misheard by speech-to-text. Latin script is compared by string similarity
and Chinese by toneless pinyin, so that 客听 still finds 客厅.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from homeassist.understand.lexicon import ORDINARY_WORDS, SIGNAL_PHRASES, Signal
from homeassist.understand.normalize import contains_chinese
from homeassist.understand.vocabulary import (
    COLOR_TEMPERATURES_K,
    COLORS,
    FAN_SPEED_WORDS,
    GENERIC_NOUNS,
    HVAC_MODES,
    KIND_NOUNS,
    PLAIN_STATE_WORDS,
    SENSOR_WORDS,
    Kind,
    SensorWord,
)

# A misheard Latin name counts when its rapidfuzz ratio (0-100) with the
# configured name reaches FUZZY_CLOSE_RATIO, or reaches FUZZY_MIN_RATIO and it
# sounds the same (equal `sound_key`). "leaving room" (85.7) passes as
# "living room", "dining room lights" (87.5) does not pass as "living room
# lights". Names shorter than FUZZY_MIN_NAME_CHARS (spaces excluded) must match
# exactly.
FUZZY_CLOSE_RATIO = 92.0
FUZZY_MIN_RATIO = 85.0
FUZZY_MIN_NAME_CHARS = 6

# Soundex digit groups: letters that sound alike share a digit.
_SOUND_CODES = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
                **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%)?")
_UNIT_AFTER_NUMBER = re.compile(r" ?(degrees|度|kelvin)")


@dataclass(frozen=True)
class Place:
    """An area or a configured group, with the devices in it."""

    id: str
    device_ids: frozenset[str]
    is_area: bool


@dataclass
class Meanings:
    """Everything one phrase can mean. The parser picks what fits the sentence."""

    device_ids: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    kind: Kind | None = None
    generic: bool = False
    sensor: SensorWord | None = None
    state: str | None = None
    color: str | None = None
    color_temp_k: int | None = None
    hvac_mode: str | None = None
    fan_speed_pct: int | None = None
    signals: tuple[Signal, ...] = ()
    ordinary: bool = False  # an everyday word that means nothing to the parser

    def only_filler(self) -> bool:
        return self.signals == (Signal.FILLER,) and not self.names_something()

    def names_something(self) -> bool:
        return bool(self.device_ids or self.places)


@dataclass(frozen=True)
class Value:
    """A number in the sentence and its unit: "%", "degrees", "kelvin" or "" for none."""

    number: float
    unit: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    phrase: str
    meanings: Meanings | None = None  # None for a number
    value: Value | None = None
    fuzzy: bool = False


@dataclass
class Scan:
    """The mentions of one sentence, in order, and the words nothing explained."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)

    def signals(self) -> set[Signal]:
        found: set[Signal] = set()
        for mention in self.mentions:
            if mention.meanings is not None:
                found.update(mention.meanings.signals)
        return found

    def meanings(self) -> list[Meanings]:
        return [m.meanings for m in self.mentions if m.meanings is not None]

    def values(self) -> list[Value]:
        return [m.value for m in self.mentions if m.value is not None]


def sound_key(text: str) -> str:
    """Return the Soundex code of `text` without Soundex's four-character cut.

    The whole code is kept so that long names are compared over their full
    length ("leavingroom" and "livingroom" are both l15265).
    """
    letters = [ch for ch in text.lower() if ch.isascii() and ch.isalnum()]
    if not letters:
        return ""
    key = [letters[0]]
    previous = _SOUND_CODES.get(letters[0], "")
    for letter in letters[1:]:
        if letter in "hw":
            continue
        code = _SOUND_CODES.get(letter, "")
        if code and code != previous:
            key.append(code)
        previous = code
    return "".join(key)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_PINYIN_MERGES = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ing", "in"), ("eng", "en"),
                  ("ang", "an"), ("l", "n"))


def loose_pinyin(text: str) -> tuple[str, ...]:
    """Toneless pinyin per character, with the sounds speakers of many accents merge."""
    syllables = []
    for syllable in lazy_pinyin(text):
        for long, short in _PINYIN_MERGES:
            if long == "l" and syllable.startswith("l"):
                syllable = "n" + syllable[1:]
            elif long != "l":
                syllable = syllable.replace(long, short)
        syllables.append(syllable)
    return tuple(syllables)


def _merge(first: Meanings, second: Meanings) -> Meanings:
    """Combine the names of two phrases that sound the same."""
    return Meanings(device_ids=tuple(dict.fromkeys([*first.device_ids, *second.device_ids])),
                    places=tuple(dict.fromkeys([*first.places, *second.places])))


class MentionScanner:
    """Phrase tables for one home, and the scan of a sentence against them."""

    def __init__(self, device_names: Mapping[str, Iterable[str]],
                 place_names: Mapping[str, tuple[Place, ...]]) -> None:
        """`device_names` maps a normalised name to device ids, `place_names` to places."""
        table: dict[str, Meanings] = defaultdict(Meanings)
        for phrase, signals in SIGNAL_PHRASES.items():
            table[phrase].signals = signals
        for phrase, kind in KIND_NOUNS.items():
            table[phrase].kind = kind
        for phrase in GENERIC_NOUNS:
            table[phrase].generic = True
        for phrase, sensor in SENSOR_WORDS.items():
            table[phrase].sensor = sensor
        for phrase in PLAIN_STATE_WORDS:
            table[phrase].state = phrase
        for phrase, color in COLORS.items():
            table[phrase].color = color
        for phrase, kelvin in COLOR_TEMPERATURES_K.items():
            table[phrase].color_temp_k = kelvin
        for phrase, mode in HVAC_MODES.items():
            table[phrase].hvac_mode = mode
        for phrase, speed in FAN_SPEED_WORDS.items():
            table[phrase].fan_speed_pct = speed
        for phrase, ids in device_names.items():
            table[phrase].device_ids = tuple(dict.fromkeys([*table[phrase].device_ids, *ids]))
        for phrase, places in place_names.items():
            table[phrase].places = tuple(dict.fromkeys([*table[phrase].places, *places]))
        for phrase in ORDINARY_WORDS:
            if not table[phrase].names_something():
                table[phrase] = Meanings(ordinary=True)
        self._table = dict(table)
        by_first: dict[str, list[str]] = defaultdict(list)
        for phrase in self._table:
            by_first[phrase[0]].append(phrase)
        self._by_first = {ch: sorted(ps, key=len, reverse=True) for ch, ps in by_first.items()}
        named = [p for p, m in self._table.items() if m.names_something()]
        self._latin_names = [p for p in named if not contains_chinese(p)
                             and len(p.replace(" ", "")) >= FUZZY_MIN_NAME_CHARS]
        # Names that sound alike share one entry, so a homophone of both
        # yields both candidates and the parser reports the ambiguity.
        by_sound: dict[tuple[str, ...], Meanings] = {}
        for phrase in named:
            if not contains_chinese(phrase) or len(phrase) < 2:
                continue
            sound = loose_pinyin(phrase)
            if sound in by_sound:
                by_sound[sound] = _merge(by_sound[sound], self._table[phrase])
            else:
                by_sound[sound] = self._table[phrase]
        self._pinyin_names = sorted(by_sound.items(), key=lambda item: -len(item[0]))

    def meanings(self, phrase: str) -> Meanings | None:
        return self._table.get(phrase)

    def scan(self, text: str) -> Scan:
        result = Scan(text)
        unexplained: list[tuple[int, int]] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == " ":
                i += 1
                continue
            mention = self._match_at(text, i)
            if mention is not None and mention.meanings is not None and mention.meanings.ordinary:
                unexplained.append((mention.start, mention.end))
                i = mention.end
                continue
            if mention is not None:
                result.mentions.append(mention)
                i = mention.end
                continue
            end = i + 1
            if _is_latin(ch):
                while end < len(text) and _is_latin(text[end]):
                    end += 1
            unexplained.append((i, end))
            i = end
        if unexplained:
            self._match_misheard(text, result, unexplained)
        result.mentions.sort(key=lambda m: m.start)
        return result

    def _match_at(self, text: str, i: int) -> Mention | None:
        if text[i].isdigit():
            return self._number_at(text, i)
        for phrase in self._by_first.get(text[i], ()):
            end = i + len(phrase)
            if not text.startswith(phrase, i):
                continue
            if _is_latin(phrase[-1]) and end < len(text) and _is_latin(text[end]):
                continue
            return Mention(i, end, phrase, self._table[phrase])
        return None

    @staticmethod
    def _number_at(text: str, i: int) -> Mention | None:
        match = _NUMBER.match(text, i)
        if match is None:
            return None
        end = match.end()
        if end < len(text) and _is_latin(text[end]) and not match.group(2):
            return None  # part of a word such as "2nd"
        unit = "%" if match.group(2) else ""
        if not unit:
            after = _UNIT_AFTER_NUMBER.match(text, end)
            if after is not None:
                unit = "kelvin" if after.group(1) == "kelvin" else "degrees"
                end = after.end()
        value = Value(float(match.group(1)), unit)
        return Mention(i, end, text[i:end], value=value)

    def _match_misheard(self, text: str, result: Scan,
                        unexplained: list[tuple[int, int]]) -> None:
        # A misheard name often spans words that matched on their own: "bed
        # room light" for "bedroom light", "bedroom lite" where "bedroom" is
        # an area, 卧式灯 for 卧室灯 where 灯 alone is a kind. Runs therefore
        # join unexplained words with adjacent filler, kind and place words,
        # and a match must cover at least one unexplained word.
        units = [(s, e, True) for s, e in unexplained]
        for mention in result.mentions:
            meanings = mention.meanings
            if meanings is not None and not meanings.device_ids and (
                    meanings.only_filler() or meanings.kind is not None or meanings.places):
                units.append((mention.start, mention.end, False))
        units.sort()
        runs: list[list[tuple[int, int, bool]]] = []
        for unit in units:
            if runs and not text[runs[-1][-1][1]:unit[0]].strip():
                runs[-1].append(unit)
            else:
                runs.append([unit])
        explained: set[tuple[int, int]] = set()
        for run in runs:
            if not any(unit[2] for unit in run):
                continue
            match = self._match_pinyin if contains_chinese(text[run[0][0]]) else self._match_latin
            found = match(text, run)
            for start, end, meanings in found:
                result.mentions = [m for m in result.mentions if m.end <= start or m.start >= end]
                result.mentions.append(Mention(start, end, text[start:end], meanings, fuzzy=True))
                explained.update((u[0], u[1]) for u in run if u[2] and start <= u[0] < end)
        result.leftovers = [text[s:e] for s, e in unexplained if (s, e) not in explained]

    def _match_latin(self, text: str,
                     run: list[tuple[int, int, bool]]) -> list[tuple[int, int, Meanings]]:
        found: list[tuple[int, int, Meanings]] = []
        used: set[int] = set()
        for size in (5, 4, 3, 2, 1):
            for first in range(len(run) - size + 1):
                window = run[first:first + size]
                if any(u[0] in used for u in window) or not any(u[2] for u in window):
                    continue
                start, end = window[0][0], window[-1][1]
                best = self._closest_latin_name(text[start:end])
                if best is None:
                    continue
                found.append((start, end, self._table[best]))
                used.update(u[0] for u in window)
        return found

    def _closest_latin_name(self, phrase: str) -> str | None:
        squeezed = phrase.replace(" ", "")
        if len(squeezed) < FUZZY_MIN_NAME_CHARS - 1:
            return None
        best: str | None = None
        best_score = FUZZY_MIN_RATIO
        sound = sound_key(squeezed)
        for name in self._latin_names:
            name_squeezed = name.replace(" ", "")
            score = fuzz.ratio(squeezed, name_squeezed)
            if score < FUZZY_CLOSE_RATIO and (
                    score < FUZZY_MIN_RATIO or sound != sound_key(name_squeezed)):
                continue
            if best is None or score > best_score:
                best, best_score = name, score
        return best

    def _match_pinyin(self, text: str,
                      run: list[tuple[int, int, bool]]) -> list[tuple[int, int, Meanings]]:
        start = run[0][0]
        run_text = text[start:run[-1][1]]
        syllables = loose_pinyin(run_text)
        if len(syllables) != len(run_text):
            return []  # mixed scripts, so pinyin no longer lines up with characters
        unexplained = [False] * len(run_text)
        for unit in run:
            if unit[2]:
                for k in range(unit[0] - start, unit[1] - start):
                    unexplained[k] = True
        taken = [False] * len(run_text)
        found: list[tuple[int, int, Meanings]] = []
        for name_syllables, meanings in self._pinyin_names:
            size = len(name_syllables)
            for offset in range(len(syllables) - size + 1):
                span = range(offset, offset + size)
                if any(taken[k] for k in span) or not any(unexplained[k] for k in span):
                    continue
                if syllables[offset:offset + size] != name_syllables:
                    continue
                found.append((start + offset, start + offset + size, meanings))
                for k in span:
                    taken[k] = True
        return found
