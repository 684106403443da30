"""Invitation and thank-you letters (邀請函, 謝函) as Word documents (issue 14 item 4).

Public entry points::

    write_letters(user=…, template=…, officials=[…], visit=…, event=…, invitation=…,
                  on=date, roc=True, signer_name="", signer_title="", log=False) -> Letters
    check_template(file)             # an uploaded template: a clean .docx whose fields parse
    default_template(kind, language) # the shipped defaults (visits/letter_templates/)

A template is a :class:`~visits.models.LetterTemplate`: a ``.docx`` whose text holds
merge fields in docxtpl's (Jinja) syntax, ``{{ official_name }}`` … (:data:`FIELDS`). It
is filled once per official, in the template's language: names and titles in that
script (``pick_name``/``bilingual_name``), dates in ROC or Gregorian form
(``format_date``). One letter is a ``.docx``; several are a zip of one ``.docx`` each.

Writing letters needs the right to log a contact (officers, managers, admins; a viewer
gets 403), whether or not the letters are logged. With ``log=True`` the letters are
"sent": one outgoing contact of channel *letter* is logged on each partner's timeline
(``relations.services.log_contact``), naming the officials written to. Without it they
are a preview and nothing is written.

Templates the office uploads are rendered in Jinja's sandbox, with autoescaping (a
``&`` in a name stays text, not broken XML).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from crm.attachments.services import DOCX
from crm.core import policy
from crm.core.formatting import (
    TEXT,
    DateFormat,
    bilingual_name,
    format_list,
    is_chinese,
    local_today,
    pick_name,
)
from relations.models import Contact, Official
from relations.services import log_contact
from visits.models import (
    DelegationMember,
    Event,
    Invitation,
    LetterTemplate,
    Visit,
    letter_template_check,
)
from visits.report import agency_name, office_title, set_fonts

SHIPPED_DIR = Path(__file__).resolve().parent / "letter_templates"
DOCX_TYPE = DOCX.content_type
ZIP_TYPE = "application/zip"
#: At most this many letters in one batch.
MAX_LETTERS = 200
ROC, GREGORIAN = "roc", "gregorian"
DATE_STYLES = (ROC, GREGORIAN)

#: The merge fields a template may use, and what each holds (README "Letters").
FIELDS = {
    "official_name": _("the official's name in the letter's script (海因斯 / John Hines)"),
    "official_title": _("the official's title in the letter's script (副市長 / Deputy Mayor)"),
    "official_name_bilingual": _("both names, the letter's first: 海因斯（John Hines）"),
    "form_of_address": _("the official's form of address on record (Mr., The Honorable …)"),
    "organization": _("the official's organization, if any"),
    "partner": _("the partner in the letter's script (塔可瑪市 / Tacoma)"),
    "partner_bilingual": _("both names of the partner: 塔可瑪市（Tacoma）"),
    "occasion": _("the visit's or the event's title"),
    "occasion_period": _("the visit's dates or the event's"),
    "location": _("the event's location"),
    "rsvp_by": _("the invitation's reply date"),
    "visit": _("the visit's title (empty without a visit)"),
    "event": _("the event's title (empty without an event)"),
    "date": _("the letter's date, ROC (民國114年7月19日) or Gregorian"),
    "signer_name": _("who signs the letter"),
    "signer_title": _("the signer's title"),
    "agency": _("the city government (REPORT_AGENCY)"),
}

SUBJECTS = {
    LetterTemplate.Kind.INVITATION: pgettext_lazy("letter", "Invitation letter: %(occasion)s"),
    LetterTemplate.Kind.THANK_YOU: pgettext_lazy("letter", "Thank-you letter: %(occasion)s"),
}
RECIPIENTS = pgettext_lazy("letter", "To: %(names)s")
OFFICIAL = pgettext_lazy("letter", "%(name)s (%(title)s)")


class LetterError(ValueError):
    """A letter that cannot be written as asked (shown as a 400 with this message)."""

    def __init__(self, message, field: str = "non_field_errors"):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass
class Letters:
    """What ``write_letters`` made: the file to send back, and the contacts it logged."""

    filename: str
    content_type: str
    content: bytes
    count: int
    contacts: list[Contact] = field(default_factory=list)


# --- templates --------------------------------------------------------------------------


def template_bytes(template: LetterTemplate) -> bytes:
    """The template's .docx: the uploaded file, else the shipped default."""
    if template.file:
        with template.file.open("rb") as handle:
            return handle.read()
    return (SHIPPED_DIR / template.shipped).read_bytes()


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


#: An uploaded template is checked by the model field's validator.
check_template = letter_template_check


def _ensure_east_asian_font(document) -> None:
    """A template without an East Asian face gets the report's (標楷體), so Word does not
    substitute a Simplified-Chinese or Japanese one; a template that names one keeps it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None or not fonts.get(qn("w:eastAsia")):
        set_fonts(rpr)


def render_letter(source: bytes, context: dict) -> bytes:
    """``source`` (a template's .docx) filled with ``context``."""
    document = DocxTemplate(io.BytesIO(source))
    try:
        document.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as error:
        raise LetterError(
            _("The template could not be filled: %(error)s") % {"error": error}, "template"
        ) from None
    _ensure_east_asian_font(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- what goes into a letter ------------------------------------------------------------


def _dates(language: str, roc: bool) -> DateFormat:
    return DateFormat(language, roc=roc, style=TEXT)


def _leader(visit: Visit) -> DelegationMember | None:
    members = list(visit.members.order_by("order"))
    leaders = [m for m in members if m.role == DelegationMember.Role.LEADER]
    return (leaders or members or [None])[0]


def default_signer(language: str, visit: Visit | None, user) -> tuple[str, str]:
    """(name, title) of who signs: the visit's leader, else the user writing the letter."""
    leader = _leader(visit) if visit is not None else None
    if leader is not None:
        name = pick_name(leader.name_local, leader.name, language=language)
        title = pick_name(leader.title_local, leader.title, language=language)
        if not title and is_chinese(language):
            title = office_title(
                leader.department_local or leader.department, agency_name("zh-hant")
            )
        if not title:
            title = pick_name(leader.department_local, leader.department, language=language)
        return name, title
    return (user.get_full_name() or user.get_username()), ""


@dataclass
class Occasion:
    visit: Visit | None
    event: Event | None
    invitation: Invitation | None


def _occasion_context(occasion: Occasion, language: str, dates: DateFormat) -> dict:
    visit, event, invitation = occasion.visit, occasion.event, occasion.invitation
    visit_title = pick_name(visit.title_local, visit.title, language=language) if visit else ""
    event_title = pick_name(event.title_local, event.title, language=language) if event else ""
    if visit is not None:
        occasion_title = visit_title
        period = dates.range(visit.start_on, visit.end_on, precision=visit.date_precision)
    elif event is not None:
        occasion_title = event_title
        period = dates.range(event.starts_on, event.ends_on)
    else:
        occasion_title = period = ""
    return {
        "visit": visit_title,
        "event": event_title,
        "occasion": occasion_title,
        "occasion_period": period,
        "location": event.location if event else "",
        "rsvp_by": dates(invitation.rsvp_by) if invitation and invitation.rsvp_by else "",
    }


def letter_context(
    official: Official,
    *,
    language: str,
    occasion: Occasion,
    on: dt.date,
    roc: bool,
    signer: tuple[str, str],
) -> dict:
    """The merge fields (:data:`FIELDS`) of one letter to ``official``."""
    dates = _dates(language, roc)
    partner = official.partner
    organization = official.organization
    return {
        "official_name": pick_name(official.name_local, official.name, language=language),
        "official_title": pick_name(official.title_local, official.title, language=language),
        "official_name_bilingual": bilingual_name(
            official.name_local, official.name, language=language, parentheses=True
        ),
        "form_of_address": official.form_of_address,
        "organization": (
            pick_name(organization.name_local, organization.name, language=language)
            if organization
            else ""
        ),
        "partner": pick_name(partner.name_local, partner.name, language=language)
        if partner
        else "",
        "partner_bilingual": (
            bilingual_name(partner.name_local, partner.name, language=language, parentheses=True)
            if partner
            else ""
        ),
        **_occasion_context(occasion, language, dates),
        "date": dates(on),
        "signer_name": signer[0],
        "signer_title": signer[1],
        "agency": agency_name(language),
    }


def _file_stem(template: LetterTemplate, official: Official, number: int) -> str:
    who = slugify(official.name) or f"official-{official.pk}"
    return f"{number:02d}-{template.kind.replace('_', '-')}-{who}"


# --- logging ----------------------------------------------------------------------------


def _official_line(official: Official, language: str) -> str:
    name = bilingual_name(official.name_local, official.name, language=language, parentheses=True)
    title = pick_name(official.title_local, official.title, language=language)
    with translation.override(language):
        return str(OFFICIAL) % {"name": name, "title": title} if title else name


def _contact_fields(
    template: LetterTemplate, occasion: Occasion, officials: list[Official], on: dt.date
) -> dict:
    """Subject and summary in both languages (SPEC §2.3): the office's and English."""
    fields = {}
    for suffix, language in (("_local", "zh-hant"), ("", "en")):
        context = _occasion_context(occasion, language, _dates(language, roc=True))
        names = format_list([_official_line(o, language) for o in officials], language=language)
        with translation.override(language):
            subject = str(SUBJECTS[template.kind]) % {"occasion": context["occasion"]}
            summary = str(RECIPIENTS) % {"names": names}
        fields[f"subject{suffix}"] = subject[:300]
        fields[f"summary{suffix}"] = summary
    return {
        **fields,
        "occurred_on": on,
        "channel": Contact.Channel.LETTER,
        "direction": Contact.Direction.OUTGOING,
        "visit": occasion.visit,
    }


def _log(user, template, occasion, officials: list[Official], on: dt.date) -> list[Contact]:
    """One contact per partner (or organization, for officials of none) written to."""
    groups: dict[tuple, list[Official]] = {}
    for official in officials:
        key = (official.partner_id, None if official.partner_id else official.organization_id)
        groups.setdefault(key, []).append(official)
    contacts = []
    for (partner_id, organization_id), group in groups.items():
        fields = _contact_fields(template, occasion, group, on)
        fields["partner_id"] = partner_id
        fields["organization_id"] = organization_id
        contacts.append(log_contact(user=user, fields=fields, officials=group))
    return contacts


# --- the entry point --------------------------------------------------------------------


def _occasion(
    template: LetterTemplate,
    visit: Visit | None,
    event: Event | None,
    invitation: Invitation | None,
) -> Occasion:
    if invitation is not None:
        if event is not None and event.pk != invitation.event_id:
            raise LetterError(_("The invitation is for another event."), "invitation")
        event = invitation.event
    if template.kind == LetterTemplate.Kind.INVITATION and event is None:
        raise LetterError(_("An invitation letter needs an event."), "event")
    if template.kind == LetterTemplate.Kind.THANK_YOU and visit is None and event is None:
        raise LetterError(_("A thank-you letter needs a visit or an event."), "visit")
    return Occasion(visit=visit, event=event, invitation=invitation)


def write_letters(
    *,
    user,
    template: LetterTemplate,
    officials,
    visit: Visit | None = None,
    event: Event | None = None,
    invitation: Invitation | None = None,
    on: dt.date | None = None,
    roc: bool = True,
    signer_name: str = "",
    signer_title: str = "",
    log: bool = False,
) -> Letters:
    """One letter per official from ``template`` (a .docx, or a zip of them for several).

    ``on`` is the letter's date (default today in Taipei); ``roc`` writes it as 民國 in a
    Chinese letter (ignored in English). ``log=True`` logs the letters as sent on the
    partners' timelines. Raises ``PermissionDenied`` for a user who may not log contacts
    and :class:`LetterError` for a request that cannot be filled.
    """
    policy.check(user, policy.ADD, Contact)
    officials = list(officials)
    if invitation is not None and not officials:
        officials = [invitation.invitee]
    if not officials:
        raise LetterError(_("Choose at least one official."), "officials")
    if len(officials) > MAX_LETTERS:
        raise LetterError(_("At most %(n)d letters at a time.") % {"n": MAX_LETTERS}, "officials")
    occasion = _occasion(template, visit, event, invitation)
    language = template.language
    on = on or local_today()
    default_name, default_title = default_signer(language, visit, user)
    signer = (signer_name.strip() or default_name, signer_title.strip() or default_title)
    source = template_bytes(template)

    letters = []
    for number, official in enumerate(officials, start=1):
        context = letter_context(
            official, language=language, occasion=occasion, on=on, roc=roc, signer=signer
        )
        letters.append((_file_stem(template, official, number), render_letter(source, context)))

    contacts = []
    if log:
        with transaction.atomic():
            contacts = _log(user, template, occasion, officials, on)

    kind = template.kind.replace("_", "-")
    if len(letters) == 1:
        stem, content = letters[0]
        return Letters(f"{stem}.docx", DOCX_TYPE, content, 1, contacts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, content in letters:
            archive.writestr(f"{stem}.docx", content)
    filename = f"{kind}-letters-{on.isoformat()}.zip"
    return Letters(filename, ZIP_TYPE, buffer.getvalue(), len(letters), contacts)


# --- the shipped default templates ------------------------------------------------------

# The text of the four defaults (written for this product). Each list item is a paragraph:
# (text, alignment, bold, size in points, space after in points).
_L, _C, _R = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _zh_letter(heading: str, sign_off: str, *body: str) -> list[tuple]:
    """A Chinese letter: the agency and ``heading`` centred, the salutation, ``body`` (one
    paragraph each), 敬頌時祺, and the signer with ``sign_off`` (敬啟, 敬邀) and the date."""
    return [
        ("{{ agency }}", _C, True, 18, 6),
        (heading, _C, True, 16, 18),
        ("{{ official_name }}{{ official_title }}閣下：", _L, False, 14, 12),
        *((text, _L, False, 14, 12) for text in body),
        ("敬頌", _L, False, 14, 0),
        ("時祺", _L, False, 14, 24),
        ("{{ agency }}　{{ signer_title }}", _R, False, 14, 0),
        ("{{ signer_name }}　" + sign_off, _R, False, 14, 12),
        ("{{ date }}", _R, False, 14, 0),
    ]


def _en_letter(*body: str) -> list[tuple]:
    """An English letter: the agency, the date, the addressee, ``body`` (one paragraph each)
    and the signature."""
    return [
        ("{{ agency }}", _C, True, 16, 18),
        ("{{ date }}", _R, False, 12, 12),
        ("{{ official_name }}", _L, False, 12, 0),
        ("{{ official_title }}{% if partner %}, {{ partner }}{% endif %}", _L, False, 12, 18),
        ("Dear {{ official_title }} {{ official_name }},", _L, False, 12, 12),
        *((text, _L, False, 12, 12) for text in body),
        ("Sincerely,", _L, False, 12, 36),
        ("{{ signer_name }}", _L, False, 12, 0),
        ("{{ signer_title }}{% if signer_title %}, {% endif %}{{ agency }}", _L, False, 12, 0),
    ]


DEFAULT_TEXTS = {
    ("thank_you", "zh-hant"): _zh_letter(
        "謝　函",
        "敬啟",
        "{% if visit %}本府於{{ occasion_period }}進行「{{ occasion }}」期間，承蒙閣下撥冗"
        "接待、熱誠款待，並就雙方交流合作深入交換意見{% else %}本府於{{ occasion_period }}"
        "舉辦「{{ occasion }}」，承蒙閣下撥冗蒞臨、共襄盛舉{% endif %}，本人與本府同仁"
        "銘感於心，謹此致上誠摯謝忱。",
        "{% if partner %}{{ partner }}與本市情誼深厚，{% endif %}期盼未來在既有基礎上"
        "持續深化各領域的交流與合作，增進兩地人民的情誼。",
    ),
    ("thank_you", "en"): _en_letter(
        "{% if visit %}Thank you for receiving our delegation during “{{ occasion }}” "
        "({{ occasion_period }}). Your time, your hospitality and the ideas we exchanged "
        "on our cooperation were greatly appreciated by all of us.{% else %}Thank you for "
        "joining us at “{{ occasion }}” ({{ occasion_period }}). Your presence meant a "
        "great deal to all of us.{% endif %}",
        "{% if partner %}The friendship between {{ partner }} and our city is a valued "
        "one. {% endif %}We look forward to building on it through further exchange and "
        "cooperation in the years to come.",
    ),
    ("invitation", "zh-hant"): _zh_letter(
        "邀　請　函",
        "敬邀",
        "本府謹訂於{{ occasion_period }}舉辦「{{ occasion }}」{% if location %}，地點為"
        "{{ location }}{% endif %}。{% if partner %}{{ partner }}與本市長年友好，{% endif %}"
        "素仰閣下支持雙方交流，特此誠摯邀請閣下撥冗蒞臨，共襄盛舉。",
        "{% if rsvp_by %}敬請於{{ rsvp_by }}前惠示是否出席，以利安排。{% endif %}",
    ),
    ("invitation", "en"): _en_letter(
        "It is my pleasure to invite you to “{{ occasion }}”, to be held on "
        "{{ occasion_period }}{% if location %} at {{ location }}{% endif %}."
        "{% if partner %} The friendship between {{ partner }} and our city has grown "
        "over many years, and your presence would honour it.{% endif %}",
        "{% if rsvp_by %}We would be grateful to know by {{ rsvp_by }} whether you will "
        "be able to attend.{% endif %}",
    ),
}

#: The shipped defaults: (kind, language) → (file name, record name).
SHIPPED = {
    ("thank_you", "zh-hant"): ("thank-you-zh-hant.docx", "謝函（中文）"),
    ("thank_you", "en"): ("thank-you-en.docx", "Thank-you letter (English)"),
    ("invitation", "zh-hant"): ("invitation-zh-hant.docx", "邀請函（中文）"),
    ("invitation", "en"): ("invitation-en.docx", "Invitation letter (English)"),
}


def default_template(kind: str, language: str) -> bytes:
    """A shipped default as .docx bytes: A4, the report's fonts (標楷體 for Chinese)."""
    document = Document()
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.line_spacing = 1.5 if is_chinese(language) else 1.15
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    for text, alignment, bold, size, after in DEFAULT_TEXTS[(kind, language)]:
        paragraph = document.add_paragraph()
        paragraph.alignment = alignment
        paragraph.paragraph_format.space_after = Pt(after)
        if is_chinese(language) and alignment == _L and after == 12 and "閣下：" not in text:
            paragraph.paragraph_format.first_line_indent = Pt(28)
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
    properties = document.core_properties
    properties.title = SHIPPED[(kind, language)][1]
    properties.language = "zh-TW" if is_chinese(language) else "en"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_default_templates(directory: Path = SHIPPED_DIR) -> list[Path]:
    """(Re)write the four shipped defaults into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for (kind, language), (filename, _name) in SHIPPED.items():
        path = directory / filename
        path.write_bytes(default_template(kind, language))
        written.append(path)
    return written


__all__ = [
    "DATE_STYLES",
    "FIELDS",
    "GREGORIAN",
    "ROC",
    "SHIPPED",
    "LetterError",
    "Letters",
    "check_template",
    "default_template",
    "letter_context",
    "render_letter",
    "template_bytes",
    "write_default_templates",
    "write_letters",
]
