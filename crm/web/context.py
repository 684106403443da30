"""Template context shared by every page: the user's role, in words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crm.core.roles import ADMIN, MANAGER, OFFICER, VIEWER
from crm.web.access import request_role

ROLE_LABELS = {
    VIEWER: _("viewer"),
    OFFICER: _("officer"),
    MANAGER: _("manager"),
    ADMIN: _("administrator"),
}


def pages(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"role": None, "role_label": ""}
    role = request_role(request)
    return {"role": role, "role_label": ROLE_LABELS.get(role, "")}
