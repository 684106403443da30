"""Invitation and thank-you letters (issue 14 item 4): the demo's thank-you to Tacoma's
deputy mayor opened with python-docx, a batch as a zip, the contact logged on the
partner's timeline (not for a preview), and viewers refused with nothing written."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.oxml.ns import qn

from crm.core.services import update_object
from relations.models import Contact, Official, Partner
from visits.letters import default_template, template_bytes, write_letters
from visits.models import Event, LetterTemplate, Visit, letter_template_check

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The 25th anniversary of the Tacoma agreement (2000-07-19): 民國114年7月19日.
LETTER_DAY = dt.date(2025, 7, 19)


def _template(kind: str, language: str) -> LetterTemplate:
    return LetterTemplate.objects.get(kind=kind, language=language, file="")


def _hines() -> Official:
    return Official.objects.get(name="John Hines")


def _tacoma() -> Partner:
    return Partner.objects.get(name="Tacoma")


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _east_asian_fonts(content: bytes) -> set[str]:
    """The w:eastAsia faces of the document's default run properties and its styles."""
    document = Document(io.BytesIO(content))
    root = document.styles.element
    return {
        fonts.get(qn("w:eastAsia"))
        for fonts in root.iter(qn("w:rFonts"))
        if fonts.get(qn("w:eastAsia"))
    }


def _post(client, **body):
    return client.post("/api/v1/letters/", body, format="json")


def test_the_four_shipped_templates_are_records(demo):
    shipped = set(LetterTemplate.objects.values_list("kind", "language"))
    assert shipped == {
        ("invitation", "zh-hant"),
        ("invitation", "en"),
        ("thank_you", "zh-hant"),
        ("thank_you", "en"),
    }


def test_the_demo_thank_you_to_tacomas_deputy_mayor_in_chinese(api, demo):
    client = api("officer")
    visit = Visit.objects.get()

    response = _post(
        client,
        template=_template("thank_you", "zh-hant").pk,
        officials=[_hines().pk],
        visit=visit.pk,
        date=LETTER_DAY.isoformat(),
    )

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].endswith('.docx"')
    text = _text(response.content)
    assert "海因斯副市長閣下：" in text
    assert "John Hines" not in text  # the Chinese letter names him in Chinese
    assert "塔可瑪市與本市情誼深厚" in text
    assert "臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案" in text
    assert "民國113年7月22日至民國113年7月31日" in text  # the visit's period
    assert "民國114年7月19日" in text  # the letter's date
    assert "謝　函" in text
    # Signed by the delegation's leader: 盧秀燕, 市長 (her 單位 臺中市長 names the office).
    assert "臺中市政府　市長" in text
    assert "盧秀燕　敬啟" in text
    assert "{{" not in text
    assert "{%" not in text
    assert _east_asian_fonts(response.content) == {"標楷體"}
    # A preview: nothing logged.
    assert response["X-Logged-Contacts"] == ""
    assert not Contact.objects.filter(channel="letter").exists()


def test_the_english_thank_you_names_him_in_english_with_a_gregorian_date(api, demo):
    response = _post(
        api("officer"),
        template=_template("thank_you", "en").pk,
        officials=[_hines().pk],
        visit=Visit.objects.get().pk,
        date=LETTER_DAY.isoformat(),
        date_style="roc",  # ROC years are for Chinese letters only
    )

    assert response.status_code == 200, response.content
    text = _text(response.content)
    assert "Dear Deputy Mayor John Hines," in text
    assert "The friendship between Tacoma and our city" in text
    assert "19 July 2025" in text
    assert "民國" not in text
    assert "Taichung City Government" in text


def test_a_gregorian_chinese_letter(api, demo):
    response = _post(
        api("officer"),
        template=_template("thank_you", "zh-hant").pk,
        officials=[_hines().pk],
        visit=Visit.objects.get().pk,
        date=LETTER_DAY.isoformat(),
        date_style="gregorian",
    )
    text = _text(response.content)
    assert "2025年7月19日" in text
    assert "民國" not in text


def test_sending_logs_one_letter_contact_on_the_partners_timeline(api, demo):
    client = api("officer")
    tacoma = _tacoma()
    visit = Visit.objects.get()
    before = tacoma.contacts.count()

    response = _post(
        client,
        template=_template("thank_you", "zh-hant").pk,
        officials=[_hines().pk],
        visit=visit.pk,
        date=LETTER_DAY.isoformat(),
        log=True,
    )

    assert response.status_code == 200, response.content
    contact = tacoma.contacts.get(channel=Contact.Channel.LETTER)
    assert tacoma.contacts.count() == before + 1
    assert response["X-Logged-Contacts"] == str(contact.pk)
    assert contact.direction == Contact.Direction.OUTGOING
    assert contact.occurred_on == LETTER_DAY
    assert contact.visit == visit
    assert contact.subject_local == "謝函：臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案"
    assert contact.subject.startswith("Thank-you letter: Taichung City Government visit")
    assert contact.summary_local == "致：海因斯（John Hines）（副市長）"
    assert list(contact.officials.all()) == [_hines()]
    assert list(contact.staff.all()) == [client.user]
    assert contact.created_by == client.user


def test_a_batch_is_a_zip_with_one_letter_per_official(api, demo):
    client = api("manager")
    seattle_and_tacoma = list(
        Official.objects.filter(
            partner__name__in=["Tacoma", "Seattle"], role="deputy_mayor"
        ).order_by("pk")
    )
    assert len(seattle_and_tacoma) == 2
    event = Event.objects.get(title_local="臺中綠美圖開幕系列活動")

    response = _post(
        client,
        template=_template("invitation", "zh-hant").pk,
        officials=[o.pk for o in seattle_and_tacoma],
        event=event.pk,
        date=LETTER_DAY.isoformat(),
        log=True,
    )

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names == ["01-invitation-john-hines.docx", "02-invitation-greg-wong.docx"]
    first, second = (_text(archive.read(name)) for name in names)
    assert "海因斯副市長閣下：" in first
    assert "黃祖成副市長閣下：" in second
    assert "「臺中綠美圖開幕系列活動」" in first
    assert "民國114年12月1日" in first  # the event's day
    # One contact per partner written to.
    letters = Contact.objects.filter(channel=Contact.Channel.LETTER)
    assert sorted(letters.values_list("partner__name", flat=True)) == ["Seattle", "Tacoma"]
    assert all(c.subject_local == "邀請函：臺中綠美圖開幕系列活動" for c in letters)


def test_an_invitation_letter_from_an_invitation_record_writes_to_its_invitee(api, demo):
    invitation = Official.objects.get(name="Tom Fay").invitations.get()
    response = _post(
        api("officer"),
        template=_template("invitation", "en").pk,
        invitation=invitation.pk,
        date=LETTER_DAY.isoformat(),
    )
    assert response.status_code == 200, response.content
    text = _text(response.content)
    assert "Dear Library Director Tom Fay," in text
    assert "Seattle" in text


def test_viewers_get_403_and_nothing_is_written(api, demo):
    before = Contact.objects.count()
    response = _post(
        api("viewer"),
        template=_template("thank_you", "zh-hant").pk,
        officials=[_hines().pk],
        visit=Visit.objects.get().pk,
        log=True,
    )
    assert response.status_code == 403
    assert Contact.objects.count() == before


def test_anonymous_requests_get_401(api, demo):
    response = _post(api(None), template=_template("thank_you", "en").pk, officials=[1])
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"officials": []}, "officials"),
        ({"visit": None}, "visit"),
        ({"date_style": "julian"}, "date_style"),
        ({"officials": [999999]}, "officials"),
        ({"template": "x"}, "template"),
    ],
)
def test_a_letter_that_cannot_be_written_is_a_400_naming_the_field(api, demo, body, field):
    request = {
        "template": _template("thank_you", "zh-hant").pk,
        "officials": [_hines().pk],
        "visit": Visit.objects.get().pk,
        **body,
    }
    response = _post(api("officer"), **request)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Contact.objects.filter(channel="letter").exists()


def test_an_invitation_needs_an_event(api, demo):
    response = _post(
        api("officer"), template=_template("invitation", "en").pk, officials=[_hines().pk]
    )
    assert response.status_code == 400
    assert "event" in response.json()


def test_the_template_list(api, demo):
    response = api("viewer").get("/api/v1/letter-templates/")
    assert response.status_code == 200
    assert len(response.json()) == 4


def _upload(content: bytes, name: str = "letter.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=DOCX)


def test_an_uploaded_template_replaces_the_shipped_one(demo, officer):
    source = default_template("thank_you", "en").replace(b"", b"")
    document = Document(io.BytesIO(source))
    document.add_paragraph("P.S. {{ official_name_bilingual }} — {{ partner_bilingual }}")
    buffer = io.BytesIO()
    document.save(buffer)
    template = _template("thank_you", "en")
    template.file = _upload(buffer.getvalue())
    template.save()

    letters = write_letters(
        user=officer,
        template=template,
        officials=[_hines()],
        visit=Visit.objects.get(),
        on=LETTER_DAY,
    )

    assert "P.S. John Hines (海因斯) — Tacoma (塔可瑪市)" in _text(letters.content)


def test_a_manager_uploads_a_template_through_the_services_and_an_officer_may_not(
    demo, manager, officer
):
    template = _template("invitation", "en")
    upload = _upload(default_template("invitation", "en"), "our-invitation.docx")

    with pytest.raises(PermissionDenied):
        update_object(template, user=officer, fields={"file": upload})
    template.refresh_from_db()
    assert (template.file.name, template.version) == ("", 1)

    update_object(template, user=manager, fields={"file": upload})
    template.refresh_from_db()
    assert template.file.name.startswith("letter-templates/our-invitation")
    assert template.version == 2
    assert template_bytes(template).startswith(b"PK")


def test_a_template_whose_fields_do_not_parse_is_refused_on_upload():
    document = Document()
    document.add_paragraph("Dear {{ official_name ,")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ValidationError, match="do not parse"):
        letter_template_check(_upload(buffer.getvalue()))


def test_a_file_that_is_not_a_word_document_is_refused_on_upload():
    with pytest.raises(ValidationError):
        letter_template_check(_upload(b"%PDF-1.7\n" + b"0" * 100, "letter.pdf"))


def test_a_name_with_markup_characters_stays_text(demo, officer):
    official = _hines()
    Official.objects.filter(pk=official.pk).update(name="Hines & <Partners>", name_local="")
    official.refresh_from_db()
    letters = write_letters(
        user=officer,
        template=_template("thank_you", "en"),
        officials=[official],
        visit=Visit.objects.get(),
        on=LETTER_DAY,
    )
    assert "Dear Deputy Mayor Hines & <Partners>," in _text(letters.content)


@time_machine.travel(dt.datetime(2025, 7, 19, 9, tzinfo=dt.UTC), tick=False)
def test_the_date_defaults_to_today_in_taipei(api, demo):
    response = _post(
        api("officer"),
        template=_template("thank_you", "zh-hant").pk,
        officials=[_hines().pk],
        visit=Visit.objects.get().pk,
    )
    assert "民國114年7月19日" in _text(response.content)
