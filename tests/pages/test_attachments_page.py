"""Attachments on the partner and visit pages (SPEC §2.3, §5.3): the list, the "attach a
file" form, and downloads only for signed-in users."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.attachments.models import Attachment
from crm.attachments.services import attach
from tests.crm.test_attachments import EXECUTABLE, pdf_bytes, png_bytes, stored_files
from tests.factories import (
    AgreementFactory,
    AttachmentFactory,
    EngagementFactory,
    PartnerFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def partner():
    return PartnerFactory(name="Tacoma", name_local="塔可瑪市")


def partner_url(partner) -> str:
    return reverse("relations:partner-detail", args=[partner.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_officer_attaches_a_pdf_on_the_partner_page_and_downloads_it(
    client, officer, partner, media
):
    client.force_login(officer)
    page = client.get(partner_url(partner)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert reverse("relations:partner-attach", args=[partner.pk]) in page

    response = client.post(
        reverse("relations:partner-attach", args=[partner.pk]),
        {"title": "Sister city agreement", "file": SimpleUploadedFile("1985.pdf", pdf_bytes())},
    )

    assert response.status_code == 302
    assert response["Location"] == partner_url(partner) + "#attachments"
    attachment = Attachment.objects.get()
    assert (attachment.partner, attachment.created_by) == (partner, officer)
    page = client.get(partner_url(partner)).content.decode()
    download_url = reverse("relations:partner-attachment", args=[partner.pk, attachment.pk])
    assert "Sister city agreement" in page
    assert download_url in page
    assert attachment.file.name not in page  # never a link to the stored file itself

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert body(download) == pdf_bytes()


def test_a_renamed_executable_is_refused_on_the_page_with_a_message(
    client, officer, partner, media
):
    client.force_login(officer)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("relations:partner-attach", args=[partner.pk]),
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", EXECUTABLE)},
    )

    assert response.status_code == 422
    assert "executable" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_limit_is_refused_on_the_page(client, officer, partner, settings):
    settings.ATTACHMENT_MAX_BYTES = 50
    client.force_login(officer)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("relations:partner-attach", args=[partner.pk]),
        {"file": SimpleUploadedFile("scan.pdf", pdf_bytes())},
    )

    assert response.status_code == 422
    assert "the limit is 50 bytes" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_viewer_sees_and_downloads_files_but_has_no_form_and_cannot_post(
    client, viewer, officer, partner
):
    attachment = attach(
        user=officer,
        file=SimpleUploadedFile("signing.png", png_bytes()),
        title="Photo of the signing",
        target_type="partner",
        target_id=partner.pk,
    )
    client.force_login(viewer)

    page = client.get(partner_url(partner)).content.decode()
    assert "Photo of the signing" in page
    assert 'id="attach-file"' not in page
    download = client.get(reverse("relations:partner-attachment", args=[partner.pk, attachment.pk]))
    assert download.status_code == 200
    assert body(download) == png_bytes()

    refused = client.post(
        reverse("relations:partner-attach", args=[partner.pk]),
        {"file": SimpleUploadedFile("a.pdf", pdf_bytes())},
    )
    assert refused.status_code == 403
    assert Attachment.objects.count() == 1


def test_a_row_whose_stored_file_is_gone_answers_404(client, viewer, partner):
    attachment = AttachmentFactory(partner=partner)  # the factory stores no file
    client.force_login(viewer)

    response = client.get(reverse("relations:partner-attachment", args=[partner.pk, attachment.pk]))

    assert response.status_code == 404


def test_an_anonymous_download_goes_to_the_login_page(client, partner):
    attachment = AttachmentFactory(partner=partner)
    url = reverse("relations:partner-attachment", args=[partner.pk, attachment.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_partner_page_downloads_only_the_files_it_lists(client, viewer, partner):
    other = AttachmentFactory(partner=PartnerFactory())
    client.force_login(viewer)

    response = client.get(reverse("relations:partner-attachment", args=[partner.pk, other.pk]))

    assert response.status_code == 404


def test_the_partner_page_lists_files_of_its_agreements_with_what_they_are_on(
    client, viewer, partner
):
    AttachmentFactory(
        partner=None, agreement=AgreementFactory(partner=partner), title="Signed original"
    )
    client.force_login(viewer)
    client.cookies["django_language"] = "en"

    page = client.get(partner_url(partner)).content.decode()

    assert "Signed original" in page
    assert "agreement: Tacoma" in page


def test_an_officer_attaches_a_photo_on_the_visit_page(client, officer, media):
    visit = VisitFactory()
    on_engagement = AttachmentFactory(
        partner=None, engagement=EngagementFactory(visit=visit), title="Programme"
    )
    client.force_login(officer)

    response = client.post(
        reverse("visits:visit-attach", args=[visit.pk]),
        {"title": "Group photo", "file": SimpleUploadedFile("group.png", png_bytes())},
    )

    assert response.status_code == 302
    photo = Attachment.objects.get(visit=visit)
    page = client.get(reverse("visits:visit-detail", args=[visit.pk])).content.decode()
    assert "Group photo" in page
    assert "Programme" in page  # files of the visit's engagements are listed too
    assert reverse("visits:visit-attachment", args=[visit.pk, on_engagement.pk]) in page
    download = client.get(reverse("visits:visit-attachment", args=[visit.pk, photo.pk]))
    assert download["Content-Type"] == "image/png"
    assert body(download) == png_bytes()


def test_an_anonymous_visit_download_goes_to_the_login_page(client):
    visit = VisitFactory()
    attachment = AttachmentFactory(partner=None, visit=visit)

    response = client.get(reverse("visits:visit-attachment", args=[visit.pk, attachment.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_partner_page_runs_as_many_queries_with_3_files_as_with_30(client, officer, partner):
    client.force_login(officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(partner_url(partner)).status_code == 200
        return len(captured)

    AttachmentFactory.create_batch(2, partner=partner)
    AttachmentFactory(partner=None, agreement=AgreementFactory(partner=partner))
    client.get(partner_url(partner))
    with_3 = queries()
    AttachmentFactory.create_batch(20, partner=partner)
    for _ in range(7):
        AttachmentFactory(partner=None, agreement=AgreementFactory(partner=partner))
    with_30 = queries()

    assert with_3 == with_30
