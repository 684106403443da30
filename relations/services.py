"""Writes and rules for partners, agreements, officials, organizations and contacts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crm.core.services import create_object, delete_object, update_object
from relations.anniversaries import normalise
from relations.models import Agreement, Contact


def _agreement_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise an imprecise signing date; commemorate sister/friendship ones by default."""
    fields = dict(fields)
    if fields.get("signed_on") is not None:
        precision = fields.get("signed_precision") or "day"
        fields["signed_on"] = normalise(fields["signed_on"], precision)
    if fields.get("commemorate") is None and "kind" in fields:
        fields["commemorate"] = fields["kind"] in Agreement.COMMEMORATED_BY_DEFAULT
    return fields


def create_agreement(*, user, fields: Mapping[str, Any]) -> Agreement:
    return create_object(Agreement, user=user, fields=_agreement_fields(fields))


def update_agreement(
    agreement: Agreement, *, user, fields: Mapping[str, Any], expected_version: int | None = None
) -> Agreement:
    merged = {
        "signed_on": agreement.signed_on,
        "signed_precision": agreement.signed_precision,
        "commemorate": agreement.commemorate,
        **fields,
    }
    changed = _agreement_fields(merged)
    return update_object(
        agreement,
        user=user,
        fields={k: v for k, v in changed.items() if k in fields or k == "signed_on"},
        expected_version=expected_version,
    )


def log_contact(
    *,
    user,
    fields: Mapping[str, Any],
    officials: Iterable = (),
    topics: Iterable = (),
    staff: Iterable | None = None,
) -> Contact:
    """Record an interaction; our staff involved default to the person logging it."""
    staff = list(staff) if staff else ([user] if user is not None else [])
    return create_object(
        Contact,
        user=user,
        fields=fields,
        many={"officials": officials, "topics": topics, "staff": staff},
    )


def delete_contact(contact: Contact, *, user) -> None:
    """Officers delete only the contacts they logged (``crm.core.policy``)."""
    delete_object(contact, user=user)
