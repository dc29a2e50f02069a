"""Two people saving the same budget at once: one save wins, the other is refused as a conflict and
leaves nothing of its own (PostgreSQL row lock on the proposal)."""

from commissioning.audit.models import AuditEntry
from proposals.writing.models import BudgetLine
from proposals.writing.saving import save_budget
from proposals.writing.services import EditConflict
from tests.concurrency import at_once
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person


def _at_once(*actions):
    return at_once(
        *actions, done="saved", refused=lambda error: "conflict" if isinstance(error, EditConflict) else None
    )


def test_budgets_saved_at_once_from_the_same_revision_never_mix(postgresql):
    proposal = ProposalFactory()
    lead_partner = proposal.partners.get(is_lead=True)
    partner = ProposalPartnerFactory(proposal=proposal)
    lead = bidder_person(proposal.round, proposal.lead_organisation)
    colleague = bidder_person(proposal.round, partner.organisation)
    mine = {(lead_partner.pk, 1, "staff"): 100_00, (partner.pk, 1, "staff"): 1_00}
    theirs = {(lead_partner.pk, 2, "capital"): 500_00}

    outcomes = _at_once(
        lambda: save_budget(proposal, by=lead, revision=0, cells=mine),
        lambda: save_budget(proposal, by=colleague, revision=0, cells=theirs),
    )

    assert sorted(outcomes) == ["conflict", "saved"]
    rows = {(line.partner_id, line.year, line.category): line.amount_pence for line in BudgetLine.objects.all()}
    assert rows in (mine, theirs)
    assert AuditEntry.objects.filter(action="proposal.budget_saved").count() == 1
    assert proposal.__class__.objects.get(pk=proposal.pk).revision_of("budget") == 1
