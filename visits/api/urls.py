"""Routes of the visits API (mounted under /api/v1/ by ``crm.api_urls``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from visits import register_views
from visits.api import documents, views

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
    path(
        "gifts/register.xlsx",
        register_views.GiftRegisterXlsxView.as_view(),
        name="gift-register",
    ),
    path("visits/<int:pk>/report.pdf", documents.TripReportPdfView.as_view(), name="visit-pdf"),
    path(
        "visits/<int:pk>/disclosure.<str:kind>",
        documents.DisclosureView.as_view(),
        name="visit-disclosure",
    ),
    path("letters/", documents.LetterView.as_view(), name="letters"),
    path("letter-templates/", documents.LetterTemplateList.as_view(), name="letter-templates"),
    *router.urls,
]
