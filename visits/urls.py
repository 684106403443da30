"""Visit and follow-up pages."""

from __future__ import annotations

from django.urls import path

from visits import letter_views, register_views, views
from visits import record_views as rv

app_name = "visits"


def _records(prefix: str, kind: str, *, new=None, edit=None, delete) -> list:
    """``<prefix>/new/``, ``<prefix>/<pk>/edit/`` and ``<prefix>/<pk>/delete/`` of a record
    (named ``<kind>-new``, ``<kind>-edit``, ``<kind>-delete``), for the views given."""
    routes = (
        ("new/", new, "new"),
        ("<int:pk>/edit/", edit, "edit"),
        ("<int:pk>/delete/", delete, "delete"),
    )
    return [
        path(f"{prefix}/{route}", view.as_view(), name=f"{kind}-{action}")
        for route, view, action in routes
        if view is not None
    ]


urlpatterns = [
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/new/", rv.VisitCreateView.as_view(), name="visit-new"),
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
    path("visits/<int:pk>/change/", rv.VisitUpdateView.as_view(), name="visit-change"),
    path("visits/<int:pk>/delete/", rv.VisitDeleteView.as_view(), name="visit-delete"),
    path("visits/<int:visit_pk>/gifts/new/", rv.GiftCreateView.as_view(), name="visit-gift-new"),
    *_records("visits/members", "member", edit=rv.MemberUpdateView, delete=rv.MemberDeleteView),
    path(
        "visits/members/<int:delegationmember_pk>/absences/new/",
        rv.AbsenceCreateView.as_view(),
        name="absence-new",
    ),
    *_records("visits/absences", "absence", delete=rv.AbsenceDeleteView),
    *_records(
        "visits/engagements",
        "engagement",
        edit=rv.EngagementUpdateView,
        delete=rv.EngagementDeleteView,
    ),
    *_records(
        "commitments", "commitment", edit=rv.CommitmentUpdateView, delete=rv.CommitmentDeleteView
    ),
    path("events/", rv.EventListView.as_view(), name="event-list"),
    *_records(
        "events",
        "event",
        new=rv.EventCreateView,
        edit=rv.EventUpdateView,
        delete=rv.EventDeleteView,
    ),
    path("events/<int:pk>/", rv.EventDetailView.as_view(), name="event-detail"),
    path(
        "events/<int:event_pk>/invitations/new/",
        rv.InvitationCreateView.as_view(),
        name="invitation-new",
    ),
    path("events/<int:event_pk>/gifts/new/", rv.GiftCreateView.as_view(), name="event-gift-new"),
    *_records(
        "invitations",
        "invitation",
        edit=rv.InvitationUpdateView,
        delete=rv.InvitationDeleteView,
    ),
    path("officials/options/", rv.OfficialOptionsView.as_view(), name="official-options"),
    *_records(
        "gifts", "gift", new=rv.GiftCreateView, edit=rv.GiftUpdateView, delete=rv.GiftDeleteView
    ),
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
