"""One search box for everything (issue 13 item 3): partners, officials, organizations,
contacts, visits, commitments, invitations and gifts, found by any word of their names and
texts, in either script, case ignored, Traditional and Simplified Chinese folded.

``search(query)`` returns the hits grouped by kind, each group with its count and its
first ``limit`` rows: the page ``/search/`` and ``GET /api/v1/search/`` both show exactly
this. One query per kind, always (``KINDS``: 8 queries), whatever the query and the data:
the group's rows and its count (``COUNT_CAP`` at most, read as "more than") come back in
one statement.

Matching (``crm.core.text``): every word of the query must appear in one of the kind's
fields (``SEARCHED``, joined into one ``SearchDocument`` per row, which one trigram GIN
index per table covers: relations 0011, visits 0008), as typed or converted by OpenCC to
Simplified or Traditional. A country's name in English or Chinese (``United States``,
``美國``, ``美国``) or its two-letter code also finds the partners and organizations of
that country (``crm.core.countries``).

Where a hit links to is decided in one function per kind (``*_url`` below): change it
there when a record gets a page of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from types import SimpleNamespace

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, Lookup, Q, QuerySet, Window
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries

from crm.core.countries import LANGUAGES, country_codes, country_name
from crm.core.text import (
    MAX_QUERY_LENGTH,
    normalise_query,
    query_words,
    script_variants,
    simplified,
    words_match,
)
from relations.models import Contact, Official, Organization, Partner
from visits.models import Commitment, Event, Gift, Invitation, Visit

#: Rows shown per kind, and the most a group counts (more is shown as "1,000+").
LIMIT = 10
MAX_LIMIT = 50
COUNT_CAP = 1000


class SearchError(ValueError):
    """A query that cannot be searched (empty, too long): its message is for the user."""


def clean_query(raw) -> str:
    """The query to search for, or ``SearchError`` with a message the user can act on."""
    if not isinstance(raw, str):
        raise SearchError(_("Type a word to search for."))
    if len(raw) > MAX_QUERY_LENGTH:
        raise SearchError(_("Search for at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH})
    text = normalise_query(raw)
    if not text:
        raise SearchError(_("Type a word to search for."))
    return text


# --- results -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Hit:
    """One found record: its names in both scripts (``name``: English, ``name_local``: the
    office's), where it belongs (``context``: a partner, an event …), its date, its link."""

    kind: str
    id: int
    name: str
    name_local: str
    context_name: str = ""
    context_name_local: str = ""
    date: dt.date | None = None
    url: str = ""

    @property
    def context(self) -> SimpleNamespace | None:
        """The context as a row with names (for the ``names`` template filter)."""
        if not (self.context_name or self.context_name_local):
            return None
        return SimpleNamespace(name=self.context_name, name_local=self.context_name_local)


@dataclasses.dataclass(frozen=True)
class Group:
    kind: str
    label: str
    count: int
    more: bool  # True: at least ``count`` (the count stopped at ``COUNT_CAP``)
    hits: list[Hit]


@dataclasses.dataclass(frozen=True)
class Results:
    query: str
    groups: list[Group]

    @property
    def found(self) -> list[Group]:
        """The groups with at least one hit, in ``KINDS`` order."""
        return [group for group in self.groups if group.count]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


# --- links: one function per kind ----------------------------------------------------------


def partner_page(partner_id: int | None) -> str:
    return reverse("relations:partner-detail", args=[partner_id]) if partner_id else ""


def visit_page(visit_id: int | None) -> str:
    return reverse("visits:visit-detail", args=[visit_id]) if visit_id else ""


def partner_url(partner: Partner) -> str:
    return partner_page(partner.pk)


def official_url(official: Official) -> str:
    organization = official.organization
    return partner_page(official.partner_id or (organization and organization.partner_id))


def organization_url(organization: Organization) -> str:
    return partner_page(organization.partner_id)


def contact_url(contact: Contact) -> str:
    organization = contact.organization
    return partner_page(contact.partner_id or (organization and organization.partner_id))


def visit_url(visit: Visit) -> str:
    return visit_page(visit.pk)


def commitment_url(commitment: Commitment) -> str:
    return commitment.get_absolute_url()


def invitation_url(invitation: Invitation) -> str:
    """The invitee's partner's page (the partner of the invitee's organization)."""
    return official_url(invitation.invitee)


def gift_url(gift: Gift) -> str:
    return partner_page(gift.partner_id) or visit_page(gift.visit_id)


# --- hits: the names, context and date of each kind ----------------------------------------


def _names(obj, latin: str = "name", local: str = "name_local") -> dict:
    return {"name": getattr(obj, latin) or "", "name_local": getattr(obj, local) or ""}


def _context(obj, latin: str = "name", local: str = "name_local") -> dict:
    if obj is None:
        return {}
    names = _names(obj, latin, local)
    return {"context_name": names["name"], "context_name_local": names["name_local"]}


def partner_hit(p: Partner) -> dict:
    return {**_names(p), "context_name": p.region}


def official_hit(o: Official) -> dict:
    return {**_names(o), **_context(o.partner or o.organization)}


def organization_hit(o: Organization) -> dict:
    return {**_names(o), **_context(o.partner)}


def contact_hit(c: Contact) -> dict:
    return {
        **_names(c, "subject", "subject_local"),
        **_context(c.partner or c.organization),
        "date": c.occurred_on,
    }


def visit_hit(v: Visit) -> dict:
    return {**_names(v, "title", "title_local"), "date": v.start_on}


def commitment_hit(c: Commitment) -> dict:
    context = _context(c.partner) if c.partner else _context(c.visit, "title", "title_local")
    return {**_names(c, "title", "title_local"), **context, "date": c.due_on}


def invitation_hit(i: Invitation) -> dict:
    return {
        **_names(i.invitee),
        **_context(i.event, "title", "title_local"),
        "date": i.event.starts_on,
    }


def gift_hit(g: Gift) -> dict:
    return {
        **_names(g, "description", "description_local"),
        **_context(g.partner or g.organization or g.official),
        "date": g.date,
    }


# --- what each kind matches, and in which order --------------------------------------------

# The columns each kind's words are looked for in, joined into one ``SearchDocument``: the
# trigram GIN indexes of relations 0011 and visits 0008 are over exactly these.
SEARCHED = {
    "partners": ("name", "name_local", "region", "notes"),
    "officials": ("name", "name_local", "title", "title_local", "email"),
    "organizations": ("name", "name_local", "city", "notes"),
    "contacts": ("subject_local", "subject", "summary_local", "summary"),
    "visits": ("title", "title_local", "purpose_local", "purpose", "summary_local", "summary"),
    "commitments": ("title_local", "title", "details_local", "details", "outcome_local", "outcome"),
    "events": ("title", "title_local"),
    "invitations": ("notes_local", "notes"),
    "gifts": ("description", "description_local", "notes"),
}


def _fold(text: str) -> str:
    """A name as compared: Simplified script, case folded, without spaces and punctuation
    (``臺灣`` and ``台灣`` → ``台湾``; ``United States`` → ``unitedstates``)."""
    return re.sub(r"[\s.·,'’()（）-]+", "", simplified(text)).casefold()


@functools.lru_cache(maxsize=512)
def _country_names(code: str) -> frozenset[str]:
    """A country's names in both languages, folded: the office's words
    (``crm.core.countries.country_name``) and django-countries' own."""
    names = set()
    for language in LANGUAGES:
        names.add(_fold(country_name(code, language=language)))
        with translation.override(language):
            names.add(_fold(str(iso_countries.name(code))))
    return frozenset(name for name in names if name)


def _countries(spellings: list[str]) -> set[str]:
    """The countries a word (or the whole query) names exactly, in English or Chinese
    (either script), or by its two-letter code typed in capitals (``US``; ``us`` and ``it``
    stay words). ``crm.core.countries.country_codes`` proposes, an exact name decides: a
    word that is only part of a name (``city`` of Vatican City) is no country."""
    codes: set[str] = set()
    for spelling in spellings:
        folded = _fold(spelling)
        for code in country_codes(spelling):
            if spelling == code or folded in _country_names(code):
                codes.add(code)
    return codes


def _word_as_country(spellings: list[str]) -> Q | None:
    codes = _countries(spellings)
    return Q(country__in=sorted(codes)) if codes else None


def _matches_with_country(fields: tuple[str, ...], words, query: str) -> Q:
    """Every word in ``fields`` or naming the row's country; or the whole query naming it
    ("United States", "South Korea": names of more than one word)."""
    condition = words_match(fields, words, _word_as_country)
    if len(words) > 1:
        codes = _countries(script_variants(query))
        if codes:
            condition |= Q(country__in=sorted(codes))
    return condition


# Each ``match_*`` gives (the kind's rows, in the order shown, with what their hits read;
# the condition every word must meet).


def match_partners(words, query) -> tuple[QuerySet, Q]:
    return (
        Partner.objects.order_by("name", "pk"),
        _matches_with_country(SEARCHED["partners"], words, query),
    )


def match_officials(words, query) -> tuple[QuerySet, Q]:
    return (
        Official.objects.select_related("partner", "organization").order_by(
            "name", "name_local", "pk"
        ),
        words_match(SEARCHED["officials"], words),
    )


def match_organizations(words, query) -> tuple[QuerySet, Q]:
    return (
        Organization.objects.select_related("partner").order_by("name", "name_local", "pk"),
        _matches_with_country(SEARCHED["organizations"], words, query),
    )


def match_contacts(words, query) -> tuple[QuerySet, Q]:
    return (
        Contact.objects.select_related("partner", "organization").order_by(
            "-occurred_on", F("occurred_at").desc(nulls_last=True), "-pk"
        ),
        words_match(SEARCHED["contacts"], words),
    )


def match_visits(words, query) -> tuple[QuerySet, Q]:
    return Visit.objects.order_by("-start_on", "-pk"), words_match(SEARCHED["visits"], words)


def match_commitments(words, query) -> tuple[QuerySet, Q]:
    return (
        Commitment.objects.select_related("partner", "visit").order_by(
            F("due_on").desc(nulls_first=True), "-pk"
        ),
        words_match(SEARCHED["commitments"], words),
    )


class AnyOf(Lookup):
    """``col = ANY(ARRAY(SELECT …))``: unlike ``col IN (SELECT …)`` inside an OR, an index
    condition (the array is computed once, then the column's btree index is probed)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def match_invitations(words, query) -> tuple[QuerySet, Q]:
    """Invitations whose invitee's words (an official's), whose event's title, or whose
    notes hold every word. Each of the three is an index scan: the invitees' and events'
    trigram indexes give the ids, the invitation table's own indexes find their rows."""
    officials = Official.objects.filter(words_match(SEARCHED["officials"], words))
    events = Event.objects.filter(words_match(SEARCHED["events"], words))
    return (
        Invitation.objects.select_related("invitee__organization", "event").order_by(
            "-event__starts_on", "-pk"
        ),
        words_match(SEARCHED["invitations"], words)
        | Q(AnyOf(F("invitee_id"), ArraySubquery(officials.order_by().values("pk"))))
        | Q(AnyOf(F("event_id"), ArraySubquery(events.order_by().values("pk")))),
    )


def match_gifts(words, query) -> tuple[QuerySet, Q]:
    return (
        Gift.objects.select_related("partner", "organization", "official", "visit").order_by(
            "-date", "-pk"
        ),
        words_match(SEARCHED["gifts"], words),
    )


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    label: str
    match: Callable[[list[list[str]], str], tuple[QuerySet, Q]]  # (words, query) → rows, condition
    hit: Callable[[object], dict]  # row → Hit's names, context and date
    url: Callable[[object], str]  # row → its link ("" when it has none)


KINDS = (
    Kind("partners", _("Partners"), match_partners, partner_hit, partner_url),
    Kind("officials", _("Officials"), match_officials, official_hit, official_url),
    Kind(
        "organizations",
        _("Organizations"),
        match_organizations,
        organization_hit,
        organization_url,
    ),
    Kind("contacts", _("Contacts"), match_contacts, contact_hit, contact_url),
    Kind("visits", _("Visits"), match_visits, visit_hit, visit_url),
    Kind("commitments", _("Commitments"), match_commitments, commitment_hit, commitment_url),
    Kind("invitations", _("Invitations"), match_invitations, invitation_hit, invitation_url),
    Kind("gifts", _("Gifts"), match_gifts, gift_hit, gift_url),
)


def kind_queryset(kind: Kind, query: str) -> QuerySet:
    """The one statement ``search`` runs for a kind (the benchmark EXPLAINs it).

    The ids of the matching rows come first, at most ``COUNT_CAP + 1`` of them, as one array
    (an index scan, computed once); then those rows, in the kind's order, each with
    ``found``, how many there are (``count(*) OVER ()``). Asked for the first rows in order
    directly, the planner may walk a whole table in that order testing each row; this way
    a search reads at most ``COUNT_CAP + 1`` rows per kind whatever it matches (when more
    match, the rows shown are the first in order among those).
    """
    rows, condition = kind.match(query_words(query), query)
    matching = rows.model.objects.filter(condition).order_by().values("pk")[: COUNT_CAP + 1]
    return rows.filter(AnyOf(F("pk"), ArraySubquery(matching))).annotate(found=Window(Count("*")))


def search(raw_query: str, *, limit: int = LIMIT) -> Results:
    """Every kind's hits for ``raw_query`` (``SearchError`` if it cannot be searched):
    ``len(KINDS)`` queries."""
    query = clean_query(raw_query)
    limit = max(1, min(int(limit), MAX_LIMIT))
    groups = []
    for kind in KINDS:
        rows = list(kind_queryset(kind, query)[:limit])
        found = rows[0].found if rows else 0
        groups.append(
            Group(
                kind=kind.key,
                label=str(kind.label),
                count=min(found, COUNT_CAP),
                more=found > COUNT_CAP,
                hits=[
                    Hit(kind=kind.key, id=row.pk, url=kind.url(row), **kind.hit(row))
                    for row in rows
                ],
            )
        )
    return Results(query=query, groups=groups)
