"""CSV import with a dry-run preview, and CSV export (SPEC §5.1, django-import-export)."""

from __future__ import annotations

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crm.core.audit import history_for
from relations.models import Contact, Official, Organization, Partner
from relations.resources import (
    ContactResource,
    OfficialResource,
    OrganizationResource,
    PartnerResource,
)
from tests import factories

GOOD_ROW = "Tacoma,塔可瑪市,sister,city,US,Washington,America/Los_Angeles,education"
BAD_ROW = "Nowhere,無名市,twin,city,usa,,Mars/Base,education"
HEADER = "name,name_local,kind,jurisdiction,country,region,time_zone,topics"


def csv_file(*lines: str, name: str = "partners.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def education(db):
    return factories.TopicFactory(slug="education", name="Education", name_local="教育")


def dataset(*lines: str) -> tablib.Dataset:
    return tablib.Dataset().load("\n".join(lines) + "\n", format="csv")


@pytest.mark.django_db
def test_a_dry_run_reports_the_bad_row_and_writes_nothing(admin_user, education):
    result = PartnerResource().import_data(
        dataset(HEADER, GOOD_ROW, BAD_ROW), dry_run=True, raise_errors=False, user=admin_user
    )

    assert result.has_validation_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    errors = invalid[0].error_dict
    assert {"kind", "country", "time_zone"} <= set(errors)
    assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_a_row_without_a_name_or_with_an_unknown_topic_is_a_row_error(admin_user, education):
    result = PartnerResource().import_data(
        dataset(
            HEADER,
            ",無名市,sister,city,US,,,education",
            "Seattle,西雅圖市,prospective,city,US,Washington,,libraries",
        ),
        dry_run=True,
        user=admin_user,
    )

    assert [row.number for row in result.invalid_rows] == [1, 2]
    assert "name" in result.invalid_rows[0].error_dict
    assert "libraries" in str(result.invalid_rows[1].error_dict["topics"])
    assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_the_admin_import_preview_shows_the_row_error_and_offers_no_confirm(
    staff_client, education
):
    response = staff_client.post(
        reverse("admin:relations_partner_import"),
        {"resource": "0", "format": "0", "import_file": csv_file(HEADER, GOOD_ROW, BAD_ROW)},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "Enter an ISO 3166-1 alpha-2 country code" in html
    assert "Mars/Base" in html
    assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_a_confirmed_import_writes_the_rows_with_the_importer_as_creator(
    staff_client, admin_user, education
):
    preview = staff_client.post(
        reverse("admin:relations_partner_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_file(
                HEADER, GOOD_ROW, "San Diego,聖地牙哥市,sister,city,us,California,,"
            ),
        },
    )
    assert preview.status_code == 200
    assert not preview.context["result"].has_validation_errors()
    assert Partner.objects.count() == 0  # the preview is a dry run
    confirm = preview.context["confirm_form"]

    response = staff_client.post(reverse("admin:relations_partner_process_import"), confirm.initial)

    assert response.status_code == 302
    tacoma = Partner.objects.get(name="Tacoma")
    assert tacoma.name_local == "塔可瑪市"
    assert tacoma.created_by == admin_user
    assert list(tacoma.topics.all()) == [education]
    san_diego = Partner.objects.get(name="San Diego")
    assert san_diego.country == "US"
    assert san_diego.created_by == admin_user
    assert history_for(tacoma)[0]["user"] == admin_user.username


@pytest.mark.django_db
def test_reimporting_a_partner_updates_it_by_country_region_and_name(admin_user, education):
    factories.PartnerFactory(name="Tacoma", name_local="塔柯瑪", country="US", region="Washington")

    result = PartnerResource().import_data(dataset(HEADER, GOOD_ROW), user=admin_user)

    assert not result.has_errors()
    assert not result.has_validation_errors()
    tacoma = Partner.objects.get()
    assert tacoma.name_local == "塔可瑪市"


@pytest.mark.django_db
def test_officials_refer_to_partners_and_organizations_by_either_name(admin_user):
    tacoma = factories.PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    library = factories.OrganizationFactory(name="Seattle Public Library", name_local="")
    header = "name,name_local,title,title_local,role,partner,organization"

    result = OfficialResource().import_data(
        dataset(
            header,
            "Kristina Walker,,Deputy Mayor,副市長,deputy_mayor,塔可瑪市,",
            "Tom Fay,,Chief Librarian,館長,agency_head,,Seattle Public Library",
            "Nobody,,Mayor,市長,mayor,Atlantis,",
            "No Office,,Mayor,市長,mayor,,",
        ),
        user=admin_user,
        use_transactions=True,
    )

    assert [row.number for row in result.invalid_rows] == [3, 4]
    assert "Atlantis" in str(result.invalid_rows[0].error_dict["partner"])
    assert Official.objects.get(name="Kristina Walker").partner == tacoma
    assert Official.objects.get(name="Tom Fay").organization == library
    assert Official.objects.get(name="Tom Fay").created_by == admin_user


@pytest.mark.django_db
def test_organizations_import_and_a_bad_kind_is_a_row_error(admin_user):
    factories.PartnerFactory(name="Seattle", name_local="西雅圖市")
    header = "name,name_local,kind,partner,country,city"

    result = OrganizationResource().import_data(
        dataset(
            header,
            "Seattle Public Library,西雅圖公共圖書館,library,Seattle,us,Seattle",
            "Acme,,rocketry,,US,",
        ),
        dry_run=True,
        user=admin_user,
    )

    assert [row.number for row in result.invalid_rows] == [2]
    assert "kind" in result.invalid_rows[0].error_dict
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_imported_contacts_have_the_importer_as_staff(admin_user):
    factories.PartnerFactory(name="Cupertino", name_local="庫比蒂諾市")
    header = "occurred_on,channel,direction,subject,partner,staff"

    result = ContactResource().import_data(
        dataset(
            header,
            "2024-07-24,meeting,mutual,Courtesy call,Cupertino,",
            "2024-07-25,pigeon,mutual,Bad channel,Cupertino,",
            "2024-07-26,email,outgoing,Nobody to contact,,",
        ),
        user=admin_user,
    )

    assert [row.number for row in result.invalid_rows] == [2, 3]
    contact = Contact.objects.get()
    assert contact.created_by == admin_user
    assert list(contact.staff.all()) == [admin_user]


@pytest.mark.django_db
def test_the_partner_export_is_a_csv_with_local_names(staff_client):
    factories.PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    fields = PartnerResource().get_export_order()

    response = staff_client.post(
        reverse("admin:relations_partner_export"),
        {"resource": "0", "format": "0", **{f"partnerresource_{name}": "on" for name in fields}},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.split(",")[:2] == ["name", "name_local"]
    assert row.startswith("Tacoma,塔可瑪市,")
