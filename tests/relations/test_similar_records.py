"""The duplicate check before creating a partner, official or organization
(``relations.selectors.similar_records``): either script, Traditional/Simplified folded,
case ignored, trigram similarity, best first, one query."""

from __future__ import annotations

import pytest

from relations.models import Official, Organization, Partner
from relations.selectors import similar_records
from tests.factories import OfficialFactory, OrganizationFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tacoma():
    return PartnerFactory(name="Tacoma", name_local="塔可瑪", region="Washington")


def test_a_simplified_spelling_finds_the_traditional_name(tacoma):
    PartnerFactory(name="Seattle", name_local="西雅圖")
    assert similar_records(Partner, "塔可玛") == [tacoma]


def test_a_misspelt_english_name_in_other_case_finds_the_partner(tacoma):
    PartnerFactory(name="San Diego", name_local="聖地牙哥")
    assert similar_records(Partner, "TACOMAH") == [tacoma]
    assert similar_records(Partner, "city of tacoma") == [tacoma]


def test_any_of_the_texts_may_match_and_the_closest_comes_first(tacoma):
    tacoma_county = PartnerFactory(name="Tacoma County Region", name_local="塔可瑪郡")
    PartnerFactory(name="Portland", name_local="波特蘭")
    found = similar_records(Partner, "Nowhere", "塔可瑪")
    assert found == [tacoma, tacoma_county]
    assert found[0].similarity == 1.0


def test_officials_and_organizations_by_either_name():
    hines = OfficialFactory(name="Hines", name_local="海因斯")
    OfficialFactory(name="Smith", name_local="史密斯")
    museum = OrganizationFactory(name="Tacoma Art Museum", name_local="塔可瑪美術館")
    OrganizationFactory(name="Port of Seattle", name_local="西雅圖港")
    assert similar_records(Official, "海因斯") == [hines]
    assert similar_records(Official, "hines") == [hines]
    assert similar_records(Organization, "塔可玛美术馆") == [museum]


def test_limit_blank_texts_and_no_match():
    for n in range(4):
        PartnerFactory(name=f"Springfield {n}", name_local="")
    assert len(similar_records(Partner, "Springfield", limit=2)) == 2
    assert similar_records(Partner, "", "   ") == []
    assert similar_records(Partner, "Zzyzx") == []


def test_one_query_whatever_the_number_of_texts(django_assert_num_queries, tacoma):
    with django_assert_num_queries(1):
        similar_records(Partner, "Tacoma", "塔可玛", "Tacoma City")


def test_only_the_three_named_kinds():
    from relations.models import Topic

    with pytest.raises(ValueError, match="similar_records"):
        similar_records(Topic, "x")
