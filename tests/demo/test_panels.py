"""The demo's selection panels: every case the issue names, read from the rows the services wrote, in
an order that could have happened, and a round ready for decisions and award."""

import datetime

import pytest
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Stage
from commissioning.rounds.demo import demo_logins
from commissioning.rounds.models import Round
from panels.brokering.demo import CONFLICT, LATE_DECLARATION, NEW_PEOPLE, pass_time
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.brokering.models import BrokeringRequest
from panels.meetings.models import Booking, FollowUp, MeetingRecord, MeetingSlot
from panels.membership.enums import MemberRole
from panels.membership.models import Declaration, Panel, PanelMember
from panels.membership.selectors import panel_proposals, proposals_for_member
from panels.scoring.enums import RecommendationKind
from panels.scoring.models import ModeratedScore, Recommendation, ScoreSheet
from panels.scoring.selectors import criteria_of, ranking
from priorities.specifications.models import Specification
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import RoundFactory

pytestmark = pytest.mark.django_db


def test_demo_panels_cover_every_case_and_leave_the_round_ready_for_award(demo_round):
    round_ = demo_round
    assert round_.stage == Stage.AWARD  # the demo goes on to decisions and award
    panels = list(Panel.objects.filter(round=round_).select_related("priority").order_by("priority__rank"))
    assert len(panels) == Specification.objects.filter(round=round_, published_at__isnull=False).count() == 6

    # Each panel: one chair, experts, voluntary and community members; Fatima Begum chairs one.
    for panel in panels:
        roles = list(panel.members.values_list("role", flat=True))
        assert roles.count(MemberRole.CHAIR) == 1
        assert MemberRole.EXPERT in roles and MemberRole.COMMUNITY in roles
    assert PanelMember.objects.get(panel__round=round_, user__email="panel@demo.example").role == MemberRole.CHAIR
    panel_logins = dict(demo_logins(round_))[str(Role.PANEL.label)]
    assert {email for _name, email, _org in NEW_PEOPLE} <= {email for _name, email, _org in panel_logins}

    # Every member has declared about every proposal of their panel; two interests, no more.
    for panel in panels:
        for member in panel.members.all():
            declared = set(Declaration.objects.filter(member=member).values_list("proposal_id", flat=True))
            assert set(panel_proposals(panel).values_list("pk", flat=True)) <= declared
    interests = Declaration.objects.filter(member__panel__round=round_, has_interest=True).select_related(
        "member__user", "proposal"
    )
    assert interests.count() == 2
    conflict = interests.get(member__user__email=CONFLICT[0])
    assert (conflict.proposal.title, conflict.nature, conflict.description) == CONFLICT[1:]
    assert not ScoreSheet.objects.filter(member=conflict.member, proposal=conflict.proposal).exists()
    late = interests.get(member__user__email=LATE_DECLARATION[0])
    assert late.proposal.title == LATE_DECLARATION[1]
    aside = ScoreSheet.objects.get(set_aside_at__isnull=False)
    assert (aside.member, aside.proposal) == (late.member, late.proposal)
    assert aside.submitted_at < aside.set_aside_at
    assert AuditEntry.objects.filter(round=round_, action="scoring.set_aside").count() == 1

    eligible = Proposal.objects.filter(round=round_, state=ProposalState.SUBMITTED, eligibility=Eligibility.ELIGIBLE)
    assert eligible.count() == 18
    assert not Proposal.objects.filter(round=round_, state=ProposalState.SUBMITTED, eligibility=Eligibility.UNDECIDED)

    # A meeting booked and recorded for every eligible proposal, in Coventry or by video.
    for proposal in eligible:
        booking = Booking.objects.select_related("slot").get(proposal=proposal)
        assert booking.slot.ends_at - booking.slot.starts_at == datetime.timedelta(minutes=90)
        assert booking.slot.place or booking.slot.video_link
        record = MeetingRecord.objects.get(booking=booking)
        assert record.notes
        assert set(record.attendees.values_list("side", flat=True)) == {"panel", "proposer"}
        assert record.questions.exclude(answer="").count() >= 2
    slots = MeetingSlot.objects.filter(panel__round=round_)
    assert slots.exclude(place="").filter(place__contains="Coventry").exists()
    assert slots.exclude(video_link="").exists()
    follow_up = FollowUp.objects.get(record__booking__proposal__round=round_)
    assert follow_up.request and follow_up.done_at is None

    # Every member scored every proposal they may read, and submitted; one criterion to discuss.
    for panel in panels:
        criteria = criteria_of(panel)
        for member in panel.members.all():
            for proposal in proposals_for_member(member):
                sheet = ScoreSheet.objects.get(member=member, proposal=proposal)
                assert sheet.submitted_at is not None
                assert sheet.scores.count() == len(criteria)
    assert sum(row.flags for panel in panels for row in ranking(panel)) == 1
    flagged = next(row for row in ranking(panels[0]) if row.flags)
    assert flagged.proposal.title == "Hillfields into Work"

    # A consensus with its rationale on every criterion, and a recommendation with reasons, for every one.
    for panel in panels:
        n_criteria = len(criteria_of(panel))
        for proposal in panel_proposals(panel):
            assert ModeratedScore.objects.filter(proposal=proposal).exclude(rationale="").count() == n_criteria
            assert Recommendation.objects.get(proposal=proposal).reasons
    kinds = set(Recommendation.objects.filter(proposal__round=round_).values_list("kind", flat=True))
    assert kinds == set(RecommendationKind.values)
    assert all(r.conditions for r in Recommendation.objects.filter(kind=RecommendationKind.FUND_WITH_CONDITIONS))

    # One merge agreed by both leads: the combined proposal went through everything the others did.
    merge = BrokeringRequest.objects.get(panel__round=round_, kind=RequestKind.MERGE)
    assert merge.outcome == RequestOutcome.AGREED
    assert set(merge.parties.values_list("answer", flat=True)) == {Answer.CONSENTED}
    originals = Proposal.objects.filter(brokering_parties__request=merge)
    assert {p.state for p in originals} == {ProposalState.MERGED}
    assert {p.merged_into_id for p in originals} == {merge.combined_id}
    combined = merge.combined
    assert combined in eligible
    assert Declaration.objects.filter(proposal=combined).count() == panels[0].members.count()
    assert Booking.objects.filter(proposal=combined, slot__isnull=False).exists()
    assert ScoreSheet.objects.filter(proposal=combined, submitted_at__isnull=False).count() == panels[0].members.count()
    assert Recommendation.objects.filter(proposal=combined).exists()
    involve = BrokeringRequest.objects.get(panel__round=round_, kind=RequestKind.INVOLVE)
    assert involve.outcome == RequestOutcome.AGREED
    assert set(involve.parties.values_list("answer", flat=True)) == {Answer.CONSENTED}

    # Nothing was missing for decisions and award: the round moved on through its guards.
    assert AuditEntry.objects.filter(round=round_, action="round.stage_changed", after__stage=Stage.AWARD).exists()


def test_demo_round_happened_in_an_order_that_could_be_and_time_passes_for_it_alone(demo_round):
    round_ = demo_round
    now = timezone.now()
    deadline = Specification.objects.filter(round=round_).order_by("-proposal_deadline").first().proposal_deadline
    assert now - datetime.timedelta(days=24) < deadline < now - datetime.timedelta(days=19)

    extended = Proposal.objects.get(round=round_, extended_deadline__isnull=False)
    assert extended.state == ProposalState.SUBMITTED
    assert deadline < extended.submitted_at < extended.extended_deadline < extended.eligibility_decided_at
    panels_from = AuditEntry.objects.get(round=round_, action="round.stage_changed", after__stage=Stage.PANELS)
    assert extended.extended_deadline < panels_from.created_at

    first_panel = Panel.objects.filter(round=round_).order_by("created_at").first()
    slots = MeetingSlot.objects.filter(panel__round=round_).order_by("starts_at")
    assert panels_from.created_at <= first_panel.created_at < slots.first().starts_at
    assert slots.last().ends_at < now
    assert all(slot.starts_at.weekday() < 5 for slot in slots)
    for sheet in ScoreSheet.objects.filter(proposal__round=round_).select_related("proposal__meeting__slot"):
        assert sheet.proposal.meeting.slot.ends_at < sheet.submitted_at <= now
    assert not AuditEntry.objects.filter(round=round_, created_at__gt=now).exists()

    # The time that passes moves every moment of the round, and nothing of another round.
    other = RoundFactory()
    spec = Specification.objects.filter(round=round_).first()
    entry = AuditEntry.objects.filter(round=round_).first()
    slot = MeetingSlot.objects.filter(panel__round=round_).first()
    others_created = other.created_at

    pass_time(round_, datetime.timedelta(days=3))

    assert Specification.objects.get(pk=spec.pk).proposal_deadline == spec.proposal_deadline - datetime.timedelta(
        days=3
    )
    assert AuditEntry.objects.get(pk=entry.pk).created_at == entry.created_at - datetime.timedelta(days=3)
    assert MeetingSlot.objects.get(pk=slot.pk).starts_at == slot.starts_at - datetime.timedelta(days=3)
    assert Round.objects.get(pk=other.pk).created_at == others_created
