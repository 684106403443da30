"""Partner pages, under /partners/."""

from __future__ import annotations

from django.urls import path

from relations import views

app_name = "relations"

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("<int:pk>/contacts/", views.LogContactView.as_view(), name="log-contact"),
]
