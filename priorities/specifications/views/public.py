"""Pages anyone can read without signing in: the published specifications of a round."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from commissioning.rounds.models import Round
from priorities.specifications import selectors


class PublicCallView(TemplateView):
    """The call for proposals: every published specification with its PDF and deadlines."""

    template_name = "priorities/specifications/public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["round_pk"])
        specifications = list(selectors.published_specifications(round_))
        documents = selectors.ready_documents(specifications)
        context["public_round"] = round_
        context["rows"] = [(spec, documents.get(spec.pk)) for spec in specifications]
        return context
