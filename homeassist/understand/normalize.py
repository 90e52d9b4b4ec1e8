"""Text normalisation applied to transcripts and to configured names before matching.

Both sides go through `normalize`, so a name and a sentence that mention it
agree on case, script (Simplified Chinese), numerals and spacing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")

_CJK = re.compile(r"[\u3400-\u9fff]")

# --- Chinese numerals -------------------------------------------------------

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万"
_ZH_RUN = re.compile(f"[{_ZH_NUMERAL}]+(?:点[零〇一二三四五六七八九]+)?")
# A numeral directly before one of these is a quantity even when it is one character.
_ZH_UNIT_AFTER = ("度", "%", "档", "挡", "级", "楼", "成", "k", "个", "分钟", "小时", "秒")
# A numeral directly after one of these is a value ("调到三", the "五" of "二十三度五").
_ZH_VALUE_BEFORE = ("到", "为", "成", "至", "度")

# --- English numerals -------------------------------------------------------

_EN_ONES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 1000}
_EN_DIGIT_WORDS = {w: v for w, v in _EN_ONES.items() if v < 10}
# Words after which a lone "one" or "a" is a quantity, not a pronoun or article.
_EN_UNIT_WORDS = {"percent", "%", "degree", "degrees", "kelvin", "point", "hundred"}

_CONTRACTIONS = {"what's": "what is", "whats": "what is", "it's": "it is",
                 "that's": "that is", "there's": "there is", "where's": "where is",
                 "how's": "how is", "i'm": "i am", "don't": "do not", "isn't": "is not",
                 "aren't": "are not", "let's": "let us", "i'd": "i would"}

# Words that carry no meaning for a home command. Multi-word fillers come first.
_EN_FILLERS = ("could you please", "can you please", "would you please", "could you",
               "can you", "would you", "will you", "for me", "thank you", "hey",
               "please", "pls", "kindly", "um", "uh", "er", "erm", "hmm", "okay", "ok",
               "just", "thanks")
_ZH_FILLERS = ("请问", "请你", "请帮我", "麻烦你", "麻烦", "帮我", "帮忙", "给我", "请",
               "一下", "吧", "呢", "啊", "呀", "哦", "嘛", "啦", "喔", "哎", "嗯", "哈")

_EN_FILLER_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in _EN_FILLERS) + r")\b")
_ZH_FILLER_PATTERN = re.compile("|".join(re.escape(f) for f in _ZH_FILLERS))


_DEGREE_SIGN = re.compile(r"°\s*c\b|°|℃")


def contains_chinese(text: str) -> bool:
    return _CJK.search(text) is not None


def chinese_to_int(numeral: str) -> int | None:
    """Convert a Chinese integer numeral ("二十六", "两百零五", "二五") to an int.

    A run of bare digits without 十/百/千/万 reads digit by digit, the way
    people say room numbers and years. Returns None for text that is not a
    well-formed numeral.
    """
    numeral = numeral.replace("廿", "二十").replace("卅", "三十")
    if not numeral or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS and ch != "万"
                          for ch in numeral):
        return None
    if (numeral[0] in _ZH_UNITS and numeral[0] != "十") or numeral[0] == "万":
        return None
    if len(numeral) > 1 and all(ch in _ZH_DIGITS for ch in numeral):
        return int("".join(str(_ZH_DIGITS[ch]) for ch in numeral))
    total = 0
    section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section = 0
            digit = None
        else:
            section += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
    return total + section + (digit or 0)


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _replace_chinese_run(match: re.Match[str]) -> str:
    run = match.group(0)
    integer_part, _, fraction = run.partition("点")
    text = match.string
    after = text[match.end():]
    before = text[:match.start()]
    # "一点" (a little), "一下", "一起": a lone numeral is a number only next to
    # a unit or after a verb that sets a value.
    lone = not fraction and len(integer_part) == 1
    if lone and not (after.startswith(_ZH_UNIT_AFTER) or before.endswith(_ZH_VALUE_BEFORE)):
        return run
    value = chinese_to_int(integer_part)
    if value is None:
        return run
    if fraction:
        digits = "".join(str(_ZH_DIGITS[ch]) for ch in fraction)
        return f"{value}.{digits}"
    return str(value)


def _chinese_numbers(text: str) -> str:
    text = text.replace("廿", "二十").replace("卅", "三十")
    text = text.replace("摄氏度", "度").replace("℃", "度").replace("°c", "度").replace("°", "度")
    text = text.replace("摄氏", "")
    text = text.replace("一半", "50%")
    text = re.sub(f"百分之([{_ZH_NUMERAL}0-9.点]+)", r"\1%", text)
    text = _ZH_RUN.sub(_replace_chinese_run, text)
    text = re.sub(r"(\d+)点(\d+)", r"\1.\2", text)
    # "二十三度五" and "二十三度半" are 23.5 degrees.
    text = re.sub(r"(\d+)度([1-9])(?![\d%度])", r"\1.\2度", text)
    text = re.sub(r"(\d+)度半", r"\1.5度", text)
    text = re.sub(r"(?<![\d.])([1-9])成(?!\d)", lambda m: f"{int(m.group(1)) * 10}%", text)
    return text


def _english_number_value(words: list[str]) -> tuple[float, int] | None:
    """Read the number spelled at the start of `words` and return it with the count of words used."""
    total = 0
    current = 0
    used = 0
    seen = False
    while used < len(words):
        word = words[used]
        if word in _EN_ONES:
            value = _EN_ONES[word]
            after_tens = current % 100 >= 20 and current % 10 == 0 and value < 10
            if seen and current % 100 and not after_tens:
                break
            current += value
        elif word in _EN_TENS:
            if seen and current % 100:
                break
            current += _EN_TENS[word]
        elif word == "hundred" and (seen or current) and current < 100:
            current = max(current, 1) * 100
        elif word == "thousand" and seen:
            total += max(current, 1) * 1000
            current = 0
        elif word == "a" and not seen and words[used + 1:used + 2] in (["hundred"], ["thousand"]):
            current = 1
        elif word == "and" and seen and current % 100 == 0 and words[used + 1:used + 2] and (
                words[used + 1] in _EN_ONES or words[used + 1] in _EN_TENS):
            pass
        else:
            break
        seen = seen or word != "a"
        used += 1
    if not seen:
        return None
    number = float(total + current)
    if used + 1 < len(words) and words[used] == "point":
        digits = []
        for word in words[used + 1:]:
            if word in _EN_DIGIT_WORDS:
                digits.append(str(_EN_DIGIT_WORDS[word]))
            elif word.isdigit():
                digits.append(word)
            else:
                break
        if digits:
            number = float(f"{int(number)}.{''.join(digits)}")
            used += 1 + len(digits)
    return number, used


def _english_numbers(text: str) -> str:
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        following = words[i + 1] if i + 1 < len(words) else ""
        if re.fullmatch(r"\d+(?:\.\d+)?", word) and following == "point" and i + 2 < len(words):
            fraction = words[i + 2]
            digit = _EN_DIGIT_WORDS.get(fraction)
            if fraction.isdigit() or digit is not None:
                out.append(f"{word}.{fraction if digit is None else digit}")
                i += 3
                continue
        starts_number = word in _EN_ONES or word in _EN_TENS or word == "a"
        if word in ("one", "a", "oh") and following not in _EN_UNIT_WORDS and not (
                following in _EN_ONES or following in _EN_TENS):
            starts_number = False
        parsed = _english_number_value(words[i:]) if starts_number else None
        if parsed is None:
            out.append(word)
            i += 1
            continue
        value, used = parsed
        out.append(_format_number(value))
        i += used
    return " ".join(out)


def _english_units(text: str) -> str:
    text = re.sub(r"\b(?:halfway|half way|half)\b", "50%", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|pct|%)", r"\1%", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:°\s*c\b|°|℃)", r"\1 degrees", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:degree|degrees)(?:\s+(?:celsius|centigrade))?\b",
                  r"\1 degrees", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:k|kelvin)\b", r"\1 kelvin", text)
    return text


def _english_contractions(text: str) -> str:
    text = text.replace("’", "'")
    words = [_CONTRACTIONS.get(word, word) for word in text.split()]
    text = " ".join(words)
    return re.sub(r"(\w)'s\b", r"\1", text)


def _strip_punctuation(text: str) -> str:
    # Keep "%", the decimal point between digits, and the letters and digits
    # of every script. Everything else becomes a word break.
    text = re.sub(r"(?<=\d)\.(?=\d)", "\x00", text)
    text = "".join(ch if ch.isalnum() or ch in "%\x00" or ch.isspace() else " " for ch in text)
    return text.replace("\x00", ".")


def _collapse_spaces(text: str) -> str:
    text = " ".join(text.split())
    # Chinese is written without spaces, so a space next to a Chinese character
    # is only an artefact of punctuation removal.
    return re.sub(r"(?<=[\u3400-\u9fff%]) (?=\S)|(?<=\S) (?=[\u3400-\u9fff])", "", text)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Normalise a transcript or a name for matching.

    Steps: Unicode NFKC (full-width digits and punctuation become ASCII),
    Traditional to Simplified Chinese, lower case, English contractions,
    spoken numbers to digits in both languages ("二十三度五" to "23.5度",
    "百分之三十" to "30%", "twenty point five degrees" to "20.5 degrees"),
    punctuation removed and filler words ("please", "帮我", "一下", "吧")
    dropped. English words stay separated by single spaces; Chinese
    characters are joined without spaces.
    """
    text = unicodedata.normalize("NFKC", text)
    chinese = contains_chinese(text)
    if chinese:
        text = _T2S.convert(text)
    text = text.lower().replace("-", " ")
    text = _english_contractions(text)
    text = _chinese_numbers(text) if chinese else _DEGREE_SIGN.sub(" degrees ", text)
    text = _strip_punctuation(text)
    text = _english_numbers(text)
    text = _english_units(text)
    text = _EN_FILLER_PATTERN.sub(" ", text)
    if chinese:
        text = _ZH_FILLER_PATTERN.sub("", text)
    return _collapse_spaces(text)
