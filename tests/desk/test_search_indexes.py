"""Each kind's search statement reads its trigram GIN index (relations 0011, visits 0008):
the index expression and ``crm.core.text.SearchDocument`` over ``crm.desk.search.SEARCHED``
are the same, for words in Latin letters, Chinese words of two characters, and several words."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from crm.desk.search import KINDS, SEARCHED, kind_queryset

pytestmark = pytest.mark.django_db

INDEXES = {
    "partners": "partner_search_doc_trgm_idx",
    "officials": "official_search_doc_trgm_idx",
    "organizations": "organization_search_doc_trgm_idx",
    "contacts": "contact_search_doc_trgm_idx",
    "visits": "visit_search_doc_trgm_idx",
    "commitments": "commitment_search_doc_trgm_idx",
    "invitations": "invitation_search_doc_trgm_idx",
    "gifts": "gift_search_doc_trgm_idx",
}


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny test tables would be read sequentially; forbid that to see which index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("query", ["Tacoma", "塔可瑪", "美國", "海因斯 Hines", "塔可玛"])
@pytest.mark.parametrize("kind", KINDS, ids=[kind.key for kind in KINDS])
def test_every_kind_reads_its_trigram_index(kind, query):
    found = plan(kind_queryset(kind, query)[:10])
    assert f"Bitmap Index Scan on {INDEXES[kind.key]}" in found, found
    if kind.key == "invitations":
        # Also by its invitee's and its event's words, through their own indexes.
        assert "Bitmap Index Scan on official_search_doc_trgm_idx" in found, found
        assert "Bitmap Index Scan on event_search_doc_trgm_idx" in found, found


def test_the_indexes_cover_the_searched_columns_in_order():
    """The migrations' column lists are the search's (the index would go unused otherwise)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname LIKE %s AND schemaname = current_schema()",
            ["%_search_doc_trgm_idx"],
        )
        definitions = dict(cursor.fetchall())
    tables = {**INDEXES, "events": "event_search_doc_trgm_idx"}
    assert set(definitions) == set(tables.values())
    for kind, index in tables.items():
        definition = definitions[index]
        places = [re.search(rf"\b{column}\b", definition).start() for column in SEARCHED[kind]]
        assert places == sorted(places), definition
        assert definition.count("' '::text") == len(SEARCHED[kind]) - 1, definition
