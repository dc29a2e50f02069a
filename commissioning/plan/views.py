from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.imports.views import BackgroundCsvImportView
from commissioning.plan import csv_imports as plan_imports
from commissioning.plan import forms as plan_forms
from commissioning.plan import selectors, services
from commissioning.plan.models import Indicator, StrategicOutcome
from commissioning.rounds.mixins import SignedInRoundMixin


class PlanView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_plan"
    template_name = "commissioning/plan/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["outcomes"] = selectors.strategic_plan_page(self.round.partnership)
        context["can_change"] = self.request.user.has_perm("commissioning.change_plan", self.round)
        return context


class PlanObjectFormView(SignedInRoundMixin, FormView):
    """Add or edit one object of the plan; the service's refusal is shown against the code."""

    permission_required = "commissioning.change_plan"
    template_name = "commissioning/plan/form.html"
    model = None
    save = None

    def get_object(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_object()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading(context["form"].instance)
        return context

    def form_valid(self, form):
        try:
            type(self).save(form.instance, by=self.request.user, round_=self.round)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="code"))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s saved.") % {"object": form.instance})
        return redirect("plan", round_pk=self.round.pk)


class OutcomeFormView(PlanObjectFormView):
    form_class = plan_forms.OutcomeForm
    save = staticmethod(services.save_outcome)

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(StrategicOutcome, pk=self.kwargs["pk"], partnership=self.round.partnership_id)
        return StrategicOutcome(partnership=self.round.partnership)

    def get_heading(self, outcome):
        return _("Edit outcome %(code)s") % {"code": outcome.code} if outcome.pk else _("Add an outcome")


class IndicatorFormView(PlanObjectFormView):
    form_class = plan_forms.IndicatorForm
    save = staticmethod(services.save_indicator)

    def get(self, request, *args, **kwargs):
        if (
            "pk" not in self.kwargs
            and not StrategicOutcome.objects.filter(partnership_id=self.round.partnership_id).exists()
        ):
            messages.info(request, _("Add an outcome before adding its indicators."))
            return redirect("plan_outcome_create", round_pk=self.round.pk)
        return super().get(request, *args, **kwargs)

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(
                Indicator.objects.select_related("outcome"),
                pk=self.kwargs["pk"],
                outcome__partnership=self.round.partnership_id,
            )
        return Indicator()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_": self.round}

    def get_heading(self, indicator):
        return _("Edit indicator %(code)s") % {"code": indicator.code} if indicator.pk else _("Add an indicator")


class PlanImportView(SignedInRoundMixin, BackgroundCsvImportView):
    permission_required = "commissioning.change_plan"

    def get_success_url(self):
        return reverse("plan", args=[self.round.pk])

    def get_back_link(self):
        return _("Strategic plan"), reverse("plan", args=[self.round.pk])


class OutcomeImportView(PlanImportView):
    importer_class = plan_imports.OutcomeImport


class IndicatorImportView(PlanImportView):
    importer_class = plan_imports.IndicatorImport


class ReadingImportView(PlanImportView):
    importer_class = plan_imports.ReadingImport
