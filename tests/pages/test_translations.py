"""The Traditional Chinese catalogue is complete, and the compiled catalogue matches it.

Any string added to the code must be extracted (``makemessages``), translated and
compiled (``compilemessages``) before the suite passes again.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
ZH_PO = LOCALE / "zh_Hant" / "LC_MESSAGES" / "django.po"
ZH_MO = ZH_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr(s), flags."""
    entries, entry, field = [], None, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = json.loads(line)
            if isinstance(field, int):
                entry["msgstr"][field] += value
            else:
                entry[field] += value
        else:
            keyword, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            field = int(match.group(1)) if match else (0 if keyword == "msgstr" else keyword)
            if isinstance(field, int):
                entry["msgstr"][field] = json.loads(value)
            else:
                entry[field] = json.loads(value)
    return entries


@pytest.fixture(scope="module")
def entries():
    found = read_po(ZH_PO)
    assert found[0]["msgid"] == "", "the catalogue starts with its header"
    return found


def _label(entry) -> str:
    return f"{entry['msgctxt'] + ' | ' if entry['msgctxt'] else ''}{entry['msgid']!r}"


def test_the_header_is_not_fuzzy_and_has_the_plural_rule(entries):
    header = entries[0]
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][0]


def test_every_string_is_translated_into_traditional_chinese(entries):
    untranslated = [
        _label(e) for e in entries[1:] if not all(v.strip() for v in e["msgstr"].values())
    ]
    fuzzy = [_label(e) for e in entries[1:] if "fuzzy" in e["flags"]]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check and clear the flag): {fuzzy[:20]}"


def test_translations_keep_every_placeholder(entries):
    wrong = []
    for e in entries[1:]:
        expected = sorted(PLACEHOLDER.findall(e["msgid_plural"] or e["msgid"]))
        for value in e["msgstr"].values():
            if sorted(PLACEHOLDER.findall(value)) != expected:
                wrong.append(_label(e))
    assert not wrong, f"placeholders differ: {wrong}"


def test_the_compiled_catalogue_is_up_to_date(entries):
    with ZH_MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = []
    for e in entries[1:]:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if e["msgctxt"] else e["msgid"]
        if e["msgid_plural"] is not None:
            got = compiled._catalog.get((key, 0))
        else:
            got = compiled._catalog.get(key)
        if got != e["msgstr"][0]:
            stale.append(_label(e))
    assert not stale, f"run compilemessages: {len(stale)} stale, e.g. {stale[:10]}"
