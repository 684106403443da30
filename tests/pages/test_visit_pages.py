"""The visit page: delegation in protocol order with partial participation, the itinerary
in local and Taipei time, commitments and gifts, and the forms that add to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    GiftFactory,
    MemberFactory,
    OfficialFactory,
    PartnerFactory,
    VisitFactory,
)
from tests.pages.conftest import text
from visits.models import Commitment, DelegationMember, Engagement, MemberAbsence

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    visit = VisitFactory(
        title="US delegation", start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31)
    )
    tacoma = PartnerFactory(name="Tacoma", name_local="塔可瑪市", time_zone="America/Los_Angeles")
    visit.partners.add(tacoma)
    visit.tacoma = tacoma
    return visit


def _page(client, visit) -> str:
    response = client.get(reverse("visits:visit-detail", args=[visit.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_delegation_is_in_protocol_order_with_partial_participation(client, viewer, visit):
    second = MemberFactory(visit=visit, order=2, name_local="黃國榮")
    mayor = MemberFactory(visit=visit, order=1, name_local="盧秀燕", role="leader")
    MemberAbsence.objects.create(
        member=mayor,
        starts_on=dt.date(2024, 7, 23),
        ends_on=dt.date(2024, 7, 26),
        reason="Typhoon Gaemi",
    )
    MemberFactory(visit=visit, order=3, name_local="記者", joined_on=dt.date(2024, 7, 27))
    client.force_login(viewer)
    html = _page(client, visit)
    delegation = html[html.index('id="delegation"') : html.index('id="itinerary"')]
    assert delegation.index("盧秀燕") < delegation.index("黃國榮") < delegation.index("記者")
    mayor_row = delegation[delegation.index(f'id="member-{mayor.pk}"') :]
    assert "113/07/23 → 113/07/26 (Typhoon Gaemi)" in text(mayor_row.split("</tr>")[0])
    assert (
        "全程參與" in delegation[delegation.index(f'id="member-{second.pk}"') :].split("</tr>")[0]
    )
    # Each day says who is away: the mayor on the 24th, the late joiner before the 27th.
    itinerary = html[html.index('id="itinerary"') :]
    day_24 = itinerary[itinerary.index("民國113年7月24日") :].split("</section>")[0]
    assert "盧秀燕" in day_24
    assert "記者" in day_24
    day_28 = itinerary[itinerary.index("民國113年7月28日") :].split("</section>")[0]
    assert "離團" not in day_28


def test_the_itinerary_shows_local_time_and_taipei_time(client, viewer, visit):
    call = EngagementFactory(
        visit=visit,
        date=dt.date(2024, 7, 23),
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        time_zone="",
        partner=visit.tacoma,
        title="Courtesy call on Deputy Mayor Hines",
    )
    winter = EngagementFactory(
        visit=visit,
        date=dt.date(2024, 7, 29),
        start_time=dt.time(8, 0),
        time_zone="Asia/Tokyo",
        title="Transit in Tokyo",
    )
    client.force_login(viewer)
    html = _page(client, visit)
    # No zone of its own: the partner's (Seattle area, daylight time, UTC−7) → +15 h.
    call_html = html[html.index(f'id="engagement-{call.pk}"') :].split("</li>")[0]
    assert "10:00–11:30" in call_html
    assert "PDT" in call_html
    assert "臺北 01:00 +1" in call_html
    tokyo = html[html.index(f'id="engagement-{winter.pk}"') :].split("</li>")[0]
    assert "08:00" in tokyo
    assert "臺北 07:00)" in tokyo  # same day: no +1


def test_commitments_and_gifts_of_the_visit_and_its_engagements_are_listed(client, viewer, visit):
    engagement = EngagementFactory(visit=visit)
    CommitmentFactory(visit=visit, title="Invite Hines")
    CommitmentFactory(engagement=engagement, title="Send the festival programme")
    CommitmentFactory(title="Unrelated promise")
    GiftFactory(visit=visit, description="Glass bowl")
    GiftFactory(engagement=engagement, description="Tea set")
    client.force_login(viewer)
    html = _page(client, visit)
    for shown in ("Invite Hines", "Send the festival programme", "Glass bowl", "Tea set"):
        assert shown in html
    assert "Unrelated promise" not in html
    assert f'href="/api/v1/visits/{visit.pk}/report.docx"' in html


def test_an_officer_adds_a_member_an_engagement_and_a_commitment(client, officer, visit):
    hines = OfficialFactory(partner=visit.tacoma, name="John Hines")
    client.force_login(officer)
    response = client.post(
        reverse("visits:member-add", args=[visit.pk]),
        {"order": 1, "name_local": "盧秀燕", "role": "leader", "joined_on": "2024-07-22"},
    )
    assert response.status_code == 302
    member = DelegationMember.objects.get(visit=visit)
    assert (member.name_local, member.created_by) == ("盧秀燕", officer)

    response = client.post(
        reverse("visits:engagement-add", args=[visit.pk]),
        {
            "date": "2024-07-23",
            "start_time": "10:00",
            "kind": "courtesy_call",
            "title": "Call on Hines",
            "partner": visit.tacoma.pk,
            "officials": [hines.pk],
            "order": 1,
        },
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(visit=visit)
    assert engagement.time_zone == "America/Los_Angeles"  # the partner's by default
    assert list(engagement.officials.all()) == [hines]

    response = client.post(
        reverse("visits:commitment-add", args=[visit.pk]),
        {
            "title_local": "邀請海因斯副市長訪問臺中",
            "title": "Invite Hines to Taichung",
            "kind": "invitation",
            "owner": officer.pk,
            "partner": visit.tacoma.pk,
            "engagement": engagement.pk,
            "due_on": "2024-12-31",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(visit=visit)
    assert (commitment.owner, commitment.engagement) == (officer, engagement)


def test_a_form_with_errors_keeps_the_input_and_says_what_is_wrong(client, officer, visit):
    MemberFactory(visit=visit, order=1)
    client.force_login(officer)
    response = client.post(
        reverse("visits:member-add", args=[visit.pk]),
        {
            "order": 1,
            "name": "",
            "name_local": "",
            "department": "Information Bureau",
            "joined_on": "2024-07-28",
            "left_on": "2024-07-25",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    form = html[html.index('id="add-member"') :].split("</details>")[0]
    assert " open" in form[: form.index(">")]
    assert 'value="Information Bureau"' in form
    for message in (
        "已有其他團員排在此順序。",
        "請至少以一種文字填寫姓名。",
        "離團日期須晚於加入日期。",
    ):
        assert message in form
    assert visit.members.count() == 1


def test_editing_a_visit_someone_else_changed_shows_a_conflict_and_keeps_theirs(
    client, officer, visit
):
    from crm.core.services import update_object

    client.force_login(officer)
    page = _page(client, visit)
    assert 'name="version" value="1"' in page
    update_object(visit, user=None, fields={"summary": "Their summary"})  # someone else
    response = client.post(
        reverse("visits:visit-edit", args=[visit.pk]),
        {
            "title": "US delegation",
            "status": "completed",
            "start_on": "2024-07-22",
            "end_on": "2024-07-31",
            "summary": "My summary",
            "version": 1,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "此訪問已被他人修改" in html
    assert "My summary" in html  # what the user typed is not lost
    visit.refresh_from_db()
    assert visit.summary == "Their summary"
    assert visit.version == 2


def test_editing_a_visit_with_the_current_version_saves_it(client, officer, visit):
    client.force_login(officer)
    response = client.post(
        reverse("visits:visit-edit", args=[visit.pk]),
        {
            "title": "US delegation",
            "status": "completed",
            "start_on": "2024-07-22",
            "end_on": "2024-07-31",
            "report_submitted_on": "2024-11-04",
            "version": 1,
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.report_submitted_on, visit.version) == (dt.date(2024, 11, 4), 2)
