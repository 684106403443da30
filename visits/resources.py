"""The columns of the visits app's list exports (``?format=csv|xlsx``, ``crm.api.exports``).

One declaration per resource (django-import-export), as ``relations.resources`` declares
partners, organizations, officials and contacts: related rows are written as people
read them — a partner, official or organization by name, a visit or event by title, a
user by username, topics by slug. Export only: visits and their parts are written
through the pages, the API and the admin.
"""

from __future__ import annotations

from import_export import fields, resources

from crm.core.models import User
from relations.models import Official, Organization, Partner, Topic
from relations.resources import NameListWidget, NameWidget, StrictForeignKeyWidget
from visits.models import Commitment, Engagement, Event, Gift, Invitation, Visit

TITLES = ("title_local", "title")


def _name(attribute: str, model, lookups=("name", "name_local")) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=NameWidget(model, lookups=lookups)
    )


def _user(attribute: str) -> fields.Field:
    return fields.Field(
        attribute=attribute,
        column_name=attribute,
        widget=StrictForeignKeyWidget(User, field="username"),
    )


def _names(attribute: str, model, lookups=("name", "name_local")) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=NameListWidget(model, lookups=lookups)
    )


class VisitResource(resources.ModelResource):
    partners = _names("partners", Partner)

    class Meta:
        model = Visit
        fields = (
            "id",
            "title_local",
            "title",
            "direction",
            "category",
            "status",
            "start_on",
            "end_on",
            "date_precision",
            "partners",
            "purpose_local",
            "purpose",
            "summary_local",
            "summary",
            "report_due_on",
            "report_submitted_on",
        )


class EngagementResource(resources.ModelResource):
    visit = _name("visit", Visit, TITLES)
    partner = _name("partner", Partner)
    organization = _name("organization", Organization)
    officials = _names("officials", Official)
    topics = fields.Field(
        attribute="topics", column_name="topics", widget=NameListWidget(Topic, lookups=("slug",))
    )

    class Meta:
        model = Engagement
        fields = (
            "id",
            "visit",
            "date",
            "start_time",
            "end_time",
            "time_zone",
            "kind",
            "title_local",
            "title",
            "partner",
            "organization",
            "location",
            "officials",
            "topics",
            "notes_local",
            "notes",
        )


class CommitmentResource(resources.ModelResource):
    owner = _user("owner")
    partner = _name("partner", Partner)
    visit = _name("visit", Visit, TITLES)
    counterparts = _names("counterparts", Official)
    reviewed_by = _user("reviewed_by")

    class Meta:
        model = Commitment
        fields = (
            "id",
            "title_local",
            "title",
            "kind",
            "status",
            "priority",
            "due_on",
            "owner",
            "partner",
            "visit",
            "counterparts",
            "details_local",
            "details",
            "completed_on",
            "outcome_local",
            "outcome",
            "reviewed_by",
            "reviewed_at",
        )


class EventResource(resources.ModelResource):
    owner = _user("owner")

    class Meta:
        model = Event
        fields = (
            "id",
            "title_local",
            "title",
            "starts_on",
            "ends_on",
            "location",
            "owner",
            "description_local",
            "description",
        )


class InvitationResource(resources.ModelResource):
    event = _name("event", Event, TITLES)
    invitee = _name("invitee", Official)
    owner = _user("owner")

    class Meta:
        model = Invitation
        fields = (
            "id",
            "event",
            "invitee",
            "owner",
            "status",
            "sent_on",
            "rsvp_by",
            "responded_on",
            "notes_local",
            "notes",
        )


class GiftResource(resources.ModelResource):
    partner = _name("partner", Partner)
    official = _name("official", Official)
    organization = _name("organization", Organization)
    visit = _name("visit", Visit, TITLES)
    event = _name("event", Event, TITLES)

    class Meta:
        model = Gift
        fields = (
            "id",
            "date",
            "direction",
            "description_local",
            "description",
            "partner",
            "official",
            "organization",
            "visit",
            "event",
            "estimated_value",
            "currency",
            "value_twd",
            "disposition",
            "registered_on",
            "notes",
        )
