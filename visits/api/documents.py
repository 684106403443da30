"""Documents of the visits API: letters, the trip report's PDF and its disclosure record.

* ``POST /api/v1/letters/`` — invitation and thank-you letters (``visits.letters``);
* ``GET /api/v1/letter-templates/`` — the templates to choose from;
* ``GET /api/v1/visits/{id}/report.pdf`` — the trip report through LibreOffice (503 with a
  JSON message where it is not installed);
* ``GET /api/v1/visits/{id}/disclosure.json|.csv|.xlsx`` — the catalogue fields of the
  national trip-report system (``visits.disclosure``).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from crm.api.permissions import RolePermissions, requires
from relations.models import Contact, Official
from visits import disclosure
from visits.letters import DATE_STYLES, GREGORIAN, MAX_LETTERS, LetterError, write_letters
from visits.models import Event, Invitation, LetterTemplate, Visit

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["zh-hant", "en"], description=_("Language of the report.")
)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language(request) -> str:
    language = request.query_params.get("lang") or "zh-hant"
    if language not in ("zh-hant", "en"):
        raise ValidationError({"lang": [_("Use zh-hant or en.")]})
    return language


# --- letters ------------------------------------------------------------------------------


class LetterTemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = LetterTemplate
        fields = ("id", "name", "kind", "language", "shipped", "version")


class LetterTemplateList(ListAPIView):
    """The letter templates (the shipped defaults and the office's own)."""

    permission_classes = [requires("visits.view_lettertemplate")]
    queryset = LetterTemplate.objects.order_by("kind", "language", "name")
    serializer_class = LetterTemplateSerializer
    filter_backends = []
    pagination_class = None


class LetterRequestSerializer(serializers.Serializer):
    template = serializers.PrimaryKeyRelatedField(queryset=LetterTemplate.objects.all())
    officials = serializers.PrimaryKeyRelatedField(
        queryset=Official.objects.select_related("partner", "organization"),
        many=True,
        required=False,
        help_text=_("One letter each; several give a zip. Default: the invitation's invitee."),
    )
    visit = serializers.PrimaryKeyRelatedField(
        queryset=Visit.objects.all(), required=False, allow_null=True
    )
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.all(), required=False, allow_null=True
    )
    invitation = serializers.PrimaryKeyRelatedField(
        queryset=Invitation.objects.select_related("event", "invitee"),
        required=False,
        allow_null=True,
    )
    date = serializers.DateField(required=False, help_text=_("The letter's date; default today."))
    date_style = serializers.ChoiceField(
        choices=DATE_STYLES,
        required=False,
        help_text=_("roc (民國114年7月19日) or gregorian; default roc in Chinese letters."),
    )
    signer_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    log = serializers.BooleanField(
        default=False,
        help_text=_("Log the letters as sent on the partners' timelines (else a preview)."),
    )

    def validate_officials(self, value):
        if len(value) > MAX_LETTERS:
            raise serializers.ValidationError(
                _("At most %(n)d letters at a time.") % {"n": MAX_LETTERS}
            )
        return value


class LetterView(GenericAPIView):
    """Write invitation or thank-you letters: one .docx, or a zip of one per official.

    Officers, managers and admins (the right to log a contact); viewers get 403. With
    ``log: true`` each partner written to gets an outgoing *letter* contact on its
    timeline; the response's ``X-Logged-Contacts`` header lists their ids.
    """

    permission_classes = [RolePermissions]
    queryset = Contact.objects.none()
    serializer_class = LetterRequestSerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(
        request=LetterRequestSerializer,
        responses={
            (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): (
                OpenApiTypes.BINARY
            ),
            (200, "application/zip"): OpenApiTypes.BINARY,
        },
    )
    def post(self, request):
        query = LetterRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            letters = write_letters(
                user=request.user,
                template=data["template"],
                officials=data.get("officials") or [],
                visit=data.get("visit"),
                event=data.get("event"),
                invitation=data.get("invitation"),
                on=data.get("date"),
                roc=data.get("date_style") != GREGORIAN,
                signer_name=data.get("signer_name", ""),
                signer_title=data.get("signer_title", ""),
                log=data["log"],
            )
        except LetterError as error:
            raise ValidationError({error.field: [str(error.message)]}) from None
        response = _attachment(letters.content, letters.content_type, letters.filename)
        response["X-Logged-Contacts"] = ",".join(str(c.pk) for c in letters.contacts)
        return response


# --- the trip report: PDF and disclosure ----------------------------------------------------


class _VisitDocumentView(GenericAPIView):
    permission_classes = [requires("visits.view_visit")]
    queryset = Visit.objects.all()
    filter_backends = []
    pagination_class = None


class TripReportPdfView(_VisitDocumentView):
    """The trip report as a PDF, rendered by LibreOffice; 503 with a message without it."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses={
            (200, PDF): OpenApiTypes.BINARY,
            503: OpenApiResponse(description=_("LibreOffice is not installed on the server.")),
        },
    )
    def get(self, request, pk: int):
        visit = self.get_object()
        language = _language(request)
        try:
            pdf = disclosure.report_pdf(visit.pk, language)
        except disclosure.PdfUnavailable as error:
            return Response(
                {"detail": str(error.message), "code": "pdf_unavailable"},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        return _attachment(pdf, PDF, f"trip-report-{visit.pk}-{language}.pdf")


class DisclosureView(_VisitDocumentView):
    """The report's catalogue fields for the national trip-report system (公務出國報告資訊網)
    as JSON, CSV or XLSX: title, 出國類別, agency, members, countries, period, report date,
    keywords, page count (from the PDF where LibreOffice is installed, else estimated)."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
        },
    )
    def get(self, request, pk: int, kind: str):
        if kind not in ("json", "csv", "xlsx"):
            raise Http404
        visit = self.get_object()
        record = disclosure.disclosure(visit.pk, _language(request))
        name = f"trip-report-{visit.pk}-disclosure-{record['language']}"
        if kind == "csv":
            return _attachment(disclosure.disclosure_csv(record), CSV, f"{name}.csv")
        if kind == "xlsx":
            return _attachment(disclosure.disclosure_xlsx(record), XLSX, f"{name}.xlsx")
        return Response(record)
