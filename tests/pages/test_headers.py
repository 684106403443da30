"""Headers of the pages: nothing kept in caches, a CSRF cookie scripts cannot read."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/partners/", "/follow-ups/", "/api/v1/me/", "/admin/"])
def test_signed_in_answers_are_never_stored(client, manager, url):
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_sign_in_page_is_not_stored_and_its_csrf_cookie_is_http_only(client):
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"]
    assert response.cookies["csrftoken"]["httponly"] is True
