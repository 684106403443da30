"""The gift register for the ethics office (受贈財物登錄): the gifts received in one year.

One row per gift received, in date order: its date, what it is, who gave it (the
counterpart official, organization and partner), the occasion, the estimated value with
its currency and the value in TWD (stored when the gift is recorded, converted by
``visits.services.value_in_twd`` with the configured rates), its disposition, the day it
was registered and its registration status. Whether a gift must be registered is
``Gift.needs_registration`` (threshold ``GIFT_REGISTRATION_THRESHOLD_TWD``); this module
only names the outcome:

* ``registered``: registered with the ethics office on ``registered_on``;
* ``to_register``: needs registration and is not registered yet;
* ``no_value``: needs a decision — no value in TWD on record (record one, or register it);
* ``not_required``: received, unregistered, and needs no registration (below the threshold).

The page (``visits.register_views``) and the XLSX download show the same rows and columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crm.core.formatting import format_list, pick_name, pick_text
from crm.core.spreadsheets import write_xlsx
from visits.models import Gift

REGISTERED, TO_REGISTER, NO_VALUE, NOT_REQUIRED = (
    "registered",
    "to_register",
    "no_value",
    "not_required",
)
STATUS_LABELS = {
    REGISTERED: gettext_lazy("registered"),
    TO_REGISTER: gettext_lazy("to register"),
    NO_VALUE: gettext_lazy("no value recorded: decide"),
    NOT_REQUIRED: gettext_lazy("not required (below the threshold)"),
}
MIN_YEAR, MAX_YEAR = 1900, 2999


def status_of(gift: Gift) -> str:
    if gift.registered_on is not None:
        return REGISTERED
    if gift.needs_registration:
        return NO_VALUE if gift.value_twd is None else TO_REGISTER
    return NOT_REQUIRED


@dataclass(frozen=True)
class Entry:
    number: int
    gift: Gift
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True)
class Register:
    year: int
    threshold_twd: int
    entries: list[Entry]

    def count(self, status: str) -> int:
        return sum(1 for entry in self.entries if entry.status == status)

    @property
    def total_twd(self) -> Decimal:
        return sum((e.gift.value_twd for e in self.entries if e.gift.value_twd), Decimal(0))

    @property
    def summary(self) -> dict[str, int]:
        return {status: self.count(status) for status in STATUS_LABELS}


def gift_register(year: int) -> Register:
    """The gifts received in ``year`` (one query)."""
    gifts = (
        Gift.objects.filter(
            direction=Gift.Direction.RECEIVED,
            date__gte=dt.date(year, 1, 1),
            date__lt=dt.date(year + 1, 1, 1),
        )
        .select_related("partner", "official", "organization", "visit", "event")
        .order_by("date", "id")
    )
    return Register(
        year=year,
        threshold_twd=settings.GIFT_REGISTRATION_THRESHOLD_TWD,
        entries=[
            Entry(number=n, gift=gift, status=status_of(gift))
            for n, gift in enumerate(gifts, start=1)
        ],
    )


# --- Cells, shared by the page and the XLSX -------------------------------------------------


def _name(row, language: str) -> str:
    if row is None:
        return ""
    return pick_name(getattr(row, "name_local", ""), getattr(row, "name", ""), language=language)


def _title(row, language: str) -> str:
    return pick_text(row, "title", language=language) if row is not None else ""


def source(gift: Gift, language: str) -> str:
    """Who gave it: the official, their organization, the partner (those on record)."""
    return format_list(
        [_name(row, language) for row in (gift.official, gift.organization, gift.partner)],
        language=language,
    )


def occasion(gift: Gift, language: str) -> str:
    return _title(gift.visit, language) or _title(gift.event, language)


def headers() -> list[str]:
    """The columns, in the active language."""
    return [
        _("No."),
        _("Date received"),
        _("Gift"),
        _("Given by"),
        _("Occasion"),
        _("Estimated value"),
        _("Currency"),
        _("Value in TWD"),
        _("Disposition"),
        _("Registered on"),
        _("Registration status"),
    ]


def row(entry: Entry, language: str) -> list:
    gift = entry.gift
    return [
        entry.number,
        gift.date,
        pick_text(gift, "description", language=language),
        source(gift, language),
        occasion(gift, language),
        gift.estimated_value,
        gift.currency,
        gift.value_twd,
        gift.get_disposition_display(),
        gift.registered_on,
        entry.status_label,
    ]


def title(register: Register) -> str:
    return _("Gift register %(year)s") % {"year": register.year}


def threshold_note(register: Register) -> str:
    return _("Registration threshold: NT$%(threshold)s") % {
        "threshold": f"{register.threshold_twd:,}"
    }


def register_xlsx(register: Register, language: str):
    """The register as an XLSX workbook (a temporary file), headers in ``language``."""
    with translation.override(language):
        return write_xlsx(
            headers(),
            [row(entry, language) for entry in register.entries],
            title=title(register),
            preamble=[title(register), threshold_note(register)],
        )
