"""Sentence preparation for the personal-assistant parser.

The device path's `normalize` turns "七点三十分" into "7.3十分" and "half" into
"50%". That suits setpoints but not clock times and durations, so this module
prepares text its own way. It applies NFKC, converts to Simplified Chinese and
lower case, removes punctuation (except inside "7:30", "1.5" and "sister's")
and writes spoken numbers as digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

from homeassist.understand.normalize import chinese_to_int, contains_chinese

_T2S = OpenCC("t2s")

_EN_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_CONTRACTIONS = {"what's": "what is", "whats": "what is", "it's": "it is", "that's": "that is",
                 "there's": "there is", "how's": "how is", "i'm": "i am", "don't": "do not",
                 "let's": "let us", "i'd": "i would", "what're": "what are", "o'clock": "oclock"}

_ZH_NUMERAL_RUN = re.compile("[零〇一二两三四五六七八九十百千万]+")
# A lone 一 in these words is not the number one ("一下", "一起", "一点儿").
_ZH_NOT_NUMBER_AFTER_ONE = ("下", "起", "直", "定", "样", "切", "些", "般", "点儿", "会")


def _chinese_numbers(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        after = text[match.end():]
        before = text[:match.start()]
        weekday = before.endswith(("周", "星期", "礼拜"))  # "周一下午" is Monday afternoon
        if run == "一" and after.startswith(_ZH_NOT_NUMBER_AFTER_ONE) and not weekday:
            return run
        value = chinese_to_int(run)
        return run if value is None else str(value)

    return _ZH_NUMERAL_RUN.sub(replace, text)


def _english_numbers(text: str) -> str:
    words = text.split()
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _EN_TENS:
            value = _EN_TENS[word]
            following = words[index + 1] if index + 1 < len(words) else ""
            if following in _EN_ONES and 0 < _EN_ONES[following] < 10:
                value += _EN_ONES[following]
                index += 1
            out.append(str(value))
        elif word in _EN_ONES:
            out.append(str(_EN_ONES[word]))
        else:
            out.append(word)
        index += 1
    return " ".join(out)


@lru_cache(maxsize=1024)
def prepare(text: str) -> str:
    """Return `text` ready for the personal-assistant patterns (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    chinese = contains_chinese(text)
    if chinese:
        text = _T2S.convert(text)
    words = [_CONTRACTIONS.get(word, word) for word in text.split()]
    text = " ".join(words)
    # Keep the colon and point inside "7:30" and "1.5", and the apostrophe inside "sister's".
    text = re.sub(r"(?<=\d)([:.])(?=\d)", lambda m: "\x00" if m.group(1) == ":" else "\x01", text)
    text = re.sub(r"(?<=[a-z])'(?=[a-z])", "\x02", text)
    text = "".join(ch if ch.isalnum() or ch.isspace() or ch in "\x00\x01\x02%" else " " for ch in text)
    text = text.replace("\x00", ":").replace("\x01", ".").replace("\x02", "'")
    if chinese:
        text = _chinese_numbers(text)
    text = _english_numbers(text)
    text = " ".join(text.split())
    # Chinese is written without spaces; a space beside a Chinese character is an artefact.
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=\S)|(?<=\S) (?=[\u3400-\u9fff])", "", text)
