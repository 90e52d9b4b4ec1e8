"""The gettext catalogs: both languages complete, placeholders matching, .mo files current."""

from __future__ import annotations

import re
import string

from homeassist.catalogs import LANGUAGES, build_mo, po_path, read_po
from homeassist.i18n import translate


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_key() -> None:
    english = read_po(po_path(LANGUAGES["en"]))
    chinese = read_po(po_path(LANGUAGES["zh"]))

    assert set(english) == set(chinese)
    assert len(english) > 100


def test_placeholders_match_between_languages() -> None:
    english = read_po(po_path(LANGUAGES["en"]))
    chinese = read_po(po_path(LANGUAGES["zh"]))

    # Chinese may leave out a grammatical placeholder ("is"/"are" in {verb}) but never adds one.
    for key, text in english.items():
        assert _placeholders(chinese[key]) <= _placeholders(text), key
        assert _placeholders(text) - _placeholders(chinese[key]) <= {"verb"}, key


def test_every_message_is_translated() -> None:
    chinese = read_po(po_path(LANGUAGES["zh"]))
    for key, text in chinese.items():
        if not key or key.startswith("verb_"):  # English grammar words, unused in Chinese sentences
            continue
        assert text, key
        words = re.sub(r"\{[^}]*\}|zigbee2mqtt", " ", text)  # placeholders and product names
        # Either Chinese, or only names, units and symbols ("{model}：{file} {status}", "K").
        assert re.search(r"[\u4e00-\u9fff]", words) or not re.search(r"[a-z]{4,}", words), key


def test_mo_files_are_current() -> None:
    for locale in LANGUAGES.values():
        source = po_path(locale)
        assert source.with_suffix(".mo").read_bytes() == build_mo(read_po(source)), (
            f"{source.with_suffix('.mo')} is out of date: run python -m homeassist.catalogs")


def test_translate_reads_catalogs() -> None:
    assert translate("reply_done_on", "zh", names="厨房灯") == "已打开厨房灯。"
    assert translate("reply_done_on", "en", names="kitchen light") == "Turned on the kitchen light."
    assert translate("no_such_key", "en") == "no_such_key"
