"""The "Write a letter" page (/letters/new/?partner=<id>), linked from the partner page,
and the disclosure links on the visit page."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from relations.models import Contact, Official, Partner
from visits.models import LetterTemplate, Visit

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(partner: Partner) -> str:
    return f"{reverse('visits:letter-new')}?partner={partner.pk}"


def _form(partner: Partner, action: str, **fields) -> dict:
    data = {
        "template": LetterTemplate.objects.get(kind="thank_you", language="zh-hant").pk,
        "officials": [Official.objects.get(name="John Hines").pk],
        "visit": Visit.objects.get().pk,
        "date": "2025-07-19",
        "date_style": "roc",
        "action": action,
        **fields,
    }
    return data


@pytest.fixture
def tacoma(demo):
    return Partner.objects.get(name="Tacoma")


def test_the_partner_page_links_to_the_letter_form_for_officers_only(
    client, officer, viewer, tacoma
):
    client.force_login(officer)
    assert _url(tacoma) in client.get(
        reverse("relations:partner-detail", args=[tacoma.pk])
    ).content.decode().replace("&amp;", "&")
    client.force_login(viewer)
    assert (
        "write-letter"
        not in client.get(reverse("relations:partner-detail", args=[tacoma.pk])).content.decode()
    )


def test_the_form_offers_the_partners_current_officials_and_visits(client, officer, tacoma):
    client.force_login(officer)
    response = client.get(_url(tacoma))

    assert response.status_code == 200
    html = response.content.decode()
    assert "海因斯" in html
    assert "黃祖成" not in html  # Seattle's deputy mayor is not Tacoma's
    assert "Bill Baarsma" not in html  # a past mayor
    assert "臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案" in html


def test_a_preview_downloads_the_letter_and_logs_nothing(client, officer, tacoma):
    client.force_login(officer)
    before = Contact.objects.count()

    response = client.post(_url(tacoma), _form(tacoma, "preview"))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "海因斯副市長閣下：" in text
    assert "民國114年7月19日" in text
    assert Contact.objects.count() == before


def test_generate_and_log_puts_the_letter_on_the_timeline(client, officer, tacoma):
    client.force_login(officer)
    two = list(tacoma.officials.current().filter(name__in=["John Hines", "Woodward"]))

    response = client.post(_url(tacoma), _form(tacoma, "send", officials=[o.pk for o in two]))

    assert response.status_code == 200
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2
    contact = tacoma.contacts.get(channel="letter")
    assert contact.occurred_on == dt.date(2025, 7, 19)
    assert set(contact.officials.all()) == set(two)
    page = client.get(reverse("relations:partner-detail", args=[tacoma.pk])).content.decode()
    assert contact.subject_local in page


def test_an_invitation_without_an_event_comes_back_with_the_error(client, officer, tacoma):
    client.force_login(officer)
    template = LetterTemplate.objects.get(kind="invitation", language="en")

    response = client.post(_url(tacoma), _form(tacoma, "send", template=template.pk))

    assert response.status_code == 422
    assert not Contact.objects.filter(channel="letter").exists()


def test_viewers_get_403_on_the_form_and_on_a_forged_post(client, viewer, tacoma):
    client.force_login(viewer)
    before = Contact.objects.count()
    assert client.get(_url(tacoma)).status_code == 403
    assert client.post(_url(tacoma), _form(tacoma, "send")).status_code == 403
    assert Contact.objects.count() == before


def test_without_a_partner_the_page_is_a_400(client, officer, demo):
    client.force_login(officer)
    assert client.get(reverse("visits:letter-new")).status_code == 400
    assert client.get(reverse("visits:letter-new") + "?partner=²").status_code == 400
    assert client.get(reverse("visits:letter-new") + "?partner=999999").status_code == 404


def test_a_templates_word_file_downloads(client, viewer, demo):
    client.force_login(viewer)
    template = LetterTemplate.objects.get(kind="thank_you", language="en")
    response = client.get(reverse("visits:letter-template-file", args=[template.pk]))
    assert response.status_code == 200
    assert "{{ official_name }}" in "\n".join(
        p.text for p in Document(io.BytesIO(response.content)).paragraphs
    )


def test_the_visit_page_links_the_pdf_and_the_disclosure_record(client, viewer, demo):
    client.force_login(viewer)
    visit = Visit.objects.get()
    html = client.get(reverse("visits:visit-detail", args=[visit.pk])).content.decode()
    assert f"/api/v1/visits/{visit.pk}/report.pdf" in html
    for kind in ("xlsx", "csv", "json"):
        assert f"/api/v1/visits/{visit.pk}/disclosure.{kind}" in html
