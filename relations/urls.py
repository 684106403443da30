"""Partner pages, under /partners/."""

from __future__ import annotations

from django.urls import path

from relations import views

app_name = "relations"


def _records(kind: str, create, update, delete) -> list:
    """``/partners/<pk>/<kind>s/new/``, ``…/<record_pk>/edit/`` and ``…/<record_pk>/delete/``
    (named ``<kind>-new``, ``<kind>-edit``, ``<kind>-delete``) of a partner's records."""
    routes = [
        path(f"<int:pk>/{kind}s/<int:record_pk>/edit/", update.as_view(), name=f"{kind}-edit"),
        path(f"<int:pk>/{kind}s/<int:record_pk>/delete/", delete.as_view(), name=f"{kind}-delete"),
    ]
    if create is not None:
        routes.append(path(f"<int:pk>/{kind}s/new/", create.as_view(), name=f"{kind}-new"))
    return routes


urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path("new/", views.PartnerCreateView.as_view(), name="partner-new"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("<int:pk>/edit/", views.PartnerUpdateView.as_view(), name="partner-edit"),
    path("<int:pk>/delete/", views.PartnerDeleteView.as_view(), name="partner-delete"),
    path("<int:pk>/contacts/", views.LogContactView.as_view(), name="log-contact"),
    *_records(
        "agreement", views.AgreementCreateView, views.AgreementUpdateView, views.AgreementDeleteView
    ),
    *_records(
        "official", views.OfficialCreateView, views.OfficialUpdateView, views.OfficialDeleteView
    ),
    *_records(
        "organization",
        views.OrganizationCreateView,
        views.OrganizationUpdateView,
        views.OrganizationDeleteView,
    ),
    *_records("contact", None, views.ContactUpdateView, views.ContactDeleteView),
    path("<int:pk>/attachments/", views.AttachToPartnerView.as_view(), name="partner-attach"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.PartnerAttachmentView.as_view(),
        name="partner-attachment",
    ),
]
