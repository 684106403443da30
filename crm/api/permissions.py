"""The role table of SPEC §4 over the API, through the groups' model permissions.

``crm.core.roles`` gives each group its Django permissions (viewer: view; officer: view,
add and change, and delete on contacts; manager: everything plus review). The API
asks for exactly those: ``view_*`` to read, ``add_*`` to create, ``change_*`` to
update, ``delete_*`` to delete. Object rules (an officer deletes only the contacts
they logged) come from the services. Anonymous requests get 401, signed-in users
without the permission 403.
"""

from __future__ import annotations

from rest_framework import permissions

from crm.core import policy

VIEW = "%(app_label)s.view_%(model_name)s"
ADD = "%(app_label)s.add_%(model_name)s"
CHANGE = "%(app_label)s.change_%(model_name)s"
DELETE = "%(app_label)s.delete_%(model_name)s"


class RolePermissions(permissions.DjangoModelPermissions):
    """Model permissions, reads included; custom actions name theirs.

    A viewset lists the permissions of each extra action in ``action_permissions``
    (``{"review": ["visits.review_commitment"], "complete": [CHANGE]}``); actions not
    listed there fall back to the HTTP method's permissions.
    """

    perms_map = {
        "GET": [VIEW],
        "HEAD": [VIEW],
        "OPTIONS": [VIEW],
        "POST": [ADD],
        "PUT": [CHANGE],
        "PATCH": [CHANGE],
        "DELETE": [DELETE],
    }

    def has_object_permission(self, request, view, obj) -> bool:
        # Object rules (an officer deletes only the contacts they logged) are the policy's;
        # updates are checked again by the services (reassigning needs a manager).
        if request.method == "DELETE":
            return policy.can(request.user, policy.DELETE, obj)
        return True

    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            # No handler (POST to a read-only resource): let the view answer 405, not 403.
            return bool(request.user and request.user.is_authenticated)
        action_permissions = getattr(view, "action_permissions", {}).get(
            getattr(view, "action", None)
        )
        if action_permissions is None:
            return super().has_permission(request, view)
        if not request.user or not request.user.is_authenticated:
            return False
        model = self._queryset(view).model
        names = {"app_label": model._meta.app_label, "model_name": model._meta.model_name}
        return request.user.has_perms([perm % names for perm in action_permissions])


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
