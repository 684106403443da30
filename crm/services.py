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
from django.db.models import F
from django.utils.translation import gettext as _

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
    """The row is still referred to; nothing was deleted."""

    def __init__(self, instance: models.Model, blockers: dict[str, int]):
        self.instance = instance
        self.blockers = blockers
        listing = ", ".join(f"{count} {name}" for name, count in sorted(blockers.items()))
        super().__init__(
            _("%(object)s cannot be deleted: it is still referred to by %(listing)s.")
            % {"object": instance, "listing": listing}
        )


def _user_id(user) -> int | None:
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


def _set_many(instance: models.Model, many: Mapping[str, Iterable] | None) -> None:
    for name, values in (many or {}).items():
        getattr(instance, name).set(values)


def create_object(
    model: type[M],
    *,
    user,
    fields: Mapping[str, Any],
    many: Mapping[str, Iterable] | None = None,
) -> M:
    """Validate and insert one row, recording who created it."""
    instance = model(**fields)
    if hasattr(instance, "created_by_id") and instance.created_by_id is None:
        instance.created_by_id = _user_id(user)
    instance.full_clean()
    with transaction.atomic(), pghistory.context(user=_user_id(user)):
        instance.save()
        _set_many(instance, many)
    return instance


def update_object(
    instance: M,
    *,
    user,
    fields: Mapping[str, Any],
    many: Mapping[str, Iterable] | None = None,
    expected_version: int | None = None,
) -> M:
    """Validate and apply changes; refuse with VersionConflict if the row moved on.

    The check and the write happen under a row lock, so two writers holding the same
    version cannot both succeed.
    """
    model = type(instance)
    with transaction.atomic(), pghistory.context(user=_user_id(user)):
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise VersionConflict(current, expected_version)
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.version = current.version + 1
        instance.full_clean()
        instance.save()
        _set_many(instance, many)
    return instance


def bump_version(instance: models.Model) -> None:
    """Count a change made outside ``update_object`` (e.g. only many-to-many links)."""
    type(instance).objects.filter(pk=instance.pk).update(version=F("version") + 1)
    instance.refresh_from_db(fields=["version"])


def blockers_of(instance: models.Model) -> dict[str, int]:
    """What still refers to ``instance`` through PROTECT foreign keys: {verbose name: count}."""
    found: dict[str, int] = {}
    for relation in instance._meta.related_objects:
        if not relation.one_to_many or relation.on_delete is not models.PROTECT:
            continue
        count = relation.related_model._base_manager.filter(
            **{relation.field.name: instance}
        ).count()
        if count:
            name = str(relation.related_model._meta.verbose_name_plural)
            found[name] = found.get(name, 0) + count
    return found


def delete_object(instance: models.Model, *, user) -> None:
    """Delete a row, or raise ProtectedDelete naming what still refers to it."""
    try:
        with transaction.atomic(), pghistory.context(user=_user_id(user)):
            instance.delete()
    except models.ProtectedError:
        raise ProtectedDelete(instance, blockers_of(instance)) from None


__all__ = [
    "ProtectedDelete",
    "ValidationError",
    "VersionConflict",
    "blockers_of",
    "bump_version",
    "create_object",
    "delete_object",
    "update_object",
]
