"""Squash, part 2 of 4 (see relations 0001_squashed_part_models): every visits model as
visits 0003 left it, with its indexes, constraints and history triggers. It stops at 0003
because visits 0004_squashed_0008 must find the state of 0003 wherever it runs: on a database
migrated before visits 0004 existed, and on one migrated after visits 0004 but before 0008
(there Django counts this squash as applied and runs the old visits 0004-0008 files on top of
the state it builds).

Why existing databases are unaffected: a squash counts as applied when everything it replaces
is applied; when only some of it is, Django keeps using the old files. This one runs only when
none of visits 0001-0003 is applied, i.e. at most relations 0001 is: in practice on an empty
database, right after relations 0001_squashed_part_models. The old files stay as they are.

Operations written by the migration autodetector from the old chain's state at visits 0003;
indexes, constraints and triggers moved into their CreateModel where they need no field added
later in the migration (pgtrigger's schema editor installs a CreateModel's triggers with its
table).
"""

import django.core.validators
import django.db.models.deletion
import pgtrigger.compiler
from django.conf import settings
from django.db import migrations, models

import crm.core.fields
import crm.core.roles
import crm.core.validators


class Migration(migrations.Migration):
    replaces = [
        ("visits", "0001_initial"),
        ("visits", "0002_owners_who_can_act"),
        ("visits", "0003_text_length_limits"),
    ]

    initial = True

    dependencies = [
        ("pghistory", "0007_auto_20250421_0444"),
        ("relations", "0001_squashed_part_models"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DelegationMember",
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
                ("order", models.PositiveSmallIntegerField(verbose_name="protocol order")),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                (
                    "department_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local department"),
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
                            ("leader", "leader"),
                            ("member", "member"),
                            ("staff", "staff"),
                            ("interpreter", "interpreter"),
                            ("press", "press"),
                        ],
                        default="member",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True, verbose_name="joined on")),
                ("left_on", models.DateField(blank=True, null=True, verbose_name="left on")),
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
                    "official",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="delegation_memberships",
                        to="relations.official",
                        verbose_name="official",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="delegation_memberships",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "delegation member",
                "verbose_name_plural": "delegation members",
                "ordering": ["visit", "order"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name", ""), _negated=True),
                            models.Q(("name_local", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="member_has_a_name",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("joined_on__isnull", True),
                            ("left_on__isnull", True),
                            ("left_on__gte", models.F("joined_on")),
                            _connector="OR",
                        ),
                        name="member_leaves_after_joining",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_delegationmemberevent" ("created_at", "created_by_id", "department", "department_local", "id", "joined_on", "left_on", "name", "name_local", "notes", "official_id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "title_local", "updated_at", "user_id", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."department", NEW."department_local", NEW."id", NEW."joined_on", NEW."left_on", NEW."name", NEW."name_local", NEW."notes", NEW."official_id", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."role", NEW."title", NEW."title_local", NEW."updated_at", NEW."user_id", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="0e1a592051659ac2cba380a7e87ed979fff2ca93",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_8247b",
                            table="visits_delegationmember",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_delegationmemberevent" ("created_at", "created_by_id", "department", "department_local", "id", "joined_on", "left_on", "name", "name_local", "notes", "official_id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "title_local", "updated_at", "user_id", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."department", NEW."department_local", NEW."id", NEW."joined_on", NEW."left_on", NEW."name", NEW."name_local", NEW."notes", NEW."official_id", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."role", NEW."title", NEW."title_local", NEW."updated_at", NEW."user_id", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="384ba617b60087f2753e1ebd18c1113d026922c6",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_0e41e",
                            table="visits_delegationmember",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_delegationmemberevent" ("created_at", "created_by_id", "department", "department_local", "id", "joined_on", "left_on", "name", "name_local", "notes", "official_id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "title_local", "updated_at", "user_id", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."department", OLD."department_local", OLD."id", OLD."joined_on", OLD."left_on", OLD."name", OLD."name_local", OLD."notes", OLD."official_id", OLD."order", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."role", OLD."title", OLD."title_local", OLD."updated_at", OLD."user_id", OLD."version", OLD."visit_id"); RETURN NULL;',
                            hash="ebf01e667572f1c9d78ff68d88093d9e762f163d",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_d0271",
                            table="visits_delegationmember",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Engagement",
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
                ("date", models.DateField(verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                (
                    "time_zone",
                    models.CharField(
                        blank=True,
                        help_text="IANA zone of the place; defaults to the partner's.",
                        max_length=64,
                        validators=[crm.core.validators.iana_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("courtesy_call", "courtesy call"),
                            ("meeting", "meeting"),
                            ("company_visit", "company visit"),
                            ("site_visit", "site visit"),
                            ("event", "event"),
                            ("speech", "speech"),
                            ("banquet", "banquet"),
                            ("business_visit", "business visit"),
                            ("travel", "travel"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                ("location", models.CharField(blank=True, max_length=300, verbose_name="location")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes and outcome"
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=1, verbose_name="order within the day"
                    ),
                ),
                (
                    "attendees",
                    models.ManyToManyField(
                        blank=True,
                        related_name="engagements",
                        to="visits.delegationmember",
                        verbose_name="our attendees",
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
                    "officials",
                    models.ManyToManyField(
                        blank=True,
                        related_name="engagements",
                        to="relations.official",
                        verbose_name="officials met",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="engagements",
                        to="relations.organization",
                        verbose_name="organization",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="engagements",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True,
                        related_name="engagements",
                        to="relations.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
            options={
                "verbose_name": "engagement",
                "verbose_name_plural": "engagements",
                "ordering": ["visit", "date", "order", "start_time"],
                "indexes": [
                    models.Index(fields=["date"], name="engagement_date_idx"),
                    models.Index(fields=["kind"], name="engagement_kind_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("start_time__isnull", True),
                            ("end_time__isnull", True),
                            ("end_time__gte", models.F("start_time")),
                            _connector="OR",
                        ),
                        name="engagement_ends_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("title", ""), _negated=True),
                            models.Q(("title_local", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="engagement_has_a_title",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="8d7286d5f6ecf4625a071d17515bb6ba05ddc9ef",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_9defd",
                            table="visits_engagement",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."date", NEW."end_time", NEW."id", NEW."kind", NEW."location", NEW."notes", NEW."order", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."start_time", NEW."time_zone", NEW."title", NEW."title_local", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="5359cf287ce0b62398df9dc5eb46e176f732c661",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_fa5c3",
                            table="visits_engagement",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_engagementevent" ("created_at", "created_by_id", "date", "end_time", "id", "kind", "location", "notes", "order", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_time", "time_zone", "title", "title_local", "updated_at", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."date", OLD."end_time", OLD."id", OLD."kind", OLD."location", OLD."notes", OLD."order", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."start_time", OLD."time_zone", OLD."title", OLD."title_local", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;',
                            hash="d5eb267c616360793c3b18874d8503da420dcf74",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_85566",
                            table="visits_engagement",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Commitment",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "details",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="details"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("invitation", "invitation"),
                            ("visit", "visit"),
                            ("exchange", "exchange"),
                            ("information", "information"),
                            ("investment", "investment"),
                            ("event", "event"),
                            ("thanks", "thanks"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due on")),
                (
                    "priority",
                    models.CharField(
                        choices=[("low", "low"), ("normal", "normal"), ("high", "high")],
                        default="normal",
                        max_length=10,
                        verbose_name="priority",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "open"),
                            ("in_progress", "in progress"),
                            ("done", "done"),
                            ("dropped", "dropped"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "completed_on",
                    models.DateField(blank=True, null=True, verbose_name="completed on"),
                ),
                (
                    "outcome",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="outcome"
                    ),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="relations.contact",
                        verbose_name="contact",
                    ),
                ),
                (
                    "counterparts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="commitments",
                        to="relations.official",
                        verbose_name="counterparts",
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
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviewed_commitments",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "engagement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="visits.engagement",
                        verbose_name="engagement",
                    ),
                ),
            ],
            options={
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
                "ordering": [models.OrderBy(models.F("due_on"), nulls_last=True), "id"],
                "permissions": [
                    ("review_commitment", "Can review commitments and reassign owners")
                ],
                "indexes": [
                    models.Index(fields=["status"], name="commitment_status_idx"),
                    models.Index(fields=["kind"], name="commitment_kind_idx"),
                    models.Index(fields=["due_on"], name="commitment_due_idx"),
                    models.Index(
                        condition=models.Q(("status__in", ["open", "in_progress"])),
                        fields=["due_on", "owner"],
                        name="commitment_pending_due_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["open", "in_progress"]),
                            models.Q(("outcome", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="commitment_closed_needs_outcome",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["open", "in_progress"]),
                            ("completed_on__isnull", False),
                            _connector="OR",
                        ),
                        name="commitment_closed_needs_date",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("reviewed_at__isnull", True), ("reviewed_by__isnull", True)),
                            models.Q(
                                ("reviewed_at__isnull", False), ("reviewed_by__isnull", False)
                            ),
                            _connector="OR",
                        ),
                        name="commitment_review_has_reviewer_and_time",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="5f5c458d31341974c70d859e5f9306c7e06ef788",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_2a350",
                            table="visits_commitment",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (NEW."completed_on", NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."details", NEW."due_on", NEW."engagement_id", NEW."id", NEW."kind", NEW."outcome", NEW."owner_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priority", NEW."reviewed_at", NEW."reviewed_by_id", NEW."status", NEW."title", NEW."updated_at", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="79d5a97f88e03a082773c3c0b2a22a087c6c0f40",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_f9404",
                            table="visits_commitment",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_commitmentevent" ("completed_on", "contact_id", "created_at", "created_by_id", "details", "due_on", "engagement_id", "id", "kind", "outcome", "owner_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority", "reviewed_at", "reviewed_by_id", "status", "title", "updated_at", "version", "visit_id") VALUES (OLD."completed_on", OLD."contact_id", OLD."created_at", OLD."created_by_id", OLD."details", OLD."due_on", OLD."engagement_id", OLD."id", OLD."kind", OLD."outcome", OLD."owner_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priority", OLD."reviewed_at", OLD."reviewed_by_id", OLD."status", OLD."title", OLD."updated_at", OLD."version", OLD."visit_id"); RETURN NULL;',
                            hash="c3564130c7f3600b4a6e7025165708e98db1cb27",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_a2ce8",
                            table="visits_commitment",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Event",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="ends on")),
                ("location", models.CharField(blank=True, max_length=300, verbose_name="location")),
                (
                    "description",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="description"
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
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
                "verbose_name_plural": "events",
                "ordering": ["-starts_on", "id"],
                "indexes": [models.Index(fields=["starts_on"], name="event_starts_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ends_on__isnull", True),
                            ("ends_on__gte", models.F("starts_on")),
                            _connector="OR",
                        ),
                        name="event_ends_after_start",
                    )
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="92fb3af28af72614039cfa1edfaef56677568cbb",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_548f2",
                            table="visits_event",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (NEW."created_at", NEW."created_by_id", NEW."description", NEW."ends_on", NEW."id", NEW."location", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."starts_on", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="ae325acc0ae2b37749bba212aa72832207a72033",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_9417f",
                            table="visits_event",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_eventevent" ("created_at", "created_by_id", "description", "ends_on", "id", "location", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "starts_on", "title", "title_local", "updated_at", "version") VALUES (OLD."created_at", OLD."created_by_id", OLD."description", OLD."ends_on", OLD."id", OLD."location", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."starts_on", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                            hash="79988b023088b8bdc805a0e7f6549e68ad36dc02",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_a0171",
                            table="visits_event",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="EventEvent",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="ends on")),
                ("location", models.CharField(blank=True, max_length=300, verbose_name="location")),
                (
                    "description",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="description"
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
                        db_constraint=False,
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
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
                        to="visits.event",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Gift",
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
                    "direction",
                    models.CharField(
                        choices=[("received", "received"), ("given", "given")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=300, verbose_name="description"),
                ),
                (
                    "description_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local description"),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "estimated_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=12,
                        null=True,
                        verbose_name="estimated value",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        default="TWD",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{3}$",
                                "Enter an ISO 4217 currency code in capitals, e.g. TWD.",
                            )
                        ],
                        verbose_name="currency",
                    ),
                ),
                (
                    "value_twd",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        editable=False,
                        help_text="Computed from the estimated value with the configured exchange rates.",
                        max_digits=14,
                        null=True,
                        verbose_name="value in TWD",
                    ),
                ),
                (
                    "disposition",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("kept_as_public_property", "kept as public property"),
                            ("displayed", "displayed"),
                            ("archived", "archived"),
                            ("donated", "donated"),
                            ("returned", "returned"),
                            ("purchased_by_recipient", "purchased by recipient"),
                        ],
                        default="pending",
                        max_length=30,
                        verbose_name="disposition",
                    ),
                ),
                (
                    "registered_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="registered with the ethics office on"
                    ),
                ),
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
                    "engagement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="visits.engagement",
                        verbose_name="engagement",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="visits.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="visits.delegationmember",
                        verbose_name="our person (delegation member)",
                    ),
                ),
                (
                    "official",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="relations.official",
                        verbose_name="counterpart official",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="relations.organization",
                        verbose_name="counterpart organization",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gifts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="our person (user)",
                    ),
                ),
            ],
            options={
                "verbose_name": "gift",
                "verbose_name_plural": "gifts",
                "ordering": ["-date", "-id"],
                "indexes": [
                    models.Index(fields=["direction"], name="gift_direction_idx"),
                    models.Index(fields=["-date"], name="gift_date_idx"),
                    models.Index(
                        condition=models.Q(
                            ("direction", "received"), ("registered_on__isnull", True)
                        ),
                        fields=["date"],
                        name="gift_unregistered_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("description", ""), _negated=True),
                            models.Q(("description_local", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="gift_has_a_description",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("estimated_value__isnull", True),
                            ("estimated_value__gte", 0),
                            _connector="OR",
                        ),
                        name="gift_value_not_negative",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_giftevent" ("created_at", "created_by_id", "currency", "date", "description", "description_local", "direction", "disposition", "engagement_id", "estimated_value", "event_id", "id", "member_id", "notes", "official_id", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "registered_on", "updated_at", "user_id", "value_twd", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."currency", NEW."date", NEW."description", NEW."description_local", NEW."direction", NEW."disposition", NEW."engagement_id", NEW."estimated_value", NEW."event_id", NEW."id", NEW."member_id", NEW."notes", NEW."official_id", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."registered_on", NEW."updated_at", NEW."user_id", NEW."value_twd", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="a261930920a27b34a5790dfc9bbe7610234f931e",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_288a2",
                            table="visits_gift",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_giftevent" ("created_at", "created_by_id", "currency", "date", "description", "description_local", "direction", "disposition", "engagement_id", "estimated_value", "event_id", "id", "member_id", "notes", "official_id", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "registered_on", "updated_at", "user_id", "value_twd", "version", "visit_id") VALUES (NEW."created_at", NEW."created_by_id", NEW."currency", NEW."date", NEW."description", NEW."description_local", NEW."direction", NEW."disposition", NEW."engagement_id", NEW."estimated_value", NEW."event_id", NEW."id", NEW."member_id", NEW."notes", NEW."official_id", NEW."organization_id", NEW."partner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."registered_on", NEW."updated_at", NEW."user_id", NEW."value_twd", NEW."version", NEW."visit_id"); RETURN NULL;',
                            hash="0403474ff8a371f7fd1f4b0fbcae337eab151475",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_619bf",
                            table="visits_gift",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_giftevent" ("created_at", "created_by_id", "currency", "date", "description", "description_local", "direction", "disposition", "engagement_id", "estimated_value", "event_id", "id", "member_id", "notes", "official_id", "organization_id", "partner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "registered_on", "updated_at", "user_id", "value_twd", "version", "visit_id") VALUES (OLD."created_at", OLD."created_by_id", OLD."currency", OLD."date", OLD."description", OLD."description_local", OLD."direction", OLD."disposition", OLD."engagement_id", OLD."estimated_value", OLD."event_id", OLD."id", OLD."member_id", OLD."notes", OLD."official_id", OLD."organization_id", OLD."partner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."registered_on", OLD."updated_at", OLD."user_id", OLD."value_twd", OLD."version", OLD."visit_id"); RETURN NULL;',
                            hash="ba4945c4d15c43c3c0c260610f29d7a805d5e592",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_7c5e5",
                            table="visits_gift",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Invitation",
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
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("sent", "sent"),
                            ("accepted", "accepted"),
                            ("declined", "declined"),
                            ("no_response", "no response"),
                            ("cancelled", "cancelled"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("sent_on", models.DateField(blank=True, null=True, verbose_name="sent on")),
                ("rsvp_by", models.DateField(blank=True, null=True, verbose_name="RSVP by")),
                (
                    "responded_on",
                    models.DateField(blank=True, null=True, verbose_name="responded on"),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "commitment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations",
                        to="visits.commitment",
                        verbose_name="fulfils commitment",
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
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations",
                        to="visits.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "invitee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations",
                        to="relations.official",
                        verbose_name="invitee",
                    ),
                ),
                (
                    "owner",
                    crm.core.fields.OwnerField(
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
            ],
            options={
                "verbose_name": "invitation",
                "verbose_name_plural": "invitations",
                "ordering": ["event", "id"],
                "indexes": [
                    models.Index(fields=["status"], name="invitation_status_idx"),
                    models.Index(
                        condition=models.Q(("status", "sent")),
                        fields=["rsvp_by"],
                        name="invitation_awaiting_idx",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("event", "invitee"), name="invitation_unique_invitee"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("status__in", ["sent", "accepted", "declined", "no_response"]),
                                _negated=True,
                            ),
                            ("sent_on__isnull", False),
                            _connector="OR",
                        ),
                        name="invitation_sent_has_date",
                    ),
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="3a17c0ef0a84e0bd8c26e28f84277741d8374c65",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_4de18",
                            table="visits_invitation",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (NEW."commitment_id", NEW."created_at", NEW."created_by_id", NEW."event_id", NEW."id", NEW."invitee_id", NEW."notes", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responded_on", NEW."rsvp_by", NEW."sent_on", NEW."status", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="ee3d99f2bc0b54ed2a4d9d6921e4644d1f766296",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_8e2c4",
                            table="visits_invitation",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_invitationevent" ("commitment_id", "created_at", "created_by_id", "event_id", "id", "invitee_id", "notes", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_on", "rsvp_by", "sent_on", "status", "updated_at", "version") VALUES (OLD."commitment_id", OLD."created_at", OLD."created_by_id", OLD."event_id", OLD."id", OLD."invitee_id", OLD."notes", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responded_on", OLD."rsvp_by", OLD."sent_on", OLD."status", OLD."updated_at", OLD."version"); RETURN NULL;',
                            hash="15b9c366f2f64d2b240d0daf37de39608bdac505",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_8b69e",
                            table="visits_invitation",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="InvitationEvent",
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
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("sent", "sent"),
                            ("accepted", "accepted"),
                            ("declined", "declined"),
                            ("no_response", "no response"),
                            ("cancelled", "cancelled"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("sent_on", models.DateField(blank=True, null=True, verbose_name="sent on")),
                ("rsvp_by", models.DateField(blank=True, null=True, verbose_name="RSVP by")),
                (
                    "responded_on",
                    models.DateField(blank=True, null=True, verbose_name="responded on"),
                ),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes"
                    ),
                ),
                (
                    "commitment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.commitment",
                        verbose_name="fulfils commitment",
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
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "invitee",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.official",
                        verbose_name="invitee",
                    ),
                ),
                (
                    "owner",
                    crm.core.fields.OwnerField(
                        db_constraint=False,
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
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
                        to="visits.invitation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="MemberAbsence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="away from")),
                ("ends_on", models.DateField(verbose_name="away until")),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="reason")),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="absences",
                        to="visits.delegationmember",
                        verbose_name="member",
                    ),
                ),
            ],
            options={
                "verbose_name": "absence",
                "verbose_name_plural": "absences",
                "ordering": ["member", "starts_on"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                        name="absence_ends_after_start",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Visit",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("outbound", "outbound"), ("inbound", "inbound")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("inspection", "inspection"),
                            ("exchange", "exchange"),
                            ("conference", "conference"),
                            ("training", "training"),
                            ("other", "other"),
                        ],
                        default="exchange",
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "purpose",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="purpose"
                    ),
                ),
                ("start_on", models.DateField(verbose_name="start")),
                ("end_on", models.DateField(verbose_name="end")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "planned"),
                            ("approved", "approved"),
                            ("ongoing", "ongoing"),
                            ("completed", "completed"),
                            ("cancelled", "cancelled"),
                        ],
                        default="planned",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "summary",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="summary"
                    ),
                ),
                (
                    "insights",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="insights and benefits"
                    ),
                ),
                (
                    "recommendations",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="recommendations"
                    ),
                ),
                (
                    "report_due_on",
                    models.DateField(
                        blank=True,
                        help_text="Defaults to three months after the end of the visit.",
                        null=True,
                        verbose_name="report due",
                    ),
                ),
                (
                    "report_submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="report submitted"),
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
                "verbose_name": "visit",
                "verbose_name_plural": "visits",
                "ordering": ["-start_on", "-id"],
                "indexes": [
                    models.Index(fields=["-start_on"], name="visit_start_idx"),
                    models.Index(fields=["direction"], name="visit_direction_idx"),
                    models.Index(fields=["status"], name="visit_status_idx"),
                    models.Index(
                        condition=models.Q(("report_submitted_on__isnull", True)),
                        fields=["report_due_on"],
                        name="visit_report_pending_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("end_on__gte", models.F("start_on"))),
                        name="visit_ends_after_start",
                    )
                ],
                "triggers": [
                    pgtrigger.compiler.Trigger(
                        name="insert_insert",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."end_on", NEW."id", NEW."insights", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."purpose", NEW."recommendations", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="aeb7633f176fbe3795c39c19240b571ef7e48706",
                            operation="INSERT",
                            pgid="pgtrigger_insert_insert_9d6da",
                            table="visits_visit",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="update_update",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                            func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (NEW."category", NEW."created_at", NEW."created_by_id", NEW."direction", NEW."end_on", NEW."id", NEW."insights", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."purpose", NEW."recommendations", NEW."report_due_on", NEW."report_submitted_on", NEW."start_on", NEW."status", NEW."summary", NEW."title", NEW."title_local", NEW."updated_at", NEW."version"); RETURN NULL;',
                            hash="cf3cbdda4e377054adb73bb9ea07170997dbd198",
                            operation="UPDATE",
                            pgid="pgtrigger_update_update_41cf1",
                            table="visits_visit",
                            when="AFTER",
                        ),
                    ),
                    pgtrigger.compiler.Trigger(
                        name="delete_delete",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            func='INSERT INTO "visits_visitevent" ("category", "created_at", "created_by_id", "direction", "end_on", "id", "insights", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "purpose", "recommendations", "report_due_on", "report_submitted_on", "start_on", "status", "summary", "title", "title_local", "updated_at", "version") VALUES (OLD."category", OLD."created_at", OLD."created_by_id", OLD."direction", OLD."end_on", OLD."id", OLD."insights", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."purpose", OLD."recommendations", OLD."report_due_on", OLD."report_submitted_on", OLD."start_on", OLD."status", OLD."summary", OLD."title", OLD."title_local", OLD."updated_at", OLD."version"); RETURN NULL;',
                            hash="8bdc3e0262cfad5b1c6478664b09a64654ec5848",
                            operation="DELETE",
                            pgid="pgtrigger_delete_delete_a3dfb",
                            table="visits_visit",
                            when="AFTER",
                        ),
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="GiftEvent",
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
                    "direction",
                    models.CharField(
                        choices=[("received", "received"), ("given", "given")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=300, verbose_name="description"),
                ),
                (
                    "description_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local description"),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "estimated_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=12,
                        null=True,
                        verbose_name="estimated value",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        default="TWD",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{3}$",
                                "Enter an ISO 4217 currency code in capitals, e.g. TWD.",
                            )
                        ],
                        verbose_name="currency",
                    ),
                ),
                (
                    "value_twd",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        editable=False,
                        help_text="Computed from the estimated value with the configured exchange rates.",
                        max_digits=14,
                        null=True,
                        verbose_name="value in TWD",
                    ),
                ),
                (
                    "disposition",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("kept_as_public_property", "kept as public property"),
                            ("displayed", "displayed"),
                            ("archived", "archived"),
                            ("donated", "donated"),
                            ("returned", "returned"),
                            ("purchased_by_recipient", "purchased by recipient"),
                        ],
                        default="pending",
                        max_length=30,
                        verbose_name="disposition",
                    ),
                ),
                (
                    "registered_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="registered with the ethics office on"
                    ),
                ),
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
                    "engagement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.engagement",
                        verbose_name="engagement",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.delegationmember",
                        verbose_name="our person (delegation member)",
                    ),
                ),
                (
                    "official",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.official",
                        verbose_name="counterpart official",
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
                        verbose_name="counterpart organization",
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
                        to="visits.gift",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="our person (user)",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="gift",
            name="visit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="gifts",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        migrations.CreateModel(
            name="EngagementEvent",
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
                ("date", models.DateField(verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                (
                    "time_zone",
                    models.CharField(
                        blank=True,
                        help_text="IANA zone of the place; defaults to the partner's.",
                        max_length=64,
                        validators=[crm.core.validators.iana_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("courtesy_call", "courtesy call"),
                            ("meeting", "meeting"),
                            ("company_visit", "company visit"),
                            ("site_visit", "site visit"),
                            ("event", "event"),
                            ("speech", "speech"),
                            ("banquet", "banquet"),
                            ("business_visit", "business visit"),
                            ("travel", "travel"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                ("location", models.CharField(blank=True, max_length=300, verbose_name="location")),
                (
                    "notes",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="notes and outcome"
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=1, verbose_name="order within the day"
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
                        to="visits.engagement",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="engagement",
            name="visit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="engagements",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        migrations.CreateModel(
            name="DelegationMemberEvent",
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
                ("order", models.PositiveSmallIntegerField(verbose_name="protocol order")),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "name_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local name"),
                ),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                (
                    "department_local",
                    models.CharField(blank=True, max_length=200, verbose_name="local department"),
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
                            ("leader", "leader"),
                            ("member", "member"),
                            ("staff", "staff"),
                            ("interpreter", "interpreter"),
                            ("press", "press"),
                        ],
                        default="member",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("joined_on", models.DateField(blank=True, null=True, verbose_name="joined on")),
                ("left_on", models.DateField(blank=True, null=True, verbose_name="left on")),
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
                    "official",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.official",
                        verbose_name="official",
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
                        to="visits.delegationmember",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="delegationmember",
            name="visit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="members",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        migrations.CreateModel(
            name="CommitmentEvent",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "details",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="details"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("invitation", "invitation"),
                            ("visit", "visit"),
                            ("exchange", "exchange"),
                            ("information", "information"),
                            ("investment", "investment"),
                            ("event", "event"),
                            ("thanks", "thanks"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due on")),
                (
                    "priority",
                    models.CharField(
                        choices=[("low", "low"), ("normal", "normal"), ("high", "high")],
                        default="normal",
                        max_length=10,
                        verbose_name="priority",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "open"),
                            ("in_progress", "in progress"),
                            ("done", "done"),
                            ("dropped", "dropped"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "completed_on",
                    models.DateField(blank=True, null=True, verbose_name="completed on"),
                ),
                (
                    "outcome",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=10000, verbose_name="outcome"
                    ),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="relations.contact",
                        verbose_name="contact",
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
                        db_constraint=False,
                        error_messages={
                            "invalid": "Choose an active officer, manager or administrator: someone who can act on this record."
                        },
                        limit_choices_to=crm.core.roles.owner_choices,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
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
                        to="visits.commitment",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "engagement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="visits.engagement",
                        verbose_name="engagement",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
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
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="commitment",
            name="visit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="commitments",
                to="visits.visit",
                verbose_name="visit",
            ),
        ),
        migrations.CreateModel(
            name="VisitEvent",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "title_local",
                    models.CharField(blank=True, max_length=300, verbose_name="local title"),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("outbound", "outbound"), ("inbound", "inbound")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("inspection", "inspection"),
                            ("exchange", "exchange"),
                            ("conference", "conference"),
                            ("training", "training"),
                            ("other", "other"),
                        ],
                        default="exchange",
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "purpose",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="purpose"
                    ),
                ),
                ("start_on", models.DateField(verbose_name="start")),
                ("end_on", models.DateField(verbose_name="end")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "planned"),
                            ("approved", "approved"),
                            ("ongoing", "ongoing"),
                            ("completed", "completed"),
                            ("cancelled", "cancelled"),
                        ],
                        default="planned",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "summary",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="summary"
                    ),
                ),
                (
                    "insights",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="insights and benefits"
                    ),
                ),
                (
                    "recommendations",
                    crm.core.fields.BoundedTextField(
                        blank=True, max_length=20000, verbose_name="recommendations"
                    ),
                ),
                (
                    "report_due_on",
                    models.DateField(
                        blank=True,
                        help_text="Defaults to three months after the end of the visit.",
                        null=True,
                        verbose_name="report due",
                    ),
                ),
                (
                    "report_submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="report submitted"),
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
                        to="visits.visit",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="VisitPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visit_links",
                        to="relations.partner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="visit_partners",
                        to="visits.visit",
                        verbose_name="visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "partner visited",
                "verbose_name_plural": "partners visited",
                "ordering": ["visit", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("visit", "partner"), name="visit_partner_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="visit",
            name="partners",
            field=models.ManyToManyField(
                blank=True,
                related_name="visits",
                through="visits.VisitPartner",
                to="relations.partner",
                verbose_name="partners visited",
            ),
        ),
        migrations.AddConstraint(
            model_name="delegationmember",
            constraint=models.UniqueConstraint(
                fields=("visit", "order"), name="member_unique_order"
            ),
        ),
    ]
