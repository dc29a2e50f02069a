from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from commissioning.common.views import RulesPermissionMixin
from commissioning.rounds.models import Round


class RoundMixin(RulesPermissionMixin):
    """Loads ``self.round`` from the ``round_pk`` URL argument (or the ``public_key`` of a public page)
    and puts it in the context."""

    @cached_property
    def round(self):
        rounds = Round.objects.select_related("partnership")
        if "public_key" in self.kwargs:
            return get_object_or_404(rounds, public_key=self.kwargs["public_key"])
        return get_object_or_404(rounds, pk=self.kwargs["round_pk"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("round", self.round)
        return super().get_context_data(**kwargs)


class SignedInRoundMixin(LoginRequiredMixin, RoundMixin):
    pass
