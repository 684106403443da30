"""The pages, the admin and Swagger UI work under the Content-Security-Policy (SPEC §5.2, §7)."""

from __future__ import annotations

import pytest

from tests.pages.conftest import sign_in

pytestmark = pytest.mark.browser


def _watch_for_csp_violations(tab) -> list[str]:
    violations: list[str] = []
    tab.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_no_page_breaks_the_content_security_policy(tab, demo_users):
    from relations.models import Partner
    from visits.models import Visit

    violations = _watch_for_csp_violations(tab)
    sign_in(tab, "admin")
    tacoma = Partner.objects.get(name_local="塔可瑪市")
    visit = Visit.objects.get()
    for path in (
        "/",
        f"/partners/{tacoma.pk}/",
        f"/visits/{visit.pk}/",
        "/follow-ups/",
        f"/admin/relations/partner/{tacoma.pk}/change/",
    ):
        response = tab.goto(f"{tab.base}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations == []


def test_swagger_ui_renders_from_local_assets_under_the_policy(tab, demo_users):
    violations = _watch_for_csp_violations(tab)
    outside: list[str] = []
    tab.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(tab.base) else None
        ),
    )
    sign_in(tab, "viewer")
    tab.goto(f"{tab.base}/api/docs/")
    tab.locator(".swagger-ui .info .title").wait_for()
    assert tab.locator(".opblock-tag", has_text="partners").count() >= 1
    assert violations == []
    assert outside == []  # no CDN: every asset came from our own server
