"""The follow-up review: overdue, due within 14 days and done-awaiting-review lists, with
complete, change due date, reassign and review in place (htmx), through the services."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from crm.core.formatting import local_today
from tests.factories import CommitmentFactory, UserFactory
from tests.pages.conftest import text
from visits.models import Commitment

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _section(html: str, section_id: str) -> str:
    start = html.index(f'<section class="fu-section" id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def commitments(officer):
    today = local_today()
    other = UserFactory(role="officer", username="other")
    return {
        "overdue": CommitmentFactory(
            owner=officer, title="Invite Hines", due_on=today - dt.timedelta(days=12)
        ),
        "soon": CommitmentFactory(
            owner=officer, title="Send programme", due_on=today + dt.timedelta(days=3)
        ),
        "later": CommitmentFactory(
            owner=officer, title="Plan 2030", due_on=today + dt.timedelta(days=60)
        ),
        "done": CommitmentFactory(
            owner=other,
            title="Thank Tacoma",
            status="done",
            outcome="Letter sent",
            completed_on=today,
        ),
        "others_overdue": CommitmentFactory(
            owner=other, title="Their late one", due_on=today - dt.timedelta(days=1)
        ),
    }


def test_managers_see_everyones_follow_ups_in_five_sections(client, manager, commitments):
    undated = CommitmentFactory(owner=manager, title="Keep in touch", due_on=None)
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    overdue = _section(html, "overdue")
    assert "Invite Hines" in overdue
    assert "Their late one" in overdue
    assert "Send programme" in _section(html, "due-soon")
    assert "Plan 2030" in _section(html, "later")
    assert f'id="commitment-{undated.pk}"' in _section(html, "undated")
    assert "Thank Tacoma" in _section(html, "awaiting-review")
    assert "追蹤事項審核" in html


def test_managers_narrow_the_review_to_one_owner(client, manager, commitments, officer):
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups"), {"owner": officer.pk}).content.decode()
    assert "Invite Hines" in html
    assert "Their late one" not in html


def test_officers_see_only_their_own(client, officer, commitments):
    client.force_login(officer)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert "Invite Hines" in html
    assert "Their late one" not in html
    assert "Thank Tacoma" not in html
    assert "Plan 2030" in _section(html, "later")
    assert "我的追蹤事項" in html
    assert "/reassign/" not in html
    assert "/review/" not in html


def test_completing_in_place_returns_the_updated_row(client, officer, commitments):
    commitment = commitments["overdue"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Invitation sent", "status": "done", "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert f'id="commitment-{commitment.pk}"' in row
    assert "待審核" in text(row)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome, commitment.completed_on) == (
        "done",
        "Invitation sent",
        local_today(),
    )


def test_completing_without_an_outcome_is_refused_and_keeps_the_choice(
    client, officer, commitments
):
    commitment = commitments["overdue"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "  ", "status": "dropped", "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 422
    row = response.content.decode()
    assert "結案前請說明辦理結果。" in row
    assert '<option value="dropped" selected>' in row
    assert 'aria-invalid="true"' in row
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_a_stale_version_shows_a_conflict_instead_of_overwriting(client, manager, commitments):
    from crm.core.services import update_object

    commitment = commitments["overdue"]
    stale = commitment.version
    update_object(commitment, user=None, fields={"due_on": local_today()})  # someone else
    client.force_login(manager)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Done", "version": stale},
        **HTMX,
    )
    assert response.status_code == 409
    assert "此追蹤事項已被他人修改" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == "open"
    # The row that came back carries the current version, so a retry can succeed.
    assert f'name="version" value="{commitment.version}"' in response.content.decode()


def test_a_manager_reassigns_changes_the_due_date_and_reviews(
    client, manager, commitments, officer
):
    commitment = commitments["others_overdue"]
    client.force_login(manager)
    new_due = local_today() + dt.timedelta(days=30)
    response = client.post(
        reverse("visits:change-due", args=[commitment.pk]),
        {"due_on": new_due.isoformat(), "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.due_on == new_due
    response = client.post(
        reverse("visits:reassign", args=[commitment.pk]),
        {"owner": officer.pk, "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.owner == officer

    done = commitments["done"]
    response = client.post(
        reverse("visits:review", args=[done.pk]), {"version": done.version}, **HTMX
    )
    assert response.status_code == 200
    assert "已審核" in text(response.content.decode())
    done.refresh_from_db()
    assert done.reviewed_by == manager
    assert done.reviewed_at is not None


def test_a_bad_due_date_or_owner_is_an_error_not_a_crash(client, manager, commitments):
    commitment = commitments["overdue"]
    client.force_login(manager)
    bad_date = client.post(
        reverse("visits:change-due", args=[commitment.pk]),
        {"due_on": "2024-02-30", "version": commitment.version},
        **HTMX,
    )
    assert bad_date.status_code == 422
    bad_owner = client.post(
        reverse("visits:reassign", args=[commitment.pk]),
        {"owner": "999999", "version": commitment.version},
        **HTMX,
    )
    assert bad_owner.status_code == 422
    assert Commitment.objects.get(pk=commitment.pk).version == commitment.version


def test_without_htmx_an_action_redirects_back_to_the_list(client, officer, commitments):
    commitment = commitments["soon"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Sent", "version": commitment.version},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('visits:follow-ups')}#commitment-{commitment.pk}"


# --- Nothing hidden: every open commitment in one of five sections -------------------------

SECTIONS = ("overdue", "due-soon", "later", "undated", "awaiting-review")


def _ids_in(html: str, section_id: str) -> list[int]:
    return [
        int(n)
        for n in re.findall(
            r'<li class="fu[^"]*" id="commitment-(\d+)"', _section(html, section_id)
        )
    ]


@pytest.fixture
def dated_demo(demo):
    """The demo's promises (all open, none dated) given the dates and states of a working
    office: two overdue, two due this week, two later, one done and awaiting review."""
    from crm.core.services import update_object
    from visits.services import complete_commitment

    today = local_today()
    rows = list(Commitment.objects.order_by("pk"))
    for row, days in zip(rows, (-30, -1, 0, 14, 15, 90), strict=False):
        update_object(row, user=None, fields={"due_on": today + dt.timedelta(days=days)})
    complete_commitment(rows[6], user=None, outcome="Letter sent")
    return rows


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_with_the_demo_data_every_open_commitment_is_in_exactly_one_of_five_sections(
    client, dated_demo, role
):
    from crm.core.models import User

    today = local_today()
    client.force_login(User.objects.get(username=role))
    html = client.get(reverse("visits:follow-ups")).content.decode()
    shown = {section: _ids_in(html, section) for section in SECTIONS}
    expected = {
        "overdue": Commitment.objects.overdue(today),
        "due-soon": Commitment.objects.due_between(today, today + dt.timedelta(days=14)),
        "later": Commitment.objects.due_after(today + dt.timedelta(days=14)),
        "undated": Commitment.objects.undated(),
        "awaiting-review": Commitment.objects.awaiting_review(),
    }
    for section, rows in expected.items():
        assert sorted(shown[section]) == sorted(rows.values_list("pk", flat=True)), section
    assert [len(shown[s]) for s in SECTIONS] == [2, 2, 2, 13, 1]
    open_shown = [pk for s in SECTIONS[:4] for pk in shown[s]]
    assert sorted(open_shown) == sorted(Commitment.objects.open().values_list("pk", flat=True))
    assert len(open_shown) == len(set(open_shown)) == 19
    assert text(_heading_total(html)).split(">")[-1].startswith("19 ")


def _heading_total(html: str) -> str:
    start = html.index('id="fu-total"')
    return html[start : html.index("</p>", start)]


def test_managers_see_counts_per_owner(client, manager, officer, commitments):
    CommitmentFactory(owner=officer, title="No date yet", due_on=None)
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    table = html[html.index('<table class="list compact fu-by-owner"') : html.index("</table>")]
    rows = {
        re.search(r"owner=(\d+)", row).group(1): [
            int(n) for n in re.findall(r'<td class="num"[^>]*>(?:<span class="late">)?(\d+)', row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        if "owner=" in row
    }
    other = commitments["others_overdue"].owner
    # open / overdue / no due date / awaiting review
    assert rows[str(officer.pk)] == [4, 1, 1, 0]
    assert rows[str(other.pk)] == [1, 1, 0, 1]


def test_officers_get_no_table_of_owners(client, officer, commitments):
    client.force_login(officer)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert "fu-by-owner" not in html


def test_a_long_section_shows_its_first_rows_and_a_link_to_all_of_them(
    client, manager, monkeypatch
):
    from visits import views

    monkeypatch.setattr(views, "SECTION_ROWS", 3)
    monkeypatch.setattr(views, "SECTION_PAGE_SIZE", 3)
    undated = [CommitmentFactory(owner=manager, due_on=None) for _ in range(5)]
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert _ids_in(html, "undated") == [c.pk for c in undated[:3]]
    assert "?section=undated" in _section(html, "undated")
    assert "顯示全部 5 項" in text(_section(html, "undated"))

    first = client.get(reverse("visits:follow-ups"), {"section": "undated"}).content.decode()
    assert _ids_in(first, "undated") == [c.pk for c in undated[:3]]
    assert 'id="overdue"' not in first
    second = client.get(
        reverse("visits:follow-ups"), {"section": "undated", "page": "2"}
    ).content.decode()
    assert _ids_in(second, "undated") == [c.pk for c in undated[3:]]


# --- Several at once ------------------------------------------------------------------------


def _ticks(*rows) -> list[str]:
    return [f"{c.pk}:{c.version}" for c in rows]


def _snapshot(rows) -> list[tuple]:
    return [
        (c.pk, c.owner_id, c.due_on, c.version)
        for c in Commitment.objects.filter(pk__in=[r.pk for r in rows]).order_by("pk")
    ]


def test_the_page_offers_a_tick_per_open_follow_up_and_the_bulk_form_without_javascript(
    client, manager, commitments
):
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    row = commitments["overdue"]
    assert (
        f'<input type="checkbox" class="fu-tick" name="selected" value="{row.pk}:{row.version}" '
        f'form="bulk" id="tick-{row.pk}">'
    ) in html
    assert '<form method="post" action="/follow-ups/bulk/?" id="bulk"' in html
    assert 'name="action" value="reassign"' in html
    # Closed rows are not ticked for a new owner or date.
    assert f'id="tick-{commitments["done"].pk}"' not in html


def test_a_manager_reassigns_several_follow_ups_at_once(client, manager, officer, commitments):
    rows = [commitments["overdue"], commitments["soon"], commitments["others_overdue"]]
    successor = UserFactory(role="officer", username="successor")
    client.force_login(manager)
    response = client.post(
        reverse("visits:follow-ups-bulk") + f"?owner={officer.pk}",
        {"selected": _ticks(*rows), "action": "reassign", "owner": successor.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('visits:follow-ups')}?owner={officer.pk}"
    after = Commitment.objects.filter(pk__in=[r.pk for r in rows])
    assert {c.owner_id for c in after} == {successor.pk}
    assert all(c.version == r.version + 1 for c, r in zip(after.order_by("pk"), rows, strict=True))
    page = client.get(response["Location"]).content.decode()
    assert "已變更 3 項追蹤事項。" in text(page)


def test_a_manager_sets_one_due_date_on_several_follow_ups(client, manager, commitments):
    rows = [commitments["overdue"], commitments["later"], commitments["others_overdue"]]
    new_due = local_today() + dt.timedelta(days=21)
    client.force_login(manager)
    response = client.post(
        reverse("visits:follow-ups-bulk"),
        {"selected": _ticks(*rows), "action": "due", "due_on": new_due.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert {c.due_on for c in Commitment.objects.filter(pk__in=[r.pk for r in rows])} == {new_due}
    assert "已變更 3 項追蹤事項。" in text(response.content.decode())


def test_an_officer_sets_a_due_date_on_several_of_their_own(client, officer, commitments):
    rows = [commitments["overdue"], commitments["soon"]]
    new_due = local_today() + dt.timedelta(days=7)
    client.force_login(officer)
    response = client.post(
        reverse("visits:follow-ups-bulk"),
        {"selected": _ticks(*rows), "action": "due", "due_on": new_due.isoformat()},
    )
    assert response.status_code == 302
    assert {c.due_on for c in Commitment.objects.filter(pk__in=[r.pk for r in rows])} == {new_due}


def test_an_officer_may_not_reassign_and_no_row_changes(client, officer, commitments):
    rows = [commitments["overdue"], commitments["soon"]]
    before = _snapshot(rows)
    client.force_login(officer)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert 'value="reassign"' not in html  # not offered …
    response = client.post(  # … and refused when forged
        reverse("visits:follow-ups-bulk"),
        {"selected": _ticks(*rows), "action": "reassign", "owner": officer.pk},
    )
    assert response.status_code == 403
    assert "未做任何變更" in text(response.content.decode())
    assert _snapshot(rows) == before


def test_one_stale_row_is_a_conflict_and_nothing_changes(client, manager, commitments):
    from crm.core.services import update_object

    rows = [commitments["overdue"], commitments["soon"], commitments["later"]]
    ticks = _ticks(*rows)
    update_object(commitments["soon"], user=None, fields={"priority": "high"})  # someone else
    before = _snapshot(rows)
    client.force_login(manager)
    response = client.post(
        reverse("visits:follow-ups-bulk"),
        {"selected": ticks, "action": "due", "due_on": "2031-01-01"},
    )
    assert response.status_code == 409
    page = text(response.content.decode())
    assert "未做任何變更：「Send programme」已被他人修改" in page
    assert _snapshot(rows) == before
    # The list comes back as it is now, the ticks kept with the current versions.
    soon = Commitment.objects.get(pk=commitments["soon"].pk)
    assert f'value="{soon.pk}:{soon.version}" form="bulk" id="tick-{soon.pk}" checked' in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "due", "due_on": "2031-01-01"}, "請至少勾選一項追蹤事項。"),
        ({"action": "due", "due_on": ""}, "請選擇新的到期日。"),
        ({"action": "due", "due_on": "2031-02-30"}, "請輸入有效日期。"),
        ({"action": "reassign", "owner": ""}, "請選擇承辦人或主管。"),
        ({"action": "explode"}, "請選擇有效的選項"),
    ],
)
def test_an_incomplete_bulk_request_is_a_422_and_nothing_changes(
    client, manager, commitments, data, message
):
    rows = [commitments["overdue"], commitments["soon"]]
    before = _snapshot(rows)
    if "請至少勾選" not in message:
        data = {**data, "selected": _ticks(*rows)}
    client.force_login(manager)
    response = client.post(reverse("visits:follow-ups-bulk"), data)
    assert response.status_code == 422
    assert message in text(response.content.decode())
    assert _snapshot(rows) == before


def test_a_row_deleted_meanwhile_is_a_conflict_and_nothing_changes(client, manager, commitments):
    rows = [commitments["overdue"], commitments["soon"]]
    before = _snapshot(rows)
    gone = CommitmentFactory(owner=manager)
    ticks = [*_ticks(*rows), f"{gone.pk}:{gone.version}"]
    Commitment.objects.filter(pk=gone.pk).delete()
    client.force_login(manager)
    response = client.post(
        reverse("visits:follow-ups-bulk"),
        {"selected": ticks, "action": "due", "due_on": "2031-01-01"},
    )
    assert response.status_code == 409
    assert _snapshot(rows) == before


def test_viewers_get_no_ticks_and_cannot_post(client, viewer, commitments):
    client.force_login(viewer)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert 'id="bulk"' not in html
    assert "fu-tick" not in html
    row = commitments["overdue"]
    response = client.post(
        reverse("visits:follow-ups-bulk"),
        {"selected": _ticks(row), "action": "due", "due_on": "2031-01-01"},
    )
    assert response.status_code == 403
    assert _snapshot([row]) == [(row.pk, row.owner_id, row.due_on, row.version)]


# --- The dashboard and the page agree ------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_every_dashboard_link_lands_on_an_entry_of_the_page_and_the_counts_agree(
    client, dated_demo, monkeypatch, role
):
    from crm.core.models import User
    from visits import views

    # Sections shorter than the dashboard's list, and many rows of others before the
    # manager's own: the links still land, because they open the page at the user's own.
    monkeypatch.setattr(views, "SECTION_ROWS", 20)
    user = User.objects.get(username=role)
    if role == "manager":
        Commitment.objects.filter(pk__in=[c.pk for c in dated_demo[8:]]).update(owner=user)
        for _ in range(25):
            CommitmentFactory(due_on=None)
    client.force_login(user)
    dashboard = client.get(reverse("pages:dashboard")).content.decode()
    links = re.findall(r'href="(/follow-ups/[^"#]*)#commitment-(\d+)"', dashboard)
    assert links
    own_open = Commitment.objects.open().filter(owner=user).count()
    count = re.search(r'id="my-follow-ups-count">\((\d+)\)', dashboard).group(1)
    assert int(count) == own_open
    for url, pk in links:
        page = client.get(url).content.decode()
        assert f'id="commitment-{pk}"' in page, (url, pk)
    all_url = re.search(r'href="([^"]+)" id="my-follow-ups-all"', dashboard).group(1)
    page = client.get(all_url.replace("&amp;", "&")).content.decode()
    open_ids = [pk for s in SECTIONS[:4] for pk in _ids_in(page, s)]
    assert len(open_ids) == own_open
    assert f"{own_open} " in text(_heading_total(page))


# --- A due date is optional when the promise is made ---------------------------------------


def test_a_commitment_added_on_the_visit_page_without_a_due_date_is_listed_under_no_due_date(
    client, officer
):
    from tests.factories import PartnerFactory, VisitFactory

    visit = VisitFactory(start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31))
    visit.partners.add(PartnerFactory())
    client.force_login(officer)
    response = client.post(
        reverse("visits:commitment-add", args=[visit.pk]),
        {
            "title_local": "邀請市長來訪",
            "kind": "invitation",
            "owner": officer.pk,
            "priority": "normal",
            "due_on": "",
        },
    )
    assert response.status_code == 302, text(response.content.decode())[:500]
    created = Commitment.objects.get(title_local="邀請市長來訪")
    assert created.due_on is None
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert created.pk in _ids_in(html, "undated")
