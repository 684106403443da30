"""CSV and XLSX import/export of partners, organizations, officials and contacts
(django-import-export). The same declarations are the columns of the list exports
(``?format=csv|xlsx``, ``crm.api.exports``), whose translated headers the import reads too.

Rows refer to other rows by what people write, not by database ids: a partner or an
organization by its English or local name, topics by slug, users by username. Every
row is validated with the model's ``full_clean()`` (field validators, choices,
constraints), so a bad row shows up as a row error in the admin's dry-run preview
and nothing is written until the preview is clean and confirmed. New rows record the
importing user as their creator, and the audit history attributes the import to them.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from crm.api.exports import choice_aliases, header_aliases
from crm.core.models import User
from crm.core.services import adopt, create_object, update_object
from relations.models import Contact, DatePrecision, Official, Organization, Partner, Topic


class NameWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the row's English or local name (塔可瑪市 or Tacoma)."""

    def __init__(self, model, lookups=("name", "name_local"), **kwargs):
        self.lookups = lookups
        super().__init__(model, field=lookups[0], **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        query = Q()
        for lookup in self.lookups:
            query |= Q(**{lookup: value})
        matches = list(self.get_queryset(value, row, **kwargs).filter(query)[:2])
        label = self.model._meta.verbose_name
        if not matches:
            raise ValueError(
                _("No %(model)s named “%(value)s”.") % {"model": label, "value": value}
            )
        if len(matches) > 1:
            raise ValueError(
                _("Several %(model)s rows are named “%(value)s”.")
                % {"model": label, "value": value}
            )
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return next((getattr(value, name) for name in self.lookups if getattr(value, name)), "")


class StrictForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by one unique field; an unknown value is a row error, not a crash."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value.strip() if isinstance(value, str) else value, row, **kwargs)
        except (ObjectDoesNotExist, MultipleObjectsReturned):
            raise ValueError(
                _("No %(model)s with %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None


class NameListWidget(widgets.ManyToManyWidget):
    """Related rows written by name for reading (export only): "塔可瑪市, Seattle"."""

    def __init__(self, model, lookups=("name", "name_local"), **kwargs):
        self.lookups = lookups
        super().__init__(model, field=lookups[0], separator=", ", **kwargs)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(
            next((getattr(row, name) for name in self.lookups if getattr(row, name)), "")
            for row in value.all()
        )


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Many-to-many by a unique field; every listed value must exist."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        if not value:
            return found
        wanted = {v.strip() for v in str(value).split(self.separator) if v.strip()}
        missing = wanted - {str(v) for v in found.values_list(self.field, flat=True)}
        if missing:
            raise ValueError(
                _("Unknown %(model)s: %(values)s.")
                % {"model": self.model._meta.verbose_name, "values": ", ".join(sorted(missing))}
            )
        return found


class UnsavedRowDiff(resources.Diff):
    """The preview's diff; a row not saved yet has no many-to-many values to read.

    (Reading them would build a related manager, whose error message formats the
    half-built row with ``__str__`` — which need not cope with missing fields.)
    """

    def __init__(self, resource, instance, new):
        self.left = self.values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = self.values(resource, instance)

    @staticmethod
    def values(resource, instance) -> list:
        unsaved = instance is not None and instance.pk is None
        return [
            ""
            if unsaved and isinstance(field.widget, widgets.ManyToManyWidget)
            else field.export(instance)
            for field in resource.get_import_fields()
        ]


class TrackedResource(resources.ModelResource):
    """Shared behaviour: model validation, the importing user as creator and audit user."""

    # Columns of the natural key that a file may leave out; they default to "".
    optional_key_columns: tuple[str, ...] = ()
    # Columns written upper-case (country codes).
    upper_case_columns: tuple[str, ...] = ()

    def get_diff_class(self):
        return UnsavedRowDiff

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        user = kwargs.get("user")
        user_id = user.pk if user is not None and user.is_authenticated else None
        with pghistory.context(user=user_id):
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )

    def before_import(self, dataset, **kwargs):
        # An exported list (crm.api.exports) heads its columns with labels in the reader's
        # language ("名稱", "Local name"): read them as the column names they stand for.
        self._choice_words = choice_aliases(self)
        if dataset.headers:
            aliases = header_aliases(self)
            dataset.headers = [
                aliases.get(str(h).strip(), h) if h is not None else h for h in dataset.headers
            ]
        for column in self.optional_key_columns:
            if dataset.headers and column not in dataset.headers:
                dataset.append_col([""] * len(dataset), header=column)

    def before_import_row(self, row, **kwargs):
        # XLSX cells read as a CSV's do: an empty cell is "" (not None), and a date (held
        # as a midnight datetime) is the date it is.
        for column, value in row.items():
            if value is None:
                row[column] = ""
            elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
                row[column] = value.date()
            elif isinstance(value, str) and column in getattr(self, "_choice_words", {}):
                # A choice written as a word of either language (姊妹市, sister city).
                row[column] = self._choice_words[column].get(value.strip(), value)
        for column in self.upper_case_columns:
            if isinstance(row.get(column), str):
                row[column] = row[column].strip().upper()

    def import_instance(self, instance, row, **kwargs):
        """Also check the many-to-many columns, so an unknown topic is a row error too."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as e:
                    errors[field.attribute] = ValidationError(str(e), code="invalid")
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """Write the row through the services: the same policy (an officer cannot give a
        partner to another desk officer), validation, creator and version bump as every
        other entry point. Dry runs go the same way inside the import's rolled-back
        transaction, so the preview shows a refused row as an error."""
        user = kwargs.get("user")
        values = self.imported_values(instance)
        instance._import_created = is_create
        if is_create:
            adopt(instance, create_object(self._meta.model, user=user, fields=values))
        else:
            update_object(instance, user=user, fields=values)
        self.after_save_instance(instance, row, **kwargs)

    def imported_values(self, instance) -> dict:
        """The row's plain (not many-to-many) fields that this file's columns set."""
        opts = instance._meta
        concrete = {f.name for f in opts.concrete_fields if not f.primary_key}
        return {
            field.attribute: getattr(instance, field.attribute)
            for field in self.get_import_fields()
            if field.attribute in concrete
        }


class PartnerResource(TrackedResource):
    owner = fields.Field(
        attribute="owner",
        column_name="owner",
        widget=StrictForeignKeyWidget(User, field="username"),
    )
    topics = fields.Field(
        attribute="topics",
        column_name="topics",
        widget=StrictManyToManyWidget(Topic, field="slug", separator=","),
    )
    established_on = fields.Field(
        attribute="established_on",
        column_name="established_on",
        widget=widgets.DateWidget(),
        readonly=True,
    )
    established_precision = fields.Field(
        attribute="established_precision", column_name="established_precision", readonly=True
    )

    optional_key_columns = ("region",)
    upper_case_columns = ("country",)

    class Meta:
        model = Partner
        fields = (
            "name",
            "name_local",
            "kind",
            "jurisdiction",
            "country",
            "region",
            "population",
            "time_zone",
            "website",
            "status",
            "owner",
            "topics",
            "notes",
            "established_on",
            "established_precision",
        )
        import_id_fields = ("country", "region", "name")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("owner").prefetch_related("topics")


class OrganizationResource(TrackedResource):
    partner = fields.Field(attribute="partner", column_name="partner", widget=NameWidget(Partner))

    optional_key_columns = ("name", "name_local", "country", "city")
    upper_case_columns = ("country",)

    class Meta:
        model = Organization
        fields = (
            "name",
            "name_local",
            "kind",
            "partner",
            "country",
            "city",
            "website",
            "notes",
        )
        import_id_fields = ("name", "name_local", "country", "city")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("partner")


class OfficialResource(TrackedResource):
    """Officials have no natural key (names repeat, offices change hands): the id column of
    an export updates those rows on re-import; rows without an id are new officials."""

    partner = fields.Field(attribute="partner", column_name="partner", widget=NameWidget(Partner))
    organization = fields.Field(
        attribute="organization", column_name="organization", widget=NameWidget(Organization)
    )

    class Meta:
        model = Official
        fields = (
            "id",
            "name",
            "name_local",
            "form_of_address",
            "title",
            "title_local",
            "role",
            "partner",
            "organization",
            "email",
            "phone",
            "preferred_language",
            "term_start",
            "term_end",
            "notes",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("partner", "organization")


class ContactResource(TrackedResource):
    """Logged contacts; our staff involved default to the importing user (as when logging)."""

    partner = fields.Field(attribute="partner", column_name="partner", widget=NameWidget(Partner))
    organization = fields.Field(
        attribute="organization", column_name="organization", widget=NameWidget(Organization)
    )
    officials = fields.Field(
        attribute="officials",
        column_name="officials",
        widget=StrictManyToManyWidget(Official, field="id", separator=","),
    )
    staff = fields.Field(
        attribute="staff",
        column_name="staff",
        widget=StrictManyToManyWidget(User, field="username", separator=","),
    )
    topics = fields.Field(
        attribute="topics",
        column_name="topics",
        widget=StrictManyToManyWidget(Topic, field="slug", separator=","),
    )

    class Meta:
        model = Contact
        fields = (
            "id",
            "occurred_on",
            "occurred_precision",
            "occurred_at",
            "channel",
            "direction",
            "subject_local",
            "subject",
            "summary_local",
            "summary",
            "partner",
            "organization",
            "officials",
            "staff",
            "topics",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("partner", "organization")
            .prefetch_related("officials", "staff", "topics")
        )

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        # An empty precision cell is a precise date, as when the column is left out.
        if "occurred_precision" in row and not (row["occurred_precision"] or "").strip():
            row["occurred_precision"] = DatePrecision.DAY

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        user = kwargs.get("user")
        if (
            getattr(instance, "_import_created", False)
            and instance.pk is not None
            and user is not None
            and user.is_authenticated
            and not instance.staff.exists()
        ):
            instance.staff.add(user)
