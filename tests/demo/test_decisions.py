"""The demo's decisions and award, read from the rows the services wrote and from the pages its people
see: every eligible proposal decided and approved within the budget, letters sent, contracts accepted,
and a round ready for monitoring; a second run adds nothing."""

import pytest
from django.urls import reverse

from commissioning import registry
from commissioning.documents.models import Document, DocumentStatus
from commissioning.enums import EmailStatus, Role, Stage
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.demo import DEMO_PASSWORD, demo_logins
from panels.contracts.demo import DEMO_ADDRESS
from panels.contracts.enums import VersionStatus
from panels.contracts.models import Contract, ContractVersion
from panels.decisions.demo import ALIGNED_SHARE_PENCE, HEALTH_PROPOSAL, SECOND_OFFICER
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionFunding, DecisionSettings
from panels.letters.documents import KIND as LETTER_KIND
from panels.letters.selectors import letter_emails, recipients
from priorities.specifications.models import Specification
from proposals.review.selectors import eligible_proposals, with_requested_amounts, year_field
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


def own_title(round_):
    return Proposal.objects.get(round=round_, lead_organisation__name="Foleshill Women's Training").title


def _requested(round_):
    years = range(1, round_.number_of_years + 1)
    return {
        proposal.pk: [getattr(proposal, year_field(year)) for year in years]
        for proposal in with_requested_amounts(eligible_proposals(round_), round_.number_of_years)
    }


@needs_pdftotext
def test_demo_decides_every_proposal_within_budget_and_leaves_the_round_ready_for_monitoring(
    seeded, demo_round, client
):
    round_ = demo_round
    assert round_.stage == Stage.AWARD
    years = range(1, round_.number_of_years + 1)

    # A second officer approves every decision the first recorded.
    email, name, _organisation = SECOND_OFFICER
    assert DecisionSettings.objects.get(round=round_).approver_kind == ApproverKind.SECOND_OFFICER
    officers = dict(demo_logins(round_))[str(Role.OFFICER.label)]
    assert (name, email) in [(who, address) for who, address, _org in officers]

    # Every eligible proposal (the merged ones are not: their combined proposal is) has an approved decision.
    eligible = list(eligible_proposals(round_))
    assert len(eligible) == 18
    assert not Proposal.objects.filter(round=round_, state=ProposalState.MERGED, decision__isnull=False).exists()
    decisions = list(
        Decision.objects.filter(proposal__round=round_)
        .select_related("proposal__specification", "decided_by", "approved_by")
        .prefetch_related("conditions", "funding__source")
    )
    assert {d.proposal_id for d in decisions} == {p.pk for p in eligible}
    for decision in decisions:
        assert decision.status == DecisionStatus.APPROVED
        assert decision.decided_by.email == "officer@demo.example"
        assert decision.approved_by.email == email
        assert decision.kind == decision.proposal.recommendation.kind

    # One funded with conditions, each with its due date, at a negotiated amount below what it asked in a year.
    requested = _requested(round_)
    with_conditions = [d for d in decisions if d.kind == DecisionKind.FUND_WITH_CONDITIONS]
    assert with_conditions
    for decision in with_conditions:
        conditions = list(decision.conditions.all())
        assert len(conditions) == 2 and all(c.due_date >= round_.start_date for c in conditions)
    negotiated = [
        d for d in with_conditions if any(d.amount_in_year(year) < requested[d.proposal_id][year - 1] for year in years)
    ]
    assert negotiated
    assert "agreed to deliver the activity for" in negotiated[0].reasons
    for decision in decisions:
        if decision.is_funded:
            assert all(0 < decision.amount_in_year(y) <= requested[decision.proposal_id][y - 1] for y in years)

    # One declined, with feedback for the proposer (and no money).
    declined = [d for d in decisions if d.kind == DecisionKind.DO_NOT_FUND]
    assert declined
    for decision in declined:
        assert decision.feedback.startswith(f"Thank you for “{decision.proposal.title}”.")
        assert decision.amounts_pence == [] and not decision.funding.exists()

    _assert_funding_within_budget(round_, decisions, requested)
    _assert_letters_and_contracts(round_, decisions, seeded.emails)

    # Nothing stands between the round and monitoring.
    assert registry.blockers_for(round_, Stage.MONITORING) == []

    _walk_pages(client, round_, negotiated[0])


def _assert_funding_within_budget(round_, decisions, requested):
    years = range(1, round_.number_of_years + 1)
    # Both funding sources; each funded decision's split adds up to its amount in every year; the pooled
    # source pays, and the aligned source pays part of the health proposal only.
    pooled = FundingSource.objects.get(round=round_, kind=FundingKind.POOLED)
    aligned = FundingSource.objects.get(round=round_, kind=FundingKind.ALIGNED)
    assert pooled.organisation.name == "Coventry City Council"
    assert aligned.organisation.name == "Coventry Primary Care Trust"
    for decision in decisions:
        for year in years:
            split = [row.amount_pence for row in decision.funding.all() if row.year == year]
            assert sum(split) == decision.amount_in_year(year)
    aligned_rows = DecisionFunding.objects.filter(source=aligned)
    assert {row.decision.proposal.title for row in aligned_rows} == {HEALTH_PROPOSAL}
    assert sorted(row.amount_pence for row in aligned_rows) == [ALIGNED_SHARE_PENCE] * round_.number_of_years
    health = next(d for d in decisions if d.proposal.title == HEALTH_PROPOSAL)
    assert all(
        DecisionFunding.objects.get(decision=health, source=pooled, year=year).amount_pence > 0 for year in years
    )

    # Never over budget: per year, per specification and in the round (the round's own money: what the
    # aligned source pays is the trust's), and per source.
    def from_round(decision, year):
        paid = DecisionFunding.objects.filter(decision=decision, source=aligned, year=year).first()
        return decision.amount_in_year(year) - (paid.amount_pence if paid else 0)

    for year in years:
        in_round = sum(from_round(d, year) for d in decisions)
        assert in_round <= pooled.amount_in_year(year)
        assert in_round <= round_.annual_budget_pence
        for source in (pooled, aligned):
            taken = sum(row.amount_pence for row in DecisionFunding.objects.filter(source=source, year=year))
            assert taken <= source.amount_in_year(year)
        for specification in Specification.objects.filter(round=round_, published_at__isnull=False):
            funded = sum(from_round(d, year) for d in decisions if d.proposal.specification_id == specification.pk)
            assert funded <= specification.allocations_in_round(round_.number_of_years)[year - 1]
    # The trust's money made room: the health proposal is funded at all it asked, beyond what was left.
    assert [health.amount_in_year(year) for year in years] == requested[health.proposal_id]


def _assert_letters_and_contracts(round_, decisions, sent):
    # Each decision's letter rendered at its version, naming the proposal, and emailed to every recipient.
    outbox = {message.to[0] for message in sent}
    for decision in decisions:
        letter = Document.objects.get(kind=LETTER_KIND, object_id=decision.pk, version=decision.version)
        assert letter.status == DocumentStatus.READY
        assert decision.proposal.title.split()[0] in pdf_text(letter)
        emails = list(letter_emails(letter))
        assert {e.to_email for e in emails} == {p.contact_email for p in recipients(decision.proposal)}
        assert all(e.status == EmailStatus.SENT for e in emails)
        assert {e.to_email for e in emails} <= outbox

    # An accepted contract for each funded decision, at the decision's amounts, its PDF rendered and sent.
    funded = [d for d in decisions if d.is_funded]
    assert Contract.objects.filter(round=round_).count() == len(funded)
    for decision in funded:
        version = ContractVersion.objects.get(contract__proposal=decision.proposal)
        assert version.status == VersionStatus.ACCEPTED and version.accepted_ip == DEMO_ADDRESS
        assert version.amounts_pence == decision.amounts_pence
        assert version.document.status == DocumentStatus.READY
        assert OutgoingEmail.objects.get(attachment=version.document).status == EmailStatus.SENT


def _walk_pages(client, round_, negotiated):
    # The officer sees the decisions; the bidder reads its decline letter and a contract it is a partner of.
    assert client.login(username="officer@demo.example", password=DEMO_PASSWORD)
    page = client.get(reverse("decisions_list", args=[round_.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert HEALTH_PROPOSAL in text and negotiated.proposal.title in text and own_title(round_) in text
    client.logout()
    assert client.login(username="bidder@demo.example", password=DEMO_PASSWORD)
    own = Decision.objects.get(proposal__round=round_, proposal__lead_organisation__name="Foleshill Women's Training")
    assert own.kind == DecisionKind.DO_NOT_FUND
    page = client.get(reverse("letter_detail", args=[round_.pk, own.proposal_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert own.proposal.title in text and "Decision letter" in text and "sent on" in text
    assert reverse("letter_pdf", args=[round_.pk, own.proposal_id, own.version]) in text
    contract = Contract.objects.get(proposal__title="English at Work")
    page = client.get(reverse("contract_detail", args=[round_.pk, contract.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "English at Work" in text and "accepted by" in text and DEMO_ADDRESS in text
    client.logout()
