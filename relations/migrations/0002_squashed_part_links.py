"""Squash, part 3 of 4 (see relations 0001_squashed_part_models): the relations -> visits
foreign keys (Contact.visit and its history column), Contact's history triggers (they copy
visit_id), and the raw-SQL indexes of relations 0003, 0009, 0010 and 0011 in their final
form (0009 rebuilt the contact trigram index over four columns: only that one is made here).

Why existing databases are unaffected: a squash counts as applied when everything it replaces
is applied; when only some of it is, Django keeps using the old files. This one runs only when
none of relations 0002-0011 is applied, i.e. at most relations 0001 and visits 0001-0003 are
(relations 0002 came with relations 0001 and visits 0001): in practice on an empty database,
after relations 0001_squashed_part_models, which built the relations tables it extends. The
old files stay as they are.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

# Trigram GIN indexes on UPPER(col::text) for the API's ``q`` (icontains) filters, one per
# table over every column its ``search_fields`` reads (relations 0003; contacts over both
# languages since 0009; organizations from 0010). tests/relations/test_api_indexes.py keeps
# them in step with the FilterSets.
SEARCHED = {
    "relations_partner": ("partner_search_trgm_idx", ("name", "name_local", "region", "notes")),
    "relations_official": (
        "official_search_trgm_idx",
        ("name", "name_local", "title", "title_local", "email"),
    ),
    "relations_contact": (
        "contact_search_trgm_idx",
        ("subject_local", "subject", "summary_local", "summary"),
    ),
    "relations_organization": (
        "organization_search_trgm_idx",
        ("name", "name_local", "city", "notes"),
    ),
}

# The header search's documents (relations 0011): the searched columns joined by spaces,
# wide (CJK) characters spaced apart as crm.core.text.SearchDocument does.
# tests/desk/test_search_indexes.py keeps these columns and the search's in step.
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

WIDE_CHARACTERS = r"[\u2e80-\uffff\U00020000-\U0003ffff]"


def _trigram_index(table: str, index: str, columns: tuple[str, ...]) -> migrations.RunSQL:
    expressions = ", ".join(f'(UPPER("{column}"::text)) gin_trgm_ops' for column in columns)
    return migrations.RunSQL(
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ({expressions});',
        reverse_sql=f'DROP INDEX IF EXISTS "{index}";',
    )


def _document_index(table: str, index: str, columns: tuple[str, ...]) -> migrations.RunSQL:
    joined = " || ' ' || ".join(f'("{column}")::text' for column in columns)
    document = f"regexp_replace(({joined}), '({WIDE_CHARACTERS})', ' \\1 ', 'g')"
    return migrations.RunSQL(
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
        f"USING gin ((UPPER(({document})::text)) gin_trgm_ops);",
        reverse_sql=f'DROP INDEX IF EXISTS "{index}";',
    )


class Migration(migrations.Migration):
    replaces = [
        ("relations", "0002_contact_visit"),
        ("relations", "0003_api_filter_indexes"),
        ("relations", "0004_agreement_month_day"),
        ("relations", "0005_owners_who_can_act"),
        ("relations", "0006_text_length_limits"),
        ("relations", "0007_narrative_in_two_languages"),
        ("relations", "0008_text_db_defaults"),
        ("relations", "0009_contact_search_both_languages"),
        ("relations", "0010_organization_search_trgm_index"),
        ("relations", "0011_search_document_indexes"),
    ]

    dependencies = [
        ("pghistory", "0007_auto_20250421_0444"),
        ("relations", "0001_squashed_part_models"),
        ("visits", "0001_squashed_0003_text_length_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="visit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contacts",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        migrations.AddField(
            model_name="contactevent",
            name="visit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contact",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relations_contactevent" ("channel", "created_at", "created_by_id", "direction", "id", "occurred_at", "occurred_on", "occurred_precision", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "subject", "subject_local", "summary", "summary_local", "updated_at", "version", "visit_id") VALUES (NEW."channel", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."id", NEW."occurred_at", NEW."occurred_on", NEW."occurred_precision", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."subject", NEW."subject_local", NEW."summary", NEW."summary_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                    hash="be013d5e529344aabb2836dca23cef13a3e97329",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_2b893",
                    table="relations_contact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contact",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "relations_contactevent" ("channel", "created_at", "created_by_id", "direction", "id", "occurred_at", "occurred_on", "occurred_precision", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "subject", "subject_local", "summary", "summary_local", "updated_at", "version", "visit_id") VALUES (NEW."channel", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."id", NEW."occurred_at", NEW."occurred_on", NEW."occurred_precision", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."subject", NEW."subject_local", NEW."summary", NEW."summary_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                    hash="56c55a1c070ac6dab617276128d7d62de0dbc1e9",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f65c6",
                    table="relations_contact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="contact",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "relations_contactevent" ("channel", "created_at", "created_by_id", "direction", "id", "occurred_at", "occurred_on", "occurred_precision", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "subject", "subject_local", "summary", "summary_local", "updated_at", "version", "visit_id") VALUES (OLD."channel", OLD."created_at", OLD."created_by_id", OLD."direction", OLD."id", OLD."occurred_at", OLD."occurred_on", OLD."occurred_precision", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."subject", OLD."subject_local", OLD."summary", OLD."summary_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;',
                    hash="1a1110a8b7f14e22734907165a84b34ba5560026",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_b9ef5",
                    table="relations_contact",
                    when="AFTER",
                ),
            ),
        ),
        *(_trigram_index(table, index, columns) for table, (index, columns) in SEARCHED.items()),
        # Contacts are listed newest first: this index serves the first page directly.
        migrations.RunSQL(
            'CREATE INDEX IF NOT EXISTS "contact_list_order_idx" ON "relations_contact" '
            '("occurred_on" DESC, "occurred_at" DESC, "id" DESC);',
            reverse_sql='DROP INDEX IF EXISTS "contact_list_order_idx";',
        ),
        *(_document_index(table, index, columns) for table, (index, columns) in DOCUMENTS.items()),
    ]
