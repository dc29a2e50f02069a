"""What contracts add: a draft contract on each approved funded decision, the contract PDF, the guard for
entering monitoring (every funded lead has accepted its contract), the money committed by accepted contracts,
the contracts list on the round's page, each bidder's contracts on their dashboard, and the audit sentences."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import STAGE_ORDER, Stage
from commissioning.registry import (
    Summary,
    audit_sentences,
    bidder_link,
    demo_seeder,
    document_builder,
    money_use,
    round_summary,
    stage_guard,
)
from panels.contracts import demo, documents, selectors, sentences, services
from panels.decisions.enums import DECISIONS_GROUP
from panels.decisions.events import on_decision_approved


@on_decision_approved
def draft_contract(decision, *, by):
    services.draft_from_decision(decision, by=by)


@stage_guard(Stage.MONITORING)
def every_funded_lead_accepted(round_):
    return [
        _("%(lead)s has not yet accepted the contract for “%(title)s”.")
        % {"lead": decision.proposal.lead_organisation.name, "title": decision.proposal.title}
        for decision in selectors.funded_without_acceptance(round_)
    ]


@money_use("committed")
def committed(round_, specification=None):
    return selectors.committed_by_year(round_, specification)


@round_summary(Stage.AWARD)
def contracts_summary(round_, user):
    """From the award stage on, for officers: the round's contracts, beside its decisions."""
    if STAGE_ORDER.index(round_.stage) < STAGE_ORDER.index(Stage.AWARD):
        return None
    if not user.has_perm("commissioning.change_round", round_):
        return None
    return Summary(group=DECISIONS_GROUP, links=[(_("Contracts"), reverse("contract_list", args=[round_.pk]))])


@bidder_link
def contract_links(round_, user):
    return [
        (
            _("Your contract: %(title)s") % {"title": contract.proposal.title},
            reverse("contract_detail", args=[round_.pk, contract.pk]),
        )
        for contract in selectors.contracts_visible_to(user, round_).order_by("proposal__title")
    ]


audit_sentences(sentences.SENTENCES)
document_builder(documents.KIND)(documents.build_contract)
# The demo's funded proposals have their contracts sent and accepted, ready for monitoring.
demo_seeder(Stage.MONITORING)(demo.seed_contracts)
