"""Visit and follow-up pages."""

from __future__ import annotations

from django.urls import path

from visits import letter_views, record_views, register_views, views

app_name = "visits"

urlpatterns = [
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/new/", record_views.VisitCreateView.as_view(), name="visit-new"),
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
    # Records on pages of their own (visits.record_views).
    path("visits/<int:pk>/change/", record_views.VisitUpdateView.as_view(), name="visit-change"),
    path("visits/<int:pk>/delete/", record_views.VisitDeleteView.as_view(), name="visit-delete"),
    path(
        "visits/<int:visit_pk>/gifts/new/",
        record_views.GiftCreateView.as_view(),
        name="visit-gift-new",
    ),
    path(
        "visits/members/<int:pk>/edit/",
        record_views.MemberUpdateView.as_view(),
        name="member-edit",
    ),
    path(
        "visits/members/<int:pk>/delete/",
        record_views.MemberDeleteView.as_view(),
        name="member-delete",
    ),
    path(
        "visits/members/<int:delegationmember_pk>/absences/new/",
        record_views.AbsenceCreateView.as_view(),
        name="absence-new",
    ),
    path(
        "visits/absences/<int:pk>/delete/",
        record_views.AbsenceDeleteView.as_view(),
        name="absence-delete",
    ),
    path(
        "visits/engagements/<int:pk>/edit/",
        record_views.EngagementUpdateView.as_view(),
        name="engagement-edit",
    ),
    path(
        "visits/engagements/<int:pk>/delete/",
        record_views.EngagementDeleteView.as_view(),
        name="engagement-delete",
    ),
    path(
        "commitments/<int:pk>/edit/",
        record_views.CommitmentUpdateView.as_view(),
        name="commitment-edit",
    ),
    path(
        "commitments/<int:pk>/delete/",
        record_views.CommitmentDeleteView.as_view(),
        name="commitment-delete",
    ),
    path("events/", record_views.EventListView.as_view(), name="event-list"),
    path("events/new/", record_views.EventCreateView.as_view(), name="event-new"),
    path("events/<int:pk>/", record_views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/edit/", record_views.EventUpdateView.as_view(), name="event-edit"),
    path("events/<int:pk>/delete/", record_views.EventDeleteView.as_view(), name="event-delete"),
    path(
        "events/<int:event_pk>/invitations/new/",
        record_views.InvitationCreateView.as_view(),
        name="invitation-new",
    ),
    path(
        "events/<int:event_pk>/gifts/new/",
        record_views.GiftCreateView.as_view(),
        name="event-gift-new",
    ),
    path(
        "invitations/<int:pk>/edit/",
        record_views.InvitationUpdateView.as_view(),
        name="invitation-edit",
    ),
    path(
        "invitations/<int:pk>/delete/",
        record_views.InvitationDeleteView.as_view(),
        name="invitation-delete",
    ),
    path(
        "officials/options/",
        record_views.OfficialOptionsView.as_view(),
        name="official-options",
    ),
    path("gifts/new/", record_views.GiftCreateView.as_view(), name="gift-new"),
    path("gifts/<int:pk>/edit/", record_views.GiftUpdateView.as_view(), name="gift-edit"),
    path("gifts/<int:pk>/delete/", record_views.GiftDeleteView.as_view(), name="gift-delete"),
    path("gifts/register/", register_views.GiftRegisterView.as_view(), name="gift-register"),
    path("letters/new/", letter_views.LetterPageView.as_view(), name="letter-new"),
    path(
        "letters/templates/<int:pk>/file.docx",
        letter_views.LetterTemplateFileView.as_view(),
        name="letter-template-file",
    ),
    path("follow-ups/", views.FollowUpsView.as_view(), name="follow-ups"),
    path("follow-ups/bulk/", views.BulkFollowUpsView.as_view(), name="follow-ups-bulk"),
    path("follow-ups/<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("follow-ups/<int:pk>/due/", views.ChangeDueView.as_view(), name="change-due"),
    path("follow-ups/<int:pk>/reassign/", views.ReassignView.as_view(), name="reassign"),
    path("follow-ups/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
]
