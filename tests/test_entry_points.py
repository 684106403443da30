"""One policy for commitments, partners and imports at every entry point (SPEC §4).

The rule, the same for the API, the pages, the admin (change forms and bulk actions)
and CSV imports — no entry point is more permissive than another:

* officers create and update any record: completing, re-dating or dropping a
  COLLEAGUE's commitment is normal (someone covering a follow-up) and is allowed;
* changing the owner of an existing record (a commitment's owner, a partner's desk
  officer) is a manager's action: refused for officers, and a refused write leaves the
  row exactly as it was (same owner, same ``version``);
* every write bumps ``version`` (the API's ETag), whatever path made it, and a write
  changes only the fields it was asked to change (two partial updates from clients
  holding the same version both survive).
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relations.models import Partner
from tests.api_support import client_for
from tests.factories import CommitmentFactory, PartnerFactory, UserFactory
from visits.models import Commitment

# Fixtures shared with the API tests (autouse: throttle counters stay out of these tests).

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 9, 1)  # in Taipei at the frozen instant below
DUE = dt.date(2024, 12, 31)
NEW_DUE = dt.date(2025, 1, 31)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 9, 1, 4, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def colleague(db):
    """Another desk officer, whose follow-up the officer covers."""
    return UserFactory(role="officer", username="colleague")


@pytest.fixture
def colleagues_commitment(colleague):
    return CommitmentFactory(owner=colleague, title="Invite Deputy Mayor Hines", due_on=DUE)


@pytest.fixture
def colleagues_partner(colleague):
    return PartnerFactory(
        name="Tacoma",
        name_local="塔可瑪市",
        country="US",
        region="Washington",
        time_zone="America/Los_Angeles",
        owner=colleague,
        notes="",
    )


def shared_services(module: str = "crm.core.services"):
    """The shared write services, wherever the source tree keeps them today."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return importlib.import_module("crm.services")


def assert_unchanged(obj, *, owner, version: int) -> None:
    """A refused write changed nothing: same owner, same version (no silent bump)."""
    obj.refresh_from_db()
    assert (obj.owner_id, obj.version) == (owner.pk, version)


# --- 1. REST API -----------------------------------------------------------------------------

API = "/api/v1"


def api_patch(user, resource: str, pk: int, data: dict, **headers):
    return client_for(user).patch(f"{API}/{resource}/{pk}/", data, format="json", **headers)


@pytest.mark.parametrize("whose", ["own", "colleague's"])
def test_officer_cannot_reassign_commitment_through_api_patch(officer, colleague, whose):
    owner, new_owner = (officer, colleague) if whose == "own" else (colleague, officer)
    commitment = CommitmentFactory(owner=owner)

    response = api_patch(officer, "commitments", commitment.pk, {"owner": new_owner.pk})

    assert response.status_code == 403, response.content
    assert_unchanged(commitment, owner=owner, version=1)


def test_officer_completes_colleagues_commitment_through_api(
    officer, colleague, colleagues_commitment
):
    response = client_for(officer).post(
        f"{API}/commitments/{colleagues_commitment.pk}/complete/",
        {"outcome": "Hines accepted; visit in October."},
        format="json",
    )

    assert response.status_code == 200, response.content
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.status,
        colleagues_commitment.outcome,
        colleagues_commitment.completed_on,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == ("done", "Hines accepted; visit in October.", TODAY, colleague.pk, 2)


def test_officer_redates_and_drops_colleagues_commitment_through_api_patch(
    officer, colleague, colleagues_commitment
):
    pk = colleagues_commitment.pk

    redated = api_patch(officer, "commitments", pk, {"due_on": NEW_DUE.isoformat()})
    dropped = api_patch(
        officer, "commitments", pk, {"status": "dropped", "outcome": "Their mayor declined."}
    )

    assert (redated.status_code, dropped.status_code) == (200, 200), dropped.content
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.due_on,
        colleagues_commitment.status,
        colleagues_commitment.outcome,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == (NEW_DUE, "dropped", "Their mayor declined.", colleague.pk, 3)


def test_officer_cannot_reassign_partner_desk_officer_through_api_patch(
    officer, colleague, colleagues_partner
):
    response = api_patch(officer, "partners", colleagues_partner.pk, {"owner": officer.pk})

    assert response.status_code == 403, response.content
    assert_unchanged(colleagues_partner, owner=colleague, version=1)


def test_officer_edits_colleagues_partner_through_api_when_the_owner_stays(
    officer, colleague, colleagues_partner
):
    response = api_patch(
        officer,
        "partners",
        colleagues_partner.pk,
        {"notes": "Library director to speak at our opening.", "owner": colleague.pk},
    )

    assert response.status_code == 200, response.content
    colleagues_partner.refresh_from_db()
    assert (
        colleagues_partner.notes,
        colleagues_partner.owner_id,
        colleagues_partner.version,
    ) == ("Library director to speak at our opening.", colleague.pk, 2)


def test_manager_reassigns_partner_desk_officer_through_api_patch(
    manager, officer, colleagues_partner
):
    response = api_patch(manager, "partners", colleagues_partner.pk, {"owner": officer.pk})

    assert response.status_code == 200, response.content
    colleagues_partner.refresh_from_db()
    assert (colleagues_partner.owner_id, colleagues_partner.version) == (officer.pk, 2)


# --- 2. Pages: the follow-ups page and its in-place (htmx) actions ---------------------------
# /follow-ups/ lists them; each row posts (hx-post, CSRF token, hidden ``version``) to
# /follow-ups/<pk>/complete/ (outcome, status done|dropped), /follow-ups/<pk>/due/
# (due_on) and /follow-ups/<pk>/reassign/ (owner); htmx gets the row back (200).


def follow_up_action(client, user, commitment: Commitment, action: str, **data):
    client.force_login(user)
    return client.post(
        reverse(f"visits:{action}", args=[commitment.pk]),
        {"version": str(commitment.version), **data},
        **HTMX,
    )


@pytest.mark.parametrize("whose", ["own", "colleague's"])
def test_officer_cannot_reassign_commitment_on_follow_ups_page(client, officer, colleague, whose):
    owner, new_owner = (officer, colleague) if whose == "own" else (colleague, officer)
    commitment = CommitmentFactory(owner=owner)

    response = follow_up_action(client, officer, commitment, "reassign", owner=str(new_owner.pk))

    assert response.status_code == 403
    assert_unchanged(commitment, owner=owner, version=1)


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_officer_closes_colleagues_commitment_on_follow_ups_page(
    client, officer, colleague, colleagues_commitment, status
):
    response = follow_up_action(
        client,
        officer,
        colleagues_commitment,
        "complete",
        outcome="Invitation letter sent.",
        status=status,
    )

    assert response.status_code == 200
    assert f'id="commitment-{colleagues_commitment.pk}"' in response.content.decode()
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.status,
        colleagues_commitment.outcome,
        colleagues_commitment.completed_on,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == (status, "Invitation letter sent.", TODAY, colleague.pk, 2)


def test_officer_redates_colleagues_commitment_on_follow_ups_page(
    client, officer, colleague, colleagues_commitment
):
    response = follow_up_action(
        client, officer, colleagues_commitment, "change-due", due_on=NEW_DUE.isoformat()
    )

    assert response.status_code == 200
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.due_on,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == (NEW_DUE, colleague.pk, 2)


# --- 3. Admin change forms --------------------------------------------------------------------
# Officers reach the admin as staff (UserFactory: is_staff=True) with their group's model
# permissions. The change form carries ``loaded_version`` (the optimistic-lock field) and,
# on a partner, the management forms of its inlines (agreements, officials, attachments).


def admin_url(obj, view: str, *args) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def form_data(response) -> dict:
    """The POST data of an admin change form as rendered (main form and every inline)."""
    assert response.status_code == 200
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    return data


def admin_change(client, user, obj, **changes):
    """Open ``obj``'s admin change form as ``user``, change some fields and save it."""
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url))
    data.update({name: str(value) for name, value in changes.items()})
    return client.post(url, data)


def assert_admin_refused(response) -> None:
    """Refused: 403, or the change form back with an error — not a redirect after saving."""
    if response.status_code == 403:
        return
    assert response.status_code == 200, f"the admin saved it (HTTP {response.status_code})"
    assert response.context["adminform"].form.errors


def test_officer_cannot_reassign_commitment_in_admin_change_form(
    client, officer, colleague, colleagues_commitment
):
    response = admin_change(client, officer, colleagues_commitment, owner=officer.pk)

    assert_admin_refused(response)
    assert_unchanged(colleagues_commitment, owner=colleague, version=1)


def test_officer_closes_colleagues_commitment_in_admin_change_form(
    client, officer, colleague, colleagues_commitment
):
    response = admin_change(
        client,
        officer,
        colleagues_commitment,
        status="done",
        outcome="Hines accepted.",
        completed_on=TODAY.isoformat(),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.status,
        colleagues_commitment.outcome,
        colleagues_commitment.completed_on,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == ("done", "Hines accepted.", TODAY, colleague.pk, 2)


def test_officer_cannot_reassign_partner_desk_officer_in_admin_change_form(
    client, officer, colleague, colleagues_partner
):
    response = admin_change(client, officer, colleagues_partner, owner=officer.pk)

    assert_admin_refused(response)
    assert_unchanged(colleagues_partner, owner=colleague, version=1)


# --- 4. Admin bulk actions --------------------------------------------------------------------
# CommitmentAdmin has one custom action, ``mark_reviewed`` (permissions=["review"], i.e.
# visits.review_commitment: managers), plus Django's ``delete_selected`` (delete
# permission: managers). PartnerAdmin has only ``delete_selected``. There is NO bulk
# reassign (or complete) action on either, so the officer side is pinned on the
# manager-only actions that exist.


def run_admin_action(client, user, obj, action: str):
    """POST the changelist's action form for ``obj``; ``post=yes`` is the confirmation
    step of ``delete_selected`` (ignored by actions without one)."""
    client.force_login(user)
    return client.post(
        admin_url(obj, "changelist"),
        {
            "action": action,
            "_selected_action": [str(obj.pk)],
            "select_across": "0",
            "index": "0",
            "post": "yes",
        },
    )


@pytest.mark.parametrize("action", ["mark_reviewed", "delete_selected"])
def test_officer_cannot_run_manager_only_bulk_action_on_commitments(
    client, officer, colleague, colleagues_commitment, action
):
    colleagues_commitment.status = Commitment.Status.DONE
    colleagues_commitment.outcome = "Letter sent."
    colleagues_commitment.completed_on = TODAY
    colleagues_commitment.save()

    response = run_admin_action(client, officer, colleagues_commitment, action)

    assert response.status_code in (200, 302, 403)
    assert Commitment.objects.filter(pk=colleagues_commitment.pk).exists()
    assert_unchanged(colleagues_commitment, owner=colleague, version=1)
    assert (colleagues_commitment.reviewed_by_id, colleagues_commitment.reviewed_at) == (
        None,
        None,
    )


def test_officer_cannot_run_manager_only_bulk_action_on_partners(
    client, officer, colleague, colleagues_partner
):
    response = run_admin_action(client, officer, colleagues_partner, "delete_selected")

    assert response.status_code in (200, 302, 403)
    assert_unchanged(colleagues_partner, owner=colleague, version=1)


def test_manager_bulk_review_of_commitments_bumps_their_version(
    client, manager, colleague, colleagues_commitment
):
    response = run_admin_action(client, manager, colleagues_commitment, "mark_reviewed")

    assert response.status_code == 302
    colleagues_commitment.refresh_from_db()
    assert (
        colleagues_commitment.reviewed_by_id,
        colleagues_commitment.owner_id,
        colleagues_commitment.version,
    ) == (manager.pk, colleague.pk, 2)
    assert colleagues_commitment.reviewed_at is not None


# --- 5. CSV import (admin: upload → dry-run preview → confirm) --------------------------------
# POST /admin/relations/partner/import/ {resource, format, import_file} renders the
# preview; its ``confirm_form.initial`` POSTed to /admin/relations/partner/process_import/
# writes the rows. Partners are matched on (country, region, name), so a re-import
# changes the other columns of an existing partner (a changed name would be a new one).

PARTNER_HEADER = "name,name_local,kind,jurisdiction,country,region,time_zone,owner,notes"


def partner_row(partner: Partner, *, owner, notes: str) -> str:
    return ",".join(
        [
            partner.name,
            partner.name_local,
            partner.kind,
            partner.jurisdiction,
            partner.country,
            partner.region,
            partner.time_zone,
            owner.username if owner else "",
            notes,
        ]
    )


def import_partners(client, user, *rows: str):
    """Upload a partners CSV as ``user`` and confirm it if the preview offers to.

    Returns ``(preview, confirm)``; ``confirm`` is None when nothing was offered.
    """
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    upload = SimpleUploadedFile(
        "partners.csv",
        ("\n".join([PARTNER_HEADER, *rows]) + "\n").encode(),
        content_type="text/csv",
    )
    preview = client.post(
        reverse("admin:relations_partner_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    if preview.status_code != 200 or "confirm_form" not in preview.context:
        return preview, None
    confirm = client.post(
        reverse("admin:relations_partner_process_import"),
        preview.context["confirm_form"].initial,
    )
    return preview, confirm


def import_refused(preview, confirm) -> bool:
    """403 at either step, or a preview reporting the row as an error (nothing to confirm)."""
    if preview.status_code == 403 or (confirm is not None and confirm.status_code == 403):
        return True
    result = preview.context.get("result") if preview.context else None
    return (
        confirm is None
        and result is not None
        and (result.has_errors() or result.has_validation_errors())
    )


def test_officer_cannot_reassign_partner_desk_officer_by_csv_import(
    client, officer, colleague, colleagues_partner
):
    row = partner_row(colleagues_partner, owner=officer, notes="")

    preview, confirm = import_partners(client, officer, row)

    assert import_refused(preview, confirm), (
        f"the import went through: preview HTTP {preview.status_code}, "
        f"confirm HTTP {confirm.status_code if confirm else None}"
    )
    assert_unchanged(colleagues_partner, owner=colleague, version=1)


def test_csv_import_bumps_version_so_a_stale_if_match_gets_412(
    client, officer, colleague, colleagues_partner
):
    api = client_for(officer)
    held = api.get(f"{API}/partners/{colleagues_partner.pk}/")
    assert held.status_code == 200
    etag = held["ETag"]
    assert etag == '"1"'

    preview, confirm = import_partners(
        client,
        officer,
        partner_row(colleagues_partner, owner=colleague, notes="Imported from the 2024 list."),
    )
    assert confirm is not None, preview.context["result"].invalid_rows
    assert confirm.status_code == 302
    colleagues_partner.refresh_from_db()
    assert colleagues_partner.notes == "Imported from the 2024 list."

    response = api.patch(
        f"{API}/partners/{colleagues_partner.pk}/",
        {"notes": "Edited on a stale copy."},
        format="json",
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == 412, response.content
    colleagues_partner.refresh_from_db()
    assert (colleagues_partner.notes, colleagues_partner.version) == (
        "Imported from the 2024 list.",
        2,
    )


# --- 6. Concurrent partial updates ------------------------------------------------------------
# Two clients read the same commitment (same version); one changes ``title``, the other
# ``due_on``, neither sends an expected version. Each write must change only its own field.


def two_stale_copies(commitment: Commitment) -> tuple[Commitment, Commitment]:
    return (
        Commitment.objects.get(pk=commitment.pk),
        Commitment.objects.get(pk=commitment.pk),
    )


def assert_both_changes_kept(commitment: Commitment) -> None:
    commitment.refresh_from_db()
    assert (commitment.title, commitment.due_on, commitment.version) == (
        "Invite Deputy Mayor Hines to Taichung",
        NEW_DUE,
        3,
    )


def test_two_stale_partial_updates_through_update_object_keep_both_changes(
    officer, colleague, colleagues_commitment
):
    update_object = shared_services().update_object
    first, second = two_stale_copies(colleagues_commitment)

    update_object(first, user=officer, fields={"title": "Invite Deputy Mayor Hines to Taichung"})
    update_object(second, user=colleague, fields={"due_on": NEW_DUE})

    assert_both_changes_kept(colleagues_commitment)


def test_two_stale_partial_updates_through_update_commitment_keep_both_changes(
    officer, colleague, colleagues_commitment
):
    from visits.services import update_commitment

    first, second = two_stale_copies(colleagues_commitment)

    update_commitment(
        first, user=officer, fields={"title": "Invite Deputy Mayor Hines to Taichung"}
    )
    update_commitment(second, user=colleague, fields={"due_on": NEW_DUE})

    assert_both_changes_kept(colleagues_commitment)


def test_two_api_patches_without_if_match_from_the_same_read_keep_both_changes(
    monkeypatch, officer, colleague, colleagues_commitment
):
    """The second PATCH's request read the row before the first one committed.

    The race is made deterministic by handing the second request's view the row as it
    was read before the first PATCH (what ``get_object`` returns when both requests load
    the row at the same time); nothing else of the request path is replaced.
    """
    from visits.api.views import CommitmentViewSet

    url = f"{API}/commitments/{colleagues_commitment.pk}/"
    snapshot = Commitment.objects.get(pk=colleagues_commitment.pk)
    first_client, second_client = client_for(officer), client_for(colleague)
    assert first_client.get(url)["ETag"] == second_client.get(url)["ETag"] == '"1"'

    first = first_client.patch(
        url, {"title": "Invite Deputy Mayor Hines to Taichung"}, format="json"
    )
    assert first.status_code == 200, first.content

    read_before_the_first_commit = CommitmentViewSet.get_object

    def get_object(self):
        instance = read_before_the_first_commit(self)
        for field in instance._meta.concrete_fields:
            setattr(instance, field.attname, getattr(snapshot, field.attname))
        return instance

    monkeypatch.setattr(CommitmentViewSet, "get_object", get_object)
    second = second_client.patch(url, {"due_on": NEW_DUE.isoformat()}, format="json")

    assert second.status_code == 200, second.content
    assert_both_changes_kept(colleagues_commitment)
