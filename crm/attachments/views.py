"""Attachments on the partner and visit pages (SPEC §2.3, §5.3): list, upload, download.

The pages' views subclass these: ``AttachFileView`` (POST the "attach a file" form;
``crm.add_attachment``) and ``AttachmentDownloadView`` (any signed-in role; anonymous
users go to the login page). A page downloads only the attachments it lists (its
``scope``), so an attachment id from another page is a 404 there. Files are checked
and stored by ``crm.attachments.services`` and streamed from the storage, never from a media URL.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from crm.attachments import services as attachments
from crm.attachments.models import Attachment
from crm.web.access import PageMixin, WriteMixin


class AttachmentForm(forms.Form):
    """Title and file; the file is checked (size, type by content) before it is stored."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Defaults to the file name."),
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s; at most %(limit)s.") % {
            "types": attachments.allowed_types_text(),
            "limit": attachments.human_size(attachments.max_bytes()),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            attachments.validate_file(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload


def for_display(items, own_type: str) -> list[Attachment]:
    """Attachments with what a page shows of them: the local upload date, and what they
    are linked to when that is not the page's own row (an agreement, a contact …)."""
    rows = list(items)
    for attachment in rows:
        attachment.uploaded_on = timezone.localdate(attachment.created_at)
        target_type = attachment.target_type
        attachment.linked_label = (
            _("%(kind)s: %(name)s")
            % {
                "kind": Attachment._meta.get_field(target_type).verbose_name,
                "name": attachment.target,
            }
            if target_type and target_type != own_type
            else ""
        )
    return rows


def attachment_form_for(user, form: AttachmentForm | None = None) -> AttachmentForm | None:
    """The page's upload form: the one posted (with its errors), a blank one, or none for
    users who may not upload (viewers)."""
    if form is not None:
        return form
    return AttachmentForm() if user.has_perm("crm.add_attachment") else None


class AttachFileView(WriteMixin, View):
    """POST multipart ``{title, file}``: attach the file to the page's row.

    Subclasses set ``model`` and ``target_type`` and render their page with the form's
    errors (``render_with_errors``); on success they go back to the page.
    """

    permission_required = "crm.add_attachment"
    model: type[models.Model]
    target_type = ""

    def render_with_errors(self, request, target, form: AttachmentForm):
        raise NotImplementedError

    def page_url(self, target) -> str:
        raise NotImplementedError

    def post(self, request, pk: int):
        target = get_object_or_404(self.model, pk=pk)
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachments.attach(
                    user=request.user,
                    file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    target_type=self.target_type,
                    target_id=target.pk,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("File attached."))
                return redirect(f"{self.page_url(target)}#attachments")
        return self.render_with_errors(request, target, form)


class AttachmentDownloadView(PageMixin, View):
    """GET a file listed on the page of row ``pk``: signed-in users with a role only."""

    def scope(self, pk: int):
        raise NotImplementedError

    def get(self, request, pk: int, attachment_pk: int):
        if not request.user.has_perm("crm.view_attachment"):
            raise PermissionDenied
        attachment = get_object_or_404(self.scope(pk), pk=attachment_pk)
        return attachments.download_response(attachment)
