"""Squash, part 4 of 4 (see relations 0001_squashed_part_models): visits from the state of
visits 0003 to the final one (what visits 0004-0006 do), the shipped letter templates of
visits 0007 and the search-document indexes of visits 0008.

Why existing databases are unaffected: a squash counts as applied when everything it replaces
is applied; when only some of it is, Django keeps using the old files. This one runs when none
of visits 0004-0008 is applied, and then the visits tables and their migration state are
always as visits 0003 left them: on an empty database visits 0001_squashed_0003 has just built
that state, and on a database migrated before visits 0004 existed either that squash counts as
applied (visits 0001-0003 all applied) or the old visits 0001-0003 files bring it there.
Relations' old files up to 0011 run first where they are not applied, as this migration
inherits the dependencies of visits 0004 (relations 0007) and 0008 (relations 0003).

Why not plain operations: the migration autodetector writes the change from visits 0003 to the
final state as the 89 operations of ``STATE_FROM_0003`` (visits 0004 and 0005 had 112), and
Django re-renders the related model classes after each one, about 0.07 s a time for these
models: 6 s of building a test database. ``VisitsFrom0003`` applies their state changes with
the classes rendered once afterwards and runs the SQL they make (``SQL_FROM_0003``, what
``sqlmigrate`` prints for them), which is why visits 0001_squashed_0003 stops at 0003.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.operations.base import Operation

import crm.core.fields
import visits.models

# The four shipped letter templates (visits/letter_templates/), as records the office can
# replace with its own Word files in the admin (visits 0007).
SHIPPED = [
    ("thank_you", "zh-hant", "thank-you-zh-hant.docx", "謝函（中文）"),
    ("thank_you", "en", "thank-you-en.docx", "Thank-you letter (English)"),
    ("invitation", "zh-hant", "invitation-zh-hant.docx", "邀請函（中文）"),
    ("invitation", "en", "invitation-en.docx", "Invitation letter (English)"),
]


def create_letter_templates(apps, schema_editor):
    LetterTemplate = apps.get_model("visits", "LetterTemplate")
    for kind, language, shipped, name in SHIPPED:
        LetterTemplate.objects.get_or_create(
            shipped=shipped, defaults={"kind": kind, "language": language, "name": name}
        )


def remove_letter_templates(apps, schema_editor):
    apps.get_model("visits", "LetterTemplate").objects.filter(
        shipped__in=[row[2] for row in SHIPPED], file=""
    ).delete()


# The header search's trigram GIN indexes (visits 0008): one per table over the upper-cased
# crm.core.text.SearchDocument of the columns the search reads (pg_trgm comes from relations).
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


class VisitsFrom0003(Operation):
    """The state changes of ``STATE_FROM_0003`` and the SQL they make, ``SQL_FROM_0003`` (and
    ``SQL_TO_0003`` backwards): the same result as those operations one by one, without
    re-rendering the model classes after each (see the docstring at the top)."""

    reduces_to_sql = True
    reversible = True

    def state_forwards(self, app_label, state):
        # With no rendered model classes in the state, Django does not re-render them after each
        # change; they are rendered once, from the final model states, when next needed.
        state.__dict__.pop("apps", None)
        for operation in STATE_FROM_0003:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for statement in SQL_FROM_0003:
            schema_editor.execute(statement, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for statement in SQL_TO_0003:
            schema_editor.execute(statement, params=None)

    def describe(self):
        return "Visits from the state of visits 0003 to the final one (visits 0004-0006)"


class Migration(migrations.Migration):
    replaces = [
        ("visits", "0004_narrative_in_two_languages"),
        ("visits", "0005_text_db_defaults"),
        ("visits", "0006_letter_templates"),
        ("visits", "0007_default_letter_templates"),
        ("visits", "0008_search_document_indexes"),
    ]

    dependencies = [
        ("relations", "0002_squashed_part_links"),
        ("visits", "0001_squashed_0003_text_length_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        VisitsFrom0003(),
        migrations.RunPython(create_letter_templates, remove_letter_templates),
        *(_document_index(table, index, columns) for table, (index, columns) in DOCUMENTS.items()),
    ]


# The migration autodetector's operations from the state of visits 0003 to the final one.
STATE_FROM_0003 = [
    migrations.CreateModel(
        name="LetterTemplate",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            (
                "version",
                models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
            ),
            ("name", models.CharField(max_length=200, verbose_name="name")),
            (
                "kind",
                models.CharField(
                    choices=[
                        ("invitation", "invitation letter"),
                        ("thank_you", "thank-you letter"),
                    ],
                    max_length=20,
                    verbose_name="kind",
                ),
            ),
            (
                "language",
                models.CharField(
                    choices=[("zh-hant", "Traditional Chinese"), ("en", "English")],
                    max_length=10,
                    verbose_name="language",
                ),
            ),
            (
                "file",
                models.FileField(
                    blank=True,
                    help_text="A .docx with merge fields such as {{ official_name }} and {{ date }}. Empty: the shipped default is used.",
                    upload_to="letter-templates/",
                    validators=[visits.models.letter_template_check],
                    verbose_name="Word file",
                ),
            ),
            (
                "shipped",
                models.CharField(
                    blank=True, editable=False, max_length=100, verbose_name="shipped default"
                ),
            ),
        ],
        options={
            "verbose_name": "letter template",
            "verbose_name_plural": "letter templates",
            "ordering": ["kind", "language", "name"],
        },
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="commitment",
        name="insert_insert",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="commitment",
        name="update_update",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="commitment",
        name="delete_delete",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="engagement",
        name="insert_insert",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="engagement",
        name="update_update",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="engagement",
        name="delete_delete",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="event",
        name="insert_insert",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="event",
        name="update_update",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="event",
        name="delete_delete",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="invitation",
        name="insert_insert",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="invitation",
        name="update_update",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="invitation",
        name="delete_delete",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="visit",
        name="insert_insert",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="visit",
        name="update_update",
    ),
    pgtrigger.migrations.RemoveTrigger(
        model_name="visit",
        name="delete_delete",
    ),
    migrations.RemoveConstraint(
        model_name="commitment",
        name="commitment_closed_needs_outcome",
    ),
    migrations.AddField(
        model_name="commitment",
        name="details_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="details"
        ),
    ),
    migrations.AddField(
        model_name="commitment",
        name="outcome_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="outcome"
        ),
    ),
    migrations.AddField(
        model_name="commitment",
        name="title_local",
        field=models.CharField(blank=True, db_default="", max_length=300, verbose_name="title"),
    ),
    migrations.AddField(
        model_name="commitmentevent",
        name="details_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="details"
        ),
    ),
    migrations.AddField(
        model_name="commitmentevent",
        name="outcome_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="outcome"
        ),
    ),
    migrations.AddField(
        model_name="commitmentevent",
        name="title_local",
        field=models.CharField(blank=True, db_default="", max_length=300, verbose_name="title"),
    ),
    migrations.AddField(
        model_name="engagement",
        name="notes_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="notes and outcome"
        ),
    ),
    migrations.AddField(
        model_name="engagementevent",
        name="notes_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="notes and outcome"
        ),
    ),
    migrations.AddField(
        model_name="event",
        name="description_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="description"
        ),
    ),
    migrations.AddField(
        model_name="eventevent",
        name="description_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="description"
        ),
    ),
    migrations.AddField(
        model_name="invitation",
        name="notes_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="notes"
        ),
    ),
    migrations.AddField(
        model_name="invitationevent",
        name="notes_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=10000, verbose_name="notes"
        ),
    ),
    migrations.AddField(
        model_name="visit",
        name="date_precision",
        field=models.CharField(
            choices=[("day", "day"), ("month", "month"), ("year", "year")],
            db_default="day",
            default="day",
            max_length=5,
            verbose_name="date precision",
        ),
    ),
    migrations.AddField(
        model_name="visit",
        name="insights_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="insights and benefits"
        ),
    ),
    migrations.AddField(
        model_name="visit",
        name="purpose_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="purpose"
        ),
    ),
    migrations.AddField(
        model_name="visit",
        name="recommendations_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="recommendations"
        ),
    ),
    migrations.AddField(
        model_name="visit",
        name="summary_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="summary"
        ),
    ),
    migrations.AddField(
        model_name="visitevent",
        name="date_precision",
        field=models.CharField(
            choices=[("day", "day"), ("month", "month"), ("year", "year")],
            db_default="day",
            default="day",
            max_length=5,
            verbose_name="date precision",
        ),
    ),
    migrations.AddField(
        model_name="visitevent",
        name="insights_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="insights and benefits"
        ),
    ),
    migrations.AddField(
        model_name="visitevent",
        name="purpose_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="purpose"
        ),
    ),
    migrations.AddField(
        model_name="visitevent",
        name="recommendations_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="recommendations"
        ),
    ),
    migrations.AddField(
        model_name="visitevent",
        name="summary_local",
        field=crm.core.fields.BoundedTextField(
            blank=True, db_default="", max_length=20000, verbose_name="summary"
        ),
    ),
    migrations.AlterField(
        model_name="commitment",
        name="details",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="details (English)"
        ),
    ),
    migrations.AlterField(
        model_name="commitment",
        name="outcome",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="outcome (English)"
        ),
    ),
    migrations.AlterField(
        model_name="commitment",
        name="title",
        field=models.CharField(blank=True, max_length=300, verbose_name="title (English)"),
    ),
    migrations.AlterField(
        model_name="commitmentevent",
        name="details",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="details (English)"
        ),
    ),
    migrations.AlterField(
        model_name="commitmentevent",
        name="outcome",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="outcome (English)"
        ),
    ),
    migrations.AlterField(
        model_name="commitmentevent",
        name="title",
        field=models.CharField(blank=True, max_length=300, verbose_name="title (English)"),
    ),
    migrations.AlterField(
        model_name="delegationmember",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=200, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="delegationmemberevent",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=200, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="engagement",
        name="notes",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="notes and outcome (English)"
        ),
    ),
    migrations.AlterField(
        model_name="engagement",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="engagementevent",
        name="notes",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="notes and outcome (English)"
        ),
    ),
    migrations.AlterField(
        model_name="engagementevent",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="event",
        name="description",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="description (English)"
        ),
    ),
    migrations.AlterField(
        model_name="event",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="eventevent",
        name="description",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="description (English)"
        ),
    ),
    migrations.AlterField(
        model_name="eventevent",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="gift",
        name="description_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local description"
        ),
    ),
    migrations.AlterField(
        model_name="giftevent",
        name="description_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local description"
        ),
    ),
    migrations.AlterField(
        model_name="invitation",
        name="notes",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="notes (English)"
        ),
    ),
    migrations.AlterField(
        model_name="invitationevent",
        name="notes",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=10000, verbose_name="notes (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visit",
        name="insights",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="insights and benefits (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visit",
        name="purpose",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="purpose (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visit",
        name="recommendations",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="recommendations (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visit",
        name="summary",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="summary (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visit",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    migrations.AlterField(
        model_name="visitevent",
        name="insights",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="insights and benefits (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visitevent",
        name="purpose",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="purpose (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visitevent",
        name="recommendations",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="recommendations (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visitevent",
        name="summary",
        field=crm.core.fields.BoundedTextField(
            blank=True, max_length=20000, verbose_name="summary (English)"
        ),
    ),
    migrations.AlterField(
        model_name="visitevent",
        name="title_local",
        field=models.CharField(
            blank=True, db_default="", max_length=300, verbose_name="local title"
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="commitment",
        trigger=pgtrigger.compiler.Trigger(
            name="insert_insert",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."details_local", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."outcome_local", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                hash="a6a8c7e8db1effebad93b85e27f335078d5a158e",
                operation="INSERT",
                pgid="pgtrigger_insert_insert_2a350",
                table="visits_commitment",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="commitment",
        trigger=pgtrigger.compiler.Trigger(
            name="update_update",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."details_local", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."outcome_local", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                hash="dba7eee84ac340e06f6891e15d7d3f63244f82de",
                operation="UPDATE",
                pgid="pgtrigger_update_update_f9404",
                table="visits_commitment",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="commitment",
        trigger=pgtrigger.compiler.Trigger(
            name="delete_delete",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."completed_on", OLD."contact_id", OLD."created_at", OLD."created_by_id", OLD."details", OLD."details_local", OLD."due_on", OLD."engagement_id", OLD."id", OLD."kind", OLD."outcome", OLD."outcome_local", OLD."owner_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priority", OLD."reviewed_at", OLD."reviewed_by_id", OLD."status", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;',
                hash="312f3e0e2ed8369e70ae8b093091c9a19cdce623",
                operation="DELETE",
                pgid="pgtrigger_delete_delete_a2ce8",
                table="visits_commitment",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="engagement",
        trigger=pgtrigger.compiler.Trigger(
            name="insert_insert",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."notes_local", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                hash="805e549d054e1ef51ae5f61dfd9811cbc87c39b1",
                operation="INSERT",
                pgid="pgtrigger_insert_insert_9defd",
                table="visits_engagement",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="engagement",
        trigger=pgtrigger.compiler.Trigger(
            name="update_update",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."notes_local", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                hash="8b38707bf9f24d52e9f6f4199d097c10402b50f2",
                operation="UPDATE",
                pgid="pgtrigger_update_update_fa5c3",
                table="visits_engagement",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="engagement",
        trigger=pgtrigger.compiler.Trigger(
            name="delete_delete",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."date", OLD."end_time", OLD."id", OLD."kind", OLD."location", OLD."notes", OLD."notes_local", OLD."order", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."start_time", OLD."time_zone", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;',
                hash="ca9d2a9d33a983a5238e9b69abc6b46a23a4b4ff",
                operation="DELETE",
                pgid="pgtrigger_delete_delete_85566",
                table="visits_engagement",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="event",
        trigger=pgtrigger.compiler.Trigger(
            name="insert_insert",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."description_local", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="d93f885fd8e0b7efac3b8b39e04b75741a8b1489",
                operation="INSERT",
                pgid="pgtrigger_insert_insert_548f2",
                table="visits_event",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="event",
        trigger=pgtrigger.compiler.Trigger(
            name="update_update",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."description_local", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="47684cadaa98ac82beb7d5f37de16e6381b1b74c",
                operation="UPDATE",
                pgid="pgtrigger_update_update_9417f",
                table="visits_event",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="event",
        trigger=pgtrigger.compiler.Trigger(
            name="delete_delete",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (OLD."created_at", OLD."created_by_id", OLD."description", OLD."description_local", OLD."ends_on", OLD."id", OLD."location", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."starts_on", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                hash="bb3450109811d390579f02df181bf02103d4fb56",
                operation="DELETE",
                pgid="pgtrigger_delete_delete_a0171",
                table="visits_event",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="invitation",
        trigger=pgtrigger.compiler.Trigger(
            name="insert_insert",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."notes_local", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="64b964fe71d70840ede41ddd46c1dc8f7d9ff86b",
                operation="INSERT",
                pgid="pgtrigger_insert_insert_4de18",
                table="visits_invitation",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="invitation",
        trigger=pgtrigger.compiler.Trigger(
            name="update_update",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."notes_local", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="a5da4e6b57823c2bf23a7250b5eba117ddb0ab8e",
                operation="UPDATE",
                pgid="pgtrigger_update_update_8e2c4",
                table="visits_invitation",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="invitation",
        trigger=pgtrigger.compiler.Trigger(
            name="delete_delete",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (OLD."commitment_id", OLD."created_at", OLD."created_by_id", OLD."event_id", OLD."id", OLD."invitee_id", OLD."notes", OLD."notes_local", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responded_on", OLD."rsvp_by", OLD."sent_on", OLD."status", OLD."updated_at", OLD."version"); RETURN NULL;',
                hash="c40d5a8a3460ab113cb96d693c9ddfd1fcc5de5b",
                operation="DELETE",
                pgid="pgtrigger_delete_delete_8b69e",
                table="visits_invitation",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="visit",
        trigger=pgtrigger.compiler.Trigger(
            name="insert_insert",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."date_precision", NEW."direction", NEW."end_on", NEW."id", NEW."insights", NEW."insights_local", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."purpose", NEW."purpose_local", NEW."recommendations", NEW."recommendations_local", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."summary_local", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="7fcb2bab6d0c8c36db4ce8751cf9fa983d0ba93d",
                operation="INSERT",
                pgid="pgtrigger_insert_insert_9d6da",
                table="visits_visit",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="visit",
        trigger=pgtrigger.compiler.Trigger(
            name="update_update",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."date_precision", NEW."direction", NEW."end_on", NEW."id", NEW."insights", NEW."insights_local", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."purpose", NEW."purpose_local", NEW."recommendations", NEW."recommendations_local", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."summary_local", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                hash="e8e860de0aae82d77a3a9e6f5e7661b5091a7883",
                operation="UPDATE",
                pgid="pgtrigger_update_update_41cf1",
                table="visits_visit",
                when="AFTER",
            ),
        ),
    ),
    pgtrigger.migrations.AddTrigger(
        model_name="visit",
        trigger=pgtrigger.compiler.Trigger(
            name="delete_delete",
            sql=pgtrigger.compiler.UpsertTriggerSql(
                func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (OLD."category", OLD."created_at", OLD."created_by_id", OLD."date_precision", OLD."direction", OLD."end_on", OLD."id", OLD."insights", OLD."insights_local", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."purpose", OLD."purpose_local", OLD."recommendations", OLD."recommendations_local", OLD."report_due_on", OLD."report_submitted_on", OLD."start_on", OLD."status", OLD."summary", OLD."summary_local", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                hash="1f0c868ba7ac75a9cf5371eb5061b5cbacff599d",
                operation="DELETE",
                pgid="pgtrigger_delete_delete_a3dfb",
                table="visits_visit",
                when="AFTER",
            ),
        ),
    ),
    migrations.AddConstraint(
        model_name="commitment",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("status__in", ["open", "in_progress"]),
                models.Q(("outcome_local", ""), _negated=True),
                models.Q(("outcome", ""), _negated=True),
                _connector="OR",
            ),
            name="commitment_closed_needs_outcome",
        ),
    ),
    migrations.AddConstraint(
        model_name="commitment",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("title_local", ""), _negated=True),
                models.Q(("title", ""), _negated=True),
                _connector="OR",
            ),
            name="commitment_has_a_title",
            violation_error_message="Give the commitment a title.",
        ),
    ),
    migrations.AddConstraint(
        model_name="visit",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(
                    ("date_precision", "day"),
                    models.Q(("date_precision", "month"), ("start_on__day", 1)),
                    models.Q(
                        ("date_precision", "year"), ("start_on__day", 1), ("start_on__month", 1)
                    ),
                    _connector="OR",
                ),
                models.Q(
                    ("date_precision", "day"),
                    models.Q(("date_precision", "month"), ("end_on__day", 1)),
                    models.Q(("date_precision", "year"), ("end_on__day", 1), ("end_on__month", 1)),
                    _connector="OR",
                ),
            ),
            name="visit_precision_normalised",
        ),
    ),
    migrations.AddField(
        model_name="lettertemplate",
        name="created_by",
        field=models.ForeignKey(
            blank=True,
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to=settings.AUTH_USER_MODEL,
            verbose_name="created by",
        ),
    ),
    migrations.AddConstraint(
        model_name="lettertemplate",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("file", ""), _negated=True),
                models.Q(("shipped", ""), _negated=True),
                _connector="OR",
            ),
            name="letter_template_has_a_file",
            violation_error_message="Upload a Word file.",
        ),
    ),
]


# What ``sqlmigrate`` prints for STATE_FROM_0003 (PostgreSQL, pgtrigger's schema public).
SQL_FROM_0003 = [
    'CREATE TABLE "visits_lettertemplate" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "created_at" timestamp with time zone NOT NULL, "updated_at" timestamp with time zone NOT NULL, "version" integer NOT NULL CHECK ("version" >= 0), "name" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "language" varchar(10) NOT NULL, "file" varchar(100) NOT NULL, "shipped" varchar(100) NOT NULL);',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_2a350 ON "visits_commitment";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_f9404 ON "visits_commitment";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a2ce8 ON "visits_commitment";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9defd ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_fa5c3 ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_85566 ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_548f2 ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_9417f ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a0171 ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_4de18 ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_8e2c4 ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_8b69e ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9d6da ON "visits_visit";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_41cf1 ON "visits_visit";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a3dfb ON "visits_visit";',
    'ALTER TABLE "visits_commitment" DROP CONSTRAINT "commitment_closed_needs_outcome";',
    'ALTER TABLE "visits_commitment" ADD COLUMN "details_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_commitment" ADD COLUMN "outcome_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_commitment" ADD COLUMN "title_local" varchar(300) DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_commitmentevent" ADD COLUMN "details_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_commitmentevent" ADD COLUMN "outcome_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_commitmentevent" ADD COLUMN "title_local" varchar(300) DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_engagement" ADD COLUMN "notes_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_engagementevent" ADD COLUMN "notes_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_event" ADD COLUMN "description_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_eventevent" ADD COLUMN "description_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_invitation" ADD COLUMN "notes_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_invitationevent" ADD COLUMN "notes_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visit" ADD COLUMN "date_precision" varchar(5) DEFAULT \'day\' NOT NULL;',
    'ALTER TABLE "visits_visit" ADD COLUMN "insights_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visit" ADD COLUMN "purpose_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visit" ADD COLUMN "recommendations_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visit" ADD COLUMN "summary_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visitevent" ADD COLUMN "date_precision" varchar(5) DEFAULT \'day\' NOT NULL;',
    'ALTER TABLE "visits_visitevent" ADD COLUMN "insights_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visitevent" ADD COLUMN "purpose_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visitevent" ADD COLUMN "recommendations_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_visitevent" ADD COLUMN "summary_local" text DEFAULT \'\' NOT NULL;',
    'ALTER TABLE "visits_delegationmember" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_delegationmemberevent" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_engagement" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_engagementevent" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_event" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_eventevent" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_gift" ALTER COLUMN "description_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_giftevent" ALTER COLUMN "description_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_visit" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    'ALTER TABLE "visits_visitevent" ALTER COLUMN "title_local" SET DEFAULT \'\';',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_2a350()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."details_local", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."outcome_local", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_2a350 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_insert_insert_2a350\n                AFTER INSERT ON "visits_commitment"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_2a350();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_2a350 ON "visits_commitment" IS \'a6a8c7e8db1effebad93b85e27f335078d5a158e\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_f9404()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."details_local", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."outcome_local", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_f9404 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_update_update_f9404\n                AFTER UPDATE ON "visits_commitment"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_f9404();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_f9404 ON "visits_commitment" IS \'dba7eee84ac340e06f6891e15d7d3f63244f82de\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a2ce8()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "details_local", "due_on", "engagement_id", "id", "kind", "outcome", "outcome_local", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."completed_on", OLD."contact_id", OLD."created_at", OLD."created_by_id", OLD."details", OLD."details_local", OLD."due_on", OLD."engagement_id", OLD."id", OLD."kind", OLD."outcome", OLD."outcome_local", OLD."owner_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priority", OLD."reviewed_at", OLD."reviewed_by_id", OLD."status", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a2ce8 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_delete_delete_a2ce8\n                AFTER DELETE ON "visits_commitment"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a2ce8();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a2ce8 ON "visits_commitment" IS \'312f3e0e2ed8369e70ae8b093091c9a19cdce623\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_9defd()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."notes_local", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9defd ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_insert_insert_9defd\n                AFTER INSERT ON "visits_engagement"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_9defd();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_9defd ON "visits_engagement" IS \'805e549d054e1ef51ae5f61dfd9811cbc87c39b1\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_fa5c3()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."notes_local", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_fa5c3 ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_update_update_fa5c3\n                AFTER UPDATE ON "visits_engagement"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_fa5c3();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_fa5c3 ON "visits_engagement" IS \'8b38707bf9f24d52e9f6f4199d097c10402b50f2\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_85566()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "notes_local", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."date", OLD."end_time", OLD."id", OLD."kind", OLD."location", OLD."notes", OLD."notes_local", OLD."order", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."start_time", OLD."time_zone", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_85566 ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_delete_delete_85566\n                AFTER DELETE ON "visits_engagement"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_85566();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_85566 ON "visits_engagement" IS \'ca9d2a9d33a983a5238e9b69abc6b46a23a4b4ff\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_548f2()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."description_local", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_548f2 ON "visits_event";\n            CREATE  TRIGGER pgtrigger_insert_insert_548f2\n                AFTER INSERT ON "visits_event"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_548f2();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_548f2 ON "visits_event" IS \'d93f885fd8e0b7efac3b8b39e04b75741a8b1489\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_9417f()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."description_local", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_9417f ON "visits_event";\n            CREATE  TRIGGER pgtrigger_update_update_9417f\n                AFTER UPDATE ON "visits_event"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_9417f();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_9417f ON "visits_event" IS \'47684cadaa98ac82beb7d5f37de16e6381b1b74c\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a0171()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "description_local", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (OLD."created_at", OLD."created_by_id", OLD."description", OLD."description_local", OLD."ends_on", OLD."id", OLD."location", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."starts_on", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a0171 ON "visits_event";\n            CREATE  TRIGGER pgtrigger_delete_delete_a0171\n                AFTER DELETE ON "visits_event"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a0171();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a0171 ON "visits_event" IS \'bb3450109811d390579f02df181bf02103d4fb56\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_4de18()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."notes_local", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_4de18 ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_insert_insert_4de18\n                AFTER INSERT ON "visits_invitation"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_4de18();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_4de18 ON "visits_invitation" IS \'64b964fe71d70840ede41ddd46c1dc8f7d9ff86b\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_8e2c4()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."notes_local", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_8e2c4 ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_update_update_8e2c4\n                AFTER UPDATE ON "visits_invitation"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_8e2c4();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_8e2c4 ON "visits_invitation" IS \'a5da4e6b57823c2bf23a7250b5eba117ddb0ab8e\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_8b69e()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "notes_local", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (OLD."commitment_id", OLD."created_at", OLD."created_by_id", OLD."event_id", OLD."id", OLD."invitee_id", OLD."notes", OLD."notes_local", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responded_on", OLD."rsvp_by", OLD."sent_on", OLD."status", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_8b69e ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_delete_delete_8b69e\n                AFTER DELETE ON "visits_invitation"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_8b69e();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_8b69e ON "visits_invitation" IS \'c40d5a8a3460ab113cb96d693c9ddfd1fcc5de5b\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_9d6da()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."date_precision", NEW."direction", NEW."end_on", NEW."id", NEW."insights", NEW."insights_local", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."purpose", NEW."purpose_local", NEW."recommendations", NEW."recommendations_local", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."summary_local", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9d6da ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_insert_insert_9d6da\n                AFTER INSERT ON "visits_visit"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_9d6da();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_9d6da ON "visits_visit" IS \'7fcb2bab6d0c8c36db4ce8751cf9fa983d0ba93d\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_41cf1()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."date_precision", NEW."direction", NEW."end_on", NEW."id", NEW."insights", NEW."insights_local", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."purpose", NEW."purpose_local", NEW."recommendations", NEW."recommendations_local", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."summary_local", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_41cf1 ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_update_update_41cf1\n                AFTER UPDATE ON "visits_visit"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_41cf1();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_41cf1 ON "visits_visit" IS \'e8e860de0aae82d77a3a9e6f5e7661b5091a7883\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a3dfb()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "date_precision", "direction", "end_on", "id", "insights", "insights_local", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "purpose_local", "recommendations", "recommendations_local", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "summary_local", "title", "title_local", "updated_at", "version") VALUES (OLD."category", OLD."created_at", OLD."created_by_id", OLD."date_precision", OLD."direction", OLD."end_on", OLD."id", OLD."insights", OLD."insights_local", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."purpose", OLD."purpose_local", OLD."recommendations", OLD."recommendations_local", OLD."report_due_on", OLD."report_submitted_on", OLD."start_on", OLD."status", OLD."summary", OLD."summary_local", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a3dfb ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_delete_delete_a3dfb\n                AFTER DELETE ON "visits_visit"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a3dfb();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a3dfb ON "visits_visit" IS \'1f0c868ba7ac75a9cf5371eb5061b5cbacff599d\';\n        ',
    'ALTER TABLE "visits_commitment" ADD CONSTRAINT "commitment_closed_needs_outcome" CHECK (("status" IN (\'open\', \'in_progress\') OR NOT ("outcome_local" = \'\') OR NOT ("outcome" = \'\')));',
    'ALTER TABLE "visits_commitment" ADD CONSTRAINT "commitment_has_a_title" CHECK ((NOT ("title_local" = \'\') OR NOT ("title" = \'\')));',
    'ALTER TABLE "visits_visit" ADD CONSTRAINT "visit_precision_normalised" CHECK ((("date_precision" = \'day\' OR ("date_precision" = \'month\' AND EXTRACT(DAY FROM "start_on") = 1) OR ("date_precision" = \'year\' AND EXTRACT(DAY FROM "start_on") = 1 AND EXTRACT(MONTH FROM "start_on") = 1)) AND ("date_precision" = \'day\' OR ("date_precision" = \'month\' AND EXTRACT(DAY FROM "end_on") = 1) OR ("date_precision" = \'year\' AND EXTRACT(DAY FROM "end_on") = 1 AND EXTRACT(MONTH FROM "end_on") = 1))));',
    'ALTER TABLE "visits_lettertemplate" ADD COLUMN "created_by_id" bigint NULL CONSTRAINT "visits_lettertemplate_created_by_id_7d3a3d2a_fk_crm_user_id" REFERENCES "crm_user"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "visits_lettertemplate_created_by_id_7d3a3d2a_fk_crm_user_id" IMMEDIATE;',
    'ALTER TABLE "visits_lettertemplate" ADD CONSTRAINT "letter_template_has_a_file" CHECK ((NOT ("file" = \'\') OR NOT ("shipped" = \'\')));',
    'CREATE INDEX "visits_lettertemplate_created_by_id_7d3a3d2a" ON "visits_lettertemplate" ("created_by_id");',
]


# What ``sqlmigrate --backwards`` prints for STATE_FROM_0003.
SQL_TO_0003 = [
    'ALTER TABLE "visits_lettertemplate" DROP CONSTRAINT "letter_template_has_a_file";',
    'SET CONSTRAINTS "visits_lettertemplate_created_by_id_7d3a3d2a_fk_crm_user_id" IMMEDIATE; ALTER TABLE "visits_lettertemplate" DROP CONSTRAINT "visits_lettertemplate_created_by_id_7d3a3d2a_fk_crm_user_id";',
    'ALTER TABLE "visits_lettertemplate" DROP COLUMN "created_by_id" CASCADE;',
    'ALTER TABLE "visits_visit" DROP CONSTRAINT "visit_precision_normalised";',
    'ALTER TABLE "visits_commitment" DROP CONSTRAINT "commitment_has_a_title";',
    'ALTER TABLE "visits_commitment" DROP CONSTRAINT "commitment_closed_needs_outcome";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a3dfb ON "visits_visit";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_41cf1 ON "visits_visit";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9d6da ON "visits_visit";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_8b69e ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_8e2c4 ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_4de18 ON "visits_invitation";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a0171 ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_9417f ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_548f2 ON "visits_event";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_85566 ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_fa5c3 ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9defd ON "visits_engagement";',
    'DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a2ce8 ON "visits_commitment";',
    'DROP TRIGGER IF EXISTS pgtrigger_update_update_f9404 ON "visits_commitment";',
    'DROP TRIGGER IF EXISTS pgtrigger_insert_insert_2a350 ON "visits_commitment";',
    'ALTER TABLE "visits_visitevent" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_visit" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_giftevent" ALTER COLUMN "description_local" DROP DEFAULT;',
    'ALTER TABLE "visits_gift" ALTER COLUMN "description_local" DROP DEFAULT;',
    'ALTER TABLE "visits_eventevent" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_event" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_engagementevent" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_engagement" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_delegationmemberevent" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_delegationmember" ALTER COLUMN "title_local" DROP DEFAULT;',
    'ALTER TABLE "visits_visitevent" DROP COLUMN "summary_local" CASCADE;',
    'ALTER TABLE "visits_visitevent" DROP COLUMN "recommendations_local" CASCADE;',
    'ALTER TABLE "visits_visitevent" DROP COLUMN "purpose_local" CASCADE;',
    'ALTER TABLE "visits_visitevent" DROP COLUMN "insights_local" CASCADE;',
    'ALTER TABLE "visits_visitevent" DROP COLUMN "date_precision" CASCADE;',
    'ALTER TABLE "visits_visit" DROP COLUMN "summary_local" CASCADE;',
    'ALTER TABLE "visits_visit" DROP COLUMN "recommendations_local" CASCADE;',
    'ALTER TABLE "visits_visit" DROP COLUMN "purpose_local" CASCADE;',
    'ALTER TABLE "visits_visit" DROP COLUMN "insights_local" CASCADE;',
    'ALTER TABLE "visits_visit" DROP COLUMN "date_precision" CASCADE;',
    'ALTER TABLE "visits_invitationevent" DROP COLUMN "notes_local" CASCADE;',
    'ALTER TABLE "visits_invitation" DROP COLUMN "notes_local" CASCADE;',
    'ALTER TABLE "visits_eventevent" DROP COLUMN "description_local" CASCADE;',
    'ALTER TABLE "visits_event" DROP COLUMN "description_local" CASCADE;',
    'ALTER TABLE "visits_engagementevent" DROP COLUMN "notes_local" CASCADE;',
    'ALTER TABLE "visits_engagement" DROP COLUMN "notes_local" CASCADE;',
    'ALTER TABLE "visits_commitmentevent" DROP COLUMN "title_local" CASCADE;',
    'ALTER TABLE "visits_commitmentevent" DROP COLUMN "outcome_local" CASCADE;',
    'ALTER TABLE "visits_commitmentevent" DROP COLUMN "details_local" CASCADE;',
    'ALTER TABLE "visits_commitment" DROP COLUMN "title_local" CASCADE;',
    'ALTER TABLE "visits_commitment" DROP COLUMN "outcome_local" CASCADE;',
    'ALTER TABLE "visits_commitment" DROP COLUMN "details_local" CASCADE;',
    'ALTER TABLE "visits_commitment" ADD CONSTRAINT "commitment_closed_needs_outcome" CHECK (("status" IN (\'open\', \'in_progress\') OR NOT ("outcome" = \'\')));',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a3dfb()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (OLD."category", OLD."created_at", OLD."created_by_id", OLD."direction", OLD."end_on", OLD."id", OLD."insights", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."purpose", OLD."recommendations", OLD."report_due_on", OLD."report_submitted_on", OLD."start_on", OLD."status", OLD."summary", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a3dfb ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_delete_delete_a3dfb\n                AFTER DELETE ON "visits_visit"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a3dfb();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a3dfb ON "visits_visit" IS \'8bdc3e0262cfad5b1c6478664b09a64654ec5848\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_41cf1()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."end_on", NEW."id", NEW."insights", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."purpose", NEW."recommendations", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_41cf1 ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_update_update_41cf1\n                AFTER UPDATE ON "visits_visit"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_41cf1();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_41cf1 ON "visits_visit" IS \'cf3cbdda4e377054adb73bb9ea07170997dbd198\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_9d6da()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."end_on", NEW."id", NEW."insights", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."purpose", NEW."recommendations", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9d6da ON "visits_visit";\n            CREATE  TRIGGER pgtrigger_insert_insert_9d6da\n                AFTER INSERT ON "visits_visit"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_9d6da();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_9d6da ON "visits_visit" IS \'aeb7633f176fbe3795c39c19240b571ef7e48706\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_8b69e()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (OLD."commitment_id", OLD."created_at", OLD."created_by_id", OLD."event_id", OLD."id", OLD."invitee_id", OLD."notes", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responded_on", OLD."rsvp_by", OLD."sent_on", OLD."status", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_8b69e ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_delete_delete_8b69e\n                AFTER DELETE ON "visits_invitation"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_8b69e();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_8b69e ON "visits_invitation" IS \'15b9c366f2f64d2b240d0daf37de39608bdac505\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_8e2c4()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_8e2c4 ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_update_update_8e2c4\n                AFTER UPDATE ON "visits_invitation"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_8e2c4();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_8e2c4 ON "visits_invitation" IS \'ee3d99f2bc0b54ed2a4d9d6921e4644d1f766296\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_4de18()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_4de18 ON "visits_invitation";\n            CREATE  TRIGGER pgtrigger_insert_insert_4de18\n                AFTER INSERT ON "visits_invitation"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_4de18();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_4de18 ON "visits_invitation" IS \'3a17c0ef0a84e0bd8c26e28f84277741d8374c65\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a0171()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (OLD."created_at", OLD."created_by_id", OLD."description", OLD."ends_on", OLD."id", OLD."location", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."starts_on", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a0171 ON "visits_event";\n            CREATE  TRIGGER pgtrigger_delete_delete_a0171\n                AFTER DELETE ON "visits_event"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a0171();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a0171 ON "visits_event" IS \'79988b023088b8bdc805a0e7f6549e68ad36dc02\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_9417f()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_9417f ON "visits_event";\n            CREATE  TRIGGER pgtrigger_update_update_9417f\n                AFTER UPDATE ON "visits_event"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_9417f();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_9417f ON "visits_event" IS \'ae325acc0ae2b37749bba212aa72832207a72033\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_548f2()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_548f2 ON "visits_event";\n            CREATE  TRIGGER pgtrigger_insert_insert_548f2\n                AFTER INSERT ON "visits_event"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_548f2();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_548f2 ON "visits_event" IS \'92fb3af28af72614039cfa1edfaef56677568cbb\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_85566()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."date", OLD."end_time", OLD."id", OLD."kind", OLD."location", OLD."notes", OLD."order", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."start_time", OLD."time_zone", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_85566 ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_delete_delete_85566\n                AFTER DELETE ON "visits_engagement"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_85566();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_85566 ON "visits_engagement" IS \'d5eb267c616360793c3b18874d8503da420dcf74\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_fa5c3()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_fa5c3 ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_update_update_fa5c3\n                AFTER UPDATE ON "visits_engagement"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_fa5c3();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_fa5c3 ON "visits_engagement" IS \'5359cf287ce0b62398df9dc5eb46e176f732c661\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_9defd()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_9defd ON "visits_engagement";\n            CREATE  TRIGGER pgtrigger_insert_insert_9defd\n                AFTER INSERT ON "visits_engagement"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_9defd();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_9defd ON "visits_engagement" IS \'8d7286d5f6ecf4625a071d17515bb6ba05ddc9ef\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_delete_delete_a2ce8()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (OLD."completed_on", OLD."contact_id", OLD."created_at", OLD."created_by_id", OLD."details", OLD."due_on", OLD."engagement_id", OLD."id", OLD."kind", OLD."outcome", OLD."owner_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priority", OLD."reviewed_at", OLD."reviewed_by_id", OLD."status", OLD."title", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_delete_delete_a2ce8 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_delete_delete_a2ce8\n                AFTER DELETE ON "visits_commitment"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_delete_delete_a2ce8();\n\n            COMMENT ON TRIGGER pgtrigger_delete_delete_a2ce8 ON "visits_commitment" IS \'c3564130c7f3600b4a6e7025165708e98db1cb27\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_update_update_f9404()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_update_update_f9404 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_update_update_f9404\n                AFTER UPDATE ON "visits_commitment"\n                \n                \n                FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)\n                EXECUTE PROCEDURE pgtrigger_update_update_f9404();\n\n            COMMENT ON TRIGGER pgtrigger_update_update_f9404 ON "visits_commitment" IS \'79d5a97f88e03a082773c3c0b2a22a087c6c0f40\';\n        ',
    '\n            CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(\n                trigger_name NAME\n            )\n            RETURNS BOOLEAN AS $$\n                DECLARE\n                    _pgtrigger_ignore TEXT[];\n                    _result BOOLEAN;\n                BEGIN\n                    BEGIN\n                        SELECT INTO _pgtrigger_ignore\n                            CURRENT_SETTING(\'pgtrigger.ignore\');\n                        EXCEPTION WHEN OTHERS THEN\n                    END;\n                    IF _pgtrigger_ignore IS NOT NULL THEN\n                        SELECT trigger_name = ANY(_pgtrigger_ignore)\n                        INTO _result;\n                        RETURN _result;\n                    ELSE\n                        RETURN FALSE;\n                    END IF;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            CREATE OR REPLACE FUNCTION pgtrigger_insert_insert_2a350()\n            RETURNS TRIGGER AS $$\n                \n                BEGIN\n                    IF ("public"._pgtrigger_should_ignore(TG_NAME) IS TRUE) THEN\n                        IF (TG_OP = \'DELETE\') THEN\n                            RETURN OLD;\n                        ELSE\n                            RETURN NEW;\n                        END IF;\n                    END IF;\n                    INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;\n                END;\n            $$ LANGUAGE plpgsql;\n\n            DROP TRIGGER IF EXISTS pgtrigger_insert_insert_2a350 ON "visits_commitment";\n            CREATE  TRIGGER pgtrigger_insert_insert_2a350\n                AFTER INSERT ON "visits_commitment"\n                \n                \n                FOR EACH ROW \n                EXECUTE PROCEDURE pgtrigger_insert_insert_2a350();\n\n            COMMENT ON TRIGGER pgtrigger_insert_insert_2a350 ON "visits_commitment" IS \'5f5c458d31341974c70d859e5f9306c7e06ef788\';\n        ',
    'DROP TABLE "visits_lettertemplate" CASCADE;',
]
