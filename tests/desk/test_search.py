"""The header search (``crm.desk.search.search``): every kind, either script, case ignored,
Traditional and Simplified folded, country names in both languages, grouped by kind, and
always the same number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.desk import search as search_module
from crm.desk.search import KINDS, SearchError, search
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

KIND_ORDER = [
    "partners",
    "officials",
    "organizations",
    "contacts",
    "visits",
    "commitments",
    "invitations",
    "gifts",
]


def found(results) -> dict[str, list[int]]:
    """{kind: [ids]} of the groups with hits."""
    return {group.kind: [hit.id for hit in group.hits] for group in results.found}


@pytest.fixture
def tacoma():
    partner = PartnerFactory(
        name="Tacoma", name_local="塔可瑪市", country="US", region="Washington"
    )
    hines = OfficialFactory(
        name="John Hines", name_local="海因斯", title="Deputy Mayor", partner=partner
    )
    return partner, hines


def test_a_name_is_found_in_either_script(tacoma):
    partner, hines = tacoma
    assert found(search("Tacoma"))["partners"] == [partner.pk]
    assert found(search("塔可瑪"))["partners"] == [partner.pk]
    assert found(search("Hines")) == {"officials": [hines.pk]}
    assert found(search("海因斯")) == {"officials": [hines.pk]}


def test_traditional_and_simplified_are_folded_both_ways(tacoma):
    partner, _ = tacoma
    simplified = OrganizationFactory(name="", name_local="塔可玛港务局", country="US")
    # The query in Simplified finds the Traditional name, and the other way round.
    assert found(search("塔可玛"))["partners"] == [partner.pk]
    assert found(search("塔可瑪"))["organizations"] == [simplified.pk]
    assert found(search("塔可瑪港務局")) == {"organizations": [simplified.pk]}


def test_case_is_ignored(tacoma):
    partner, hines = tacoma
    for query in ("TACOMA", "tacoma", "tAcOmA"):
        assert found(search(query))["partners"] == [partner.pk]
    assert found(search("JOHN HINES")) == {"officials": [hines.pk]}


def test_every_word_must_match_somewhere_in_the_record(tacoma):
    partner, hines = tacoma
    assert found(search("Hines deputy")) == {"officials": [hines.pk]}
    assert found(search("Hines Seattle")) == {}
    # Words may come from different fields of one record (name and region).
    assert found(search("Tacoma Washington"))["partners"] == [partner.pk]


def test_country_names_in_english_and_chinese_find_the_partners_of_that_country(tacoma):
    partner, _ = tacoma
    osaka = PartnerFactory(name="Osaka", name_local="大阪", country="JP", region="Kansai")
    museum = OrganizationFactory(name="Osaka Museum", name_local="", country="JP")
    for query in ("美國", "美国", "United States", "united states", "US"):
        assert found(search(query)).get("partners") == [partner.pk], query
    for query in ("日本", "Japan", "JAPAN", "JP"):
        result = found(search(query))
        assert (result.get("partners"), result.get("organizations")) == (
            [osaka.pk],
            [museum.pk],
        ), query
    # A country word narrows the other words: Osaka in Japan, not in the US.
    assert found(search("Osaka 日本"))["partners"] == [osaka.pk]
    assert "partners" not in found(search("Osaka 美國"))


def test_words_that_only_resemble_a_country_name_are_just_words(tacoma):
    PartnerFactory(name="Vatican", name_local="梵蒂岡", country="VA", region="")
    # "City" is part of "Vatican City" and "us" of many names: neither is a country here.
    assert found(search("city")) == {}
    assert "partners" not in found(search("us"))


def test_every_kind_is_searched_and_the_groups_come_in_a_fixed_order():
    partner = PartnerFactory(name="Lantern City", name_local="燈籠市")
    official = OfficialFactory(name="Lantern Keeper", partner=partner)
    organization = OrganizationFactory(name="Lantern Guild", partner=partner)
    contact = ContactFactory(partner=partner, subject="Lantern festival call")
    visit = VisitFactory(title="Lantern festival trip")
    commitment = CommitmentFactory(partner=partner, title="Send the lantern photos")
    invitation = InvitationFactory(
        event=EventFactory(title="Lantern Festival opening"), invitee=OfficialFactory()
    )
    gift = GiftFactory(partner=partner, description="A paper lantern")

    results = search("lantern")
    assert [group.kind for group in results.groups] == KIND_ORDER
    assert found(results) == {
        "partners": [partner.pk],
        "officials": [official.pk],
        "organizations": [organization.pk],
        "contacts": [contact.pk],
        "visits": [visit.pk],
        "commitments": [commitment.pk],
        "invitations": [invitation.pk],
        "gifts": [gift.pk],
    }
    assert [group.count for group in results.groups] == [1] * 8
    assert results.total == 8
    # Every group is there, with a count, even when nothing of its kind matched.
    empty = search("Zyxwvut")
    assert [(g.kind, g.count, g.hits) for g in empty.groups] == [(k, 0, []) for k in KIND_ORDER]


def test_an_invitation_is_found_by_its_invitee_or_its_event():
    invitee = OfficialFactory(name="Mary Lantern", name_local="瑪麗")
    invitation = InvitationFactory(invitee=invitee, event=EventFactory(title="Harvest Fair"))
    assert found(search("瑪麗"))["invitations"] == [invitation.pk]
    assert found(search("harvest fair")) == {"invitations": [invitation.pk]}


def test_each_group_counts_all_its_matches_and_shows_the_first_ones(monkeypatch):
    for n in range(6):
        PartnerFactory(name=f"Springfield {n}", name_local="")
    results = search("springfield", limit=2)
    partners = results.groups[0]
    assert (partners.count, partners.more, len(partners.hits)) == (6, False, 2)
    assert [hit.name for hit in partners.hits] == ["Springfield 0", "Springfield 1"]
    # The count stops at its cap, and says so.
    monkeypatch.setattr(search_module, "COUNT_CAP", 4)
    partners = search("springfield", limit=2).groups[0]
    assert (partners.count, partners.more) == (4, True)


@pytest.mark.parametrize(
    "query", ["Tacoma", "塔可玛", "John Hines deputy mayor", "美國", "United States", "a b c d"]
)
def test_one_query_per_kind_whatever_the_query_and_the_rows(
    django_assert_num_queries, tacoma, query
):
    partner, _ = tacoma
    for _ in range(3):
        ContactFactory(partner=partner, subject="Tacoma call")
        GiftFactory(partner=partner, description="Tacoma glass")
        CommitmentFactory(partner=partner, title="Tacoma books")
    search(query)  # warm the country-name cache
    with django_assert_num_queries(len(KINDS)):
        search(query)
    assert len(KINDS) == 8


def test_each_hit_links_to_its_page_or_its_partners(tacoma):
    partner, hines = tacoma
    visit = VisitFactory(title="Tacoma trip")
    visit.partners.add(partner)
    open_one = CommitmentFactory(partner=partner, visit=visit, title="Tacoma books")
    closed = CommitmentFactory(
        partner=partner,
        visit=visit,
        title="Tacoma glass",
        status="done",
        outcome="Sent",
        completed_on=dt.date(2024, 9, 1),
        reviewed_at=dt.datetime(2024, 9, 2, tzinfo=dt.UTC),
        reviewed_by=UserFactory(),
    )
    gift = GiftFactory(partner=partner, description="Tacoma glass bowl")
    invitation = InvitationFactory(invitee=hines, event=EventFactory(title="Tacoma day"))
    contact = ContactFactory(partner=partner, subject="Tacoma call")
    urls = {(g.kind, h.id): h.url for g in search("Tacoma").groups for h in g.hits}
    urls.update({(g.kind, h.id): h.url for g in search("Hines").groups for h in g.hits})
    partner_page, visit_page = f"/partners/{partner.pk}/", f"/visits/{visit.pk}/"
    assert urls[("partners", partner.pk)] == partner_page
    assert urls[("officials", hines.pk)] == partner_page
    assert urls[("contacts", contact.pk)] == partner_page
    assert urls[("visits", visit.pk)] == visit_page
    # Followed up on the follow-ups page, narrowed to its owner; once reviewed, its visit's.
    follow_up = f"/follow-ups/?owner={open_one.owner_id}#commitment-{open_one.pk}"
    assert urls[("commitments", open_one.pk)] == follow_up
    assert urls[("commitments", closed.pk)] == f"{visit_page}#commitment-{closed.pk}"
    assert urls[("gifts", gift.pk)] == partner_page
    assert urls[("invitations", invitation.pk)] == partner_page


def test_hits_carry_both_names_their_context_and_date(tacoma):
    partner, _ = tacoma
    contact = ContactFactory(
        partner=partner,
        subject="Call",
        subject_local="塔可瑪電話",
        occurred_on=dt.date(2024, 7, 23),
    )
    hit = next(g for g in search("塔可瑪電話").groups if g.kind == "contacts").hits[0]
    assert (hit.id, hit.name, hit.name_local) == (contact.pk, "Call", "塔可瑪電話")
    assert (hit.context_name, hit.context_name_local) == ("Tacoma", "塔可瑪市")
    assert hit.date == dt.date(2024, 7, 23)


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "x" * 201, None, 12])
def test_an_empty_or_too_long_query_is_refused_with_a_message(query):
    with pytest.raises(SearchError) as refused:
        search(query)
    assert str(refused.value)


@pytest.mark.parametrize("query", ["\x00Tacoma", "%", "_", "\\", "'; DROP TABLE x; --", "²", "％"])
def test_hostile_characters_are_searched_as_text(tacoma, query):
    results = search(query)
    assert len(results.groups) == 8
    if query == "\x00Tacoma":
        assert found(results)["partners"] == [tacoma[0].pk]
    else:
        # LIKE's wildcards are searched for literally: nothing here contains them.
        assert "partners" not in found(results)


def test_a_word_of_one_or_two_latin_characters_matches_at_the_start_of_a_word():
    los_angeles = PartnerFactory(name="Los Angeles", name_local="洛杉磯", region="CA")
    PartnerFactory(name="Atlanta", name_local="亞特蘭大", region="GA")
    # "la" is inside "Atlanta" but starts no word there; "an" starts "Angeles".
    assert found(search("la")) == {}
    assert found(search("an"))["partners"] == [los_angeles.pk]
    assert found(search("Los an"))["partners"] == [los_angeles.pk]
    # Chinese words of two characters are found anywhere, as every word of three or more.
    assert found(search("杉磯"))["partners"] == [los_angeles.pk]
    assert found(search("ngele"))["partners"] == [los_angeles.pk]
