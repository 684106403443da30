"""Every page in Traditional Chinese shows no English interface word (data excluded).

Each page of the site (tests/pages/every_page.py finds them in the URLconf and fills
them with the demo data's ids, so a page added later is checked too) is rendered in
zh-Hant for a manager, who sees the most controls. Its *visible* text is collected: the
text of the document (and its <title>), the options of its selects, and the words a
screen reader or a tooltip gives (``placeholder``, ``title``, ``aria-label``, ``alt``,
a button's ``value``). Left out: scripts and styles, form values and textareas (what a
person typed), machine text in ``<code>`` (the calendar address), the subtree of any
element marked with a non-Chinese ``lang`` attribute (the "EN" of the language switch),
and web and email addresses.

What remains may contain Latin letters only when they are **data**: every run of
Latin letters must be a word that occurs in the demo data — any text column of any row
in the database (names, titles, notes, usernames, time zones …), except columns with
fixed choices, whose words the interface must translate. Everything else is an
untranslated interface word: a label, a message, a choice, a lookup, a unit.

A short allowlist holds the few words that are the same in both languages (technical
names such as API, and time-zone abbreviations such as PDT, which the itinerary derives
from the data). The test prints each offending word with the page and the text around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from tests.pages.every_page import page_urls

pytestmark = pytest.mark.django_db

LATIN = re.compile(r"[A-Za-z]+")
ADDRESSES = re.compile(r"(https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|/[\w/.-]+\.\w+")
#: Same in both languages: names of products, file formats, standards and units (as Taiwan's
#: government writes them in Chinese text), and the "EN" of the language switch. Time-zone
#: abbreviations beside a local time (PDT) are derived from the data and matched below.
ALLOWED = {
    *("API", "EN", "CSV", "Ctrl", "Excel", "Google", "Outlook", "PowerPoint", "Word"),
    *("PDF", "PNG", "JPEG", "GIF", "WebP", "TIFF", "HEIC", "OpenDocument", "JSON", "XLSX"),
    *("IANA", "ISO", "MB", "KB", "NT"),
}
ZONE_ABBREVIATION = re.compile(r"^[A-Z]{2,4}T$|^UTC$|^GMT$")
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
SKIPPED_TAGS = {"script", "style", "textarea", "code", "template", "noscript"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class VisibleText(HTMLParser):
    """The text a person sees or hears on a page, in pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from the check)

    @property
    def skipping(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = (attributes.get("lang") or "").lower()
        hidden = tag in SKIPPED_TAGS or bool(language and not language.startswith("zh"))
        if not self.skipping and not hidden:
            for name in VISIBLE_ATTRIBUTES:
                if attributes.get(name):
                    self.pieces.append(attributes[name])
            if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
                self.pieces.append(attributes.get("value") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def data_words() -> set[str]:
    """Every Latin word stored in a text column of any row (choice columns excluded)."""
    words: set[str] = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices
        ]
        if not columns:
            continue
        for row in model._default_manager.values_list(*columns):
            for value in row:
                if value:
                    words.update(LATIN.findall(str(value)))
    return words


def untranslated(pieces: list[str], known: set[str]) -> list[str]:
    found = []
    for piece in pieces:
        text = ADDRESSES.sub(" ", piece)
        for word in LATIN.findall(text):
            if word in known or word in ALLOWED or ZONE_ABBREVIATION.match(word):
                continue
            around = re.sub(r"\s+", " ", text).strip()
            found.append(f"{word!r} in “{around[:120]}”")
    return found


def test_the_visible_text_parser_keeps_what_people_see_and_drops_the_rest():
    html = (
        '<title>夥伴城市</title><p>名稱 <span title="Tooltip">x</span></p>'
        '<button lang="en">EN</button><script>var Hidden = 1;</script>'
        '<code>http://x/calendar/abc.ics</code><input type="submit" value="Send">'
        "<select><option>Option</option></select><textarea>Typed</textarea><br>"
        '<img alt="Picture"><p aria-label="Label">尾</p>'
    )
    pieces = visible_text(html)
    assert untranslated(pieces, set()) == [
        "'Tooltip' in “Tooltip”",
        "'x' in “x”",
        "'Send' in “Send”",
        "'Option' in “Option”",
        "'Picture' in “Picture”",
        "'Label' in “Label”",
    ]


def test_every_page_in_chinese_has_no_untranslated_interface_word(client, demo_users):
    manager = demo_users["manager"]
    manager.language = "zh-hant"
    manager.save(update_fields=["language"])
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    pages, unreachable = page_urls(client)
    assert not unreachable, unreachable
    # The error pages are pages too.
    pages.append("/no-such-page/")
    known = data_words()
    problems = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = untranslated(visible_text(response.content.decode()), known)
        if found:
            problems[url] = sorted(set(found))
    assert not problems, "\n".join(
        f"{url}:\n  " + "\n  ".join(words) for url, words in problems.items()
    )
