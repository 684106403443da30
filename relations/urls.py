"""Partner pages, under /partners/."""

from __future__ import annotations

from django.urls import path

from relations import views

app_name = "relations"

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("<int:pk>/contacts/", views.LogContactView.as_view(), name="log-contact"),
    path("<int:pk>/attachments/", views.AttachToPartnerView.as_view(), name="partner-attach"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.PartnerAttachmentView.as_view(),
        name="partner-attachment",
    ),
]
