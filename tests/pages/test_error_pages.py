"""The 403, 404 and 500 pages speak the reader's language and lead back to the dashboard.

Run as in production (``DEBUG`` off). The 500 page stands alone: rendered without the
request's context and without a single query, it shows even when the database is down.
This module is also the URLconf of the 500 test (the site's URLs plus one that fails).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import translation
from django.views.defaults import server_error

from tests.pages.conftest import text

pytestmark = pytest.mark.django_db


def fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", fails), path("", include("crm.urls"))]

WORDS = {
    "zh-hant": {
        403: ("無此權限", "回到首頁"),
        404: ("找不到頁面", "回到首頁"),
        500: ("發生錯誤", "回到首頁"),
    },
    "en": {
        403: ("Not allowed", "Back to the dashboard"),
        404: ("Page not found", "Back to the dashboard"),
        500: ("Something went wrong", "Back to the dashboard"),
    },
}


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False


def _signed_in(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _assert_page(response, status, language):
    assert response.status_code == status
    body = response.content.decode()
    title, back = WORDS[language][status]
    assert title in text(body)
    assert back in text(body)
    assert 'href="/"' in body  # the way back to the dashboard
    expected = "zh-Hant-TW" if language == "zh-hant" else "en"
    assert f'<html lang="{expected}">' in body


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_an_unknown_address_gets_the_404_page_in_the_readers_language(client, officer, language):
    response = _signed_in(client, officer, language).get("/partners/999999/")
    _assert_page(response, 404, language)
    assert "Sign out" in text(response.content.decode()) or "登出" in text(
        response.content.decode()
    )  # the usual header: the reader is still signed in


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_refused_action_gets_the_403_page_in_the_readers_language(client, viewer, language):
    from tests.factories import VisitFactory

    visit = VisitFactory()
    response = _signed_in(client, viewer, language).post(f"/visits/{visit.pk}/edit/", {})
    _assert_page(response, 403, language)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_bug_gets_the_500_page_in_the_readers_language(client, officer, language, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = _signed_in(client, officer, language).get("/fails/")
    _assert_page(response, 500, language)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_500_page_needs_no_database_and_no_context(rf, language):
    request = rf.get("/anything/")
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert len(queries) == 0
    _assert_page(response, 500, language)
