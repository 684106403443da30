"""The ``crm`` app's admin modules, one per shared package (Django discovers only this one)."""

from crm.attachments import admin as attachments_admin
from crm.core import admin as core_admin
from crm.outbox import admin as outbox_admin

__all__ = ["attachments_admin", "core_admin", "outbox_admin"]
