"""Visit pages (overview, delegation, itinerary with local and Taipei times) and the
follow-up review (SPEC §5.3). Reads come from ``visits.selectors``; writes go through
``crm.core.services`` and ``visits.services``; roles are checked on every action.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from crm.attachments.services import attachments_of_visit
from crm.attachments.views import (
    AttachFileView,
    AttachmentDownloadView,
    attachment_form_for,
    for_display,
)
from crm.core import policy
from crm.core.formatting import local_today, pick_text
from crm.core.roles import OFFICER, owners
from crm.core.services import VersionConflict, create_object, update_object
from crm.web.access import (
    PageMixin,
    WriteMixin,
    is_htmx,
    posted_version,
    request_role,
    small_int,
)
from relations.forms import DateInput
from relations.views import PAGE_SIZE
from visits import selectors
from visits.filters import VisitFilterSet
from visits.forms import (
    BulkFollowUpForm,
    CommitmentForm,
    EngagementForm,
    MemberForm,
    VisitForm,
)
from visits.models import Commitment, DelegationMember, Engagement, Visit
from visits.services import complete_commitment, review_commitment, update_commitments

SOON_DAYS = selectors.FOLLOW_UP_SOON_DAYS


# --- Itinerary ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Slot:
    """An engagement's time in its own zone and in the office's (Taipei)."""

    local: str
    zone: str
    abbreviation: str
    home: str
    day_shift: int  # the Taipei date minus the local date: +1 when it is already tomorrow


def engagement_slot(engagement: Engagement, home_zone: str) -> Slot | None:
    """``10:00 Seattle`` is ``01:00 Taipei +1``: the conversion uses each zone's rules on
    that date (daylight saving included)."""
    if engagement.start_time is None:
        return None
    zone = engagement.zone
    start = dt.datetime.combine(engagement.date, engagement.start_time, tzinfo=zone)
    local = start.strftime("%H:%M")
    if engagement.end_time:
        local += "–" + engagement.end_time.strftime("%H:%M")
    home = start.astimezone(zoneinfo.ZoneInfo(home_zone))
    return Slot(
        local=local,
        zone=zone.key,
        abbreviation=start.strftime("%Z"),
        home=home.strftime("%H:%M"),
        day_shift=(home.date() - engagement.date).days,
    )


def itinerary(visit: Visit, engagements, members) -> list[dict]:
    """Day by day from the first to the last day (and any engagement outside them),
    each with its engagements and the members away that day."""
    home_zone = settings.TIME_ZONE
    days = {}
    day = visit.start_on
    while day <= visit.end_on:
        days[day] = []
        day += dt.timedelta(days=1)
    for engagement in engagements:
        engagement.slot = engagement_slot(engagement, home_zone)
        days.setdefault(engagement.date, []).append(engagement)
    return [
        {
            "date": day,
            "engagements": items,
            "away": [m for m in members if not present_on(m, day)],
        }
        for day, items in sorted(days.items())
    ]


def present_on(member: DelegationMember, day: dt.date) -> bool:
    """Partial participation: within joined/left and not in one of the absences."""
    if member.joined_on and day < member.joined_on:
        return False
    if member.left_on and day > member.left_on:
        return False
    return not any(a.starts_on <= day <= a.ends_on for a in member.absences.all())


# --- Visits -------------------------------------------------------------------------------------


class FilteredListView(PageMixin, TemplateView):
    """A list page (``pages/list_page.html``): the rows of ``rows()`` through the resource's
    FilterSet (the API's), its form in the rail, a page of ``PAGE_SIZE`` at a time."""

    filterset_class: type
    nav = ""
    # Filters typed as dates on the page, and those the page leaves to the API.
    date_filters: tuple[str, ...] = ()
    api_only_filters: tuple[str, ...] = ("ordering",)
    # The URL name of the API's list (the downloads, with the same filters).
    export_url_name = ""

    def rows(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset_class(
            self.request.GET or None, queryset=self.rows(), request=self.request
        )
        for name in self.date_filters:
            filterset.form.fields[name].widget = DateInput()
        for name in self.api_only_filters:
            filterset.form.fields.pop(name, None)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            nav=self.nav,
            filterset=filterset,
            page=page,
            query=query.urlencode(),
            today=local_today(),
            export_url=reverse(self.export_url_name),
            list_url=self.request.path,
        )
        return context


class VisitListView(FilteredListView):
    template_name = "visits/visit_list.html"
    filterset_class = VisitFilterSet
    nav = "visits"
    date_filters = ("start_after", "start_before")
    api_only_filters = ("partner", "ordering")
    export_url_name = "api:visit-list"

    def rows(self):
        return selectors.visit_list().prefetch_related(None).prefetch_related("partners")


# The panels whose form is built only when the panel is opened (``?open=<panel>``): their
# choices read other tables (officials, organizations, owners, the itinerary) and rendering
# them on every view was a third of the page's time. htmx fetches the page with ``?open=``
# when such a panel is first opened and takes the panel's body from it; without JavaScript
# the link in the panel opens the page with the form. A form posted with errors comes back
# in its panel, open, as before.
ON_DEMAND_FORMS = {"engagement": "engagement_form", "commitment": "commitment_form"}


def visit_context(request, visit: Visit, **forms) -> dict:
    data = selectors.visit_page(visit)
    user = request.user
    context = {
        "nav": "visits",
        "visit": visit,
        "today": local_today(),
        "home_zone": settings.TIME_ZONE,
        **data,
        "days": itinerary(visit, data["engagements"], data["members"]),
        "report_url": f"/api/v1/visits/{visit.pk}/report.docx",
        "page_url": visit_url(visit),
    }
    # The forms are given what the page has read already (the partners, the itinerary, the
    # last place in the protocol order) rather than reading it again.
    partners = data["partners"]
    opened = ON_DEMAND_FORMS.get(request.GET.get("open", ""), "")
    if user.has_perm("visits.add_delegationmember"):
        next_order = max((m.order for m in data["members"]), default=0) + 1
        context["member_form"] = forms.get("member_form") or MemberForm(
            visit=visit, initial={"order": next_order}
        )
    if user.has_perm("visits.add_engagement") and "engagement_form" in (opened, *forms):
        context["engagement_form"] = forms.get("engagement_form") or EngagementForm(
            visit=visit, partners=partners
        )
    if user.has_perm("visits.add_commitment") and "commitment_form" in (opened, *forms):
        context["commitment_form"] = forms.get("commitment_form") or CommitmentForm(
            visit=visit, user=user, partners=partners, engagements=data["engagements"]
        )
    if user.has_perm("visits.change_visit"):
        context["visit_form"] = forms.get("visit_form") or VisitForm(instance=visit)
    context["attachments"] = for_display(attachments_of_visit(visit.pk), "visit")
    context["attachment_form"] = attachment_form_for(user, forms.get("attachment_form"))
    context["attach_url"] = reverse("visits:visit-attach", args=[visit.pk])
    context["attachment_url_name"] = "visits:visit-attachment"
    context["attachment_owner"] = visit.pk
    context["open_form"] = next((name for name, form in forms.items() if form is not None), opened)
    context["conflict"] = forms.get("conflict")
    return context


class VisitDetailView(PageMixin, View):
    def get(self, request, pk: int):
        visit = get_object_or_404(Visit, pk=pk)
        return render(request, "visits/visit_detail.html", visit_context(request, visit))


class _AddToVisitView(WriteMixin, View):
    """POST a form that adds one row to a visit; on errors the page comes back with them."""

    model = None
    form_class = None
    form_name = ""
    anchor = ""
    many: tuple[str, ...] = ()
    success_message = ""

    def make_form(self, request, visit):
        return self.form_class(request.POST, visit=visit)

    def post(self, request, pk: int):
        visit = get_object_or_404(Visit, pk=pk)
        form = self.make_form(request, visit)
        if form.is_valid():
            fields = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in self.many and name in {f.name for f in self.model._meta.fields}
            }
            try:
                create_object(
                    self.model,
                    user=request.user,
                    fields={**fields, "visit": visit},
                    many={name: form.cleaned_data[name] for name in self.many},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message)
                return redirect(f"{visit_url(visit)}#{self.anchor}")
        return render(
            request,
            "visits/visit_detail.html",
            visit_context(request, visit, **{self.form_name: form}),
            status=422,
        )


def visit_url(visit: Visit) -> str:
    return reverse("visits:visit-detail", args=[visit.pk])


class AddMemberView(_AddToVisitView):
    permission_required = "visits.add_delegationmember"
    model = DelegationMember
    form_class = MemberForm
    form_name = "member_form"
    anchor = "delegation"
    success_message = gettext_lazy("Delegation member added.")


class AddEngagementView(_AddToVisitView):
    permission_required = "visits.add_engagement"
    model = Engagement
    form_class = EngagementForm
    form_name = "engagement_form"
    anchor = "itinerary"
    success_message = gettext_lazy("Engagement added to the itinerary.")
    many = ("officials",)


class AddCommitmentView(_AddToVisitView):
    permission_required = "visits.add_commitment"
    model = Commitment
    form_class = CommitmentForm
    form_name = "commitment_form"
    anchor = "commitments"
    success_message = gettext_lazy("Commitment added.")

    def make_form(self, request, visit):
        return CommitmentForm(request.POST, visit=visit, user=request.user)


class EditVisitView(WriteMixin, View):
    """Edit the visit's overview; a stale version is refused with a conflict message."""

    permission_required = "visits.change_visit"

    def post(self, request, pk: int):
        visit = get_object_or_404(Visit, pk=pk)
        form = VisitForm(request.POST, instance=Visit.objects.get(pk=pk))
        conflict = None
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in VisitForm.Meta.fields}
            try:
                update_object(
                    visit,
                    user=request.user,
                    fields=fields,
                    expected_version=form.cleaned_data["version"],
                )
            except VersionConflict as error:
                conflict = error
                visit.refresh_from_db()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Visit saved."))
                return redirect(visit_url(visit))
        return render(
            request,
            "visits/visit_detail.html",
            visit_context(request, visit, visit_form=form, conflict=conflict),
            status=409 if conflict else 422,
        )


class AttachToVisitView(AttachFileView):
    """POST the "attach a file" form of a visit's page."""

    model = Visit
    target_type = "visit"

    def page_url(self, target) -> str:
        return visit_url(target)

    def render_with_errors(self, request, target, form):
        context = visit_context(request, target, attachment_form=form)
        return render(request, "visits/visit_detail.html", context, status=422)


class VisitAttachmentView(AttachmentDownloadView):
    """Download a file listed on a visit's page (its own, its engagements' and gifts')."""

    def scope(self, pk: int):
        return attachments_of_visit(pk)


# --- Follow-ups ---------------------------------------------------------------------------------


def _owner_filter(request):
    """Officers see their own follow-ups; managers, admins and viewers everyone's
    (narrowed with ``?owner=<id>``: any user who owns commitments, also one who has left
    and whose follow-ups are to be handed over)."""
    if request_role(request) == OFFICER:
        return request.user
    owner_id = small_int(request.GET.get("owner"))
    if owner_id is not None:
        return get_user_model().objects.filter(pk=owner_id).first()
    return None


# Each section shows its first rows; "show all" pages through one section (SPEC §1 scale:
# 100,000 commitments). The dashboard lists at most 20 of the user's own, soonest first, in
# the page's order, so each of its links lands on a row shown here.
SECTION_ROWS = 50
SECTION_PAGE_SIZE = 50


def _section_titles() -> dict[str, str]:
    return {
        "overdue": _("Overdue"),
        "due_soon": _("Due within %(n)d days") % {"n": SOON_DAYS},
        "later": _("Due later"),
        "undated": _("No due date"),
        "awaiting_review": _("Done, awaiting review"),
    }


def _page_query(request, **extra) -> str:
    """The page's own query string (owner, section, page), for links and the way back."""
    query = QueryDict(mutable=True)
    for name in ("owner", "section", "page"):
        if request.GET.get(name):
            query[name] = request.GET[name]
    for name, value in extra.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


def follow_ups_context(request, **extra) -> dict:
    """What the follow-up page shows: every open commitment in one of four sections, the
    closed ones awaiting review, counts per owner, and the bulk actions the user may take."""
    user = request.user
    today = local_today()
    owner = _owner_filter(request)
    by_owner = selectors.follow_up_counts(today=today, owner=owner, soon_days=SOON_DAYS)
    totals = selectors.follow_up_totals(by_owner)
    titles = _section_titles()
    only = request.GET.get("section")
    only = only if only in selectors.FOLLOW_UP_SECTIONS else None
    sections, page = [], None
    for name in [only] if only else selectors.FOLLOW_UP_SECTIONS:
        rows = selectors.follow_up_rows(today=today, section=name, owner=owner, soon_days=SOON_DAYS)
        if only:
            page = Paginator(rows, SECTION_PAGE_SIZE).get_page(request.GET.get("page"))
            rows = page.object_list
        else:
            rows = list(rows[:SECTION_ROWS])
        sections.append(
            {
                "key": name.replace("_", "-"),
                "name": name,
                "title": titles[name],
                "rows": rows,
                "count": totals[name],
                "hidden": totals[name] - len(rows) if not only else 0,
                "all_url": "?" + _page_query(request, section=name, page=None),
            }
        )
    can_change = policy.can(user, policy.CHANGE, Commitment)
    context = {
        "nav": "follow-ups",
        "today": today,
        "owner": owner,
        "own_only": request_role(request) == OFFICER,
        "soon_days": SOON_DAYS,
        "sections": sections,
        "section_links": [
            (name.replace("_", "-"), titles[name], totals[name])
            for name in selectors.FOLLOW_UP_SECTIONS
        ],
        "only": only,
        "page": page,
        "query": _page_query(request, page=None),
        "everything_url": "?" + _page_query(request, section=None, page=None),
        "totals": totals,
        "by_owner": by_owner,
        "owners": list(owners()),
        "selectable": can_change,
        "may_reassign": policy.can(user, policy.REASSIGN, Commitment),
        "bulk_url": reverse("visits:follow-ups-bulk") + "?" + _page_query(request),
    }
    if can_change:
        context["bulk_form"] = BulkFollowUpForm()
    context.update(extra)
    # After a refused bulk request the rows ticked stay ticked (by id: the versions shown
    # are the current ones, so a second try checks against what is on the screen now).
    checked = getattr(context.get("bulk_form"), "cleaned_data", None) or {}
    context["ticked"] = set(checked.get("selected") or ())
    return context


class FollowUpsView(PageMixin, TemplateView):
    template_name = "visits/follow_ups.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(follow_ups_context(self.request))
        return context


class BulkFollowUpsView(WriteMixin, View):
    """Reassign several follow-ups, or give them one due date, all or nothing.

    Success: back to the list with a message saying how many changed. A refused row
    (stale version 409, deleted 409, the policy 403, invalid 422) changes nothing and the
    list comes back with a message naming the row, the ticks kept.
    """

    permission_required = "visits.change_commitment"

    def post(self, request):
        form = BulkFollowUpForm(request.POST)
        if not form.is_valid():
            return self.again(request, form, 422, None)
        try:
            changed = update_commitments(
                form.cleaned_data["selected"], user=request.user, fields=form.changes()
            )
        except VersionConflict as error:
            problem = _(
                "Nothing was changed: “%(title)s” was changed by someone else meanwhile. "
                "The list shows it as it is now; check it and try again."
            ) % {"title": _title_of(error.commitment_id)}
            return self.again(request, form, 409, problem)
        except Commitment.DoesNotExist:
            problem = _(
                "Nothing was changed: one of the ticked follow-ups no longer exists. "
                "The list shows what is there now."
            )
            return self.again(request, form, 409, problem)
        except PermissionDenied as error:
            problem = _("Nothing was changed: %(reason)s") % {"reason": error}
            return self.again(request, form, 403, problem)
        except ValidationError as error:
            problem = _("Nothing was changed: “%(title)s”: %(reason)s") % {
                "title": _title_of(error.commitment_id),
                "reason": " ".join(error.messages),
            }
            return self.again(request, form, 422, problem)
        messages.success(
            request,
            ngettext("%(n)d follow-up changed.", "%(n)d follow-ups changed.", changed)
            % {"n": changed},
        )
        return redirect(f"{reverse('visits:follow-ups')}?{_page_query(request)}")

    def again(self, request, form, status: int, problem: str | None):
        context = follow_ups_context(request, bulk_form=form, bulk_problem=problem)
        return render(request, "visits/follow_ups.html", context, status=status)


def _title_of(commitment_id: int) -> str:
    commitment = Commitment.objects.filter(pk=commitment_id).first()
    if commitment is None:
        return str(commitment_id)
    return pick_text(commitment, "title", language=translation.get_language() or "")


class _CommitmentActionView(WriteMixin, View):
    """One in-place action on a follow-up; htmx gets the row back, others a redirect."""

    permission_required = "visits.change_commitment"
    success_message = gettext_lazy("Saved.")

    def act(self, request, commitment: Commitment, version: int | None):
        raise NotImplementedError

    def post(self, request, pk: int):
        commitment = get_object_or_404(Commitment.objects.select_related("owner"), pk=pk)
        version = posted_version(request)
        errors, conflict, status = {}, None, 200
        try:
            self.act(request, commitment, version)
        except VersionConflict as error:
            conflict, status = error, 409
        except ValidationError as error:
            errors, status = error.message_dict, 422
        if not is_htmx(request) and status == 200:
            messages.success(request, self.success_message)
            return redirect(f"{reverse('visits:follow-ups')}#commitment-{pk}")
        row = (
            Commitment.objects.select_related("owner", "partner", "visit", "reviewed_by")
            .filter(pk=pk)
            .first()
        )
        return render(
            request,
            "visits/_follow_up.html",
            {
                "c": row,
                "today": local_today(),
                "owners": list(owners()),
                "selectable": policy.can(request.user, policy.CHANGE, Commitment),
                "errors": errors,
                "conflict": conflict,
                "posted": request.POST,
                "action": self.name,
                "saved": status == 200,
            },
            status=status,
        )


class CompleteView(_CommitmentActionView):
    name = "complete"
    success_message = gettext_lazy("Follow-up closed.")

    def act(self, request, commitment, version):
        status = request.POST.get("status") or Commitment.Status.DONE
        outcome_local = request.POST.get("outcome_local", "")
        outcome = request.POST.get("outcome", "")
        # The office's language is the field the form asks for; English beside it is optional.
        if not Commitment.states_outcome(outcome_local, outcome):
            raise ValidationError({"outcome_local": [_("Say what came of it before closing.")]})
        complete_commitment(
            commitment,
            user=request.user,
            outcome_local=outcome_local,
            outcome=outcome,
            status=status,
            expected_version=version,
        )


class ChangeDueView(_CommitmentActionView):
    name = "due"
    success_message = gettext_lazy("Due date saved.")

    def act(self, request, commitment, version):
        raw = request.POST.get("due_on", "")
        try:
            due_on = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            raise ValidationError({"due_on": [_("Enter a valid date.")]}) from None
        update_object(
            commitment, user=request.user, fields={"due_on": due_on}, expected_version=version
        )


class ReassignView(_CommitmentActionView):
    # Who may give a follow-up to someone else is the policy's (the service checks it).
    name = "reassign"
    success_message = gettext_lazy("Follow-up reassigned.")

    def act(self, request, commitment, version):
        owner = owners().filter(pk=small_int(request.POST.get("owner")) or 0).first()
        if owner is None:
            raise ValidationError({"owner": [_("Choose an officer or manager.")]})
        update_object(
            commitment, user=request.user, fields={"owner": owner}, expected_version=version
        )


class ReviewView(_CommitmentActionView):
    name = "review"
    success_message = gettext_lazy("Review recorded.")

    def act(self, request, commitment, version):
        review_commitment(commitment, user=request.user, expected_version=version)
