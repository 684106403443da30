"""Template helpers that replace per-row work on the partner and visit pages answer as the
per-row work did."""

from __future__ import annotations

import pytest
from django.utils import translation

from crm.core.policy import CHANGE, DELETE, can, can_rows
from crm.templatetags.crm_pages import display
from relations.models import Contact
from tests.factories import ContactFactory, EngagementFactory, OfficialFactory, UserFactory
from visits.models import Engagement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_choice_is_labelled_as_get_display_labels_it_in_either_language(language):
    contact = ContactFactory(channel=Contact.Channel.VIDEO, direction="incoming")
    engagement = EngagementFactory(kind=Engagement.Kind.COURTESY_CALL)
    with translation.override(language):
        assert str(display(contact, "channel")) == contact.get_channel_display()
        assert str(display(contact, "direction")) == contact.get_direction_display()
        assert str(display(engagement, "kind")) == engagement.get_kind_display()
    with translation.override("zh-hant"):
        chinese = str(display(engagement, "kind"))
    with translation.override("en"):
        assert str(display(engagement, "kind")) != chinese  # labels are not cached translated


def test_a_value_outside_the_choices_is_shown_as_it_is():
    contact = ContactFactory()
    contact.channel = "carrier pigeon"
    assert display(contact, "channel") == contact.get_channel_display() == "carrier pigeon"


# (change any row, delete an own contact, a colleague's contact, an official) per role
EXPECTED = {
    "viewer": (False, False, False, False),
    "officer": (True, True, False, False),
    "manager": (True, True, True, True),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_one_answer_for_many_rows_looks_at_a_row_only_where_the_rule_does(role):
    """An officer deletes the contacts they logged and no others; what a role may change
    or delete otherwise is the same for every row (SPEC §4)."""
    user = UserFactory(role=role)
    own, colleagues = ContactFactory(created_by=user), ContactFactory(created_by=UserFactory())
    official = OfficialFactory()
    may_change, may_delete_contact = (
        can_rows(user, CHANGE, Contact),
        can_rows(user, DELETE, Contact),
    )
    answers = (
        may_change(own) and may_change(colleagues),
        may_delete_contact(own),
        may_delete_contact(colleagues),
        can_rows(user, DELETE, type(official))(official),
    )
    assert answers == EXPECTED[role]
    assert [can(user, DELETE, row) for row in (own, colleagues)] == list(EXPECTED[role][1:3])
