"""An attachment's audit history does not show where its file is stored (issue #11 item 6.3).

The stored name (``attachments/2025/07/19/<random>.pdf``) is a storage secret: the history
shows that the file was set or changed, never the path. Declared once on the model
(``Attachment.history_redacted``) and honoured by ``crm.core.audit.history_for``, which the
API's ``history/`` action and the admin's History page both read.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crm.attachments import services as attachments
from crm.attachments.models import Attachment
from crm.core.admin_history import NOT_SHOWN
from crm.core.audit import REDACTED, history_for
from crm.core.services import delete_object
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"trailer <</Size 3 /Root 1 0 R>>\n%%EOF\n"
)
MOVED_TO = "attachments/2031/01/01/0123456789abcdef0123456789abcdef.pdf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def attachment(officer) -> Attachment:
    """An uploaded agreement scan whose stored file was later moved (a storage migration)."""
    partner = PartnerFactory()
    saved = attachments.attach(
        user=officer,
        file=SimpleUploadedFile("agreement.pdf", PDF),
        title="Agreement scan",
        target_type="partner",
        target_id=partner.pk,
    )
    Attachment.objects.filter(pk=saved.pk).update(file=MOVED_TO, title="Signed agreement")
    saved.refresh_from_db()
    assert saved.file.name == MOVED_TO
    return saved


def _stored_names(attachment: Attachment) -> list[str]:
    """Both stored names: the upload's (random) and the one it was moved to."""
    import pghistory.models

    first = pghistory.models.Events.objects.tracks(attachment).order_by("pgh_id").first()
    return [first.pgh_data["file"], MOVED_TO]


def test_history_for_says_the_file_changed_but_not_where_it_is(attachment):
    created, changed = history_for(attachment)

    assert created["changes"]["file"] == [None, REDACTED]
    assert created["changes"]["original_name"] == [None, "agreement.pdf"]  # what the user gave
    assert changed["changes"]["file"] == [REDACTED, REDACTED]
    assert changed["changes"]["title"] == ["Agreement scan", "Signed agreement"]
    for name in _stored_names(attachment):
        assert name not in repr(history_for(attachment))


def test_the_api_history_of_an_attachment_hides_the_stored_path(api, attachment):
    response = api("viewer").get(f"/api/v1/attachments/{attachment.pk}/history/")

    assert response.status_code == 200
    history = response.json()
    assert [entry["action"] for entry in history] == ["create", "update"]
    assert history[0]["changes"]["file"] == [None, REDACTED]
    assert history[1]["changes"]["file"] == [REDACTED, REDACTED]
    assert "attachments/" not in response.content.decode()


def test_the_history_of_a_deleted_attachment_hides_it_too(attachment, manager):
    pk = attachment.pk
    delete_object(attachment, user=manager)

    # The row is gone; its audit trail is not, and still names no path.
    entries = history_for(Attachment(pk=pk))
    assert [entry["action"] for entry in entries] == ["create", "update", "delete"]
    assert entries[-1]["action"] == "delete"
    assert entries[-1]["changes"]["file"] == [REDACTED, None]
    assert "attachments/" not in repr(entries)


def test_the_admin_history_page_of_an_attachment_hides_the_stored_path(
    client, admin_user, attachment
):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    response = client.get(reverse("admin:crm_attachment_history", args=[attachment.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for name in _stored_names(attachment):
        assert name not in html
    assert "attachments/20" not in html
    changed, created = (
        {change.field: (change.old, change.new) for change in entry["changes"]}
        for entry in response.context["entries"]  # newest first
    )
    assert changed["File"] == (NOT_SHOWN, NOT_SHOWN)  # it changed; where to is not said
    assert changed["Title"] == ("Agreement scan", "Signed agreement")
    assert created["File"] == ("—", NOT_SHOWN)
    assert created["Original file name"] == ("—", "agreement.pdf")


def test_other_models_history_is_not_redacted():
    partner = PartnerFactory(name="Tacoma")
    assert history_for(partner)[0]["changes"]["name"] == [None, "Tacoma"]
