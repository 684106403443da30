"""The "Write a letter" page (``/letters/new/?partner=<id>``) and the download of a letter
template's Word file. Letters are written by ``visits.letters.write_letters``, which checks
the role (officers, managers and admins; viewers get 403) and logs the contact.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View

from crm.core import policy
from crm.core.formatting import local_today, pick_name
from crm.web.access import PageMixin, small_int
from relations.forms import DateInput, OfficialsField
from relations.models import Contact, Official, Partner
from visits.letters import DATE_STYLES, GREGORIAN, ROC, LetterError, template_bytes, write_letters
from visits.models import Event, Invitation, LetterTemplate, Visit

PREVIEW, SEND = "preview", "send"


class TemplateChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: LetterTemplate) -> str:
        return f"{obj.name} · {obj.get_kind_display()} · {obj.get_language_display()}"


class TitledChoice(forms.ModelChoiceField):
    """A visit or an event by its title in the reader's script."""

    def label_from_instance(self, obj) -> str:
        title = pick_name(obj.title_local, obj.title, language=get_language() or "")
        day = getattr(obj, "start_on", None) or getattr(obj, "starts_on", None)
        return f"{title} ({day:%Y-%m-%d})" if day else title


class LetterForm(forms.Form):
    """One letter per chosen official of a partner, about a visit or an event."""

    template = TemplateChoice(label=_("Template"), queryset=LetterTemplate.objects.all())
    officials = OfficialsField(
        label=_("Officials"),
        queryset=Official.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One letter each; several letters come as a zip."),
    )
    visit = TitledChoice(label=_("Visit"), queryset=Visit.objects.none(), required=False)
    event = TitledChoice(label=_("Event"), queryset=Event.objects.none(), required=False)
    date = forms.DateField(label=_("Letter date"), widget=DateInput())
    date_style = forms.ChoiceField(
        label=_("Date form"),
        choices=[(ROC, _("ROC year (民國114年7月19日)")), (GREGORIAN, _("Gregorian year"))],
        initial=ROC,
        help_text=_("English letters always use Gregorian years."),
    )
    signer_name = forms.CharField(
        label=_("Signed by"),
        max_length=200,
        required=False,
        help_text=_("Empty: the visit's leader, else you."),
    )
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, required=False)

    # The fields the page sets side by side, in rows of two.
    PAIRED = (("visit", "event"), ("date", "date_style"), ("signer_name", "signer_title"))

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["officials"].queryset = (
            Official.objects.filter(partner=partner)
            .current()
            .select_related("partner", "organization")
            .order_by("role", "name")
        )
        self.fields["visit"].queryset = Visit.objects.filter(partners=partner).order_by("-start_on")
        self.fields["event"].queryset = Event.objects.order_by("-starts_on")
        if not self.is_bound:
            self.fields["date"].initial = local_today()

    def paired_rows(self) -> list[list[forms.BoundField]]:
        return [[self[name] for name in row] for row in self.PAIRED]

    def clean_date_style(self):
        value = self.cleaned_data["date_style"]
        if value not in DATE_STYLES:
            raise forms.ValidationError(_("Choose ROC or Gregorian."))
        return value


def _partner(request) -> Partner:
    pk = small_int(request.GET.get("partner") or request.POST.get("partner"))
    if pk is None:
        raise _NoPartner
    return get_object_or_404(Partner, pk=pk)


class _NoPartner(Exception):
    """The page was opened without ``?partner=<id>`` (a 400, not a 500)."""


def _invitation_for(event: Event | None, officials) -> Invitation | None:
    """The invitation record of the one official invited to ``event``, if there is one
    (its reply date goes into the letter)."""
    if event is None or len(officials) != 1:
        return None
    return Invitation.objects.filter(event=event, invitee=officials[0]).first()


class LetterPageView(PageMixin, View):
    """GET: the form; POST ``action=preview`` downloads the letters, ``action=send`` also
    logs them on the partner's timeline."""

    template_name = "visits/letter_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not policy.can(request.user, policy.ADD, Contact):
            raise PermissionDenied(str(policy.MESSAGES[policy.ADD]))
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, partner, status=200):
        context = {"nav": "partners", "partner": partner, "form": form}
        return render(request, self.template_name, context, status=status)

    def _missing_partner(self, request):
        message = _("Open this page from a partner's page (?partner=<id>).")
        return HttpResponse(str(message), status=400, content_type="text/plain; charset=utf-8")

    def get(self, request):
        try:
            partner = _partner(request)
        except _NoPartner:
            return self._missing_partner(request)
        return self._render(request, LetterForm(partner=partner), partner)

    def post(self, request):
        try:
            partner = _partner(request)
        except _NoPartner:
            return self._missing_partner(request)
        form = LetterForm(request.POST, partner=partner)
        if form.is_valid():
            data = form.cleaned_data
            officials = list(data["officials"])
            try:
                letters = write_letters(
                    user=request.user,
                    template=data["template"],
                    officials=officials,
                    visit=data["visit"],
                    event=data["event"],
                    invitation=_invitation_for(data["event"], officials),
                    on=data["date"],
                    roc=data["date_style"] != GREGORIAN,
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    log=request.POST.get("action") == SEND,
                )
            except LetterError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, str(error.message))
            else:
                response = HttpResponse(letters.content, content_type=letters.content_type)
                response["Content-Disposition"] = f'attachment; filename="{letters.filename}"'
                return response
        return self._render(request, form, partner, status=422)


class LetterTemplateFileView(PageMixin, View):
    """The Word file a template uses (uploaded, else the shipped default), to edit."""

    def get(self, request, pk: int):
        template = get_object_or_404(LetterTemplate, pk=pk)
        content = template_bytes(template)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        filename = template.shipped or f"letter-template-{template.pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
