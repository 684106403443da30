"""Response headers every dynamic answer carries."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Pages, API answers and downloads hold personal data and secrets (calendar links,
    tokens): no browser or proxy cache keeps a copy (``Cache-Control: no-store``).
    Static files are served before this (WhiteNoise, or runserver's handler) and keep
    their long cache lifetimes. A view that set its own Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
