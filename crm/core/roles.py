"""Roles of SPEC §4 as Django groups, and the model permissions each carries.

The groups are created by a data migration; their permissions are re-synced after
every ``migrate`` (post_migrate), so a model added later gets its permissions too.
Object-level rules ("an officer deletes only their own contacts") live in the
services and API permissions, not here.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

VIEWER = "viewer"
OFFICER = "officer"
MANAGER = "manager"
ROLES = (VIEWER, OFFICER, MANAGER)
ADMIN = "admin"  # not a group: a superuser

DOMAIN_APPS = ("relations", "visits")
# Models officers may create and change (SPEC §4 rows 2 and 3).
OFFICER_EDITS = {
    "relations": ("partner", "agreement", "official", "organization", "contact"),
    "visits": (
        "visit",
        "visitpartner",
        "delegationmember",
        "memberabsence",
        "engagement",
        "commitment",
        "event",
        "invitation",
        "gift",
    ),
}
MANAGER_EXTRA = (
    ("visits", "review_commitment"),
    # Letter templates (visits.LetterTemplate): managers upload the office's own versions.
    ("visits", "add_lettertemplate"),
    ("visits", "change_lettertemplate"),
    # The notification outbox: managers see failed emails and send them again.
    ("crm", "view_notification"),
    ("crm", "change_notification"),
    # Attachments (crm.Attachment, SPEC §2.3): managers delete them.
    ("crm", "delete_attachment"),
)
# Attachments live in the crm app: every role reads them and their audit history;
# officers and managers upload them (and correct their titles).
ATTACHMENT_READ = (("crm", "view_attachment"), ("crm", "view_attachmentevent"))
ATTACHMENT_WRITE = (("crm", "add_attachment"), ("crm", "change_attachment"))


def role_of(user) -> str | None:
    """The user's role name, highest first; None for anonymous or role-less users."""
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMIN
    names = {g.name for g in user.groups.all()}
    for role in (MANAGER, OFFICER, VIEWER):
        if role in names:
            return role
    return None


def in_role(role: str) -> Exists:
    """Users in the group of ``role``, as a filter (``User.objects.filter(in_role(MANAGER))``):
    the one query-side definition of membership, as ``role_of`` is the per-user one."""
    from django.contrib.auth import get_user_model

    links = get_user_model().groups.through.objects
    return Exists(links.filter(user_id=OuterRef("pk"), group__name=role))


def acts_for_everyone(user) -> bool:
    """Managers and administrators act on everyone's rows; officers only on their own."""
    return role_of(user) in (MANAGER, ADMIN)


# --- Who may look after a record ------------------------------------------------------------

# The roles whose members can own a record (be a partner's desk officer, follow a commitment
# up, run an event or an invitation): the roles that can act on it (crm.core.policy).
OWNER_ROLES = (OFFICER, MANAGER)
NOT_AN_OWNER = _(
    "Choose an active officer, manager or administrator: someone who can act on this record."
)


def owner_choices() -> Q:
    """The one definition of who may be a record's ``owner``: an active user who is an
    officer, a manager or an administrator (superuser) — never a viewer or a user without a
    role, who could not act on what they were given.

    It is the ``limit_choices_to`` of every owner field (``crm.core.fields.OwnerField``),
    so the services' ``full_clean`` refuse anyone else as a new owner (API 400
    ``{owner: […]}``, page and admin form errors), and the admin's autocomplete and the
    pages' owner pickers (``owners()``) offer only these people. The role test is a
    subquery, not a join: a user in two groups is listed once.
    """
    from django.contrib.auth import get_user_model

    memberships = get_user_model().groups.through.objects.filter(group__name__in=OWNER_ROLES)
    return Q(is_active=True) & (Q(is_superuser=True) | Q(pk__in=memberships.values("user_id")))


def owners():
    """Everyone who may own a record, by username (the pages' owner pickers)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(owner_choices()).order_by("username")


def _is_audit_model(model) -> bool:
    """pghistory's event models (PartnerEvent …): readable by all, deletable by nobody."""
    return any(f.name == "pgh_created_at" for f in model._meta.get_fields())


def _permissions_for(role: str, models_by_app: dict[str, list]) -> set[tuple[str, str]]:
    wanted: set[tuple[str, str]] = set()
    for app, models in models_by_app.items():
        wanted |= {(app, f"view_{m._meta.model_name}") for m in models}
    wanted |= set(ATTACHMENT_READ)
    if role in (OFFICER, MANAGER):
        wanted |= set(ATTACHMENT_WRITE)
        for app, model_names in OFFICER_EDITS.items():
            for name in model_names:
                wanted |= {(app, f"add_{name}"), (app, f"change_{name}")}
        wanted.add(("relations", "delete_contact"))
    if role == MANAGER:
        for app, models in models_by_app.items():
            wanted |= {
                (app, f"delete_{m._meta.model_name}") for m in models if not _is_audit_model(m)
            }
        wanted |= set(MANAGER_EXTRA)
    return wanted


def sync_roles(apps=None) -> None:
    """Create the three groups and give each exactly its permissions. Idempotent."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    models_by_app = {app: list(apps.get_app_config(app).get_models()) for app in DOMAIN_APPS}
    domain_permissions = list(
        permission_model.objects.filter(
            content_type__app_label__in=(*DOMAIN_APPS, "crm")
        ).select_related("content_type")
    )
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = _permissions_for(role, models_by_app)
        group.permissions.set(
            [p for p in domain_permissions if (p.content_type.app_label, p.codename) in wanted]
        )
