"""Gettext catalogs: read .po files and write the .mo files that `gettext` loads.

The .po files under homeassist/locale are the source of every user-facing
string. Each msgid is a stable key such as "reply_done_on"; msgstr is the
text, with str.format placeholders. Run `python -m homeassist.catalogs` after
editing a .po file to rebuild the .mo files next to it.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "homeassist"
LANGUAGES = {"en": "en", "zh": "zh_CN"}  # our language code -> gettext locale name


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_po(path: Path) -> dict[str, str]:
    """Parse the msgid/msgstr pairs of a .po file (no plural forms or contexts are used)."""
    messages: dict[str, str] = {}
    key: str | None = None
    field: str | None = None
    parts: dict[str, list[str]] = {"msgid": [], "msgstr": []}

    def flush() -> None:
        if key is not None or parts["msgid"]:
            msgid = "".join(parts["msgid"])
            messages[msgid] = "".join(parts["msgstr"])

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            key, field = "", "msgid"
            parts = {"msgid": [], "msgstr": []}
            line = line[len("msgid "):]
        elif line.startswith("msgstr "):
            field = "msgstr"
            line = line[len("msgstr "):]
        if field is None or not line.startswith('"'):
            raise ValueError(f"{path}:{number}: expected a quoted string, found {raw!r}")
        parts[field].append(ast.literal_eval(line))
    flush()
    return messages


def write_po(path: Path, messages: dict[str, str], language_name: str) -> None:
    """Write `messages` as a .po file, one entry per key, header first."""
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = [
        f"# homeassist messages: {language_name}.",
        "# msgid is a stable key; msgstr is the text, with {name} placeholders filled by str.format.",
        'msgid ""',
        'msgstr ""',
        quote("Content-Type: text/plain; charset=UTF-8\n"),
        "",
    ]
    for key in sorted(messages):
        lines += [f"msgid {quote(key)}", f"msgstr {quote(messages[key])}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def build_mo(messages: dict[str, str]) -> bytes:
    """Return the GNU .mo encoding of `messages` (the format gettext.GNUTranslations reads)."""
    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strings = [messages[k].encode("utf-8") for k in keys]
    header_size = 7 * 4
    ids_table = header_size
    strings_table = ids_table + 8 * len(keys)
    data_start = strings_table + 8 * len(keys)
    offsets_ids, offsets_strings, blob = [], [], b""
    for encoded in ids:
        offsets_ids.append((len(encoded), data_start + len(blob)))
        blob += encoded + b"\0"
    for encoded in strings:
        offsets_strings.append((len(encoded), data_start + len(blob)))
        blob += encoded + b"\0"
    output = struct.pack("<7I", 0x950412DE, 0, len(keys), ids_table, strings_table, 0, 0)
    for length, offset in offsets_ids + offsets_strings:
        output += struct.pack("<2I", length, offset)
    return output + blob


def compile_all() -> list[Path]:
    """Rebuild every .mo file from its .po file; return the files written."""
    written = []
    for locale in LANGUAGES.values():
        source = po_path(locale)
        target = source.with_suffix(".mo")
        target.write_bytes(build_mo(read_po(source)))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path)
    sys.exit(0)
