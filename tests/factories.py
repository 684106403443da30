"""factory_boy factories for every domain model."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from crm.core.models import User
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    Visit,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@city.example")
    password = factory.django.Password("correct-horse-battery")
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner City {n}")
    name_local = factory.Sequence(lambda n: f"夥伴市{n}")
    kind = Partner.Kind.SISTER
    jurisdiction = Partner.Jurisdiction.CITY
    country = "US"
    time_zone = "America/Los_Angeles"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    partner = factory.SubFactory(PartnerFactory)
    kind = Agreement.Kind.SISTER_CITY
    signed_on = dt.date(2000, 7, 19)
    signed_precision = "day"
    commemorate = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.COMPANY
    country = "US"


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"Official {n}")
    title = "Deputy Mayor"
    role = Official.Role.DEPUTY_MAYOR
    partner = factory.SubFactory(PartnerFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    occurred_on = dt.date(2024, 7, 23)
    channel = Contact.Channel.MEETING
    subject = factory.Sequence(lambda n: f"Contact {n}")


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    title = factory.Sequence(lambda n: f"Visit {n}")
    direction = Visit.Direction.OUTBOUND
    start_on = dt.date(2024, 7, 22)
    end_on = dt.date(2024, 7, 31)
    report_due_on = dt.date(2024, 10, 31)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    visit = factory.SubFactory(VisitFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_local = factory.Sequence(lambda n: f"團員{n}")


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    visit = factory.SubFactory(VisitFactory)
    date = dt.date(2024, 7, 23)
    kind = Engagement.Kind.MEETING
    title = factory.Sequence(lambda n: f"Engagement {n}")
    time_zone = "America/Los_Angeles"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    title = factory.Sequence(lambda n: f"Commitment {n}")
    kind = Commitment.Kind.INVITATION
    # An owner is someone who can act on it (crm.core.roles.owner_choices).
    owner = factory.SubFactory(UserFactory, role="officer")
    due_on = dt.date(2024, 12, 31)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    starts_on = dt.date(2025, 12, 1)
    # An owner is someone who can act on it (crm.core.roles.owner_choices).
    owner = factory.SubFactory(UserFactory, role="officer")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    event = factory.SubFactory(EventFactory)
    invitee = factory.SubFactory(OfficialFactory)
    # An owner is someone who can act on it (crm.core.roles.owner_choices).
    owner = factory.SubFactory(UserFactory, role="officer")


class GiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gift

    direction = Gift.Direction.RECEIVED
    description = factory.Sequence(lambda n: f"Gift {n}")
    date = dt.date(2024, 7, 29)
    partner = factory.SubFactory(PartnerFactory)


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment row on a partner. Its file name is recorded but nothing is stored:
    tests of uploads and downloads go through ``crm.attachments.services.attach``."""

    class Meta:
        model = "crm.Attachment"

    title = factory.Sequence(lambda n: f"Scan {n}")
    file = factory.Sequence(lambda n: f"attachments/test/{n:032x}.pdf")
    original_name = factory.Sequence(lambda n: f"scan-{n}.pdf")
    content_type = "application/pdf"
    size = 1234
    partner = factory.SubFactory(PartnerFactory)
