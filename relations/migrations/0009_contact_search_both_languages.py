"""Contacts' ``q`` searches the subject and summary in both languages (issue #12): the
trigram index of relations 0003 is rebuilt over the four columns, so that the OR of the
per-column conditions stays a BitmapOr of scans of this one index
(tests/relations/test_api_indexes.py keeps index and ``search_fields`` in step)."""

from django.db import migrations

INDEX = "contact_search_trgm_idx"


def _create(columns: tuple[str, ...]) -> str:
    expressions = ", ".join(f'(UPPER("{column}"::text)) gin_trgm_ops' for column in columns)
    return f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "relations_contact" USING gin ({expressions});'


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0008_text_db_defaults"),
    ]

    operations = [
        migrations.RunSQL(
            [
                f'DROP INDEX IF EXISTS "{INDEX}";',
                _create(("subject_local", "subject", "summary_local", "summary")),
            ],
            reverse_sql=[
                f'DROP INDEX IF EXISTS "{INDEX}";',
                _create(("subject", "summary")),
            ],
        ),
    ]
