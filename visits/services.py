"""Writes and rules for visits, commitments, invitations and gifts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crm.core import policy
from crm.core.formatting import add_months, local_today
from crm.core.services import VersionConflict, create_object, update_object
from visits.models import Commitment, Gift, Visit

REPORT_DUE_MONTHS = 3


def default_report_due(end_on: dt.date) -> dt.date:
    """A trip report is due three months after the visit ends (SPEC §2.2)."""
    return add_months(end_on, REPORT_DUE_MONTHS)


def create_visit(*, user, fields: Mapping[str, Any], partners: Iterable = ()) -> Visit:
    fields = dict(fields)
    if not fields.get("report_due_on") and fields.get("end_on"):
        fields["report_due_on"] = default_report_due(fields["end_on"])
    return create_object(Visit, user=user, fields=fields, many={"partners": partners})


def complete_commitment(
    commitment: Commitment,
    *,
    user,
    outcome: str = "",
    outcome_local: str = "",
    completed_on: dt.date | None = None,
    status: str = Commitment.Status.DONE,
    expected_version: int | None = None,
) -> Commitment:
    """Close a commitment as done (or dropped), saying what came of it in the office's
    language (``outcome_local``), in English (``outcome``) or both: one is required.
    A language left out keeps what the commitment already had in it."""
    if status not in (Commitment.Status.DONE, Commitment.Status.DROPPED):
        raise ValidationError({"status": _("A commitment is closed as done or dropped.")})
    if not Commitment.states_outcome(outcome_local, outcome):
        raise ValidationError({"outcome": _("Say what came of it before closing.")})
    fields = {"status": status, "completed_on": completed_on or local_today()}
    for name, value in (("outcome_local", outcome_local), ("outcome", outcome)):
        if (value or "").strip():
            fields[name] = value.strip()
    return update_object(commitment, user=user, fields=fields, expected_version=expected_version)


def review_commitment(
    commitment: Commitment, *, user, expected_version: int | None = None
) -> Commitment:
    """A manager's review of a commitment's follow-up."""
    if user is not None:
        policy.check(user, policy.REVIEW, commitment)
    return update_object(
        commitment,
        user=user,
        fields={"reviewed_by": user, "reviewed_at": timezone.now()},
        expected_version=expected_version,
    )


def update_commitments(versions: Mapping[int, int], *, user, fields: Mapping[str, Any]) -> int:
    """Write the same ``fields`` (a new owner, a due date) on several commitments: all or
    nothing, each row through ``update_object`` with its own version and the policy.

    ``versions`` maps each commitment's id to the version the caller read. The first row
    refused — ``VersionConflict`` (stale version), ``Commitment.DoesNotExist`` (deleted
    meanwhile), ``PermissionDenied`` (the policy), ``ValidationError`` (the model) — rolls
    every row back; the error carries ``commitment_id``. Returns how many rows were written.
    """
    if user is not None and policy.OWNER_FIELD in fields:
        # Asked once, before any row is touched; update_object asks again for each row.
        policy.check(user, policy.REASSIGN, Commitment)
    with transaction.atomic():
        # Ascending ids: two bulk edits over the same rows lock them in the same order.
        for pk, version in sorted(versions.items()):
            try:
                update_object(Commitment(pk=pk), user=user, fields=fields, expected_version=version)
            except (
                VersionConflict,
                Commitment.DoesNotExist,
                PermissionDenied,
                ValidationError,
            ) as error:
                error.commitment_id = pk
                raise
    return len(versions)


def value_in_twd(value: Decimal | None, currency: str) -> Decimal | None:
    """A gift's value in TWD with the configured rates; None when value or rate is unknown."""
    if value is None:
        return None
    rate = settings.GIFT_EXCHANGE_RATES_TWD.get(currency.upper())
    if rate is None:
        return None
    return (Decimal(value) * Decimal(str(rate))).quantize(Decimal("0.01"))


def _gift_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    fields = dict(fields)
    fields["value_twd"] = value_in_twd(fields.get("estimated_value"), fields.get("currency", "TWD"))
    return fields


def record_gift(*, user, fields: Mapping[str, Any]) -> Gift:
    return create_object(Gift, user=user, fields=_gift_fields(fields))


def update_gift(
    gift: Gift, *, user, fields: Mapping[str, Any], expected_version: int | None = None
) -> Gift:
    merged = {"estimated_value": gift.estimated_value, "currency": gift.currency, **fields}
    return update_object(
        gift,
        user=user,
        fields={**fields, "value_twd": _gift_fields(merged)["value_twd"]},
        expected_version=expected_version,
    )


# --- Used by the API and the pages --------------------------------------------------------


def create_engagement(
    *, user, fields: Mapping[str, Any], many: Mapping[str, Iterable] | None = None
):
    """Add an itinerary item; its time zone defaults to the partner's (SPEC §2.2), recorded
    on the row as ``Engagement.zone_name`` finds it."""
    from visits.models import Engagement

    fields = dict(fields)
    if not fields.get("time_zone"):
        fields["time_zone"] = Engagement(partner=fields.get("partner")).zone_name
    return create_object(Engagement, user=user, fields=fields, many=many)


def _closing_fields(fields: Mapping[str, Any], commitment: Commitment | None) -> dict[str, Any]:
    """A commitment closed (done or dropped) without a date was closed today."""
    fields = dict(fields)
    status = fields.get("status", commitment.status if commitment else Commitment.Status.OPEN)
    already = commitment.completed_on if commitment else None
    if status in (Commitment.Status.DONE, Commitment.Status.DROPPED) and not (
        fields.get("completed_on") or already
    ):
        fields["completed_on"] = local_today()
    return fields


def create_commitment(
    *, user, fields: Mapping[str, Any], counterparts: Iterable = ()
) -> Commitment:
    return create_object(
        Commitment,
        user=user,
        fields=_closing_fields(fields, None),
        many={"counterparts": counterparts},
    )


def update_commitment(
    commitment: Commitment,
    *,
    user,
    fields: Mapping[str, Any],
    many: Mapping[str, Iterable] | None = None,
    expected_version: int | None = None,
) -> Commitment:
    """Edit a commitment (giving it to someone else is a manager's: ``crm.core.policy``)."""
    return update_object(
        commitment,
        user=user,
        fields=_closing_fields(fields, commitment),
        many=many,
        expected_version=expected_version,
    )
