"""User-facing text in Chinese and English, looked up by a stable key in gettext catalogs.

The catalogs are homeassist/locale/{en,zh_CN}/LC_MESSAGES/homeassist.po (the
source) and the .mo files built from them by `python -m homeassist.catalogs`.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any, Literal

from homeassist.catalogs import DOMAIN, LANGUAGES, LOCALE_DIR

Language = Literal["zh", "en"]


@cache
def _catalog(language: Language) -> gettext.NullTranslations:
    # fallback=True keeps the assistant talking (it renders keys) if a .mo file is missing;
    # a test checks that both catalogs exist and hold every key.
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGES[language]], fallback=True)


def translate(key: str, language: Language, **params: Any) -> str:
    """Render catalog entry `key` in `language`; unknown keys render as the key itself."""
    text = _catalog(language).gettext(key)
    return text.format(**params) if params else text


def hvac_mode_name(mode: str, language: Language) -> str:
    """Return how `language` names an HVAC mode ("cool" is "制冷"); unknown modes stay as they are."""
    key = f"hvac_mode_{mode}"
    name = translate(key, language)
    return mode if name == key else name


def join_names(names: list[str], language: Language, conjunction: str = "and") -> str:
    """Join names the way the language lists them ("a, b and c" / "a、b和c")."""
    if len(names) <= 1:
        return "".join(names)
    head = translate("list_sep", language).join(names[:-1])
    return head + translate(conjunction, language) + names[-1]
