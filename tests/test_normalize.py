"""Normalisation of transcripts before matching: script, numbers, punctuation and fillers."""

from __future__ import annotations

import time

import cn2an
import pytest

from homeassist.understand.normalize import chinese_to_int, contains_chinese, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二十六度", "26度"),
        ("二十六点五度", "26.5度"),
        ("廿六度", "26度"),
        ("二十三度五", "23.5度"),
        ("二十三度半", "23.5度"),
        ("23度5", "23.5度"),
        ("百分之三十", "30%"),
        ("百分之三十五点五", "35.5%"),
        ("把卧室窗帘调到百分之50", "把卧室窗帘调到50%"),
        ("开一半", "开50%"),
        ("五成", "50%"),
        ("调高两度", "调高2度"),
        ("三千五百K", "3500 kelvin"),
        ("一楼的灯", "1楼的灯"),
        ("调到三", "调到3"),
    ],
)
def test_chinese_numbers(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["调暗一点", "再亮一点", "高一点", "几点了", "一起", "统一"],
)
def test_chinese_words_with_numeral_characters_unchanged(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty four degrees", "24 degrees"),
        ("one hundred percent", "100%"),
        ("a hundred percent", "100%"),
        ("twenty-five percent", "25%"),
        ("one hundred and five", "105"),
        ("set temperature to 20 point 5", "set temperature to 20.5"),
        ("set temperature to twenty point five degrees", "set temperature to 20.5 degrees"),
        ("set temperature to 20.5°", "set temperature to 20.5 degrees"),
        ("set temperature to 20.5 °", "set temperature to 20.5 degrees"),
        ("set it to 3000k", "set it to 3000 kelvin"),
        ("two thousand seven hundred kelvin", "2700 kelvin"),
        ("set to 1°", "set to 1 degrees"),
        ("open the curtains halfway", "open the curtains 50%"),
    ],
)
def test_english_numbers(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_english_one_as_pronoun_unchanged() -> None:
    assert normalize("turn on the one in the kitchen") == "turn on the one in the kitchen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turn off, kitchen sink.", "turn off kitchen sink"),
        ("Please turn on the living room lights!", "turn on the living room lights"),
        ("Could you turn off the fan?", "turn off the fan"),
        ("what's the weather?", "what is the weather"),
        ("what is Mistral's speed?", "what is mistral speed"),
        ("PM2.5 level", "pm2.5 level"),
        ("ｌｉｇｈｔｓ　ｏｎ ５０％", "lights on 50%"),
    ],
)
def test_english_punctuation_case_and_fillers(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("把臥室的溫度調到二十四度", "把卧室的温度调到24度"),
        ("打開客廳的燈", "打开客厅的灯"),
        ("帮我把灯关一下吧", "把灯关"),
        ("那卧室呢？", "那卧室"),
        ("请打开厨房灯啊", "打开厨房灯"),
        ("客厅现在多少度？", "客厅现在多少度"),
        ("厨房灯，打开。", "厨房灯打开"),
    ],
)
def test_chinese_script_punctuation_and_fillers(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_question_particle_kept() -> None:
    assert normalize("卧室灯开着吗？") == "卧室灯开着吗"


@pytest.mark.parametrize(
    "numeral",
    ["一", "十", "十六", "二十", "二十六", "一百", "一百零五", "两百", "三千五百", "一万二千"],
)
def test_chinese_to_int_agrees_with_cn2an(numeral: str) -> None:
    assert chinese_to_int(numeral) == cn2an.cn2an(numeral, "smart")


def test_chinese_to_int_reads_digit_strings() -> None:
    assert chinese_to_int("二五") == 25
    assert chinese_to_int("二零二四") == 2024


def test_chinese_to_int_rejects_malformed() -> None:
    assert chinese_to_int("万一") is None
    assert chinese_to_int("灯") is None


def test_contains_chinese() -> None:
    assert contains_chinese("打开tv")
    assert not contains_chinese("turn on the tv")


def test_normalize_is_fast() -> None:
    texts = [f"把卧室的温度调到二十{digit}度" for digit in "一二三四五六七八九"]
    texts += [f"set the bedroom light to {word} percent" for word in
              ("ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty")]
    normalize.cache_clear()
    started = time.perf_counter()
    for text in texts:
        normalize(text)
    per_call_ms = (time.perf_counter() - started) * 1000 / len(texts)
    assert per_call_ms < 1.0
