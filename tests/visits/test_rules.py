"""The domain rules defined once on the models and querysets (and called everywhere else):
open and overdue commitments, gifts to register, an engagement's time zone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    GiftFactory,
    PartnerFactory,
    VisitFactory,
)
from visits.models import Commitment, Engagement, Gift
from visits.services import create_engagement, record_gift

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2025, 3, 10)


def closed(status: str, **kwargs) -> Commitment:
    return CommitmentFactory(status=status, outcome="Done.", completed_on=D(2025, 3, 1), **kwargs)


def titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


# --- Commitments: open, overdue, undated, due between --------------------------------------


@pytest.fixture
def commitments() -> dict[str, Commitment]:
    """One commitment per boundary, named by what it is on ``TODAY``."""
    rows = {
        "open, due yesterday": CommitmentFactory(due_on=D(2025, 3, 9)),
        "in progress, due yesterday": CommitmentFactory(due_on=D(2025, 3, 9), status="in_progress"),
        "open, due today": CommitmentFactory(due_on=TODAY),
        "open, due tomorrow": CommitmentFactory(due_on=D(2025, 3, 11)),
        "open, no date": CommitmentFactory(due_on=None),
        "in progress, no date": CommitmentFactory(due_on=None, status="in_progress"),
        "done, due long ago": closed("done", due_on=D(2024, 1, 1)),
        "dropped, due long ago": closed("dropped", due_on=D(2024, 1, 1)),
        "done, no date": closed("done", due_on=None),
    }
    for title, commitment in rows.items():
        commitment.title = title
        commitment.save()
    return rows


def test_open_commitments_are_open_or_in_progress(commitments):
    assert titles(Commitment.objects.open()) == {
        "open, due yesterday",
        "in progress, due yesterday",
        "open, due today",
        "open, due tomorrow",
        "open, no date",
        "in progress, no date",
    }
    assert titles(Commitment.objects.closed()) == {
        "done, due long ago",
        "dropped, due long ago",
        "done, no date",
    }
    assert {title for title, c in commitments.items() if c.is_open} == titles(
        Commitment.objects.open()
    )


def test_overdue_means_open_or_in_progress_and_due_before_today(commitments):
    # Due today is not overdue yet; done or dropped is never overdue; no date, never.
    assert titles(Commitment.objects.overdue(TODAY)) == {
        "open, due yesterday",
        "in progress, due yesterday",
    }
    assert {title for title, c in commitments.items() if c.is_overdue(TODAY)} == {
        "open, due yesterday",
        "in progress, due yesterday",
    }


def test_overdue_moves_with_today(commitments):
    assert titles(Commitment.objects.overdue(D(2025, 3, 11))) == {
        "open, due yesterday",
        "in progress, due yesterday",
        "open, due today",
    }
    assert titles(Commitment.objects.overdue(D(2025, 3, 9))) == set()
    assert commitments["open, due today"].is_overdue(D(2025, 3, 11)) is True
    assert commitments["open, due today"].is_overdue(TODAY) is False


def test_is_overdue_without_a_date_is_as_of_today_in_taipei(commitments, settings):
    settings.TIME_ZONE = "Asia/Taipei"
    due_today = commitments["open, due today"]
    # 16:30 UTC on the 10th is already 00:30 on the 11th in Taipei.
    with time_machine.travel(dt.datetime(2025, 3, 10, 15, 59, tzinfo=dt.UTC), tick=False):
        assert due_today.is_overdue() is False
    with time_machine.travel(dt.datetime(2025, 3, 10, 16, 30, tzinfo=dt.UTC), tick=False):
        assert due_today.is_overdue() is True


def test_undated_commitments_are_open_ones_with_no_due_date(commitments):
    assert titles(Commitment.objects.undated()) == {"open, no date", "in progress, no date"}


def test_due_between_is_open_commitments_due_in_the_range_both_ends_included(commitments):
    assert titles(Commitment.objects.due_between(TODAY, D(2025, 3, 11))) == {
        "open, due today",
        "open, due tomorrow",
    }
    assert titles(Commitment.objects.due_between(D(2024, 1, 1), D(2025, 3, 9))) == {
        "open, due yesterday",
        "in progress, due yesterday",
    }


def test_the_overdue_filter_and_its_negation_split_the_commitments(commitments):
    from visits.filters import CommitmentFilterSet

    with time_machine.travel(dt.datetime(2025, 3, 10, 4, 0, tzinfo=dt.UTC), tick=False):
        overdue = CommitmentFilterSet({"overdue": "true"}, Commitment.objects.all()).qs
        not_overdue = CommitmentFilterSet({"overdue": "false"}, Commitment.objects.all()).qs
        assert titles(overdue) == {"open, due yesterday", "in progress, due yesterday"}
        assert titles(not_overdue) == set(commitments) - titles(overdue)


# --- Gifts to register ----------------------------------------------------------------------


@pytest.fixture
def threshold(settings) -> Decimal:
    settings.GIFT_REGISTRATION_THRESHOLD_TWD = 3000
    settings.GIFT_EXCHANGE_RATES_TWD = {"TWD": 1.0, "USD": 32.0}
    return Decimal(3000)


def received(value, currency: str = "TWD") -> Gift:
    return record_gift(
        user=None,
        fields={"direction": "received", "description": f"{value} {currency}",
                "date": D(2025, 5, 1), "partner": PartnerFactory(),
                "estimated_value": value, "currency": currency},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "currency", "value_twd", "needed"),
    [
        (Decimal("2999.99"), "TWD", Decimal("2999.99"), False),  # below the threshold
        (Decimal("3000"), "TWD", Decimal("3000.00"), True),  # at the threshold
        (Decimal("93.75"), "USD", Decimal("3000.00"), True),  # converted: at it
        (Decimal("93.74"), "USD", Decimal("2999.68"), False),  # converted: below it
        (None, "TWD", None, True),  # no value recorded: someone must decide
        (Decimal("100"), "EUR", None, True),  # no rate: no value in TWD either
    ],
)
def test_a_received_unregistered_gift_needs_registration_by_its_value_in_twd(
    threshold, value, currency, value_twd, needed
):
    gift = received(value, currency)

    assert gift.value_twd == value_twd
    assert gift.needs_registration is needed
    assert list(Gift.objects.unregistered()) == ([gift] if needed else [])


def test_a_given_gift_never_needs_registration(threshold):
    gifts = [
        GiftFactory(direction="given", value_twd=Decimal("100000")),
        GiftFactory(direction="given", value_twd=None),
    ]
    assert [g.needs_registration for g in gifts] == [False, False]
    assert list(Gift.objects.unregistered()) == []


def test_a_registered_gift_never_needs_registration(threshold):
    gifts = [
        GiftFactory(value_twd=Decimal("100000"), registered_on=D(2025, 5, 2)),
        GiftFactory(value_twd=None, registered_on=D(2025, 5, 2)),
    ]
    assert [g.needs_registration for g in gifts] == [False, False]
    assert list(Gift.objects.unregistered()) == []


def test_the_threshold_is_read_from_the_settings_when_asked(settings):
    gift = GiftFactory(value_twd=Decimal("4000"))
    settings.GIFT_REGISTRATION_THRESHOLD_TWD = 5000
    assert (gift.needs_registration, list(Gift.objects.unregistered())) == (False, [])
    settings.GIFT_REGISTRATION_THRESHOLD_TWD = 4000
    assert (gift.needs_registration, list(Gift.objects.unregistered())) == (True, [gift])


def test_the_unregistered_filter_and_its_negation_split_the_gifts(threshold):
    from visits.filters import GiftFilterSet

    flagged = {GiftFactory(value_twd=Decimal("3000")), GiftFactory(value_twd=None)}
    others = {
        GiftFactory(value_twd=Decimal("2999")),
        GiftFactory(value_twd=None, direction="given"),
        GiftFactory(value_twd=None, registered_on=D(2025, 5, 2)),
    }

    assert set(GiftFilterSet({"unregistered": "true"}, Gift.objects.all()).qs) == flagged
    assert set(GiftFilterSet({"unregistered": "false"}, Gift.objects.all()).qs) == others


# --- An engagement's time zone --------------------------------------------------------------


def engagement(time_zone: str, partner_zone: str | None) -> Engagement:
    partner = None if partner_zone is None else PartnerFactory(time_zone=partner_zone)
    row = EngagementFactory(time_zone=time_zone, partner=partner)
    return Engagement.objects.select_related("partner").get(pk=row.pk)


@pytest.mark.parametrize(
    ("own", "partners", "expected"),
    [
        ("Asia/Tokyo", "America/Los_Angeles", "Asia/Tokyo"),  # its own first
        ("", "America/Los_Angeles", "America/Los_Angeles"),  # else its partner's
        ("", "", "Europe/Berlin"),  # else the office's (TIME_ZONE)
        ("", None, "Europe/Berlin"),  # no partner at all
        ("Mars/Olympus", "America/Los_Angeles", "Europe/Berlin"),  # invalid: TIME_ZONE
        ("", "Mars/Olympus", "Europe/Berlin"),  # the partner's invalid: TIME_ZONE
        ("../etc/passwd", None, "Europe/Berlin"),
        ("America", None, "Europe/Berlin"),  # a directory of the database, not a zone
    ],
)
def test_an_engagement_zone_is_its_own_else_its_partners_else_time_zone(
    settings, own, partners, expected
):
    settings.TIME_ZONE = "Europe/Berlin"
    row = engagement(own, partners)

    assert row.zone == ZoneInfo(expected)
    assert row.zone.key == expected


def test_a_new_engagement_records_its_partners_zone_or_none():
    visit = VisitFactory()
    fields = {"visit": visit, "date": D(2025, 3, 5), "kind": "meeting", "title": "Call"}

    with_partner = create_engagement(
        user=None, fields={**fields, "partner": PartnerFactory(time_zone="Asia/Tokyo")}
    )
    without = create_engagement(user=None, fields=fields)
    own = create_engagement(
        user=None,
        fields={**fields, "time_zone": "Europe/Paris", "partner": PartnerFactory()},
    )

    assert [with_partner.time_zone, without.time_zone, own.time_zone] == [
        "Asia/Tokyo",
        "",
        "Europe/Paris",
    ]


# --- Trip reports: owed and overdue ---------------------------------------------------------


def test_a_trip_report_is_overdue_from_the_day_after_it_was_due_until_submitted():
    due = VisitFactory(title="due", report_due_on=TODAY, report_submitted_on=None)
    late = VisitFactory(title="late", report_due_on=TODAY - dt.timedelta(1))
    VisitFactory(title="submitted", report_due_on=D(2025, 1, 1), report_submitted_on=TODAY)
    VisitFactory(title="cancelled", report_due_on=D(2025, 1, 1), status="cancelled")
    VisitFactory(title="no date", report_due_on=None)
    from visits.models import Visit

    assert titles(Visit.objects.report_overdue(TODAY)) == {"late"}
    assert titles(Visit.objects.report_due_by(TODAY)) == {"due", "late"}
    assert titles(Visit.objects.report_pending()) == {"due", "late"}
    assert (late.report_is_overdue(TODAY), due.report_is_overdue(TODAY)) == (True, False)
    assert [
        v.report_is_overdue(TODAY) for v in Visit.objects.exclude(pk__in=[due.pk, late.pk])
    ] == [
        False,
        False,
        False,
    ]


def test_a_commitment_links_to_the_follow_ups_page_until_it_is_reviewed(manager):
    visit = VisitFactory()
    open_one = CommitmentFactory(visit=visit)
    awaiting = closed("done", visit=visit)
    reviewed = closed(
        "dropped", visit=visit, reviewed_by=manager, reviewed_at=dt.datetime.now(dt.UTC)
    )
    loose = closed("done", partner=None, reviewed_by=manager, reviewed_at=dt.datetime.now(dt.UTC))
    for followed in (open_one, awaiting):
        assert followed.get_absolute_url() == (
            f"/follow-ups/?owner={followed.owner_id}#commitment-{followed.pk}"
        )
    assert reviewed.get_absolute_url() == f"/visits/{visit.pk}/#commitment-{reviewed.pk}"
    assert loose.get_absolute_url() == f"/commitments/{loose.pk}/edit/"
