"""Pages anyone can read without signing in: the published specifications of a round.

They are addressed by the round's random public key and answer 404 until something of the round
is published, so that neither a round in set-up nor its name can be found by counting ids.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from commissioning import registry
from commissioning.rounds.models import Round
from priorities.specifications import selectors
from priorities.specifications.views.specifications import SpecificationDetailView, SpecificationPdfView


class PublicRoundMixin:
    @cached_property
    def public_round(self):
        round_ = selectors.public_round(self.kwargs["public_key"])
        if round_ is None:
            raise Http404
        return round_


class PublicCallView(PublicRoundMixin, TemplateView):
    """The call for proposals: every published specification with its PDF and deadlines."""

    template_name = "priorities/specifications/public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.public_round
        specifications = list(selectors.published_specifications(round_))
        documents = selectors.ready_documents(specifications)
        context["public_round"] = round_
        context["rows"] = [(spec, documents.get(spec.pk)) for spec in specifications]
        # What later stages offer from the call (registering to bid), without this stage naming them.
        context["call_links"] = registry.call_links(round_, self.request.user)
        return context


class ByIdRedirectView(View):
    """An address of a round's public page by its id, from before the pages had a key: sent on to
    the page once something is published, 404 until then."""

    pattern_name = None

    def get(self, request, round_pk):
        round_ = get_object_or_404(Round, pk=round_pk)
        if not selectors.has_published(round_):
            raise Http404
        return redirect(self.pattern_name, public_key=round_.public_key, permanent=True)


class PublicSpecificationMixin:
    """A published specification at its public address: 404 for anything not published, signed in or not."""

    def dispatch(self, request, *args, **kwargs):
        if selectors.public_round(kwargs["public_key"]) is None or not self.has_permission():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PublicSpecificationView(PublicSpecificationMixin, SpecificationDetailView):
    pass


class PublicSpecificationPdfView(PublicSpecificationMixin, SpecificationPdfView):
    pass
