"""The ``crm`` Django app's models, defined in the shared packages that own them.

``crm.core`` (users, the tracked base), ``crm.outbox`` (notifications) and
``crm.attachments.services`` keep ``app_label = "crm"`` so their tables, permissions and
migrations did not move. Migrations refer to ``crm.models.new_calendar_token`` and
``crm.models.attachment_path``, hence the names below.
"""

from crm.attachments.models import Attachment, attachment_path
from crm.core.models import TrackedModel, User, new_calendar_token
from crm.outbox.models import Notification

__all__ = [
    "Attachment",
    "Notification",
    "TrackedModel",
    "User",
    "attachment_path",
    "new_calendar_token",
]
