"""Model fields shared by the domain apps: bounded free text, and the owner of a record.

Free text has a ceiling (SPEC is silent; README "Choices made where the spec is silent"):
a megabyte of "notes" is an accident or an attack, never a note. Two sizes cover every
free-text field of ``relations`` and ``visits``:

* ``NOTES_MAX_LENGTH`` (10,000 characters): notes, details, outcomes, descriptions,
  signatories — a few pages of Traditional Chinese;
* ``NARRATIVE_MAX_LENGTH`` (20,000): the narratives of a trip report or a contact —
  summary, purpose, insights, recommendations. The whole reference trip report is
  about 32,000 characters, and each of these is one section of it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from crm.core.roles import NOT_AN_OWNER, owner_choices

NOTES_MAX_LENGTH = 10_000
NARRATIVE_MAX_LENGTH = 20_000


class BoundedTextField(models.TextField):
    """A ``TextField`` whose ``max_length`` is a rule, not only a hint.

    Django passes a TextField's ``max_length`` to its form field (``maxlength`` on the
    textarea, a form error) and DRF to its serializer field (a 400), but model validation
    ignores it. This field adds the validator as ``CharField`` does, so the services'
    ``full_clean`` refuse an over-long text on every path (the admin, imports, actions
    that take raw text such as completing a follow-up). The column stays ``text``.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))


class OwnerField(models.ForeignKey):
    """The user who looks after a record (a partner's desk officer, the owner of a commitment,
    event or invitation): someone who can act on it, ``crm.core.roles.owner_choices``.

    The rule is the field's ``limit_choices_to``, so model validation — and with it every
    service write — refuses a viewer, a user without a role or a deactivated account (API
    400 ``{owner: […]}``, page and admin form errors), and the admin's autocomplete offers
    only people who can act.

    It applies when an owner is *chosen*: on create, and when the owner changes. An owner
    kept from before (an officer since deactivated or moved to the viewers) does not make
    the row unsavable — a colleague can still complete the follow-up, and a manager
    reassigns it, which is checked. For the same reason the form field is not narrowed
    (the current owner stays a valid value in an admin form); pages that pick an owner
    offer ``crm.core.roles.owners()``.
    """

    def __init__(self, to=settings.AUTH_USER_MODEL, on_delete=models.PROTECT, **kwargs):
        kwargs.setdefault("limit_choices_to", owner_choices)
        kwargs.setdefault("error_messages", {"invalid": NOT_AN_OWNER})
        super().__init__(to, on_delete, **kwargs)

    def validate(self, value, model_instance):
        if value is not None and self._kept(value, model_instance):
            return
        super().validate(value, model_instance)

    def _kept(self, value, model_instance) -> bool:
        """Is ``value`` the owner the stored row already has (not a new choice)?"""
        if model_instance is None or model_instance._state.adding or model_instance.pk is None:
            return False
        stored = type(model_instance)._base_manager.filter(pk=model_instance.pk)
        return stored.filter(**{self.attname: value}).exists()

    def formfield(self, **kwargs):
        return super().formfield(**{"limit_choices_to": None, **kwargs})
