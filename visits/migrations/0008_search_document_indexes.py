"""The header search's trigram GIN indexes over visits, commitments, events (an
invitation is found by its event's title), invitations and gifts, as relations 0011 does
for partners, officials, organizations and contacts: one index per table over the
upper-cased ``crm.core.text.SearchDocument`` of the columns the search reads."""

from django.db import migrations

DOCUMENTS = {
    "visits_visit": (
        "visit_search_doc_trgm_idx",
        ("title", "title_local", "purpose_local", "purpose", "summary_local", "summary"),
    ),
    "visits_commitment": (
        "commitment_search_doc_trgm_idx",
        ("title_local", "title", "details_local", "details", "outcome_local", "outcome"),
    ),
    "visits_event": ("event_search_doc_trgm_idx", ("title", "title_local")),
    "visits_invitation": ("invitation_search_doc_trgm_idx", ("notes_local", "notes")),
    "visits_gift": (
        "gift_search_doc_trgm_idx",
        ("description", "description_local", "notes"),
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
        # pg_trgm is created by relations 0003.
        ("relations", "0003_api_filter_indexes"),
        ("visits", "0007_default_letter_templates"),
    ]

    operations = [
        _document_index(table, index, columns) for table, (index, columns) in DOCUMENTS.items()
    ]
