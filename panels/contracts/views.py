"""Contract pages: the officers' list for a round, a contract with its versions, one version in full (where
the lead accepts it), its PDF, and the officers' editing of a draft, sending it and starting a variation."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from commissioning.common.client import client_address
from commissioning.common.errors import ApplicationError
from commissioning.common.money import funding_years, pence_to_pounds
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.documents.models import DocumentStatus
from commissioning.documents.views import document_response
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.contracts import selectors, services
from panels.contracts.changes import what_changed
from panels.contracts.documents import contract_context
from panels.contracts.enums import VersionStatus
from panels.contracts.forms import (
    FORMSETS,
    AcceptForm,
    IndicatorsForm,
    SendForm,
    TakeBackForm,
    TermsForm,
    VariationForm,
    rows_formset,
)


class ContractListView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.change_round"
    template_name = "panels/contracts/list.html"

    def get_context_data(self, **kwargs):
        contracts = list(selectors.contracts_for_list(self.request.user, self.round))
        rows = [(contract, list(contract.versions.all())[-1:]) for contract in contracts]
        return super().get_context_data(
            rows=[(contract, versions[0] if versions else None) for contract, versions in rows],
            missing=list(selectors.funded_without_acceptance(self.round)),
            **kwargs,
        )


class ContractMixin(SignedInRoundMixin):
    """The contract of the URL, among those the person may see (404 otherwise)."""

    permission_required = "panels.view_contract"

    @cached_property
    def contract(self):
        contract = selectors.contract_visible_to(self.request.user, self.round, self.kwargs["pk"])
        if contract is None:
            raise Http404
        return contract

    def get_permission_object(self):
        return self.contract

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contract  # noqa: B018 -- a 404 before anything else for a contract not visible
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("contract", self.contract)
        return super().get_context_data(**kwargs)

    def to_detail(self):
        return redirect("contract_detail", self.round.pk, self.contract.pk)


class ContractDetailView(ContractMixin, TemplateView):
    """The contract's current version in full (the latest accepted one for its readers, or the one
    being prepared), every version with its state, and what an officer or the lead may do next."""

    template_name = "panels/contracts/detail.html"

    def get_context_data(self, **kwargs):
        versions = selectors.versions_of(self.contract)
        latest = versions[-1]
        user = self.request.user
        officer = user.has_perm("panels.change_contract", self.contract)
        return super().get_context_data(
            versions=versions,
            latest=latest,
            officer=officer,
            may_accept=services.acceptance_refusal(latest, user) is None,
            may_vary=officer and services.variation_refusal(self.contract) is None,
            **contract_context(selectors.version_of(self.contract, latest.number)),
            **kwargs,
        )


class VersionMixin(ContractMixin):
    @cached_property
    def version(self):
        version = selectors.version_of(self.contract, self.kwargs["number"])
        if version is None:
            raise Http404
        return version


class VersionView(VersionMixin, TemplateView):
    """One version in full, with what changed from the one before."""

    template_name = "panels/contracts/version.html"

    def get_context_data(self, **kwargs):
        previous = selectors.previous_version(self.version)
        return super().get_context_data(
            changes=what_changed(previous, self.version),
            previous=previous,
            may_accept=services.acceptance_refusal(self.version, self.request.user) is None,
            **contract_context(self.version),
            **kwargs,
        )


class VersionPdfView(VersionMixin, View):
    def get(self, request, *args, **kwargs):
        document = self.version.document
        if document is None or document.status != DocumentStatus.READY:
            raise Http404
        return document_response(document, filename=f"contract-{self.contract.pk}-v{self.version.number}.pdf")


class AcceptView(StateRuleMixin, VersionMixin, FormView):
    """The lead reads the whole version and accepts it: who, when and from where are recorded."""

    permission_required = "panels.accept_contract"
    template_name = "panels/contracts/accept.html"
    form_class = AcceptForm

    def state_refusal(self):
        if self.version.status != VersionStatus.SENT:
            return _("This version of the contract is not awaiting acceptance.")
        return None

    def state_refused_url(self):
        return self.to_detail().url

    def get_context_data(self, **kwargs):
        return super().get_context_data(**contract_context(self.version), **kwargs)

    def form_valid(self, form):
        address = client_address(self.request)
        try:
            services.accept_version(
                self.version, by=self.request.user, ip_address=None if address == "unknown" else address
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("You have accepted the contract. Thank you."))
        return self.to_detail()


class DraftMixin(StateRuleMixin, ContractMixin):
    """An officer's page on the contract's latest version, while it is a draft."""

    permission_required = "panels.change_contract"

    @cached_property
    def draft(self):
        return selectors.version_of(self.contract, selectors.latest_version(self.contract).number)

    def state_refusal(self):
        if self.draft.status != VersionStatus.DRAFT:
            return str(services.ContractLocked.default_message)
        return None

    def state_refused_url(self):
        return self.to_detail().url

    @property
    def years(self):
        return funding_years(self.draft.start_date, len(self.draft.amounts_pence))

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.draft, **kwargs)


class TermsView(DraftMixin, FormView):
    template_name = "panels/contracts/terms.html"
    form_class = TermsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "years": self.years}

    def get_initial(self):
        initial = {"start_date": self.draft.start_date, "end_date": self.draft.end_date}
        for year in self.years:
            initial[f"amount_{year.number}"] = pence_to_pounds(self.draft.amount_in_year(year.number))
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.change_terms(
                self.draft,
                by=self.request.user,
                amounts_pence=form.amounts(),
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The contract's value and dates are saved."))
        return self.to_detail()


SECTION_LABELS = {
    "conditions": (_("Conditions"), _("Condition %(n)d"), _("Add another condition")),
    "milestones": (_("Milestones"), _("Milestone %(n)d"), _("Add another milestone")),
    "outputs": (_("Outputs"), _("Output %(n)d"), _("Add another output")),
    "instalments": (_("Payment schedule"), _("Instalment %(n)d"), _("Add another instalment")),
}

SECTION_FIELDS = {
    "conditions": ("text", "due_date"),
    "milestones": ("description", "due_date"),
    "outputs": ("description", "quantity"),
    "instalments": ("year", "period_start", "period_end", "amount_pence", "due_date"),
}


class RowsView(DraftMixin, TemplateView):
    """One part of the draft written as rows; "Add another" comes back with what was typed and a blank row."""

    template_name = "panels/contracts/rows.html"
    section = None

    def current_rows(self):
        rows = []
        for row in getattr(self.draft, self.section).all():
            values = {name: getattr(row, name) for name in SECTION_FIELDS[self.section]}
            if "amount_pence" in values:
                values["amount_pence"] = pence_to_pounds(values["amount_pence"])
            rows.append(values)
        return rows

    def formset(self, data=None):
        pressed = data is not None and "add" in data
        return rows_formset(
            FORMSETS[self.section],
            prefix=self.section,
            rows=self.current_rows(),
            data=data,
            retype=pressed,
            add=pressed,
        )

    def get_context_data(self, formset=None, **kwargs):
        formset = formset or self.formset()
        heading, legend, add_label = SECTION_LABELS[self.section]
        return super().get_context_data(
            formset=formset,
            heading=heading,
            add_label=add_label,
            rows=[(legend % {"n": n}, form) for n, form in enumerate(formset.forms, start=1)],
            section=self.section,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if "add" in request.POST or not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        try:
            services.replace_rows(self.draft, self.section, formset.rows(), by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return self.render_to_response(self.get_context_data(formset=formset, refused=error))
        messages.success(request, _("%(part)s saved.") % {"part": SECTION_LABELS[self.section][0]})
        return self.to_detail()


class IndicatorsView(DraftMixin, FormView):
    template_name = "panels/contracts/indicators.html"
    form_class = IndicatorsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicators": list(self.draft.indicators.all()), "years": self.years}

    def form_valid(self, form):
        try:
            services.replace_rows(self.draft, "indicators", form.rows(), by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The indicators' baselines and targets are saved."))
        return self.to_detail()


class SendView(DraftMixin, FormView):
    template_name = "panels/contracts/send.html"
    form_class = SendForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(lead=services.lead_contact(self.contract.proposal), **kwargs)

    def form_valid(self, form):
        try:
            services.send_version(self.draft, by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The contract is being sent to the lead's contact, with its PDF."))
        return self.to_detail()


class VaryView(StateRuleMixin, ContractMixin, FormView):
    permission_required = "panels.change_contract"
    template_name = "panels/contracts/vary.html"
    form_class = VariationForm

    def state_refusal(self):
        return services.variation_refusal(self.contract)

    def state_refused_url(self):
        return self.to_detail().url

    def form_valid(self, form):
        try:
            services.start_variation(self.contract, by=self.request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The variation is a new draft version. Change it, then send it to the lead."))
        return self.to_detail()


class TakeBackView(DraftMixin, FormView):
    """An officer takes the sent version back to draft, before the lead accepts it."""

    template_name = "panels/contracts/take_back.html"
    form_class = TakeBackForm

    def state_refusal(self):
        if self.draft.status != VersionStatus.SENT:
            return _("Only a contract sent and not yet accepted can be taken back.")
        return None

    def form_valid(self, form):
        try:
            services.take_back(self.draft, by=self.request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The contract is a draft again. Change it, then send it again."))
        return self.to_detail()
