"""Recording, the budget guard at its boundaries, approval and re-approval, and the money decisions report."""

import datetime

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from commissioning.common.errors import ApplicationError, BudgetExceeded, InvalidTransition
from commissioning.enums import Role, Stage
from commissioning.registry import blockers_for, money_used
from commissioning.rounds.models import Round
from panels.decisions import events
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding
from panels.decisions.services import Condition, approve_decision, record_decision, save_settings
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import person_with_role
from tests.panels.decisions.helpers import POUND, aligned, award_round, pooled

pytestmark = pytest.mark.django_db

SOON = datetime.date.today() + datetime.timedelta(days=60)


def _fund(setup, proposal, pounds, *, by=None, funding=None, **kwargs):
    return record_decision(
        proposal,
        kind=kwargs.pop("kind", DecisionKind.FUND),
        reasons="Ranked first by the panel.",
        feedback="A clear plan.",
        amounts=[p * POUND for p in pounds],
        funding=funding,
        by=by or setup.officer,
        **kwargs,
    )


def test_a_decision_to_fund_with_conditions_is_recorded_with_its_rows_and_audited():
    setup = award_round()
    source = pooled(setup.round, 1_000_000)
    proposal = setup.proposals[0]

    decision = _fund(
        setup,
        proposal,
        [30_000, 30_000, 20_000],
        kind=DecisionKind.FUND_WITH_CONDITIONS,
        conditions=[Condition("A signed partnership agreement.", SOON)],
        funding={(source.pk, year): pence for year, pence in [(1, 30_000_00), (2, 30_000_00), (3, 20_000_00)]},
    )

    assert decision.status == DecisionStatus.AWAITING_APPROVAL
    assert decision.amounts_pence == [30_000_00, 30_000_00, 20_000_00]
    assert list(DecisionCondition.objects.values_list("text", "due_date")) == [
        ("A signed partnership agreement.", SOON)
    ]
    assert list(DecisionFunding.objects.order_by("year").values_list("source_id", "year", "amount_pence")) == [
        (source.pk, 1, 30_000_00),
        (source.pk, 2, 30_000_00),
        (source.pk, 3, 20_000_00),
    ]
    described = describe(AuditEntry.objects.get(action="decisions.recorded"))
    assert described.sentence == "Olive Officer recorded the decision on “Proposal 1”: Fund with conditions"


def test_fund_with_conditions_needs_a_condition_and_do_not_fund_keeps_no_money():
    setup = award_round()
    proposal = setup.proposals[0]

    with pytest.raises(ApplicationError, match="at least one condition"):
        _fund(setup, proposal, [1, 1, 1], kind=DecisionKind.FUND_WITH_CONDITIONS)
    decision = record_decision(
        proposal, kind=DecisionKind.DO_NOT_FUND, reasons="Weak.", amounts=[5, 5, 5], by=setup.officer
    )

    assert decision.amounts_pence == []
    assert not DecisionFunding.objects.exists()


def test_funding_exactly_the_specifications_maximum_passes():
    setup = award_round(proposals=2)
    _fund(setup, setup.proposals[0], [60_000, 60_000, 60_000])

    decision = _fund(setup, setup.proposals[1], [40_000, 40_000, 40_000])

    assert decision.pk is not None


def test_one_penny_over_the_specifications_maximum_is_refused_naming_the_year_and_the_amount_over():
    setup = award_round(proposals=2)
    _fund(setup, setup.proposals[0], [60_000, 60_000, 60_000])

    with pytest.raises(BudgetExceeded) as refused:
        record_decision(
            setup.proposals[1],
            kind=DecisionKind.FUND,
            reasons="Also good.",
            amounts=[40_000_00, 40_000_01, 40_000_00],
            by=setup.officer,
        )

    details = [str(detail) for detail in refused.value.details]
    assert len(details) == 1
    assert details[0].startswith("Year 2 (2028 to 2029): this would fund £100,000.01")
    assert "£0.01 over its maximum allocation of £100,000" in details[0]
    assert not Decision.objects.filter(proposal=setup.proposals[1]).exists()


def test_the_round_budget_at_its_boundary_and_one_penny_over():
    setup = award_round(proposals=2, maximum=(900_000, 900_000, 900_000), budget_pounds=100_000)
    _fund(setup, setup.proposals[0], [70_000, 70_000, 70_000])
    _fund(setup, setup.proposals[1], [30_000, 30_000, 30_000])  # exactly the budget

    with pytest.raises(BudgetExceeded) as refused:
        _fund(setup, setup.proposals[1], [30_000, 30_000, 30_000.01])  # a change: its own money is not counted twice

    assert [str(d) for d in refused.value.details] == [
        "Year 3 (2029 to 2030): this would fund £100,000.01 in the round, £0.01 over the £100,000 it has."
    ]


def test_the_round_may_fund_what_its_pooled_sources_hold_not_its_budget():
    setup = award_round(maximum=(900_000, 900_000, 900_000), budget_pounds=1_000_000)
    source = pooled(setup.round, 50_000)
    aligned(setup.round, 500_000)

    with pytest.raises(BudgetExceeded) as refused:
        _fund(
            setup,
            setup.proposals[0],
            [50_000, 60_000, 50_000],
            funding={(source.pk, y): p * POUND for y, p in [(1, 50_000), (2, 60_000), (3, 50_000)]},
        )

    assert any("over the £50,000 it has" in str(d) and d.startswith("Year 2") for d in refused.value.details)


def test_a_source_is_never_asked_for_more_than_it_gives_in_a_year():
    setup = award_round(proposals=2, maximum=(900_000, 900_000, 900_000))
    big = pooled(setup.round, 900_000)
    health = aligned(setup.round, 10_000)
    split = {(big.pk, 1): 0, (health.pk, 1): 10_000_00, (big.pk, 2): 10_000_00, (big.pk, 3): 10_000_00}
    _fund(setup, setup.proposals[0], [10_000, 10_000, 10_000], funding=split)

    with pytest.raises(BudgetExceeded) as refused:
        _fund(
            setup,
            setup.proposals[1],
            [1, 1, 1],
            funding={(health.pk, 1): 1_00, (big.pk, 2): 1_00, (big.pk, 3): 1_00},
        )

    assert [str(d) for d in refused.value.details] == [
        "Year 1 (2027 to 2028): this would take £10,001 from Coventry Health Board (aligned), £1 over its £10,000."
    ]


def test_aligned_money_counts_against_its_source_only_never_the_rounds_money_or_the_allocation():
    setup = award_round(proposals=3, asked=(60_000, 60_000, 60_000), maximum=(100_000, 100_000, 100_000))
    pot = pooled(setup.round, 100_000)
    health = aligned(setup.round, 50_000)

    def split(pot_pounds, health_pounds):
        return {
            **{(pot.pk, year): pot_pounds * POUND for year in (1, 2, 3)},
            **{(health.pk, year): health_pounds * POUND for year in (1, 2, 3)},
        }

    _fund(setup, setup.proposals[0], [60_000] * 3, funding=split(60_000, 0))
    # £40,000 of the round's money and £20,000 of the health board's: the round's £100,000 is all taken.
    _fund(setup, setup.proposals[1], [60_000] * 3, funding=split(40_000, 20_000))
    # Paid by the health board alone, it takes none of the round's money nor of the allocation.
    _fund(setup, setup.proposals[2], [30_000] * 3, funding=split(0, 30_000))
    assert Decision.objects.count() == 3

    with pytest.raises(BudgetExceeded) as refused:
        _fund(setup, setup.proposals[2], [30_001] * 3, funding=split(1, 30_000))  # £1 of the round's money

    assert [str(d) for d in refused.value.details if d.startswith("Year 1")] == [
        f"Year 1 (2027 to 2028): this would fund £100,001 for “{setup.specification.title}”, £1 over its maximum "
        "allocation of £100,000.",
        "Year 1 (2027 to 2028): this would fund £100,001 in the round, £1 over the £100,000 it has.",
        "Year 1 (2027 to 2028): this would take £100,001 from Coventry Pooled Fund (pooled), £1 over its £100,000.",
    ]
    assert Decision.objects.get(proposal=setup.proposals[2]).amounts_pence == [30_000_00] * 3


def test_allocated_money_is_the_rounds_own_money_and_leaves_the_aligned_part_out():
    setup = award_round(proposals=2)
    pot = pooled(setup.round, 100_000)
    health = aligned(setup.round, 50_000)
    first = _fund(
        setup,
        setup.proposals[0],
        [30_000, 30_000, 30_000],
        funding={(pot.pk, y): 10_000_00 for y in (1, 2, 3)} | {(health.pk, y): 20_000_00 for y in (1, 2, 3)},
    )
    approve_decision(first, by=setup.second)

    assert money_used(setup.round, "allocated") == {1: 10_000_00, 2: 10_000_00, 3: 10_000_00}
    assert money_used(setup.round, "allocated", specification=setup.specification)[2] == 10_000_00


def test_the_sources_split_must_add_up_to_each_years_amount():
    setup = award_round()
    source = pooled(setup.round, 900_000)

    with pytest.raises(ApplicationError) as refused:
        _fund(setup, setup.proposals[0], [100, 100, 100], funding={(source.pk, 1): 100_00, (source.pk, 2): 90_00})

    assert [str(d) for d in refused.value.details] == [
        "Year 2 (2028 to 2029): the funding sources pay £90, but the amount funded is £100.",
        "Year 3 (2029 to 2030): the funding sources pay £0, but the amount funded is £100.",
    ]
    assert not Decision.objects.exists()


def test_a_decision_needs_the_award_stage_and_an_eligible_proposal():
    setup = award_round()
    Round.objects.filter(pk=setup.round.pk).update(stage=Stage.PANELS)

    with pytest.raises(InvalidTransition, match="Decisions are recorded while the round is at"):
        _fund(setup, Proposal.objects.get(pk=setup.proposals[0].pk), [1, 1, 1])

    Round.objects.filter(pk=setup.round.pk).update(stage=Stage.AWARD)
    Proposal.objects.filter(pk=setup.proposals[0].pk).update(state=ProposalState.MERGED)
    with pytest.raises(InvalidTransition, match="Only an eligible proposal"):
        _fund(setup, Proposal.objects.get(pk=setup.proposals[0].pk), [1, 1, 1])


def test_a_second_officer_approves_never_the_one_who_recorded_and_later_areas_hear_of_it():
    setup = award_round()
    decision = _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    heard = []

    def listener(decision, *, by):
        heard.append((decision.pk, by.pk, decision.status))

    events.on_decision_approved(listener)
    try:
        with pytest.raises(InvalidTransition, match="not the one who recorded it"):
            approve_decision(decision, by=setup.officer)
        assert heard == []
        approve_decision(decision, by=setup.second)
    finally:
        events.forget(listener)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED
    assert decision.approved_by == setup.second
    assert heard == [(decision.pk, setup.second.pk, DecisionStatus.APPROVED)]
    described = describe(AuditEntry.objects.get(action="decisions.approved"))
    assert described.sentence == "Sam Second approved the decision on “Proposal 1” (version 1): Fund"


def test_when_the_board_chair_approves_only_the_named_chair_may():
    setup = award_round()
    chair = person_with_role(setup.round, Role.BOARD, full_name="Chris Chair")
    save_settings(setup.round, approver_kind=ApproverKind.BOARD_CHAIR, board_chair=chair, by=setup.officer)
    decision = _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])

    with pytest.raises(InvalidTransition, match="chair of the board"):
        approve_decision(decision, by=setup.second)
    approve_decision(decision, by=chair)

    assert Decision.objects.get().approved_by == chair
    assert describe(AuditEntry.objects.get(action="decisions.settings_changed")).sentence == (
        "Olive Officer chose who approves the round's decisions: The chair of the board"
    )


def test_a_change_after_approval_needs_a_reason_makes_a_new_version_and_a_new_approval():
    setup = award_round()
    decision = _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    approve_decision(decision, by=setup.second)

    with pytest.raises(ApplicationError, match="reason for changing"):
        _fund(setup, setup.proposals[0], [900, 900, 900])
    assert Decision.objects.get().amounts_pence == [1_000_00] * 3

    changed = _fund(setup, setup.proposals[0], [900, 900, 900], change_reason="The lead asked for less.")

    assert (changed.version, changed.status, changed.approved_at) == (2, DecisionStatus.AWAITING_APPROVAL, None)
    assert changed.change_reason == "The lead asked for less."
    entry = describe(AuditEntry.objects.get(action="decisions.changed"))
    assert entry.sentence == "Olive Officer changed the decision on “Proposal 1” (version 2): Fund"
    assert entry.note == "The lead asked for less."
    approve_decision(changed, by=setup.second)
    assert Decision.objects.get().status == DecisionStatus.APPROVED
    assert AuditEntry.objects.filter(action="decisions.approved").count() == 2


def test_allocated_money_counts_approved_decisions_only():
    setup = award_round(proposals=2)
    first = _fund(setup, setup.proposals[0], [1_000, 2_000, 3_000])
    _fund(setup, setup.proposals[1], [500, 500, 500])
    approve_decision(first, by=setup.second)

    assert money_used(setup.round, "allocated") == {1: 1_000_00, 2: 2_000_00, 3: 3_000_00}
    assert money_used(setup.round, "allocated", specification=setup.specification)[3] == 3_000_00


def test_the_round_enters_monitoring_only_once_every_proposal_has_an_approved_decision():
    setup = award_round(proposals=2)
    assert "No decision has been recorded." in blockers_for(setup.round, Stage.MONITORING)

    first = _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    title = setup.specification.priority.title
    reasons = blockers_for(setup.round, Stage.MONITORING)
    assert f"{title}: 1 proposal has no decision" in reasons
    assert f"{title}: 1 decision awaits approval" in reasons

    approve_decision(first, by=setup.second)
    record_decision(setup.proposals[1], kind=DecisionKind.DO_NOT_FUND, reasons="Weak.", by=setup.officer)
    approve_decision(Decision.objects.get(proposal=setup.proposals[1]), by=setup.second)
    assert not [r for r in blockers_for(setup.round, Stage.MONITORING) if r.startswith(title)]
