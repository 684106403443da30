"""The user's own pages: dashboard, profile (language, ROC dates, calendar link), sign-in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language

from crm.core import api_tokens, calendar_tokens, policy
from crm.core.formatting import local_today
from crm.core.services import regenerate_calendar_token
from crm.desk.forms import PreferencesForm
from crm.outbox.models import Notification
from crm.web.access import PageMixin, set_language_cookie
from relations import selectors as relation_selectors
from relations.anniversaries import anniversaries_between
from visits import selectors as visit_selectors

DASHBOARD_DAYS = 90
DASHBOARD_ROWS = 20


class LoginView(auth_views.LoginView):
    """Django's sign-in, then the interface switches to the user's saved language."""

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        translation.activate(language)
        return set_language_cookie(response, language)


def language(request):
    """Switch the interface language: saved on the user and in Django's language cookie."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    code = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and code in dict(settings.LANGUAGES) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return set_language(request)


class DashboardView(PageMixin, TemplateView):
    template_name = "pages/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = local_today()
        context.update(
            nav="dashboard",
            today=today,
            horizon=today + dt.timedelta(days=DASHBOARD_DAYS),
            anniversaries=anniversaries_between(today, today + dt.timedelta(days=DASHBOARD_DAYS)),
            commitments=visit_selectors.dashboard_commitments(user=user, limit=DASHBOARD_ROWS),
            # The same counts as the follow-up page narrowed to the user (its links go there).
            my_follow_ups=visit_selectors.follow_up_totals(
                visit_selectors.follow_up_counts(today=today, owner=user)
            ),
            invitations=visit_selectors.dashboard_invitations(
                user=user, today=today, limit=DASHBOARD_ROWS
            ),
            visits=visit_selectors.dashboard_visits(today=today, limit=DASHBOARD_ROWS),
            cooling=relation_selectors.cooling_partners(today=today, limit=DASHBOARD_ROWS),
            failed=failed_notifications(user),
        )
        return context


def failed_notifications(user) -> dict | None:
    """For managers: how many emails finally failed, and the latest few (SPEC §3.3)."""
    if not policy.can(user, policy.CHANGE, Notification):
        return None
    failed = Notification.objects.filter(status="failed")
    return {"count": failed.count(), "latest": list(failed.order_by("-id")[:5])}


class ProfileView(PageMixin, FormView):
    template_name = "pages/profile.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            nav="profile",
            calendar_url=calendar_tokens.url_for(user),
            api_tokens_active=api_tokens.active_count(user),
            api_token_ttl_days=settings.API_TOKEN_TTL_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        user = form.save()
        translation.activate(user.language)
        messages.success(self.request, _("Your preferences are saved."))
        return set_language_cookie(redirect("pages:profile"), user.language)


class RegenerateCalendarView(PageMixin, View):
    """A new secret calendar address for the signed-in user; the old one stops working."""

    def post(self, request):
        regenerate_calendar_token(request.user)
        messages.success(
            request, _("Your calendar has a new address. Subscribe again with the one below.")
        )
        return redirect(f"{reverse('pages:profile')}#h-calendar")


class RegenerateApiTokenView(ProfileView):
    """Revoke the user's API tokens and show the new one, once, on the profile page."""

    def post(self, request, *args, **kwargs):
        token, expiry = api_tokens.regenerate(request.user)
        messages.success(request, _("A new API token is issued; the earlier ones no longer work."))
        context = self.get_context_data(form=self.get_form_class()(instance=request.user))
        context.update(new_token=token, new_token_expiry=expiry)
        return self.render_to_response(context)
