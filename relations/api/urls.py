"""Routes of the relations API (mounted under /api/v1/ by ``crm.api_urls``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from relations.api import views

router = SimpleRouter()
router.register("partners", views.PartnerViewSet)
router.register("agreements", views.AgreementViewSet)
router.register("organizations", views.OrganizationViewSet)
router.register("officials", views.OfficialViewSet)
router.register("contacts", views.ContactViewSet)
router.register("topics", views.TopicViewSet)

urlpatterns = [
    path("anniversaries/", views.AnniversaryListView.as_view(), name="anniversary-list"),
    *router.urls,
]
