"""The list filters' indexes (relations 0003) match the SQL the filters write."""

from __future__ import annotations

import pytest
from django.db import connection

from relations.filters import (
    ContactFilterSet,
    OfficialFilterSet,
    OrganizationFilterSet,
    PartnerFilterSet,
)
from relations.models import Contact, Official, Organization, Partner

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny test tables would be read sequentially; forbid that to see which index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("filterset", "model", "index"),
    [
        (ContactFilterSet, Contact, "contact_search_trgm_idx"),
        (PartnerFilterSet, Partner, "partner_search_trgm_idx"),
        (OfficialFilterSet, Official, "official_search_trgm_idx"),
        (OrganizationFilterSet, Organization, "organization_search_trgm_idx"),
    ],
)
def test_q_search_uses_the_trigram_index_for_every_searched_field(filterset, model, index):
    queryset = filterset({"q": "tacoma"}, queryset=model.objects.all()).qs.order_by()
    found = plan(queryset)
    assert "Seq Scan" not in found, found
    # One bitmap scan of the index per searched field, OR-ed together.
    assert found.count(f"Bitmap Index Scan on {index}") == len(filterset.search_fields), found


def test_the_newest_contacts_page_reads_the_list_order_index():
    from relations.selectors import contact_list

    assert "contact_list_order_idx" in plan(
        contact_list().order_by("-occurred_on", "-occurred_at", "-pk")[:50]
    )
