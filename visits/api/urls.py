"""Routes of the visits API (mounted under /api/v1/ by ``crm.api_urls``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from visits.api import views

router = SimpleRouter()
router.register("visits", views.VisitViewSet)
router.register("members", views.MemberViewSet)
router.register("engagements", views.EngagementViewSet)
router.register("commitments", views.CommitmentViewSet)
router.register("events", views.EventViewSet)
router.register("invitations", views.InvitationViewSet)
router.register("gifts", views.GiftViewSet)

urlpatterns = [
    path("visits/<int:pk>/report.docx", views.TripReportView.as_view(), name="visit-report"),
    *router.urls,
]
