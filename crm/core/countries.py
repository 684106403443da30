"""Country names in the reader's language, and countries found by name (SPEC §3.4).

A partner or organization stores its country as an ISO 3166-1 alpha-2 code (``US``).
People read and type names: ``country_name("US", language="zh-hant")`` → ``美國``,
``country_codes("美國")`` / ``country_codes("United States")`` / ``country_codes("us")``
→ ``{"US"}``.

Names come from two sources, in this order:

1. ``CURATED``: the countries the office deals with, each a message id of the gettext
   catalog (context ``country``) in Taiwan's usage (中國大陸 for ``CN``, 臺灣 …), the
   words of the trip report's cover and of the pages;
2. django-countries' names and its translations (every other ISO code).

A code neither knows is shown as it is.
"""

from __future__ import annotations

import functools
import re

from django.utils import translation
from django.utils.translation import pgettext_lazy
from django_countries import countries as iso_countries

LANGUAGES = ("zh-hant", "en")

# ISO 3166-1 alpha-2 → the country's name, a message id translated by the catalog
# (context "country").
CURATED = {
    "AR": pgettext_lazy("country", "Argentina"),
    "AT": pgettext_lazy("country", "Austria"),
    "AU": pgettext_lazy("country", "Australia"),
    "BE": pgettext_lazy("country", "Belgium"),
    "BR": pgettext_lazy("country", "Brazil"),
    "BZ": pgettext_lazy("country", "Belize"),
    "CA": pgettext_lazy("country", "Canada"),
    "CH": pgettext_lazy("country", "Switzerland"),
    "CL": pgettext_lazy("country", "Chile"),
    "CN": pgettext_lazy("country", "Mainland China"),
    "CZ": pgettext_lazy("country", "Czech Republic"),
    "DE": pgettext_lazy("country", "Germany"),
    "DK": pgettext_lazy("country", "Denmark"),
    "ES": pgettext_lazy("country", "Spain"),
    "FI": pgettext_lazy("country", "Finland"),
    "FR": pgettext_lazy("country", "France"),
    "GB": pgettext_lazy("country", "United Kingdom"),
    "GT": pgettext_lazy("country", "Guatemala"),
    "HK": pgettext_lazy("country", "Hong Kong"),
    "HN": pgettext_lazy("country", "Honduras"),
    "HT": pgettext_lazy("country", "Haiti"),
    "ID": pgettext_lazy("country", "Indonesia"),
    "IE": pgettext_lazy("country", "Ireland"),
    "IL": pgettext_lazy("country", "Israel"),
    "IN": pgettext_lazy("country", "India"),
    "IT": pgettext_lazy("country", "Italy"),
    "JP": pgettext_lazy("country", "Japan"),
    "KR": pgettext_lazy("country", "South Korea"),
    "LT": pgettext_lazy("country", "Lithuania"),
    "MH": pgettext_lazy("country", "Marshall Islands"),
    "MN": pgettext_lazy("country", "Mongolia"),
    "MO": pgettext_lazy("country", "Macao"),
    "MX": pgettext_lazy("country", "Mexico"),
    "MY": pgettext_lazy("country", "Malaysia"),
    "NL": pgettext_lazy("country", "Netherlands"),
    "NO": pgettext_lazy("country", "Norway"),
    "NZ": pgettext_lazy("country", "New Zealand"),
    "PH": pgettext_lazy("country", "Philippines"),
    "PL": pgettext_lazy("country", "Poland"),
    "PT": pgettext_lazy("country", "Portugal"),
    "PW": pgettext_lazy("country", "Palau"),
    "PY": pgettext_lazy("country", "Paraguay"),
    "SE": pgettext_lazy("country", "Sweden"),
    "SG": pgettext_lazy("country", "Singapore"),
    "SK": pgettext_lazy("country", "Slovakia"),
    "SZ": pgettext_lazy("country", "Eswatini"),
    "TH": pgettext_lazy("country", "Thailand"),
    "TR": pgettext_lazy("country", "Türkiye"),
    "TV": pgettext_lazy("country", "Tuvalu"),
    "TW": pgettext_lazy("country", "Taiwan"),
    "UA": pgettext_lazy("country", "Ukraine"),
    "US": pgettext_lazy("country", "United States"),
    "VA": pgettext_lazy("country", "Holy See"),
    "VN": pgettext_lazy("country", "Vietnam"),
    "ZA": pgettext_lazy("country", "South Africa"),
}


def country_name(code: str | None, *, language: str | None = None) -> str:
    """``美國`` / ``United States`` for ``US``, in ``language`` (default: the active one)."""
    if not code:
        return ""
    code = code.upper()
    with translation.override(language or translation.get_language()):
        if code in CURATED:
            return str(CURATED[code])
        name = iso_countries.name(code)
        return str(name) if name else code


def _fold(text: str) -> str:
    return re.sub(r"[\s.·,'’()（）-]+", " ", text).strip().casefold()


@functools.cache
def _names(language: str) -> dict[str, frozenset[str]]:
    """Folded name → codes, in one language, from both sources."""
    found: dict[str, set[str]] = {}
    with translation.override(language):
        for code, name in iso_countries:
            found.setdefault(_fold(str(name)), set()).add(code)
        for code, name in CURATED.items():
            found.setdefault(_fold(str(name)), set()).add(code)
    return {name: frozenset(codes) for name, codes in found.items()}


def country_codes(text: str | None) -> set[str]:
    """The codes a person may mean by ``text``: a two-letter code (any case), or a
    country's name in Chinese or English (case and spacing ignored; a name that matches
    no country exactly matches the countries whose names contain it). Empty when none."""
    value = _fold(text or "")
    if not value:
        return set()
    if re.fullmatch(r"[a-z]{2}", value) and (
        value.upper() in iso_countries or value.upper() in CURATED
    ):
        return {value.upper()}
    exact: set[str] = set()
    partial: set[str] = set()
    for language in LANGUAGES:
        for name, codes in _names(language).items():
            if name == value:
                exact |= codes
            elif value in name:
                partial |= codes
    return exact or partial


def country_choices(codes=None, *, language: str | None = None) -> list[tuple[str, str]]:
    """``[(code, name)]`` sorted by name in ``language``: of ``codes``, or of every country
    (a form's select) when ``codes`` is None. The names are :func:`country_name`'s."""
    if codes is None:
        codes = {code for code, _ in iso_countries} | set(CURATED)
    pairs = [(code, country_name(code, language=language)) for code in set(codes) if code]
    return sorted(pairs, key=lambda pair: pair[1])
