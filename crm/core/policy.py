"""May this user do this to this object? The one answer of SPEC §4.

The API's permission classes, the page views, the admin's ``has_*_permission`` and the
services themselves all ask here, so no entry point is more permissive than another:

* ``view``: every role reads everything;
* ``add`` / ``change``: officers, managers and admins create and update any record
  (a colleague covering a follow-up is normal; the audit history shows who did it);
* ``delete``: officers delete only the contacts they logged; managers and admins
  delete anything the database lets go of;
* ``review`` (a commitment's follow-up) and ``reassign`` (give a record's ``owner`` to
  someone else): managers and admins.

Model-level answers come from the roles' Django permissions (``crm.core.roles``);
this module adds the object rules on top.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from crm.core.roles import acts_for_everyone

VIEW, ADD, CHANGE, DELETE, REVIEW, REASSIGN = (
    "view",
    "add",
    "change",
    "delete",
    "review",
    "reassign",
)
# The field that names who looks after a record; changing it is reassigning.
OWNER_FIELD = "owner"


def _model_of(target) -> type[models.Model]:
    return target if isinstance(target, type) else type(target)


def _permission(model: type[models.Model], action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def _is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can(user, action: str, target) -> bool:
    """May ``user`` do ``action`` to ``target`` (a model class, or one row of it)?"""
    if isinstance(target, type):
        return _can_model(user, action, target)
    return can_rows(user, action, type(target))(target)


def _can_model(user, action: str, model: type[models.Model]) -> bool:
    """The answer for ``model`` as a whole, what no row changes."""
    if not _is_signed_in(user):
        return False
    if action == REASSIGN:
        return acts_for_everyone(user) and user.has_perm(_permission(model, CHANGE))
    return user.has_perm(_permission(model, action))


def can_rows(user, action: str, model: type[models.Model]) -> Callable[[models.Model], bool]:
    """``can(user, action, row)`` for any number of rows of ``model``: what depends on the
    user and the model only is asked once, here; the test returned looks at a row only where
    the rule does (a page offering "edit" and "delete" on each of 50 rows asks once)."""
    if not _can_model(user, action, model):
        return _never
    if action == DELETE and not acts_for_everyone(user):
        # Officers hold the delete permission on contacts only, and only for their own.
        return lambda row: getattr(row, "created_by_id", None) == user.pk
    return _always


def _never(row) -> bool:
    return False


def _always(row) -> bool:
    return True


def reassigns(instance: models.Model, fields) -> bool:
    """Would writing ``fields`` give ``instance``'s owner to someone else?"""
    if OWNER_FIELD not in fields or not any(
        f.name == OWNER_FIELD for f in instance._meta.concrete_fields
    ):
        return False
    new = fields[OWNER_FIELD]
    return getattr(new, "pk", new) != getattr(instance, f"{OWNER_FIELD}_id")


MESSAGES = {
    ADD: _("Your role cannot create this record."),
    CHANGE: _("Your role cannot change this record."),
    DELETE: _("Your role cannot delete this record."),
    REVIEW: _("Only managers can review a follow-up."),
    REASSIGN: _("Only managers can give a record to someone else."),
}


def check(user, action: str, target) -> None:
    """Raise ``PermissionDenied`` (HTTP 403 everywhere) unless ``can(user, action, target)``."""
    if not can(user, action, target):
        raise PermissionDenied(str(MESSAGES.get(action, _("You may not do this."))))


def check_update(user, instance: models.Model, fields) -> None:
    """The checks of an update: change the row, and reassign it if ``fields`` does that."""
    check(user, CHANGE, instance)
    if reassigns(instance, fields):
        check(user, REASSIGN, instance)
