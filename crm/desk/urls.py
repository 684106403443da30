"""URLs of the server-rendered pages (SPEC §5.3): included once from ``crm.urls``."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from crm.desk import report_views, search_views, views

pages = (
    [
        path("", views.DashboardView.as_view(), name="dashboard"),
        path("profile/", views.ProfileView.as_view(), name="profile"),
        path(
            "profile/calendar/", views.RegenerateCalendarView.as_view(), name="calendar-regenerate"
        ),
        path("profile/api-token/", views.RegenerateApiTokenView.as_view(), name="api-token"),
        path("language/", views.language, name="language"),
        path("reports/", report_views.ReportView.as_view(), name="reports"),
        path("reports/<str:name>/", report_views.ReportView.as_view(), name="report"),
        path(
            "reports/<str:name>/export.<str:fmt>",
            report_views.ReportExportView.as_view(),
            name="report-export",
        ),
        path("search/", search_views.SearchPageView.as_view(), name="search"),
    ],
    "pages",
)

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("", include(pages)),
    path("partners/", include("relations.urls")),
    path("", include("visits.urls")),
]
