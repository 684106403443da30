from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Sister City CRM")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="crm.sync_roles")


def _sync_roles_after_migrate(sender, **kwargs) -> None:
    # "visits" is the last domain app to migrate, so by now Django has created the
    # permissions of every domain model, including ones added by later migrations.
    if sender.label == "visits":
        from crm.core.roles import sync_roles

        sync_roles()
