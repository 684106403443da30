"""Visit and follow-up pages."""

from __future__ import annotations

from django.urls import path

from visits import views

app_name = "visits"

urlpatterns = [
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit-detail"),
    path("visits/<int:pk>/edit/", views.EditVisitView.as_view(), name="visit-edit"),
    path("visits/<int:pk>/members/", views.AddMemberView.as_view(), name="member-add"),
    path("visits/<int:pk>/engagements/", views.AddEngagementView.as_view(), name="engagement-add"),
    path("visits/<int:pk>/commitments/", views.AddCommitmentView.as_view(), name="commitment-add"),
    path("visits/<int:pk>/attachments/", views.AttachToVisitView.as_view(), name="visit-attach"),
    path(
        "visits/<int:pk>/attachments/<int:attachment_pk>/",
        views.VisitAttachmentView.as_view(),
        name="visit-attachment",
    ),
    path("follow-ups/", views.FollowUpsView.as_view(), name="follow-ups"),
    path("follow-ups/<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("follow-ups/<int:pk>/due/", views.ChangeDueView.as_view(), name="change-due"),
    path("follow-ups/<int:pk>/reassign/", views.ReassignView.as_view(), name="reassign"),
    path("follow-ups/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
]
