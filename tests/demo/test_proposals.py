"""The demo's proposals: every case a newcomer should be able to walk, made through the services."""

from proposals.bidders.models import Bidder
from proposals.review.demo import PROPOSALS
from proposals.review.models import SimilarProposal
from proposals.submission.models import ProposalVersion
from proposals.writing.completeness import load_for_checking, problems_of
from proposals.writing.enums import Eligibility, PartnerState, ProposalState
from proposals.writing.models import Proposal


def test_demo_proposals_cover_every_case_once(demo_round):
    round_ = demo_round
    # The selection panels' demo has since closed the call and merged two proposals into one.
    proposals = Proposal.objects.filter(round=round_, merged_from_request__isnull=True)
    assert proposals.count() == sum(len(rows) for rows in PROPOSALS.values())
    assert Bidder.objects.filter(round=round_).count() >= 20
    per_spec = {spec.proposals.filter(merged_from_request__isnull=True).count() for spec in round_.specifications.all()}
    assert per_spec <= {3, 4, 5}
    assert proposals.filter(state=ProposalState.DRAFT).count() == 1  # still writing when the call closed
    assert proposals.filter(state=ProposalState.WITHDRAWN).get().withdrawn_reason
    assert proposals.filter(state=ProposalState.MERGED).count() == 2
    extended = proposals.filter(extended_deadline__isnull=False).get()
    assert extended.extension_reason
    assert extended.submitted_at > extended.specification.proposal_deadline
    assert proposals.filter(eligibility=Eligibility.NOT_ELIGIBLE).get().eligibility_reason
    assert not proposals.filter(state=ProposalState.SUBMITTED, eligibility=Eligibility.UNDECIDED).exists()
    for proposal in proposals.filter(state__in=[ProposalState.SUBMITTED, ProposalState.MERGED]):
        assert ProposalVersion.objects.filter(proposal=proposal).count() == 1
        assert problems_of(load_for_checking(proposal.pk)) == []
        assert 3 <= proposal.partners.filter(state=PartnerState.CONFIRMED).count() <= 4

    draft = proposals.get(title="Homework Clubs on the Estates")
    waiting = draft.partners.get(state=PartnerState.INVITED)
    assert waiting.contact_email == "partner@demo.example"

    pair = SimilarProposal.objects.filter(proposal__title="Foleshill Works").order_by("-score").first()
    assert pair.other.title == "Hillfields into Work"
    assert pair.same_priority
