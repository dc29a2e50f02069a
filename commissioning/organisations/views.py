from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from commissioning.common.views import RulesPermissionMixin
from commissioning.organisations import services
from commissioning.organisations.forms import OrganisationForm
from commissioning.organisations.models import Organisation


class OrganisationListView(LoginRequiredMixin, RulesPermissionMixin, ListView):
    permission_required = "commissioning.manage_organisations"
    template_name = "commissioning/organisations/list.html"
    queryset = Organisation.objects.order_by("name")
    paginate_by = 100


class OrganisationFormView(LoginRequiredMixin, RulesPermissionMixin, FormView):
    permission_required = "commissioning.manage_organisations"
    template_name = "commissioning/organisations/form.html"
    form_class = OrganisationForm

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Organisation, pk=pk) if pk else Organisation()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_instance()}

    def get_context_data(self, **kwargs):
        # The saved name heads the page even while a refused form holds what was typed.
        pk = self.kwargs.get("pk")
        kwargs.setdefault("saved_name", Organisation.objects.values_list("name", flat=True).get(pk=pk) if pk else "")
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        services.save_organisation(form.instance, by=self.request.user)
        messages.success(self.request, _("Organisation saved."))
        return redirect("organisation_list")
