"""A proposal's attachments: downloading one (only for those who may read the proposal) and removing one.

Attaching a file happens on the attachments section of the proposal; these pages act on one
attachment. Whoever may not read the proposal gets a 404, whatever id they try.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from commissioning.common.errors import ApplicationError
from commissioning.common.storage import private_file_response
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from proposals.writing.attachments import remove_attachment
from proposals.writing.enums import Section
from proposals.writing.rules import may_edit_section
from proposals.writing.selectors import proposals_visible_to
from proposals.writing.services import editing_refusal


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
