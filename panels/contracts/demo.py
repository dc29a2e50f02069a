"""The demo's contracts: every approved decision to fund in the round has its contract drafted, sent and
accepted by a person of the lead organisation (from a demo address). Runs after the decisions are seeded;
safe to run twice: an accepted contract is left alone.

It joins ``seed_demo`` once the decisions' demo seeds approved decisions (registered after it, with
``registry.demo_seeder``)."""

from commissioning.enums import Role
from panels.contracts import services
from panels.contracts.enums import VersionStatus
from panels.contracts.models import Contract
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision

DEMO_ADDRESS = "192.0.2.10"  # an address kept for documentation (RFC 5737)


def seed_contracts(round_, *, stdout=None):
    officer = round_.roles.filter(role=Role.OFFICER).select_related("user").first()
    if officer is None:
        return 0
    decisions = (
        Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED)
        .exclude(kind=DecisionKind.DO_NOT_FUND)
        .select_related("proposal__lead_organisation")
    )
    accepted = 0
    for decision in decisions:
        services.draft_from_decision(decision, by=officer.user)
        contract = Contract.objects.filter(proposal=decision.proposal).first()
        if contract is None:
            continue
        version = contract.versions.order_by("-number").first()
        if version.status == VersionStatus.ACCEPTED:
            continue
        lead = decision.proposal.lead_organisation.people.order_by("pk").first()
        if lead is None:
            continue
        if version.status == VersionStatus.DRAFT:
            version = services.send_version(version, by=officer.user)
        services.accept_version(version, by=lead, ip_address=DEMO_ADDRESS)
        accepted += 1
    if stdout is not None and accepted:
        stdout.write(f"Contracts: {accepted} accepted")
    return accepted
