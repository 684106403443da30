"""Audit history: every create, update and delete of a domain row, with user and time.

We use django-pghistory rather than django-simple-history: its PostgreSQL triggers
record *every* write — bulk ``update()``, raw SQL, admin actions, data migrations —
not only those that pass through ``Model.save()``, and the user is attached through
the request context (``HistoryMiddleware``) or ``pghistory.context(user=...)`` in
commands and tasks. The history is read back with ``crm.core.audit.history_for``.
"""

from __future__ import annotations

import pghistory


def audited():
    """Class decorator: track inserts, updates and deletes of a model."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
    )


ACTIONS = {"insert": "create", "update": "update", "delete": "delete"}
# What the history shows instead of a redacted field's value.
REDACTED = "[redacted]"


def redacted_fields(model) -> frozenset[str]:
    """Fields whose values the history never shows: the model's ``history_redacted``.

    Declared on the model (``Attachment.history_redacted = frozenset({"file"})``: the
    stored path is a storage secret). The history still says the field was set, changed
    or cleared: a value becomes ``REDACTED``, an empty one (None, "") stays as it is.
    """
    return frozenset(getattr(model, "history_redacted", ()))


def _redact(changes: dict, hidden: frozenset[str]) -> dict:
    for name in hidden & changes.keys():
        changes[name] = [value if value in (None, "") else REDACTED for value in changes[name]]
    return changes


def history_for(instance) -> list[dict]:
    """The audit trail of one row, oldest first: ``[{at, user, action, changes}]``.

    ``changes`` maps each changed field to ``[old, new]`` (on create, old is None); the
    values of the model's ``redacted_fields`` read ``REDACTED``. The API's ``history/``
    action and the admin's History page both read this. One query, whatever the length
    of the history.
    """
    from crm.core.models import User

    events = list(
        pghistory.models.Events.objects.tracks(instance).order_by("pgh_created_at", "pgh_id")
    )
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context} - {None}
    users = {u.pk: u.username for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    hidden = redacted_fields(type(instance))
    result = []
    for event in events:
        action = ACTIONS.get(event.pgh_label.split(".")[-1], event.pgh_label)
        if action == "create":
            changes = {k: [None, v] for k, v in event.pgh_data.items()}
        elif action == "delete":
            changes = {k: [v, None] for k, v in event.pgh_data.items()}
        else:
            changes = {k: list(v) for k, v in (event.pgh_diff or {}).items()}
        user_id = (event.pgh_context or {}).get("user")
        result.append(
            {
                "at": event.pgh_created_at,
                "user": users.get(user_id),
                "action": action,
                "changes": _redact(changes, hidden),
            }
        )
    return result
