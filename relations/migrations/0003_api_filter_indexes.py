"""Indexes for the API's list filters at the scale of SPEC §1 (1,000,000 contacts).

* ``q`` searches with ``icontains``, which Django writes as
  ``UPPER(col::text) LIKE UPPER('%term%')``: trigram GIN indexes on exactly that
  expression let PostgreSQL answer it without reading every row.
* Contacts are listed newest first, ``occurred_on DESC, occurred_at DESC, id DESC``: an
  index in that order serves the first page directly.

Raw SQL because these are expression indexes the models do not declare (so that the
model state, and ``makemigrations --check``, are unaffected). pg_trgm is a trusted
extension (PostgreSQL 13+): the database owner may create it.
"""

from django.db import migrations

# One multi-column GIN index per table over every field its ``q`` searches (the
# FilterSet's ``search_fields``): the OR of the per-field conditions becomes a BitmapOr
# of scans of this one index. tests/relations/test_api_indexes.py keeps the two in step.
SEARCHED = {
    "relations_partner": ("partner_search_trgm_idx", ("name", "name_local", "region", "notes")),
    "relations_official": (
        "official_search_trgm_idx",
        ("name", "name_local", "title", "title_local", "email"),
    ),
    "relations_contact": ("contact_search_trgm_idx", ("subject", "summary")),
}


def _trigram_index(table: str, index: str, columns: tuple[str, ...]) -> migrations.RunSQL:
    expressions = ", ".join(f'(UPPER("{column}"::text)) gin_trgm_ops' for column in columns)
    return migrations.RunSQL(
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ({expressions});',
        reverse_sql=f'DROP INDEX IF EXISTS "{index}";',
    )


operations = [
    migrations.RunSQL(
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        reverse_sql=migrations.RunSQL.noop,
    ),
    *(_trigram_index(table, index, columns) for table, (index, columns) in SEARCHED.items()),
    migrations.RunSQL(
        'CREATE INDEX IF NOT EXISTS "contact_list_order_idx" ON "relations_contact" '
        '("occurred_on" DESC, "occurred_at" DESC, "id" DESC);',
        reverse_sql='DROP INDEX IF EXISTS "contact_list_order_idx";',
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0002_contact_visit"),
    ]

    operations = operations
