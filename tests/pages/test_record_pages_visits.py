"""The visits' record pages (visits.record_views): a visit, its members and their absences,
engagements, commitments, events, invitations and gifts — created, edited with the version
check and deleted as the roles allow (SPEC §4), through the same services as the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    MemberFactory,
    OfficialFactory,
    PartnerFactory,
    VisitFactory,
)
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    MemberAbsence,
    Visit,
)

pytestmark = pytest.mark.django_db


def _visit_form(visit: Visit, **changes) -> dict:
    data = {
        "version": visit.version,
        "title_local": visit.title_local or "塔可瑪訪問",
        "title": visit.title,
        "direction": visit.direction,
        "category": visit.category,
        "status": visit.status,
        "partners": [p.pk for p in visit.partners.all()],
        "start_on": visit.start_on.isoformat(),
        "end_on": visit.end_on.isoformat(),
        "date_precision": visit.date_precision,
        "report_due_on": visit.report_due_on.isoformat() if visit.report_due_on else "",
        "report_submitted_on": "",
        "purpose_local": visit.purpose_local,
        "purpose": visit.purpose,
        "summary_local": "",
        "summary": "",
        "insights_local": "",
        "insights": "",
        "recommendations_local": "",
        "recommendations": "",
    }
    return {**data, **changes}


# --- Visits -------------------------------------------------------------------------------------


def test_an_officer_creates_a_visit_and_its_report_falls_due_three_months_later(client, officer):
    tacoma = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    client.force_login(officer)
    assert client.get(reverse("visits:visit-new")).status_code == 200
    response = client.post(
        reverse("visits:visit-new"),
        {
            "title_local": "塔可瑪市友好交流訪問",
            "title": "Friendship visit to Tacoma",
            "direction": "outbound",
            "category": "exchange",
            "status": "planned",
            "partners": [tacoma.pk],
            "start_on": "2025-05-10",
            "end_on": "2025-05-15",
            "date_precision": "day",
            "purpose_local": "簽署教育合作備忘錄",
            "purpose": "",
        },
    )
    visit = Visit.objects.get(title="Friendship visit to Tacoma")
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:visit-detail", args=[visit.pk])
    assert visit.report_due_on == dt.date(2025, 8, 15)
    assert list(visit.partners.all()) == [tacoma]
    assert visit.created_by == officer


def test_a_past_exchange_known_by_its_month_is_stored_on_the_months_first_day(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("visits:visit-new"),
        {
            "title_local": "舊交流",
            "title": "Old exchange",
            "direction": "inbound",
            "category": "other",
            "status": "completed",
            "start_on": "1998-04-17",
            "end_on": "1998-04-20",
            "date_precision": "month",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get(title="Old exchange")
    assert (visit.start_on, visit.end_on) == (dt.date(1998, 4, 1), dt.date(1998, 4, 1))


def test_a_visit_without_its_chinese_title_is_refused_with_422(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("visits:visit-new"),
        {"title": "No Chinese", "direction": "outbound", "start_on": "2025-01-01"},
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Visit.objects.exists()


def test_the_visit_list_offers_a_new_visit_only_to_those_who_may_add(client, officer, viewer):
    client.force_login(officer)
    assert reverse("visits:visit-new") in client.get(reverse("visits:visit-list")).content.decode()
    client.force_login(viewer)
    assert (
        reverse("visits:visit-new") not in client.get(reverse("visits:visit-list")).content.decode()
    )
    assert client.get(reverse("visits:visit-new")).status_code == 403


def test_the_whole_visit_is_edited_with_its_narrative_and_partners(client, officer):
    visit = VisitFactory(title_local="訪問")
    seattle = PartnerFactory(name="Seattle")
    client.force_login(officer)
    url = reverse("visits:visit-change", args=[visit.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _visit_form(
            visit, category="conference", partners=[seattle.pk], insights_local="雙方學校交流"
        ),
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.category, visit.insights_local, visit.version) == (
        "conference",
        "雙方學校交流",
        2,
    )
    assert list(visit.partners.all()) == [seattle]


def test_a_stale_visit_edit_is_refused_with_409_and_the_row_is_unchanged(client, officer):
    visit = VisitFactory(title_local="訪問", purpose_local="原本")
    stale = _visit_form(visit, purpose_local="我的版本")
    Visit.objects.filter(pk=visit.pk).update(version=2, purpose_local="別人的版本")
    client.force_login(officer)
    response = client.post(reverse("visits:visit-change", args=[visit.pk]), stale)
    assert response.status_code == 409
    assert "別人的版本" in response.content.decode()
    visit.refresh_from_db()
    assert (visit.purpose_local, visit.version) == ("別人的版本", 2)


def test_an_invalid_visit_edit_is_422_and_the_row_is_unchanged(client, officer):
    visit = VisitFactory(title_local="訪問")
    client.force_login(officer)
    response = client.post(
        reverse("visits:visit-change", args=[visit.pk]),
        _visit_form(visit, end_on="2024-07-01"),  # before the start
    )
    assert response.status_code == 422
    visit.refresh_from_db()
    assert (visit.end_on, visit.version) == (dt.date(2024, 7, 31), 1)


def test_an_officer_may_not_delete_a_visit(client, officer):
    visit = VisitFactory()
    client.force_login(officer)
    assert client.post(reverse("visits:visit-delete", args=[visit.pk])).status_code == 403
    assert Visit.objects.filter(pk=visit.pk, version=visit.version).exists()


def test_a_visit_with_commitments_is_kept_and_the_manager_told_why(client, manager):
    visit = VisitFactory()
    CommitmentFactory(visit=visit)
    client.force_login(manager)
    response = client.post(reverse("visits:visit-delete", args=[visit.pk]))
    assert response.status_code == 409
    assert 'id="refused"' in response.content.decode()
    assert Visit.objects.filter(pk=visit.pk).exists()


def test_a_manager_deletes_a_visit_with_its_delegation(client, manager):
    visit = VisitFactory()
    MemberFactory(visit=visit)
    client.force_login(manager)
    response = client.post(reverse("visits:visit-delete", args=[visit.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:visit-list")
    assert not Visit.objects.filter(pk=visit.pk).exists()
    assert not DelegationMember.objects.exists()


# --- Members and absences -----------------------------------------------------------------------


def _member_form(member: DelegationMember, **changes) -> dict:
    data = {
        "version": member.version,
        "order": member.order,
        "name_local": member.name_local,
        "name": member.name,
        "department_local": "",
        "department": "",
        "title_local": "",
        "title": "",
        "role": member.role,
        "joined_on": "",
        "left_on": "",
        "notes": "",
    }
    return {**data, **changes}


def test_a_member_is_edited_and_a_stale_edit_is_409(client, officer):
    member = MemberFactory(name_local="盧秀燕")
    client.force_login(officer)
    url = reverse("visits:member-edit", args=[member.pk])
    stale = _member_form(member, title_local="秘書長")
    assert client.post(url, _member_form(member, title_local="市長")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    member.refresh_from_db()
    assert (member.title_local, member.version) == ("市長", 2)


def test_a_member_without_a_name_is_422_and_unchanged(client, officer):
    member = MemberFactory(name_local="盧秀燕")
    client.force_login(officer)
    response = client.post(
        reverse("visits:member-edit", args=[member.pk]), _member_form(member, name_local="")
    )
    assert response.status_code == 422
    member.refresh_from_db()
    assert (member.name_local, member.version) == ("盧秀燕", 1)


def test_an_officer_adds_an_absence_and_only_a_manager_removes_it(client, officer, manager):
    member = MemberFactory()
    client.force_login(officer)
    page = client.get(reverse("visits:member-edit", args=[member.pk])).content.decode()
    assert reverse("visits:absence-new", args=[member.pk]) in page
    response = client.post(
        reverse("visits:absence-new", args=[member.pk]),
        {"starts_on": "2024-07-24", "ends_on": "2024-07-26", "reason": "颱風返國"},
    )
    assert response.status_code == 302
    absence = MemberAbsence.objects.get(member=member)
    assert (absence.starts_on, absence.reason) == (dt.date(2024, 7, 24), "颱風返國")
    assert client.post(reverse("visits:absence-delete", args=[absence.pk])).status_code == 403
    assert MemberAbsence.objects.filter(pk=absence.pk).exists()
    client.force_login(manager)
    assert client.post(reverse("visits:absence-delete", args=[absence.pk])).status_code == 302
    assert not MemberAbsence.objects.exists()


def test_an_absence_ending_before_it_starts_is_422(client, officer):
    member = MemberFactory()
    client.force_login(officer)
    response = client.post(
        reverse("visits:absence-new", args=[member.pk]),
        {"starts_on": "2024-07-26", "ends_on": "2024-07-24"},
    )
    assert response.status_code == 422
    assert not MemberAbsence.objects.exists()


def test_an_officer_may_not_delete_a_member(client, officer):
    member = MemberFactory()
    client.force_login(officer)
    assert client.post(reverse("visits:member-delete", args=[member.pk])).status_code == 403
    assert DelegationMember.objects.filter(pk=member.pk, version=member.version).exists()


def test_a_member_who_received_a_gift_is_kept(client, manager):
    member = MemberFactory()
    GiftFactory(member=member, visit=member.visit)
    client.force_login(manager)
    response = client.post(reverse("visits:member-delete", args=[member.pk]))
    assert response.status_code == 409
    assert DelegationMember.objects.filter(pk=member.pk).exists()


# --- Engagements --------------------------------------------------------------------------------


def _engagement_form(engagement: Engagement, **changes) -> dict:
    data = {
        "version": engagement.version,
        "date": engagement.date.isoformat(),
        "start_time": "",
        "end_time": "",
        "time_zone": engagement.time_zone,
        "kind": engagement.kind,
        "title_local": engagement.title_local,
        "title": engagement.title,
        "partner": engagement.partner_id or "",
        "organization": "",
        "location": "",
        "notes_local": "",
        "notes": "",
        "order": engagement.order,
    }
    return {**data, **changes}


def test_an_engagement_edit_takes_the_partners_zone_when_none_is_given(client, officer):
    seattle = PartnerFactory(name="Seattle", time_zone="America/Los_Angeles")
    visit = VisitFactory()
    visit.partners.add(seattle)
    member = MemberFactory(visit=visit)
    engagement = EngagementFactory(visit=visit, time_zone="Asia/Taipei")
    client.force_login(officer)
    url = reverse("visits:engagement-edit", args=[engagement.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _engagement_form(
            engagement,
            partner=seattle.pk,
            time_zone="",
            start_time="10:00",
            end_time="11:30",
            attendees=[member.pk],
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#engagement-{engagement.pk}")
    engagement.refresh_from_db()
    assert (engagement.time_zone, engagement.start_time) == ("America/Los_Angeles", dt.time(10))
    assert list(engagement.attendees.all()) == [member]


def test_an_engagement_ending_before_it_starts_is_422_and_unchanged(client, officer):
    engagement = EngagementFactory()
    client.force_login(officer)
    response = client.post(
        reverse("visits:engagement-edit", args=[engagement.pk]),
        _engagement_form(engagement, start_time="10:00", end_time="09:00"),
    )
    assert response.status_code == 422
    engagement.refresh_from_db()
    assert (engagement.start_time, engagement.version) == (None, 1)


def test_a_stale_engagement_edit_is_409(client, officer):
    engagement = EngagementFactory(location="")
    stale = _engagement_form(engagement, location="City Hall")
    Engagement.objects.filter(pk=engagement.pk).update(version=2, location="Port")
    client.force_login(officer)
    response = client.post(reverse("visits:engagement-edit", args=[engagement.pk]), stale)
    assert response.status_code == 409
    engagement.refresh_from_db()
    assert engagement.location == "Port"


def test_engagements_are_deleted_by_managers_only(client, officer, manager):
    engagement = EngagementFactory()
    url = reverse("visits:engagement-delete", args=[engagement.pk])
    client.force_login(officer)
    assert client.post(url).status_code == 403
    assert Engagement.objects.filter(pk=engagement.pk).exists()
    client.force_login(manager)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith("#itinerary")
    assert not Engagement.objects.filter(pk=engagement.pk).exists()


# --- Commitments --------------------------------------------------------------------------------


def test_a_commitment_is_added_on_the_visit_page_without_a_due_date(client, officer):
    visit = VisitFactory()
    client.force_login(officer)
    response = client.post(
        reverse("visits:commitment-add", args=[visit.pk]),
        {
            "title_local": "邀請副市長來訪",
            "kind": "invitation",
            "owner": officer.pk,
            "due_on": "",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    assert Commitment.objects.get(visit=visit).due_on is None


def _commitment_form(commitment: Commitment, **changes) -> dict:
    data = {
        "version": commitment.version,
        "title_local": commitment.title_local or "承諾",
        "title": commitment.title,
        "details_local": "",
        "details": "",
        "kind": commitment.kind,
        "priority": commitment.priority,
        "partner": commitment.partner_id or "",
        "engagement": "",
        "owner": commitment.owner_id,
        "due_on": commitment.due_on.isoformat() if commitment.due_on else "",
    }
    return {**data, **changes}


def test_a_commitment_gets_a_due_date_later_on_its_page(client, officer):
    commitment = CommitmentFactory(visit=VisitFactory(), owner=officer, due_on=None)
    client.force_login(officer)
    url = reverse("visits:commitment-edit", args=[commitment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _commitment_form(commitment, due_on="2025-03-01", priority="high"))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.due_on, commitment.priority, commitment.version) == (
        dt.date(2025, 3, 1),
        "high",
        2,
    )


def test_an_officer_cannot_give_a_commitment_to_someone_else(client, officer, manager):
    commitment = CommitmentFactory(owner=officer)
    client.force_login(officer)
    response = client.post(
        reverse("visits:commitment-edit", args=[commitment.pk]),
        _commitment_form(commitment, owner=manager.pk, kind="thanks"),
    )
    # The owner field is disabled for them: the posted owner is ignored, the rest saved.
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.owner, commitment.kind) == (officer, "thanks")


def test_a_manager_reassigns_a_commitment_on_its_page(client, officer, manager):
    commitment = CommitmentFactory(owner=officer)
    client.force_login(manager)
    response = client.post(
        reverse("visits:commitment-edit", args=[commitment.pk]),
        _commitment_form(commitment, owner=manager.pk),
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.owner == manager


def test_a_stale_commitment_edit_is_409_and_a_titleless_one_422(client, officer):
    commitment = CommitmentFactory(owner=officer, title_local="原本")
    stale = _commitment_form(commitment, title_local="我的")
    Commitment.objects.filter(pk=commitment.pk).update(version=2, title_local="別人的")
    client.force_login(officer)
    url = reverse("visits:commitment-edit", args=[commitment.pk])
    assert client.post(url, stale).status_code == 409
    fresh = _commitment_form(Commitment.objects.get(pk=commitment.pk), title_local="")
    assert client.post(url, fresh).status_code == 422
    commitment.refresh_from_db()
    assert (commitment.title_local, commitment.version) == ("別人的", 2)


def test_an_officer_may_not_delete_a_commitment(client, officer):
    commitment = CommitmentFactory(owner=officer)
    client.force_login(officer)
    assert client.post(reverse("visits:commitment-delete", args=[commitment.pk])).status_code == 403
    assert Commitment.objects.filter(pk=commitment.pk).exists()


# --- Events and invitations ---------------------------------------------------------------------


def test_an_officer_creates_an_event_and_invites_an_official(client, officer):
    official = OfficialFactory(name="John Hines", name_local="海因斯")
    client.force_login(officer)
    assert client.get(reverse("visits:event-list")).status_code == 200
    response = client.post(
        reverse("visits:event-new"),
        {
            "title_local": "臺中爵士音樂節",
            "title": "Taichung Jazz Festival",
            "starts_on": "2025-10-10",
            "ends_on": "2025-10-19",
            "location": "",
            "owner": officer.pk,
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:event-detail", args=[event.pk])
    url = reverse("visits:invitation-new", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"invitee": official.pk, "status": "draft", "owner": officer.pk, "rsvp_by": "2025-09-30"},
    )
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#invitation-{invitation.pk}")
    assert (invitation.event, invitation.invitee) == (event, official)
    page = client.get(reverse("visits:event-detail", args=[event.pk])).content.decode()
    assert "海因斯" in page


def test_an_invitation_marked_sent_needs_its_date(client, officer):
    invitation = InvitationFactory(owner=officer)
    client.force_login(officer)
    data = {
        "version": invitation.version,
        "invitee": invitation.invitee_id,
        "status": "sent",
        "sent_on": "",
        "owner": officer.pk,
    }
    url = reverse("visits:invitation-edit", args=[invitation.pk])
    response = client.post(url, data)
    assert response.status_code == 422
    invitation.refresh_from_db()
    assert (invitation.status, invitation.version) == ("draft", 1)
    accepted = {**data, "status": "accepted", "sent_on": "2025-09-01", "responded_on": "2025-09-05"}
    assert client.post(url, accepted).status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_on) == ("accepted", dt.date(2025, 9, 5))
    assert client.post(url, accepted).status_code == 409  # the version it was read at is gone


def test_the_same_official_is_invited_once_per_event(client, officer):
    invitation = InvitationFactory(owner=officer)
    client.force_login(officer)
    response = client.post(
        reverse("visits:invitation-new", args=[invitation.event_id]),
        {"invitee": invitation.invitee_id, "status": "draft", "owner": officer.pk},
    )
    assert response.status_code == 422
    assert Invitation.objects.count() == 1


def test_an_event_with_invitations_is_kept_and_officers_may_not_delete_it(client, officer, manager):
    invitation = InvitationFactory()
    url = reverse("visits:event-delete", args=[invitation.event_id])
    client.force_login(officer)
    assert client.post(url).status_code == 403
    client.force_login(manager)
    assert client.post(url).status_code == 409
    assert Event.objects.filter(pk=invitation.event_id).exists()
    assert client.post(reverse("visits:invitation-delete", args=[invitation.pk])).status_code == 302
    assert client.post(url).status_code == 302
    assert not Event.objects.exists()


def test_a_stale_event_edit_is_409(client, officer):
    event = EventFactory(location="")
    data = {
        "version": event.version,
        "title_local": "活動",
        "title": event.title,
        "starts_on": event.starts_on.isoformat(),
        "location": "City Hall",
        "owner": event.owner_id,
    }
    Event.objects.filter(pk=event.pk).update(version=3, location="Port")
    client.force_login(officer)
    assert client.post(reverse("visits:event-edit", args=[event.pk]), data).status_code == 409
    event.refresh_from_db()
    assert event.location == "Port"


# --- Gifts --------------------------------------------------------------------------------------


def test_a_gift_received_on_a_visit_is_valued_in_twd_and_flagged_for_registration(
    client, officer, settings
):
    settings.GIFT_EXCHANGE_RATES_TWD = {"USD": 32}
    settings.GIFT_REGISTRATION_THRESHOLD_TWD = 3000
    visit = VisitFactory()
    client.force_login(officer)
    url = reverse("visits:visit-gift-new", args=[visit.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "direction": "received",
            "date": "2024-07-25",
            "description_local": "水晶紀念盤",
            "estimated_value": "150",
            "currency": "usd",
            "disposition": "pending",
        },
    )
    gift = Gift.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#gift-{gift.pk}")
    assert (gift.visit, gift.currency, gift.value_twd) == (visit, "USD", Decimal("4800.00"))
    assert gift.needs_registration
    page = client.get(reverse("visits:visit-detail", args=[visit.pk])).content.decode()
    assert reverse("visits:gift-edit", args=[gift.pk]) in page
    edit = client.get(reverse("visits:gift-edit", args=[gift.pk])).content.decode()
    assert 'id="registration"' in edit


def test_a_gift_edit_recomputes_its_value_and_a_stale_one_is_409(client, officer, settings):
    settings.GIFT_EXCHANGE_RATES_TWD = {"USD": 32}
    gift = GiftFactory(description_local="書", estimated_value=Decimal("10"), currency="TWD")
    data = {
        "version": gift.version,
        "direction": "received",
        "date": "2024-07-29",
        "description_local": "書",
        "description": gift.description,
        "partner": gift.partner_id,
        "estimated_value": "20",
        "currency": "USD",
        "disposition": "pending",
    }
    client.force_login(officer)
    url = reverse("visits:gift-edit", args=[gift.pk])
    assert client.post(url, data).status_code == 302
    gift.refresh_from_db()
    assert gift.value_twd == Decimal("640.00")
    assert client.post(url, {**data, "estimated_value": "30"}).status_code == 409
    gift.refresh_from_db()
    assert (gift.estimated_value, gift.version) == (Decimal("20.00"), 2)


def test_a_negative_gift_value_is_422(client, officer):
    gift = GiftFactory(description_local="書")
    client.force_login(officer)
    response = client.post(
        reverse("visits:gift-edit", args=[gift.pk]),
        {
            "version": gift.version,
            "direction": "received",
            "date": "2024-07-29",
            "description_local": "書",
            "estimated_value": "-5",
            "currency": "TWD",
            "disposition": "pending",
        },
    )
    assert response.status_code == 422
    gift.refresh_from_db()
    assert (gift.estimated_value, gift.version) == (None, 1)


def test_gifts_are_deleted_by_managers_only(client, officer, manager):
    gift = GiftFactory()
    url = reverse("visits:gift-delete", args=[gift.pk])
    client.force_login(officer)
    assert client.post(url).status_code == 403
    assert Gift.objects.filter(pk=gift.pk).exists()
    client.force_login(manager)
    assert client.post(url).status_code == 302
    assert not Gift.objects.exists()


def test_a_viewer_is_refused_every_record_page(client, viewer):
    gift = GiftFactory()
    event = EventFactory()
    client.force_login(viewer)
    for url in (
        reverse("visits:gift-edit", args=[gift.pk]),
        reverse("visits:event-new"),
        reverse("visits:invitation-new", args=[event.pk]),
        reverse("visits:event-gift-new", args=[event.pk]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert client.get(reverse("visits:event-detail", args=[event.pk])).status_code == 200


def test_a_gift_is_recorded_from_a_partners_page(client, officer):
    partner = PartnerFactory(name="Tacoma")
    client.force_login(officer)
    page = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    new = f"{reverse('visits:gift-new')}?partner={partner.pk}"
    assert new in page
    form = client.get(new).content.decode()
    assert f'<option value="{partner.pk}" selected>' in form
    response = client.post(
        new,
        {
            "direction": "given",
            "date": "2024-07-29",
            "description_local": "臺中太陽餅",
            "partner": partner.pk,
            "currency": "TWD",
            "disposition": "pending",
        },
    )
    gift = Gift.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partners/{partner.pk}/#gift-{gift.pk}"
    assert not gift.needs_registration  # given, not received


def test_the_invitee_is_found_by_a_search_not_listed_among_every_official(client, officer):
    hines = OfficialFactory(name="John Hines", name_local="海因斯", title_local="副市長")
    other = OfficialFactory(name="Someone Else", name_local="某人")
    event = EventFactory()
    client.force_login(officer)
    page = client.get(reverse("visits:invitation-new", args=[event.pk])).content.decode()
    assert f'value="{hines.pk}"' not in page
    assert f'value="{other.pk}"' not in page
    assert reverse("visits:official-options") in page
    found = client.get(reverse("visits:official-options"), {"invitee-search": "海因斯"})
    assert found.status_code == 200
    assert f'<option value="{hines.pk}">海因斯' in found.content.decode()
    assert f'value="{other.pk}"' not in found.content.decode()
    # An invitation's own page offers its invitee.
    invitation = InvitationFactory(event=event, invitee=hines, owner=officer)
    edit = client.get(reverse("visits:invitation-edit", args=[invitation.pk])).content.decode()
    assert f'<option value="{hines.pk}" selected>' in edit


def test_the_edit_page_links_to_delete_only_for_those_who_may(client, officer, manager):
    engagement = EngagementFactory()
    url = reverse("visits:engagement-edit", args=[engagement.pk])
    delete = reverse("visits:engagement-delete", args=[engagement.pk])
    client.force_login(officer)
    assert delete not in client.get(url).content.decode()
    client.force_login(manager)
    assert delete in client.get(url).content.decode()


def test_the_events_list_is_filtered_by_the_shared_filterset(client, viewer):
    EventFactory(title="Jazz Festival", title_local="爵士音樂節")
    EventFactory(title="Flower Expo", title_local="花博")
    client.force_login(viewer)
    html = client.get(reverse("visits:event-list"), {"q": "爵士"}).content.decode()
    assert "爵士音樂節" in html
    assert "花博" not in html
    assert reverse("visits:event-new") not in html  # a viewer adds nothing
    invalid = client.get(reverse("visits:event-list"), {"starts_after": "2024-02-30"})
    assert invalid.status_code < 500
