"""Follow-ups without a due date do not vanish: the managers' weekly digest lists them by
owner, and the calendar feed carries them as to-dos (VTODO without DUE)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from crm.core.formatting import DateFormat
from crm.desk.calendar import build_feed
from tests.crm.reminders_support import at, make_manager, notification_of, run_day
from tests.factories import CommitmentFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2025, 6, 16)


def _todos(content: bytes) -> dict[str, object]:
    return {str(todo["UID"]): todo for todo in Calendar.from_ical(content).walk("VTODO")}


def _event_uids(content: bytes) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(content).walk("VEVENT")}


def test_the_weekly_digest_lists_open_commitments_without_a_due_date_by_owner(settings):
    settings.SITE_URL = "https://crm.example"
    make_manager(language="en")
    mei = UserFactory(role="officer", username="mei", first_name="Mei", last_name="Lin")
    tacoma = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    undated = CommitmentFactory(
        owner=mei, title="Keep in touch with the library", partner=tacoma, due_on=None
    )
    CommitmentFactory(
        owner=mei,
        title="Closed, never dated",
        due_on=None,
        status="dropped",
        completed_on=MONDAY,
        outcome="No longer needed",
    )
    CommitmentFactory(owner=mei, title="Dated for next month", due_on=dt.date(2025, 7, 20))

    (digest,) = [m for m in run_day(MONDAY, hour=8) if notification_of(m).kind == "weekly_digest"]
    text, html = digest.body, digest.alternatives[0][0]

    section = text[text.index("== Open commitments without a due date ==") :]
    section = section[: section.index("\n== ")]
    assert "Mei Lin:\n  - Keep in touch with the library — Tacoma (塔可瑪市)" in section
    assert "Closed, never dated" not in text
    assert "Dated for next month" not in section
    assert f'href="https://crm.example/follow-ups/#commitment-{undated.pk}"' in html


def test_the_digest_says_how_many_more_undated_ones_there_are(settings):
    from visits import reminders

    make_manager(language="en")
    for _ in range(3):
        CommitmentFactory(due_on=None)
    fmt = DateFormat("en")
    rows, total = reminders.digest_undated_commitments(fmt, limit=2)
    assert (len(rows), total) == (2, 3)


@time_machine.travel(at(MONDAY, 9), tick=False)
def test_the_calendar_feed_carries_open_undated_commitments_as_to_dos_without_due(officer, manager):
    mine = CommitmentFactory(
        owner=officer, title="Keep in touch", due_on=None, priority="high", status="in_progress"
    )
    CommitmentFactory(
        owner=officer,
        title="Dropped, undated",
        due_on=None,
        status="dropped",
        completed_on=MONDAY,
        outcome="No longer needed",
    )
    theirs = CommitmentFactory(title="Someone else's", due_on=None)

    feed = build_feed(officer, MONDAY)
    todos = _todos(feed)
    uid = f"commitment-todo-{mine.pk}@sister-city-crm"
    assert set(todos) == {uid}
    todo = todos[uid]
    assert "DUE" not in todo
    assert "DTSTART" not in todo
    assert str(todo["SUMMARY"]) == "待辦（未定到期日）：Keep in touch"
    assert str(todo["STATUS"]) == "IN-PROCESS"
    assert int(todo["PRIORITY"]) == 1
    assert str(todo["URL"]).endswith(f"/follow-ups/#commitment-{mine.pk}")
    # Not also an event: a calendar grid has no day for it.
    assert not any(u.startswith(f"commitment-{mine.pk}@") for u in _event_uids(feed))

    # Managers see everyone's, as with dated commitments.
    assert set(_todos(build_feed(manager, MONDAY))) == {
        uid,
        f"commitment-todo-{theirs.pk}@sister-city-crm",
    }


@time_machine.travel(at(MONDAY, 9), tick=False)
def test_giving_a_date_turns_the_to_do_into_a_dated_event(officer):
    from crm.core.services import update_object

    commitment = CommitmentFactory(owner=officer, due_on=None)
    assert f"commitment-todo-{commitment.pk}@sister-city-crm" in _todos(build_feed(officer, MONDAY))
    update_object(commitment, user=None, fields={"due_on": dt.date(2025, 7, 1)})
    feed = build_feed(officer, MONDAY)
    assert _todos(feed) == {}
    assert f"commitment-{commitment.pk}@sister-city-crm" in _event_uids(feed)
