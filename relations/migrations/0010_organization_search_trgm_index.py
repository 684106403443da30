"""Organizations' names searched by the header search and the duplicate check
(``relations.selectors.similar_records``), and the API's ``q`` over the FilterSet's
``search_fields``: one trigram GIN index over ``UPPER(col)`` of each searched column, as
relations 0003 does for partners, officials and contacts."""

from django.db import migrations

INDEX = "organization_search_trgm_idx"
COLUMNS = ("name", "name_local", "city", "notes")


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0009_contact_search_both_languages"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "relations_organization" USING gin ('
            + ", ".join(f'(UPPER("{column}"::text)) gin_trgm_ops' for column in COLUMNS)
            + ");",
            reverse_sql=f'DROP INDEX IF EXISTS "{INDEX}";',
        ),
    ]
