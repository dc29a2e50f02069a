"""Reads of contracts, limited to what a person may see: officers every contract of the round, a bidder
the contracts of proposals its organisations lead or are confirmed partners of."""

from django.db.models import Prefetch, Q

from commissioning.rounds.rules import manages_round
from panels.contracts.enums import VersionStatus
from panels.contracts.models import Contract, ContractVersion
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision
from panels.decisions.selectors import aligned_by_decision
from proposals.writing.enums import PartnerState
from proposals.writing.rules import organisation_ids_of

VERSION_ROWS = ("conditions", "indicators__indicator", "milestones", "outputs", "instalments", "reports")


def contracts_visible_to(user, round_):
    contracts = Contract.objects.filter(round=round_).select_related(
        "proposal__specification", "lead_organisation", "monitored_by", "sponsor_organisation", "round"
    )
    if manages_round(user, round_):
        return contracts
    organisations = organisation_ids_of(user)
    if not organisations:
        return contracts.none()
    return contracts.filter(
        Q(lead_organisation_id__in=organisations)
        | Q(
            proposal__partners__organisation_id__in=organisations,
            proposal__partners__state=PartnerState.CONFIRMED,
        )
    ).distinct()


def contract_visible_to(user, round_, pk):
    return contracts_visible_to(user, round_).filter(pk=pk).first()


def contracts_for_list(user, round_):
    """The round's contracts with their versions, for a list (a constant number of queries)."""
    return contracts_visible_to(user, round_).prefetch_related(
        Prefetch("versions", queryset=ContractVersion.objects.order_by("number"))
    )


def version_of(contract, number):
    return (
        ContractVersion.objects.filter(contract=contract, number=number)
        .select_related("contract__round", "accepted_by", "sent_by", "created_by", "document")
        .prefetch_related(*VERSION_ROWS)
        .first()
    )


def versions_of(contract):
    return list(contract.versions.order_by("number").select_related("accepted_by"))


def latest_version(contract):
    return contract.versions.order_by("-number").first()


def accepted_version(contract):
    return contract.versions.filter(status=VersionStatus.ACCEPTED).order_by("-number").first()


def previous_version(version):
    return (
        ContractVersion.objects.filter(contract_id=version.contract_id, number__lt=version.number)
        .order_by("-number")
        .prefetch_related(*VERSION_ROWS)
        .first()
    )


def committed_by_year(round_, specification=None):
    """{year: pence} of the round's own money that its accepted contracts (each one's accepted version)
    commit: their value less what aligned sources pay of their decisions, which the agencies spend
    themselves. Two queries."""
    versions = ContractVersion.objects.filter(contract__round=round_, status=VersionStatus.ACCEPTED)
    if specification is not None:
        versions = versions.filter(contract__proposal__specification=specification)
    aligned = aligned_by_decision(round_)
    totals = {}
    for decision_id, amounts in versions.values_list("contract__proposal__decision", "amounts_pence"):
        paid = aligned.get(decision_id, {})
        for year, pence in enumerate(amounts or [], start=1):
            totals[year] = totals.get(year, 0) + max(int(pence or 0) - paid.get(year, 0), 0)
    return totals


def funded_without_acceptance(round_):
    """The approved funded decisions of the round whose lead has not accepted a contract."""
    return (
        Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED)
        .exclude(kind=DecisionKind.DO_NOT_FUND)
        .exclude(proposal__contract__versions__status=VersionStatus.ACCEPTED)
        .select_related("proposal__lead_organisation", "proposal__specification__priority")
        .order_by("proposal__title")
    )


def bidder_contracts(user, round_):
    """The contracts the person's organisations lead or partner, with their latest version's state."""
    return contracts_for_list(user, round_).order_by("proposal__title")
