"""Writes shared by every domain model: create, update with a version check, protected delete.

Domain services (``relations.services``, ``visits.services``) add their rules on top;
views, serializers, admin and tasks call these instead of ``save()`` so that
validation, the version check and the audit user are the same on every path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import pghistory
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from crm.core import policy

M = TypeVar("M", bound=models.Model)


class VersionConflict(Exception):
    """The row changed since the caller read it (stale ETag / form)."""

    def __init__(self, instance: models.Model, expected: int):
        self.instance = instance
        self.expected = expected
        super().__init__(
            _("%(object)s was changed by someone else (version %(current)s, you had %(expected)s).")
            % {"object": instance, "current": instance.version, "expected": expected}
        )


class ProtectedDelete(Exception):
    """The row is still referred to; nothing was deleted.

    ``protected`` are the rows that block the delete, found by Django's collector, also
    through cascades (a visit whose engagement has an attachment is blocked by the
    attachment); ``blockers`` counts them by kind, e.g. ``{"contacts": 2}``.
    """

    def __init__(self, instance: models.Model, protected: Iterable[models.Model]):
        self.instance = instance
        self.protected = list(protected)
        self.blockers = self.count_by(lambda row: str(row._meta.verbose_name_plural))
        listing = ", ".join(f"{count} {name}" for name, count in sorted(self.blockers.items()))
        super().__init__(
            _("%(object)s cannot be deleted: it is still referred to by %(listing)s.")
            % {"object": instance, "listing": listing}
        )

    def count_by(self, key) -> dict[str, int]:
        """How many blocking rows there are of each ``key(row)``."""
        counts: dict[str, int] = {}
        for row in self.protected:
            counts[key(row)] = counts.get(key(row), 0) + 1
        return counts


def _user_id(user) -> int | None:
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


def _set_many(instance: models.Model, many: Mapping[str, Iterable] | None) -> None:
    for name, values in (many or {}).items():
        getattr(instance, name).set(values)


def _checks_policy(user) -> bool:
    """Writes on behalf of a person are checked; ``user=None`` is the system (tasks, loaders)."""
    return user is not None


def create_object(
    model: type[M],
    *,
    user,
    fields: Mapping[str, Any],
    many: Mapping[str, Iterable] | None = None,
) -> M:
    """Validate and insert one row, recording who created it."""
    if _checks_policy(user):
        policy.check(user, policy.ADD, model)
    instance = model(**fields)
    if hasattr(instance, "created_by_id") and instance.created_by_id is None:
        instance.created_by_id = _user_id(user)
    instance.full_clean()
    with transaction.atomic(), pghistory.context(user=_user_id(user)):
        instance.save()
        _set_many(instance, many)
    return instance


def _value_of(instance: models.Model, name: str):
    """A field's value as stored: the id for a foreign key."""
    return getattr(instance, instance._meta.get_field(name).attname)


def _changed(current: models.Model, fields: Mapping[str, Any]) -> list[str]:
    """The names in ``fields`` whose value differs from the stored row."""
    changed = []
    for name, value in fields.items():
        field = current._meta.get_field(name)
        new = getattr(value, "pk", value) if field.is_relation else value
        if new != _value_of(current, name):
            changed.append(name)
    return changed


def update_object(
    instance: M,
    *,
    user,
    fields: Mapping[str, Any],
    many: Mapping[str, Iterable] | None = None,
    expected_version: int | None = None,
) -> M:
    """Validate and apply changes; refuse with VersionConflict if the row moved on.

    The row is locked, checked and changed in one transaction; only the fields that
    differ from the locked row are written, so a concurrent change to other columns is
    kept (two stale clients editing different fields both win). The version goes up by
    one on every update, which is what makes a stale ETag or form fail afterwards.
    ``instance`` is brought up to date with the saved row.
    """
    model = type(instance)
    with transaction.atomic(), pghistory.context(user=_user_id(user)):
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise VersionConflict(current, expected_version)
        if _checks_policy(user):
            policy.check_update(user, current, fields)
        changed = _changed(current, fields)
        for name in changed:
            setattr(current, name, fields[name])
        names = {current._meta.get_field(name).attname for name in changed}
        if hasattr(current, "version"):
            current.version += 1
            names |= {"version", "updated_at"}
        before = {f.attname: getattr(current, f.attname) for f in model._meta.concrete_fields}
        current.full_clean()
        # What the model's clean() normalised (an imprecise date moved to its period's
        # first day) is written too, not only the fields the caller changed.
        names |= {name for name, value in before.items() if getattr(current, name) != value}
        if names:
            current.save(update_fields=sorted(names))
        _set_many(current, many)
    for field in model._meta.concrete_fields:
        setattr(instance, field.attname, getattr(current, field.attname))
    return instance


def adopt(target: models.Model, saved: models.Model) -> None:
    """Make a caller's unsaved instance (a form's, an import's) the row the service inserted."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db


def delete_object(instance: models.Model, *, user) -> None:
    """Delete a row, or raise ProtectedDelete naming what still refers to it."""
    if _checks_policy(user):
        policy.check(user, policy.DELETE, instance)
    try:
        with transaction.atomic(), pghistory.context(user=_user_id(user)):
            instance.delete()
    except models.ProtectedError as refused:
        raise ProtectedDelete(instance, refused.protected_objects) from None


__all__ = [
    "ProtectedDelete",
    "ValidationError",
    "VersionConflict",
    "adopt",
    "create_object",
    "delete_object",
    "update_object",
]


def regenerate_calendar_token(user) -> str:
    """Give ``user`` a new secret calendar URL; the old one answers 404 from now on."""
    from crm.core.models import User, new_calendar_key

    user.calendar_key = new_calendar_key()
    User.objects.filter(pk=user.pk).update(calendar_key=user.calendar_key)
    return user.calendar_token
