"""A member's panel pack: its progress while it renders (polled with htmx, or a plain refresh), a
fresh one on request, and the PDF, served to that member and to officers only."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from commissioning.documents.models import DocumentStatus
from commissioning.documents.views import document_response
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.membership.models import PanelMember
from panels.scoring import pack


class MemberPackMixin(SignedInRoundMixin):
    permission_required = "panels.view_pack"

    @cached_property
    def member(self):
        member = (
            PanelMember.objects.select_related("panel__round", "panel__priority", "user")
            .filter(panel__round=self.round, panel_id=self.kwargs["panel_pk"], pk=self.kwargs["member_pk"])
            .first()
        )
        if member is None:
            raise Http404
        return member

    def get_permission_object(self):
        return self.member


class PackView(MemberPackMixin, TemplateView):
    template_name = "panels/scoring/pack.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["panels/scoring/_pack_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        document = pack.latest_pack(self.member)
        stale = document is not None and pack.is_stale(self.member, document)
        return super().get_context_data(
            member=self.member,
            panel=self.member.panel,
            document=document,
            stale=stale,
            ready=document is not None and document.status == DocumentStatus.READY and not stale,
            pending=document is not None and document.status == DocumentStatus.PENDING and not stale,
            failed=document is not None and document.status == DocumentStatus.FAILED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        pack.request_pack(self.member, fresh=request.POST.get("fresh") == "1")
        return redirect("panel_pack", self.round.pk, self.member.panel_id, self.member.pk)


class PackPdfView(MemberPackMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        document = pack.servable_pack(self.member)
        if document is None:
            raise Http404
        response = document_response(document, filename=f"panel-pack-{document.version}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response
