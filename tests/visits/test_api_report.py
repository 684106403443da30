"""GET /api/v1/visits/{id}/report.docx (SPEC §5.2, §5.5)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from visits.models import Visit

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _headings(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]


def test_a_viewer_downloads_the_demo_trip_report_in_chinese_and_english(api, demo):
    visit = Visit.objects.get()
    client = api("viewer")

    chinese = client.get(f"/api/v1/visits/{visit.pk}/report.docx")
    english = client.get(f"/api/v1/visits/{visit.pk}/report.docx?lang=en")

    assert chinese.status_code == 200
    assert chinese["Content-Type"] == DOCX
    assert "attachment" in chinese["Content-Disposition"]
    assert any(h.startswith("壹") for h in _headings(chinese.content))
    assert english.status_code == 200
    assert not any(h.startswith("壹") for h in _headings(english.content))


def test_an_unknown_language_is_a_400_and_an_unknown_visit_a_404(api, demo):
    visit = Visit.objects.get()
    client = api("viewer")
    assert client.get(f"/api/v1/visits/{visit.pk}/report.docx?lang=fr").status_code == 400
    assert client.get("/api/v1/visits/999999/report.docx").status_code == 404


def test_the_report_needs_credentials(api, demo):
    visit = Visit.objects.get()
    assert api(None).get(f"/api/v1/visits/{visit.pk}/report.docx").status_code == 401
