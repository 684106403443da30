"""The app's URLs plus raw-SQL control endpoints, served only by ``make bench``."""

from django.http import HttpResponse
from django.urls import path

from bench import raw
from crm.core.formatting import local_today
from crm.urls import urlpatterns as app_urlpatterns


def raw_partners(request):
    """The partners page as PostgreSQL builds it, with no Django/DRF work on top."""
    body = raw.fetch_json(raw.PARTNERS_PAGE, {"today": local_today(), "offset": 0})
    return HttpResponse(body, content_type="application/json")


urlpatterns = [path("bench/raw/partners/", raw_partners), *app_urlpatterns]
