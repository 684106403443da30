"""Reads shared by the API, the pages and the reminders: partners with their computed facts.

Every list here is one SQL statement for the rows, whatever the number of rows: computed
columns, and the ids or slugs of many-to-many links (``<relation>_values``, see
``linked_values``), are correlated subqueries inside it. No per-row queries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Upper

from crm.core.text import script_variants
from relations.anniversaries import next_anniversary_subquery
from relations.models import Agreement, Contact, Health, Official, Organization, Partner, Topic

HEALTH_CHOICES = Health.choices


def count_of(queryset: QuerySet) -> Coalesce:
    """A correlated ``count(*)`` of ``queryset`` (already filtered on ``OuterRef``), 0 if none."""
    counted = queryset.order_by().values("partner_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def linked_values(model: type[Model], name: str, column: str = "pk") -> ArraySubquery:
    """The ``column`` (ids by default, or e.g. ``"slug"``) of the rows a row's many-to-many
    relation ``name`` links to, as one array column, in the related model's order.

    Annotated as ``<name>_values``, the API's many-to-many fields read it instead of
    ``row.<name>.all()`` (see ``crm.api.fields.StrictManyRelatedField``): the list costs
    no extra query and no related manager per row.
    """
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    order = [
        f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
        for o in field.related_model._meta.ordering
    ]
    value = f"{target}_id" if column == "pk" else f"{target}__{column}"
    return ArraySubquery(
        through.objects.filter(**{f"{source}_id": OuterRef("pk")})
        .order_by(*order, f"{target}_id")
        .values(value)
    )


def partner_list(*, today: dt.date) -> QuerySet[Partner]:
    """Partners with their activity and health (``PartnerQuerySet.with_activity``: with the
    visits app installed also ``open_commitments`` and ``overdue_commitments``) and
    ``next_anniversary`` (``{date, years, approximate}``)."""
    return _partner_list_of(today).all()


@functools.lru_cache(maxsize=4)
def _partner_list_of(today: dt.date) -> QuerySet[Partner]:
    # Assembling the computed columns costs a few milliseconds of Python per call (each
    # subquery is resolved against the outer query), more than reading a page of rows:
    # the queryset of a day is built once per process and handed out as fresh clones.
    # It is never evaluated itself, so it caches no rows.
    return (
        Partner.objects.with_activity(today)
        .annotate(next_anniversary=next_anniversary_subquery(today))
        .annotate(topics_values=linked_values(Partner, "topics", "slug"))
        .order_by("name", "pk")
    )


def agreement_list() -> QuerySet[Agreement]:
    return Agreement.objects.order_by("partner_id", "signed_on", "pk")


def organization_list() -> QuerySet[Organization]:
    return Organization.objects.order_by("name", "name_local", "pk")


def official_list(*, today: dt.date) -> QuerySet[Official]:
    """Officials by name, each with ``in_office`` on ``today``."""
    return Official.objects.with_in_office(today).order_by("name", "name_local", "pk")


def contact_list() -> QuerySet[Contact]:
    """Contacts, newest first, with the ids of their officials, staff and topic slugs."""
    return Contact.objects.annotate(
        officials_values=linked_values(Contact, "officials"),
        staff_values=linked_values(Contact, "staff"),
        topics_values=linked_values(Contact, "topics", "slug"),
    ).order_by("-occurred_on", "-occurred_at", "-pk")


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.order_by("name", "pk")


# --- Similar names (duplicate check before creating a record) ------------------------------

SIMILAR_MODELS = (Partner, Official, Organization)
NAME_FIELDS = ("name", "name_local")


def similar_records(model: type[Model], *texts: str, limit: int = 5) -> list:
    """Existing ``model`` rows (Partner, Official or Organization) whose ``name`` or
    ``name_local`` resembles any of ``texts``, best first, at most ``limit``: one query.

    Either script, Traditional and Simplified folded (every text is also looked for as
    OpenCC converts it, ``crm.core.text.script_variants``), case ignored. A row matches when
    a name contains the text, or is trigram-similar to it (``%``: similarity ≥ 0.3), or
    contains a word-like stretch similar to it (``%>``: word similarity ≥ 0.6). Each row
    carries ``similarity`` (0–1; 1 when a name contains the text), the best over its names
    and the texts' spellings. The conditions are on ``UPPER(col)``, the expression the
    tables' trigram GIN indexes cover (relations 0003 and 0010), so they read the index.
    """
    if model not in SIMILAR_MODELS:
        raise ValueError(f"similar_records reads {SIMILAR_MODELS}, not {model!r}")
    variants = list(dict.fromkeys(v for text in texts for v in script_variants(text)))
    if not variants or limit <= 0:
        return []
    contained, condition, scores = Q(), Q(), []
    for field in NAME_FIELDS:
        column = Upper(field)  # the indexed expression; trigrams ignore case anyway
        for variant in variants:
            value = Value(variant)
            contained |= Q(**{f"{field}__icontains": variant})
            condition |= Q(TrigramSimilar(column, value)) | Q(TrigramWordSimilar(column, value))
            scores += [TrigramSimilarity(column, value), TrigramWordSimilarity(value, column)]
    # A name containing the text is as close as it gets, whatever its length.
    score = Case(When(contained, then=Value(1.0)), default=Greatest(*scores))
    return list(
        model.objects.filter(contained | condition)
        .annotate(similarity=score)
        .order_by("-similarity", "name", "name_local", "pk")[:limit]
    )


# --- Pages (dashboard) ------------------------------------------------------------------------
# Appended by the pages feature.


def cooling_partners(*, today: dt.date, limit: int = 20) -> list[Partner]:
    """Partners not ended whose health is cooling or dormant, longest silent first."""
    return list(partner_list(today=today).quiet(today)[:limit])


TIMELINE_PAGE_SIZE = 50
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# day . microseconds since 1970 (17 digits reach the year 5138) . kind . id (a bigint)
_TOKEN = re.compile(r"(\d{4}-\d{2}-\d{2})\.(\d{1,17})\.([a-z]{1,20})\.(\d{1,18})", re.ASCII)


@dataclasses.dataclass(frozen=True, order=True)
class TimelineKey:
    """Where an entry stands in a partner's timeline, which runs newest first: by its day,
    then by when it was recorded, then kind and id, so no two entries tie and a page can
    start right after any entry (keyset paging: the same work on page 20 as on page 1).

    ``token()`` is the ``?before=`` of an "older entries" link:
    ``2026-10-01.1790000000123456.contact.42`` (day, recorded at in microseconds since
    1970 UTC, kind, id); ``from_token`` reads one back or raises ``ValueError``."""

    date: dt.date
    created_at: dt.datetime
    kind: str
    pk: int

    def token(self) -> str:
        micros = (self.created_at - _EPOCH) // _MICROSECOND
        return f"{self.date.isoformat()}.{micros}.{self.kind}.{self.pk}"

    @classmethod
    def from_token(cls, token: str) -> TimelineKey:
        found = _TOKEN.fullmatch(token)
        if not found:
            raise ValueError(f"not a timeline position: {token!r}")
        day, micros, kind, pk = found.groups()
        recorded = _EPOCH + int(micros) * _MICROSECOND
        return cls(dt.date.fromisoformat(day), recorded, kind, int(pk))  # ValueError if no day

    def older_q(self, kind: str, date: str) -> Q:
        """The rows of ``kind``, dated by the field or annotation ``date``, that come after
        this position (each row's ``created_at`` and ``pk`` break ties)."""
        older = Q(**{f"{date}__lt": self.date}) | Q(
            **{date: self.date, "created_at__lt": self.created_at}
        )
        same_instant = Q(**{date: self.date, "created_at": self.created_at})
        if kind == self.kind:
            older |= same_instant & Q(pk__lt=self.pk)
        elif kind < self.kind:  # the kinds that sort after this one at the same instant
            older |= same_instant
        return older


class TimelineEntry:
    """One line of a partner's timeline: what happened, on which day (and how much of that
    day is on record: ``day``, ``month`` or ``year``), and the row itself."""

    __slots__ = ("created_at", "date", "kind", "obj", "precision")

    def __init__(
        self, kind: str, date: dt.date, obj, created_at: dt.datetime, precision: str = "day"
    ):
        self.kind = kind  # contact, visit, commitment, invitation, gift
        self.date = date
        self.obj = obj
        self.created_at = created_at
        self.precision = precision

    @property
    def key(self) -> TimelineKey:
        return TimelineKey(self.date, self.created_at, self.kind, self.obj.pk)


def timeline_rows(
    queryset: QuerySet, kind: str, date: str, *, limit: int, before: TimelineKey | None
) -> QuerySet:
    """The newest ``limit`` rows of ``queryset`` for the timeline (after ``before`` when
    given), in the timeline's order: what every timeline provider runs."""
    if before is not None:
        queryset = queryset.filter(before.older_q(kind, date))
    return queryset.order_by(f"-{date}", "-created_at", "-pk")[:limit]


@dataclasses.dataclass
class TimelinePage:
    """One page of a partner's timeline, newest first, and where the next one starts."""

    entries: list[TimelineEntry]
    older: TimelineKey | None  # the last entry's position when older entries exist
    before: TimelineKey | None  # where this page started (None: the newest entries)


# ``fn(partner, *, limit, before) -> list[TimelineEntry]`` from other apps (visits adds
# visits, commitments, invitations and gifts from ``VisitsConfig.ready``): the newest
# ``limit`` entries of each kind after ``before``, through ``timeline_rows``.
TIMELINE_PROVIDERS: list[Callable[..., list[TimelineEntry]]] = []


def register_timeline(provider: Callable[..., list[TimelineEntry]]) -> None:
    if provider not in TIMELINE_PROVIDERS:
        TIMELINE_PROVIDERS.append(provider)


def partner_timeline(
    partner: Partner, *, limit: int = TIMELINE_PAGE_SIZE, before: TimelineKey | None = None
) -> TimelinePage:
    """What happened with a partner, newest first, ``limit`` entries from ``before`` on (the
    newest without it): its contacts here, and what the registered providers add. One
    query per kind plus one for the officials of the contacts, whatever the length of the
    history or the page's depth: each kind reads at most ``limit + 1`` rows, the one more
    telling whether older entries exist."""
    contacts = timeline_rows(
        Contact.objects.filter(partner=partner)
        .select_related("created_by", "visit")
        .prefetch_related(Prefetch("officials", queryset=Official.objects.order_by("name"))),
        "contact",
        "occurred_on",
        limit=limit + 1,
        before=before,
    )
    entries = [
        TimelineEntry("contact", c.occurred_on, c, c.created_at, c.occurred_precision)
        for c in contacts
    ]
    for provider in TIMELINE_PROVIDERS:
        entries.extend(provider(partner, limit=limit + 1, before=before))
    entries.sort(key=lambda e: e.key, reverse=True)
    older = entries[limit - 1].key if len(entries) > limit else None
    return TimelinePage(entries=entries[:limit], older=older, before=before)
