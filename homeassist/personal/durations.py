"""Spoken durations in English and Chinese ("an hour and a half", "一个半小时") read as seconds."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d+(?:\.\d+)?"

_EN_UNIT_SECONDS = {"hour": 3600, "hr": 3600, "h": 3600, "minute": 60, "min": 60, "second": 1, "sec": 1, "s": 1}
_EN_UNIT = r"(?P<unit>hours?|hrs?|minutes?|mins?|seconds?|secs?)"
_EN_AMOUNT = re.compile(
    rf"(?P<count>{_NUMBER}|an?)(?P<half_before> and a half)? (?:more |extra |additional )?{_EN_UNIT}\b"
    r"(?P<half_after> and a half)?"
)
_EN_HALF = re.compile(r"\b(?:half an? (?P<unit>hour|minute)|(?:a )?quarter of an hour|(?:a )?quarter hour)\b")

_ZH_AMOUNT = re.compile(
    rf"(?P<count>{_NUMBER})?(?:个)?(?P<half>半)?(?:个)?(?P<unit>小时|钟头|分钟|分|秒钟|秒|刻钟)(?P<half_after>半(?:钟)?)?"
)
_ZH_UNIT_SECONDS = {"小时": 3600, "钟头": 3600, "分钟": 60, "分": 60, "秒钟": 1, "秒": 1, "刻钟": 900}


@dataclass(frozen=True)
class Duration:
    """A duration found in a sentence, with the character span it covered."""

    seconds: float
    start: int
    end: int


def _unit_seconds(unit: str) -> int:
    return _EN_UNIT_SECONDS[unit.rstrip("s") or unit]


def _english(text: str) -> list[Duration]:
    found: list[Duration] = []
    for match in _EN_AMOUNT.finditer(text):
        count_text = match.group("count")
        count = 1.0 if count_text in ("a", "an") else float(count_text)
        if match.group("half_before") or match.group("half_after"):
            count += 0.5
        found.append(Duration(count * _unit_seconds(match.group("unit")), match.start(), match.end()))
    for match in _EN_HALF.finditer(text):
        seconds = _unit_seconds(match.group("unit")) / 2 if match.group("unit") else 900
        found.append(Duration(seconds, match.start(), match.end()))
    return found


def _chinese(text: str) -> list[Duration]:
    found: list[Duration] = []
    for match in _ZH_AMOUNT.finditer(text):
        count_text, half, unit = match.group("count"), match.group("half"), match.group("unit")
        before = text[:match.start()]
        if unit == "分" and (before.endswith("点") or re.search(r"点\d+$", before)):
            continue  # "7点30分" is a clock time
        if unit == "分" and count_text is None:
            continue
        if count_text is None and not half:
            continue
        count = float(count_text) if count_text is not None else 0.0
        if half or match.group("half_after"):
            count += 0.5
        found.append(Duration(count * _ZH_UNIT_SECONDS[unit], match.start(), match.end()))
    return found


def find_duration(text: str) -> Duration | None:
    """Return the total of the adjacent amounts in `text` ("1 hour 20 minutes"), or None.

    `text` is prepared by `personal.text.prepare`, so numbers are digits.
    """
    amounts: list[Duration] = []
    # "half an hour" also contains "an hour": of overlapping amounts the longest wins.
    for amount in sorted(_english(text) + _chinese(text), key=lambda a: (a.start, a.start - a.end)):
        if not amounts or amount.start >= amounts[-1].end:
            amounts.append(amount)
    if not amounts:
        return None
    first = amounts[0]
    total, end = first.seconds, first.end
    for amount in amounts[1:]:
        gap = text[end:amount.start].strip()
        if gap not in ("", "and", "零", "又"):
            break
        total += amount.seconds
        end = amount.end
    if total <= 0:
        return None
    return Duration(total, first.start, end)
