"""``/api/v1/attachments/`` (SPEC §2.3, §5.2): upload (multipart), list, download, delete.

* ``POST`` multipart ``{file, title, target_type, target_id}`` — officers, managers and
  admins (``crm.add_attachment``); ``crm.attachments.services.attach`` checks the size and the
  type by content, so an over-limit file, a renamed executable or a bad target is a 400.
* ``GET`` lists them (filters ``target_type``, ``target_id``, ``q``, ``ordering``);
  ``GET {id}/download/`` streams the file from the storage as an attachment with its
  detected content type — every role, never anonymous (401).
* ``DELETE`` — managers and admins.

Mounted by ``crm.api_urls`` (``include("crm.attachments.api")``).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.routers import SimpleRouter

from crm.api import fields
from crm.api.filters import MAX_ID
from crm.api.readpath import from_column
from crm.api.schema import AutoSchema
from crm.api.serializers import TRACKING_FIELDS, CrmModelSerializer, ErrorSerializer
from crm.api.viewsets import CrmModelViewSet
from crm.attachments import services as attachments
from crm.attachments.filters import AttachmentFilterSet
from crm.attachments.models import ATTACHMENT_TARGETS, Attachment

# Room for the multipart envelope (boundaries, title, target) around the file itself.
MULTIPART_SLACK = 64 * 1024


class AttachmentSerializer(CrmModelSerializer):
    """A file linked to one partner, agreement, visit, engagement, contact or gift.

    Uploaded as multipart/form-data; read back with its detected content type, its size
    and the URL that downloads it (signed-in users only).
    """

    file = serializers.FileField(
        write_only=True,
        help_text=_(
            "The file (at most ATTACHMENT_MAX_BYTES, 20 MB by default): PDF, PNG, JPEG, "
            "GIF, WebP, TIFF, HEIC, Word, Excel, PowerPoint or OpenDocument. The type is "
            "checked on the content, not the name."
        ),
    )
    title = fields.StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_("Defaults to the file name without its extension."),
    )
    target_type = serializers.ChoiceField(
        choices=list(ATTACHMENT_TARGETS), help_text=_("What the file is linked to.")
    )
    # Multipart sends text: "12" is read as 12 (the JSON resources are strict about types).
    target_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "title",
            "file",
            "original_name",
            "content_type",
            "size",
            "target_type",
            "target_id",
            "download_url",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["original_name", "content_type", "size", *TRACKING_FIELDS]
        extra_kwargs = {
            "content_type": {"help_text": _("Detected from the content, not from the name.")},
            "size": {"help_text": _("In bytes.")},
        }

    @extend_schema_field(OpenApiTypes.URI)
    @from_column("pk")
    def get_download_url(self, pk: int) -> str:
        path = reverse("api:attachment-download", args=[pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class AttachmentSchema(AutoSchema):
    """The shared schema, except that this resource's writes are multipart, not JSON."""

    def error_responses(self):
        errors = super().error_responses()
        if 415 in errors:
            errors[415] = OpenApiResponse(
                ErrorSerializer, description=_("Send the body as multipart/form-data.")
            )
        return errors


class AttachmentViewSet(CrmModelViewSet):
    """Files (agreement scans, photos, letters) linked to a partner, agreement, visit,
    engagement, contact or gift. Served only to signed-in users."""

    queryset = attachments.attachment_list()
    serializer_class = AttachmentSerializer
    filterset_class = AttachmentFilterSet
    parser_classes = [MultiPartParser]
    http_method_names = ["get", "post", "delete", "head", "options"]
    schema = AttachmentSchema()

    def read_annotations(self) -> dict:
        return Attachment.target_columns()

    @extend_schema(
        summary=_("Upload a file (multipart/form-data)"),
        request={"multipart/form-data": AttachmentSerializer},
        responses={201: AttachmentSerializer},
    )
    def create(self, request, *args, **kwargs):
        # Refuse an oversized body from its declared length, before reading it.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > attachments.max_bytes() + MULTIPART_SLACK:
            raise ValidationError(
                {
                    "file": [
                        _("The file is larger than the limit of %(limit)s.")
                        % {"limit": attachments.human_size(attachments.max_bytes())}
                    ]
                }
            )
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        attachment = attachments.attach(
            user=self.request.user,
            file=data["file"],
            title=data.get("title", ""),
            target_type=data["target_type"],
            target_id=data["target_id"],
        )
        serializer.instance = self.get_queryset().get(pk=attachment.pk)

    @extend_schema(
        summary=_("Download the file"),
        # One entry per allowed type: the response carries the type detected on upload.
        responses={
            (200, content_type): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_(
                    "The file, as an attachment (Content-Disposition) with its detected "
                    "content type."
                ),
            )
            for content_type in dict.fromkeys(t.content_type for t in attachments.ALLOWED_TYPES)
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def download(self, request, *args, **kwargs):
        return attachments.download_response(self.get_object())


router = SimpleRouter()
router.register("attachments", AttachmentViewSet)
urlpatterns = router.urls
