"""The role table of SPEC §4 over the API: every check is ``crm.core.policy``'s.

A request's action is ``view`` for reads, ``add`` for POST, ``change`` for PUT/PATCH and
``delete`` for DELETE; a viewset's extra actions name theirs in ``policy_actions``
(``{"review": policy.REVIEW, "complete": policy.CHANGE}``). The model-level answer is
checked before the view runs, the object-level one (an officer deletes only the
contacts they logged) on the row; updates are checked again by the services (giving a
record to someone else needs a manager). Anonymous requests get 401, signed-in users
without the right 403.
"""

from __future__ import annotations

from rest_framework import permissions

from crm.core import policy

METHOD_ACTIONS = {
    "GET": policy.VIEW,
    "HEAD": policy.VIEW,
    "OPTIONS": policy.VIEW,
    "POST": policy.ADD,
    "PUT": policy.CHANGE,
    "PATCH": policy.CHANGE,
    "DELETE": policy.DELETE,
}


def _action(request, view) -> str | None:
    named = getattr(view, "policy_actions", {}).get(getattr(view, "action", None))
    return named or METHOD_ACTIONS.get(request.method)


class RolePermissions(permissions.BasePermission):
    """The policy's answer for the viewset's model, then for the row."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not hasattr(view, request.method.lower()):
            # No handler (POST to a read-only resource): let the view answer 405, not 403.
            return True
        action = _action(request, view)
        return action is not None and policy.can(user, action, view.get_queryset().model)

    def has_object_permission(self, request, view, obj) -> bool:
        action = _action(request, view)
        if action in (policy.DELETE, policy.REVIEW):
            return policy.can(request.user, action, obj)
        return True


def requires(*perms: str) -> type[permissions.BasePermission]:
    """Permission class for views without a model (``anniversaries``): signed in, with ``perms``."""

    class Requires(permissions.BasePermission):
        def has_permission(self, request, view) -> bool:
            user = request.user
            return bool(user and user.is_authenticated and user.has_perms(perms))

    Requires.__name__ = Requires.__qualname__ = "Requires_" + "_".join(
        p.replace(".", "_") for p in perms
    )
    return Requires
