"""The header search (``crm.desk.search``) matches each word against one text per row: its
searched columns joined by spaces, wide (CJK) characters spaced apart
(``crm.core.text.SearchDocument``). One trigram GIN index per table over exactly that
expression, upper-cased, lets a query of several words be one scan of one index (the index
intersects the words' trigrams), and finds two-character Chinese words through the index.
tests/desk/test_search_indexes.py keeps these columns and the search's in step."""

from django.db import migrations

DOCUMENTS = {
    "relations_partner": (
        "partner_search_doc_trgm_idx",
        ("name", "name_local", "region", "notes"),
    ),
    "relations_official": (
        "official_search_doc_trgm_idx",
        ("name", "name_local", "title", "title_local", "email"),
    ),
    "relations_organization": (
        "organization_search_doc_trgm_idx",
        ("name", "name_local", "city", "notes"),
    ),
    "relations_contact": (
        "contact_search_doc_trgm_idx",
        ("subject_local", "subject", "summary_local", "summary"),
    ),
}


# Wide (CJK, full-width) characters spaced apart, as crm.core.text.SearchDocument does.
WIDE_CHARACTERS = r"[\u2e80-\uffff\U00020000-\U0003ffff]"


def _document_index(table: str, index: str, columns: tuple[str, ...]) -> migrations.RunSQL:
    joined = " || ' ' || ".join(f'("{column}")::text' for column in columns)
    document = f"regexp_replace(({joined}), '({WIDE_CHARACTERS})', ' \\1 ', 'g')"
    return migrations.RunSQL(
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
        f"USING gin ((UPPER(({document})::text)) gin_trgm_ops);",
        reverse_sql=f'DROP INDEX IF EXISTS "{index}";',
    )


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0010_organization_search_trgm_index"),
    ]

    operations = [
        _document_index(table, index, columns) for table, (index, columns) in DOCUMENTS.items()
    ]
