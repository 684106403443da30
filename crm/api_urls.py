"""The API's URLs, mounted at /api/v1/: token, ``me``, and every app's resources."""

from __future__ import annotations

from django.urls import include, path, re_path

from crm.api import views
from crm.desk.report_views import API_VIEWS
from crm.desk.search_views import SearchApiView

app_name = "api"

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("auth/token/regenerate/", views.RegenerateTokenView.as_view(), name="token-regenerate"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/calendar/", views.RegenerateCalendarView.as_view(), name="me-calendar"),
    path("", include("relations.api.urls")),
    path("", include("visits.api.urls")),
    path("", include("crm.attachments.api")),
    *(
        path(f"reports/{name}/", view.as_view(), name=f"report-{name}")
        for name, view in API_VIEWS.items()
    ),
    path("search/", SearchApiView.as_view(), name="search"),
    # Last: any other path under /api/v1/ is a JSON 404, like the API's own 404s.
    re_path(r"", views.not_found),
]
