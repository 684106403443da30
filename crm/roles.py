"""Migration ``crm.0002_roles`` imports ``crm.roles.sync_roles``; it lives in ``crm.core.roles``."""

from crm.core.roles import sync_roles

__all__ = ["sync_roles"]
