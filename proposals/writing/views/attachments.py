"""A proposal's attachments: the section page that attaches a file, downloading one (only for those
who may read the proposal) and removing one. Whoever may not read the proposal gets a 404, whatever
id they try.

The section page takes a request a little larger than the site's usual limit, so that a file of
the largest size allowed and the form around it get through (``max_request_bytes``).
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from commissioning.common.errors import ApplicationError
from commissioning.common.storage import private_file_response
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from proposals.writing.attachments import remove_attachment, store_attachment
from proposals.writing.enums import Section
from proposals.writing.forms_attachments import AttachmentForm
from proposals.writing.rules import may_edit_section
from proposals.writing.selectors import proposals_visible_to
from proposals.writing.services import editing_refusal
from proposals.writing.views.sections import SectionPage, register

# Room for the form's other fields and the multipart framing around the largest file allowed.
FORM_OVERHEAD_BYTES = 1024 * 1024


def attachment_request_bytes():
    return settings.ATTACHMENT_MAX_BYTES + FORM_OVERHEAD_BYTES


@register
class AttachmentsPage(SectionPage):
    section = Section.ATTACHMENTS
    form_classes = {"form": AttachmentForm}
    template_name = "proposals/writing/sections/attachments.html"
    content_template = "proposals/writing/content/attachments.html"
    autosave = False
    has_files = True
    save_label = gettext_lazy("Attach the file")
    max_request_bytes = staticmethod(attachment_request_bytes)

    def apply(self, forms, locked):
        form = forms["form"]
        store_attachment(
            locked,
            by=self.request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
            size=form.size,
        )


class AttachmentMixin(SignedInRoundMixin):
    """The attachment named in the URL, of a proposal the person may read (404 otherwise)."""

    permission_required = "proposals.view_proposal"

    @cached_property
    def proposal(self):
        return get_object_or_404(
            proposals_visible_to(self.request.user, self.round).select_related("specification"), pk=self.kwargs["pk"]
        )

    @cached_property
    def attachment(self):
        return get_object_or_404(self.proposal.attachments.all(), pk=self.kwargs["attachment_pk"])

    def get_permission_object(self):
        return self.proposal

    def get_context_data(self, **kwargs):
        kwargs.setdefault("proposal", self.proposal)
        kwargs.setdefault("attachment", self.attachment)
        return super().get_context_data(**kwargs)


class AttachmentDownloadView(AttachmentMixin, View):
    """The file, downloaded under its original name with the content type its content showed."""

    def get(self, request, *args, **kwargs):
        attachment = self.attachment
        return private_file_response(
            attachment.file,
            filename=attachment.original_name,
            content_type=attachment.content_type,
            as_attachment=True,
        )


class AttachmentRemoveView(AttachmentMixin, TemplateView):
    """Asks, then removes the attachment, while the proposal can change and the person may edit its attachments."""

    template_name = "proposals/writing/attachment_remove.html"

    def has_permission(self):
        return super().has_permission() and may_edit_section(self.request.user, self.proposal, Section.ATTACHMENTS)

    def get(self, request, *args, **kwargs):
        self.attachment  # noqa: B018 -- a missing attachment answers 404 before anything else
        refusal = editing_refusal(self.proposal)
        if refusal:
            messages.error(request, refusal)
            return self.to_section()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        attachment = self.attachment
        try:
            remove_attachment(attachment, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return self.to_section()
        messages.success(request, _("%(name)s was removed.") % {"name": attachment.original_name})
        return self.to_section()

    def to_section(self):
        return redirect("proposal_section", round_pk=self.round.pk, pk=self.proposal.pk, section=Section.ATTACHMENTS)
