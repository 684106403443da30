"""Squash, part 1 of 4: every relations model in its final state, except the foreign keys to
visits models (relations 0002_squashed_part_links adds those), and the pg_trgm extension
that the trigram indexes of both apps need.

Why four migrations: relations and visits depend on each other (relations 0002 -> visits
0001, relations 0007 -> visits 0003, visits 0001 -> relations 0001, visits 0004 -> relations
0007, visits 0008 -> relations 0003), and Django hands a squash the dependencies of every
migration it replaces, so one squash per app, or one visits squash of 0001-0008, is a
dependency cycle. The order is: this one, visits 0001_squashed_0003, relations
0002_squashed_part_links, visits 0004_squashed_0008.

Why existing databases are unaffected: a squash counts as applied when everything it replaces
is applied; when only some of it is, Django keeps using the old files. This migration holds
far more than relations 0001 did, so it may only ever run on an empty database, and it does:
it runs only when relations 0001 is not applied, and every other relations or visits
migration depends on relations 0001. The old migration files stay as they are.

Operations written by the migration autodetector from the old chain's final state; indexes,
constraints and triggers moved into their CreateModel where they need no field added later in
the migration (pgtrigger's schema editor installs a CreateModel's triggers with its table).
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.datetime
import pgtrigger.compiler
from django.conf import settings
from django.db import migrations, models

import crm.core.fields
import crm.core.roles
import crm.core.validators


class Migration(migrations.Migration):
    replaces = [("relations", "0001_initial")]

    initial = True

    dependencies = [
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=100, verbose_name="local name"),
                ),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Agreement",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sister_city", "sister-city agreement"),
                            ("friendship", "friendship agreement"),
                            ("mou", "memorandum of understanding"),
                            ("reaffirmation", "reaffirmation"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("signed_on", models.DateField(verbose_name="signed on")),
                (
                    "signed_precision",
                    models.CharField(
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        max_length=5,
                        verbose_name="date precision",
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                (
                    "signatories",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="signatories"
                    ),
                ),
                (
                    "reference",
                    models.CharField(blank=True, max_length=200, verbose_name="reference"),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "commemorate",
                    models.BooleanField(
                        default=True,
                        help_text="Commemorated agreements produce yearly anniversaries.",
                        verbose_name="commemorate",
                    ),
                ),
                (
                    "month_day",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.db.models.expressions.CombinedExpression(
                            django.db.models.expressions.CombinedExpression(
                                django.db.models.functions.datetime.ExtractMonth("signed_on"),
                                "*",
                                models.Value(100),
                            ),
                            "+",
                            django.db.models.functions.datetime.ExtractDay("signed_on"),
                        ),
                        output_field=models.PositiveSmallIntegerField(),
                        verbose_name="month and day",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "agreement",
                "verbose_name_plural": "agreements",
                "ordering": ["partner", "signed_on"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("commemorate", True)),
                        fields=["signed_on"],
                        name="agreement_commemorated_idx",
                    ),
                    models.Index(
                        condition=models.Q(("commemorate", True)),
                        fields=["month_day"],
                        name="agreement_month_day_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("signed_precision", "day"),
                            models.Q(("signed_on__day", 1), ("signed_precision", "month")),
                            models.Q(
                                ("signed_on__day", 1),
                                ("signed_on__month", 1),
                                ("signed_precision", "year"),
                            ),
                            _connector="OR",
                        ),
                        name="agreement_precision_normalised",
                    )
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="sync_partner_established",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func="\n                    UPDATE relations_partner p\n                    SET established_on = first.signed_on,\n                        established_precision = COALESCE(first.signed_precision, '')\n                    FROM relations_partner target\n                    LEFT JOIN LATERAL (\n                        SELECT a.signed_on, a.signed_precision\n                        FROM relations_agreement a\n                        WHERE a.partner_id = target.id AND a.commemorate\n                        ORDER BY a.signed_on, a.id\n                        LIMIT 1\n                    ) first ON TRUE\n                    WHERE p.id = target.id\n                      AND target.id IN (\n                          CASE WHEN TG_OP <> 'INSERT' THEN OLD.partner_id END,\n                          CASE WHEN TG_OP <> 'DELETE' THEN NEW.partner_id END\n                      )\n                      AND (p.established_on IS DISTINCT FROM first.signed_on\n                           OR p.established_precision\n                              IS DISTINCT FROM COALESCE(first.signed_precision, ''));\n                    RETURN NULL;\n                ",
                            hash="3d0dd9ce77c759e6f79d791886be4f679c28bab1",
                            operation="INSERT OR UPDATE OR DELETE",
                            pgid="pgtrigger_sync_partner_established_415b1",
                            table="relations_agreement",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_agreementevent" ("commemorate", "created_at", "created_by_id", "id", "kind", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reference", "signatories", "signed_on", "signed_precision", "title", "title_local", "updated_at", "version") VALUES (NEW."commemorate", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."notes", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reference", NEW."signatories", NEW."signed_on", NEW."signed_precision", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="eb7519a52e7e1056f2236137d08760f2a4f003cd",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_2e210",
                            table="relations_agreement",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "relations_agreementevent" ("commemorate", "created_at", "created_by_id", "id", "kind", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reference", "signatories", "signed_on", "signed_precision", "title", "title_local", "updated_at", "version") VALUES (NEW."commemorate", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."notes", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reference", NEW."signatories", NEW."signed_on", NEW."signed_precision", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="9fc58ab5ece4e4cb0e1d86d74823eb45a04fb0e4",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_d159d",
                            table="relations_agreement",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_agreementevent" ("commemorate", "created_at", "created_by_id", "id", "kind", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reference", "signatories", "signed_on", "signed_precision", "title", "title_local", "updated_at", "version") VALUES (OLD."commemorate", OLD."created_at", OLD."created_by_id", OLD."id", OLD."kind", OLD."notes", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."reference", OLD."signatories", OLD."signed_on", OLD."signed_precision", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                            hash="ecb0d328bbcc450770deb7970b9c853c5e8e5b82",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_bf741",
                            table="relations_agreement",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Organization",
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
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("company", "company"),
                            ("museum", "museum"),
                            ("library", "library"),
                            ("university", "university"),
                            ("school", "school"),
                            ("association", "association"),
                            ("government_agency", "government agency"),
                            ("overseas_community", "overseas community"),
                            ("media", "media"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        max_length=2,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{2}$",
                                "Enter an ISO 3166-1 alpha-2 country code in capitals, e.g. US.",
                            )
                        ],
                        verbose_name="country",
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "organization",
                "verbose_name_plural": "organizations",
                "ordering": ["name", "name_local"],
                "indexes": [models.Index(fields=["kind"], name="organization_kind_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name", ""), _negated=True),
                            models.Q(("name_local", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="organization_has_a_name",
                    ),
                    models.UniqueConstraint(
                        fields=("name", "name_local", "country", "city"),
                        name="organization_unique_name_per_city",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_organizationevent" ("city", "country", "created_at", "created_by_id", "id", "kind", "name", "name_local", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "updated_at", "version", "website") VALUES (NEW."city", NEW."country", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."name", NEW."name_local", NEW."notes", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."updated_at", NEW."version", NEW."website"); RETURN NULL;',
                            hash="29f098303b05222b8199bf47468a7d0343c117c7",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_a2c6e",
                            table="relations_organization",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "relations_organizationevent" ("city", "country", "created_at", "created_by_id", "id", "kind", "name", "name_local", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "updated_at", "version", "website") VALUES (NEW."city", NEW."country", NEW."created_at", NEW."created_by_id", NEW."id", NEW."kind", NEW."name", NEW."name_local", NEW."notes", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."updated_at", NEW."version", NEW."website"); RETURN NULL;',
                            hash="9a7d23febc6145321fd7adcf83f3119b6c884b39",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_224e4",
                            table="relations_organization",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_organizationevent" ("city", "country", "created_at", "created_by_id", "id", "kind", "name", "name_local", "notes", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "updated_at", "version", "website") VALUES (OLD."city", OLD."country", OLD."created_at", OLD."created_by_id", OLD."id", OLD."kind", OLD."name", OLD."name_local", OLD."notes", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."updated_at", OLD."version", OLD."website"); RETURN NULL;',
                            hash="c39065775d3b5996c15ee8b53688ac9a4e9f6505",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_0dbc1",
                            table="relations_organization",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Official",
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
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "form_of_address",
                    models.CharField(blank=True, max_length=100, verbose_name="form of address"),
                ),
                ("title", models.CharField(blank=True, max_length=200, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local title"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("mayor", "mayor"),
                            ("deputy_mayor", "deputy mayor"),
                            ("council_member", "council member"),
                            ("county_supervisor", "county supervisor"),
                            ("agency_head", "agency head"),
                            ("association_chair", "association chair"),
                            ("executive", "executive"),
                            ("diplomat", "diplomat"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                (
                    "preferred_language",
                    models.CharField(blank=True, max_length=20, verbose_name="preferred language"),
                ),
                ("term_start", models.DateField(blank=True, null=True, verbose_name="term start")),
                ("term_end", models.DateField(blank=True, null=True, verbose_name="term end")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="officials",
                        to="relations.organization",
                        verbose_name="organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "official",
                "verbose_name_plural": "officials",
                "ordering": ["name", "name_local"],
                "indexes": [
                    models.Index(fields=["role"], name="official_role_idx"),
                    models.Index(fields=["name_local"], name="official_name_local_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name", ""), _negated=True),
                            models.Q(("name_local", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="official_has_a_name",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("term_start__isnull", True),
                            ("term_end__isnull", True),
                            ("term_end__gte", models.F("term_start")),
                            _connector="OR",
                        ),
                        name="official_term_ends_after_start",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_officialevent" ("created_at", "created_by_id", "email", "form_of_address", "id", "name", "name_local", "notes", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "preferred_language", "role", "term_end", "term_start", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."email", NEW."form_of_address", NEW."id", NEW."name", NEW."name_local", NEW."notes", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."preferred_language", NEW."role", NEW."term_end", NEW."term_start", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="a65e5bbf9569baebd89b84ed63345370c89202e6",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_06d18",
                            table="relations_official",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "relations_officialevent" ("created_at", "created_by_id", "email", "form_of_address", "id", "name", "name_local", "notes", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "preferred_language", "role", "term_end", "term_start", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."email", NEW."form_of_address", NEW."id", NEW."name", NEW."name_local", NEW."notes", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."preferred_language", NEW."role", NEW."term_end", NEW."term_start", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="ceb273d3e31d1a02f87b6bf1e86823071dda2836",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_fa1ff",
                            table="relations_official",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_officialevent" ("created_at", "created_by_id", "email", "form_of_address", "id", "name", "name_local", "notes", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "preferred_language", "role", "term_end", "term_start", "title", "title_local", "updated_at", "version") VALUES (OLD."created_at", OLD."created_by_id", OLD."email", OLD."form_of_address", OLD."id", OLD."name", OLD."name_local", OLD."notes", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."phone", OLD."preferred_language", OLD."role", OLD."term_end", OLD."term_start", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                            hash="15bd6121d0be2a186e522ae3286ee8760545031c",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_b454d",
                            table="relations_official",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Contact",
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
                ("occurred_on", models.DateField(verbose_name="date")),
                ("occurred_at", models.TimeField(blank=True, null=True, verbose_name="time")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("meeting", "meeting"),
                            ("email", "email"),
                            ("phone", "phone"),
                            ("video", "video call"),
                            ("letter", "letter"),
                            ("event", "event"),
                            ("gift", "gift"),
                            ("social_media", "social media"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="channel",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("incoming", "incoming"),
                            ("outgoing", "outgoing"),
                            ("mutual", "mutual"),
                        ],
                        default="mutual",
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "subject",
                    models.CharField(blank=True, max_length=300, verbose_name="subject (English)"),
                ),
                (
                    "summary",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="summary (English)"
                    ),
                ),
                (
                    "occurred_precision",
                    models.CharField(
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        db_default="day",
                        default="day",
                        max_length=5,
                        verbose_name="date precision",
                    ),
                ),
                (
                    "subject_local",
                    models.CharField(
                        blank=True, db_default="", max_length=300, verbose_name="subject"
                    ),
                ),
                (
                    "summary_local",
                    crm.core.fields.BoundedTextField(
                        blank=True, db_default="", max_length=20000, verbose_name="summary"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "staff",
                    models.ManyToManyField(
                        blank=True,
                        related_name="contacts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="our staff involved",
                    ),
                ),
                (
                    "officials",
                    models.ManyToManyField(
                        blank=True,
                        related_name="contacts",
                        to="relations.official",
                        verbose_name="officials involved",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="relations.organization",
                        verbose_name="organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact",
                "verbose_name_plural": "contacts",
                "ordering": ["-occurred_on", "-occurred_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["organization", "-occurred_on"],
                        name="contact_organization_date_idx",
                    ),
                    models.Index(fields=["-occurred_on", "-id"], name="contact_date_idx"),
                    models.Index(fields=["channel"], name="contact_channel_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("subject_local", ""), _negated=True),
                            models.Q(("subject", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="contact_has_a_subject",
                        violation_error_message="Give the contact a subject.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("occurred_precision", "day"),
                            models.Q(("occurred_on__day", 1), ("occurred_precision", "month")),
                            models.Q(
                                ("occurred_on__day", 1),
                                ("occurred_on__month", 1),
                                ("occurred_precision", "year"),
                            ),
                            _connector="OR",
                        ),
                        name="contact_precision_normalised",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Partner",
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
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sister", "sister city"),
                            ("friendship", "friendship city"),
                            ("prospective", "prospective"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "jurisdiction",
                    models.CharField(
                        choices=[
                            ("city", "city"),
                            ("county", "county"),
                            ("district", "district"),
                            ("state", "state"),
                            ("province", "province"),
                            ("other", "other"),
                        ],
                        default="city",
                        max_length=20,
                        verbose_name="jurisdiction",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        db_index=True,
                        max_length=2,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{2}$",
                                "Enter an ISO 3166-1 alpha-2 country code in capitals, e.g. US.",
                            )
                        ],
                        verbose_name="country",
                    ),
                ),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="region or state"),
                ),
                (
                    "population",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="population"),
                ),
                (
                    "time_zone",
                    models.CharField(
                        blank=True,
                        max_length=64,
                        validators=[crm.core.validators.iana_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "active"), ("dormant", "dormant"), ("ended", "ended")],
                        default="active",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "established_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="established on"
                    ),
                ),
                (
                    "established_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        editable=False,
                        max_length=5,
                        verbose_name="established precision",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "owner",
                    crm.core.fields.OwnerField(
                        blank=True,
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partners",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="desk officer",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True,
                        related_name="partners",
                        to="relations.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
            options={
                "verbose_name": "partner",
                "verbose_name_plural": "partners",
                "ordering": ["name"],
                "indexes": [
                    models.Index(fields=["kind"], name="partner_kind_idx"),
                    models.Index(fields=["status"], name="partner_status_idx"),
                    models.Index(fields=["established_on"], name="partner_established_idx"),
                    models.Index(fields=["name_local"], name="partner_name_local_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("country", "region", "name"), name="partner_unique_name_per_region"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("country__regex", "^[A-Z]{2}$")),
                        name="partner_country_iso2",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_partnerevent" ("country", "created_at", "created_by_id", "established_on", "established_precision", "id", "jurisdiction", "kind", "name", "name_local", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "population", "region", "status", "time_zone", "updated_at", "version", "website") VALUES (NEW."country", NEW."created_at", NEW."created_by_id", NEW."established_on", NEW."established_precision", NEW."id", NEW."jurisdiction", NEW."kind", NEW."name", NEW."name_local", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."population", NEW."region", NEW."status", NEW."time_zone", NEW."updated_at", NEW."version", NEW."website"); RETURN NULL;',
                            hash="95b60675e4992547f266606a7893422a0d5e7a2f",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_d5d22",
                            table="relations_partner",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "relations_partnerevent" ("country", "created_at", "created_by_id", "established_on", "established_precision", "id", "jurisdiction", "kind", "name", "name_local", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "population", "region", "status", "time_zone", "updated_at", "version", "website") VALUES (NEW."country", NEW."created_at", NEW."created_by_id", NEW."established_on", NEW."established_precision", NEW."id", NEW."jurisdiction", NEW."kind", NEW."name", NEW."name_local", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."population", NEW."region", NEW."status", NEW."time_zone", NEW."updated_at", NEW."version", NEW."website"); RETURN NULL;',
                            hash="aae0fac74f3d2d098fcb6a306d3b5193627c3f45",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_32fb3",
                            table="relations_partner",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "relations_partnerevent" ("country", "created_at", "created_by_id", "established_on", "established_precision", "id", "jurisdiction", "kind", "name", "name_local", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "population", "region", "status", "time_zone", "updated_at", "version", "website") VALUES (OLD."country", OLD."created_at", OLD."created_by_id", OLD."established_on", OLD."established_precision", OLD."id", OLD."jurisdiction", OLD."kind", OLD."name", OLD."name_local", OLD."notes", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."population", OLD."region", OLD."status", OLD."time_zone", OLD."updated_at", OLD."version", OLD."website"); RETURN NULL;',
                            hash="b9e8283d4d299e46852327425f6f4c0ccccf2d29",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_60780",
                            table="relations_partner",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganizationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("company", "company"),
                            ("museum", "museum"),
                            ("library", "library"),
                            ("university", "university"),
                            ("school", "school"),
                            ("association", "association"),
                            ("government_agency", "government agency"),
                            ("overseas_community", "overseas community"),
                            ("media", "media"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        max_length=2,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{2}$",
                                "Enter an ISO 3166-1 alpha-2 country code in capitals, e.g. US.",
                            )
                        ],
                        verbose_name="country",
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="relations.organization",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="organization",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organizations",
                to="relations.partner",
                verbose_name="partner",
            ),
        ),
        migrations.CreateModel(
            name="OfficialEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "form_of_address",
                    models.CharField(blank=True, max_length=100, verbose_name="form of address"),
                ),
                ("title", models.CharField(blank=True, max_length=200, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local title"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("mayor", "mayor"),
                            ("deputy_mayor", "deputy mayor"),
                            ("council_member", "council member"),
                            ("county_supervisor", "county supervisor"),
                            ("agency_head", "agency head"),
                            ("association_chair", "association chair"),
                            ("executive", "executive"),
                            ("diplomat", "diplomat"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                (
                    "preferred_language",
                    models.CharField(blank=True, max_length=20, verbose_name="preferred language"),
                ),
                ("term_start", models.DateField(blank=True, null=True, verbose_name="term start")),
                ("term_end", models.DateField(blank=True, null=True, verbose_name="term end")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="relations.official",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.organization",
                        verbose_name="organization",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="official",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="officials",
                to="relations.partner",
                verbose_name="partner",
            ),
        ),
        migrations.CreateModel(
            name="ContactEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("occurred_on", models.DateField(verbose_name="date")),
                ("occurred_at", models.TimeField(blank=True, null=True, verbose_name="time")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("meeting", "meeting"),
                            ("email", "email"),
                            ("phone", "phone"),
                            ("video", "video call"),
                            ("letter", "letter"),
                            ("event", "event"),
                            ("gift", "gift"),
                            ("social_media", "social media"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="channel",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("incoming", "incoming"),
                            ("outgoing", "outgoing"),
                            ("mutual", "mutual"),
                        ],
                        default="mutual",
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "subject",
                    models.CharField(blank=True, max_length=300, verbose_name="subject (English)"),
                ),
                (
                    "summary",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="summary (English)"
                    ),
                ),
                (
                    "occurred_precision",
                    models.CharField(
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        db_default="day",
                        default="day",
                        max_length=5,
                        verbose_name="date precision",
                    ),
                ),
                (
                    "subject_local",
                    models.CharField(
                        blank=True, db_default="", max_length=300, verbose_name="subject"
                    ),
                ),
                (
                    "summary_local",
                    crm.core.fields.BoundedTextField(
                        blank=True, db_default="", max_length=20000, verbose_name="summary"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="relations.contact",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.organization",
                        verbose_name="organization",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="contact",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contacts",
                to="relations.partner",
                verbose_name="partner",
            ),
        ),
        migrations.CreateModel(
            name="AgreementEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sister_city", "sister-city agreement"),
                            ("friendship", "friendship agreement"),
                            ("mou", "memorandum of understanding"),
                            ("reaffirmation", "reaffirmation"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("signed_on", models.DateField(verbose_name="signed on")),
                (
                    "signed_precision",
                    models.CharField(
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        max_length=5,
                        verbose_name="date precision",
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                (
                    "signatories",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="signatories"
                    ),
                ),
                (
                    "reference",
                    models.CharField(blank=True, max_length=200, verbose_name="reference"),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "commemorate",
                    models.BooleanField(
                        default=True,
                        help_text="Commemorated agreements produce yearly anniversaries.",
                        verbose_name="commemorate",
                    ),
                ),
                (
                    "month_day",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.db.models.expressions.CombinedExpression(
                            django.db.models.expressions.CombinedExpression(
                                django.db.models.functions.datetime.ExtractMonth("signed_on"),
                                "*",
                                models.Value(100),
                            ),
                            "+",
                            django.db.models.functions.datetime.ExtractDay("signed_on"),
                        ),
                        output_field=models.PositiveSmallIntegerField(),
                        verbose_name="month and day",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="relations.agreement",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="agreement",
            name="partner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="relations.partner",
                verbose_name="partner",
            ),
        ),
        migrations.CreateModel(
            name="PartnerEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sister", "sister city"),
                            ("friendship", "friendship city"),
                            ("prospective", "prospective"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "jurisdiction",
                    models.CharField(
                        choices=[
                            ("city", "city"),
                            ("county", "county"),
                            ("district", "district"),
                            ("state", "state"),
                            ("province", "province"),
                            ("other", "other"),
                        ],
                        default="city",
                        max_length=20,
                        verbose_name="jurisdiction",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        max_length=2,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{2}$",
                                "Enter an ISO 3166-1 alpha-2 country code in capitals, e.g. US.",
                            )
                        ],
                        verbose_name="country",
                    ),
                ),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="region or state"),
                ),
                (
                    "population",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="population"),
                ),
                (
                    "time_zone",
                    models.CharField(
                        blank=True,
                        max_length=64,
                        validators=[crm.core.validators.iana_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "active"), ("dormant", "dormant"), ("ended", "ended")],
                        default="active",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "established_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="established on"
                    ),
                ),
                (
                    "established_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        editable=False,
                        max_length=5,
                        verbose_name="established precision",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "owner",
                    crm.core.fields.OwnerField(
                        blank=True,
                        db_constraint=False,
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="desk officer",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="relations.partner",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="contact",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="contacts", to="relations.topic", verbose_name="topics"
            ),
        ),
        migrations.AddIndex(
            model_name="official",
            index=models.Index(fields=["partner", "role", "term_end"], name="official_office_idx"),
        ),
        migrations.AddConstraint(
            model_name="official",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("partner__isnull", False), ("organization__isnull", False), _connector="OR"
                ),
                name="official_has_partner_or_organization",
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["partner", "-occurred_on"], name="contact_partner_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="contact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("partner__isnull", False), ("organization__isnull", False), _connector="OR"
                ),
                name="contact_has_partner_or_organization",
            ),
        ),
    ]
