"""Scoring's services: default criteria, the weights check, frozen criteria, draft and submit, hidden
peer scores, the spread flag, set-aside sheets and the ranking's arithmetic."""

from decimal import Decimal

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.enums import Stage
from commissioning.registry import blockers_for
from panels.membership.enums import InterestNature
from panels.membership.models import Declaration
from panels.scoring.enums import DEFAULT_CRITERIA, RecommendationKind
from panels.scoring.models import Criterion, LevelDescriptor, ModeratedScore, Score, ScoreSheet
from panels.scoring.ranking import weighted_total
from panels.scoring.selectors import moderation_of, peer_sheets, ranking
from panels.scoring.services import (
    CriteriaFrozen,
    ScoringRefused,
    WeightsDoNotAddUp,
    ensure_default_criteria,
    moderate,
    recommend,
    save_scores,
    set_aside_on_interest,
    set_aside_sheet,
    update_criteria,
)
from tests.factories.commissioning import person_with_role
from tests.factories.panels import PanelFactory
from tests.panels.scoring.helpers import budget, every_criterion, scoring_panel, submitted

pytestmark = pytest.mark.django_db


def _changes(criteria, weights):
    return {
        c.pk: {"title": c.title, "weight": w, "levels": {level.score: level.descriptor for level in c.levels.all()}}
        for c, w in zip(criteria, weights, strict=True)
    }


def test_a_new_panel_gets_the_default_criteria_with_a_descriptor_for_every_level():
    panel = PanelFactory(scale_max=4)

    assert ensure_default_criteria(panel) is True
    assert ensure_default_criteria(panel) is False

    criteria = list(Criterion.objects.filter(panel=panel))
    assert [c.title for c in criteria] == [str(title) for title, _d, _w in DEFAULT_CRITERIA]
    assert sum(c.weight for c in criteria) == 100
    assert LevelDescriptor.objects.filter(criterion__panel=panel).count() == 7 * 5
    assert (
        LevelDescriptor.objects.get(criterion=criteria[0], score=3).descriptor
        == "Indicators drawn from the plan with baselines and yearly targets."
    )


def test_a_wider_scale_still_describes_every_level():
    panel = PanelFactory(scale_max=10)

    ensure_default_criteria(panel)

    assert sorted(
        LevelDescriptor.objects.filter(criterion__panel=panel, criterion__order=1).values_list("score", flat=True)
    ) == list(range(11))


def test_weights_that_do_not_add_up_to_100_are_refused_naming_the_sum():
    setup = scoring_panel()
    officer = person_with_role(setup.panel.round, "officer")
    criteria = setup.criteria

    with pytest.raises(WeightsDoNotAddUp) as refused:
        update_criteria(setup.panel, _changes(criteria, [30, 15, 15, 15, 10, 10, 15]), by=officer)

    assert refused.value.message == "The weights must add up to 100; they add up to 110."
    assert list(Criterion.objects.filter(panel=setup.panel).values_list("weight", flat=True)) == [
        20,
        15,
        15,
        15,
        10,
        10,
        15,
    ]


def test_criteria_change_until_the_first_score_then_are_frozen():
    setup = scoring_panel()
    officer = person_with_role(setup.panel.round, "officer")
    criteria = setup.criteria

    update_criteria(setup.panel, _changes(criteria, [25, 15, 15, 15, 10, 10, 10]), by=officer)
    assert Criterion.objects.get(pk=criteria[0].pk).weight == 25
    assert AuditEntry.objects.filter(action="scoring.criteria_changed").count() == 1

    save_scores(setup.first, setup.proposals[0], {criteria[0].pk: (3, "")}, by=setup.first.user)
    with pytest.raises(CriteriaFrozen):
        update_criteria(setup.panel, _changes(criteria, [20, 15, 15, 15, 10, 10, 15]), by=officer)

    assert Criterion.objects.get(pk=criteria[0].pk).weight == 25


def test_scores_save_as_a_draft_and_submitting_needs_every_criterion():
    setup = scoring_panel()
    proposal, criteria = setup.proposals[0], setup.criteria

    sheet, total = save_scores(setup.first, proposal, {criteria[0].pk: (4, "Strong")}, by=setup.first.user)
    assert sheet.submitted_at is None
    assert total == Decimal("20.0")
    assert list(Score.objects.filter(sheet=sheet).values_list("value", "comment")) == [(4, "Strong")]

    with pytest.raises(ScoringRefused) as refused:
        save_scores(setup.first, proposal, {criteria[0].pk: (4, "Strong")}, by=setup.first.user, submit=True)
    assert len(refused.value.details) == 6
    assert ScoreSheet.objects.get(pk=sheet.pk).submitted_at is None
    assert not AuditEntry.objects.filter(action="scoring.submitted").exists()

    sheet, total = save_scores(setup.first, proposal, every_criterion(criteria, 2), by=setup.first.user, submit=True)
    assert sheet.submitted_at is not None
    assert total == Decimal("50.0")
    assert AuditEntry.objects.filter(action="scoring.submitted", object_id=str(proposal.pk)).count() == 1
    with pytest.raises(ScoringRefused):
        save_scores(setup.first, proposal, every_criterion(criteria, 4), by=setup.first.user)


def test_a_score_above_the_scale_is_refused():
    setup = scoring_panel()

    with pytest.raises(ScoringRefused):
        save_scores(setup.first, setup.proposals[0], {setup.criteria[0].pk: (5, "")}, by=setup.first.user)

    assert not Score.objects.exists()


def test_peer_scores_stay_hidden_until_the_member_submits_their_own():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    peer = submitted(setup.second, proposal, [1, 1, 1, 1, 1, 1, 1])
    save_scores(setup.first, proposal, every_criterion(setup.criteria, 3), by=setup.first.user)

    assert peer_sheets(setup.first, proposal) == []

    submitted_own = save_scores(
        setup.first, proposal, every_criterion(setup.criteria, 3), by=setup.first.user, submit=True
    )
    assert submitted_own[0].submitted_at is not None
    assert peer_sheets(setup.first, proposal) == [peer]


def test_a_spread_of_two_points_is_flagged_for_discussion():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [1, 2, 2, 2, 2, 2, 2])
    submitted(setup.second, proposal, [3, 3, 2, 2, 2, 2, 2])

    _sheets, rows = moderation_of(proposal, setup.criteria)

    assert [(row.spread, row.to_discuss) for row in rows[:3]] == [(2, True), (1, False), (0, False)]


def test_a_set_aside_sheet_is_kept_marked_and_left_out_of_every_total():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [4] * 7)
    aside = submitted(setup.second, proposal, [0] * 7)

    set_aside_sheet(setup.second, proposal, by=setup.second.user, reason="Trustee of the lead organisation.")

    aside.refresh_from_db()
    assert aside.set_aside_at is not None and aside.set_aside_reason == "Trustee of the lead organisation."
    assert Score.objects.filter(sheet=aside).count() == 7
    assert AuditEntry.objects.get(action="scoring.set_aside").summary == "Trustee of the lead organisation."
    row = ranking(setup.panel)[0]
    assert row.individual_totals == [Decimal("100.0")]
    assert row.flags == 0
    _sheets, rows = moderation_of(proposal, setup.criteria)
    assert rows[0].counted_values == [4]
    assert [sheet for sheet, _score in rows[0].set_aside] == [aside]


def test_weighted_total_is_each_share_of_the_highest_times_its_weight():
    assert weighted_total({1: 3, 2: 4}, {1: 60, 2: 40}, 4) == Decimal("85.0")
    assert weighted_total({1: 1}, {1: 100}, 3) == Decimal("33.3")
    assert weighted_total({}, {1: 100}, 4) == Decimal("0.0")


def test_the_ranking_orders_by_moderated_total_with_spread_amounts_and_recommendation():
    setup = scoring_panel(proposals=3)
    low, high, unmoderated = setup.proposals
    chair = setup.chair.user
    moderate(low, setup.panel, every_criterion(setup.criteria, 2, "Fair"), by=chair)
    moderate(high, setup.panel, every_criterion(setup.criteria, 3, "Good"), by=chair)
    submitted(setup.first, high, [4] * 7)
    submitted(setup.second, high, [2] * 7)
    budget(high, 10_000_000, 5_000_000)
    recommend(high, setup.panel, kind=RecommendationKind.FUND, reasons="The strongest.", by=chair)

    rows = ranking(setup.panel)

    assert [row.proposal for row in rows] == [high, low, unmoderated]
    assert [row.moderated_total for row in rows] == [Decimal("75.0"), Decimal("50.0"), None]
    assert (rows[0].lowest, rows[0].highest, rows[0].flags) == (Decimal("50.0"), Decimal("100.0"), 7)
    assert rows[0].recommendation.kind == RecommendationKind.FUND
    assert [pence for _year, pence in rows[0].years][:2] == [10_000_000, 5_000_000]
    assert rows[0].total_pence == 15_000_000
    assert AuditEntry.objects.filter(action="scoring.moderated").count() == 2
    assert AuditEntry.objects.filter(action="scoring.recommended").count() == 1


def test_moderation_keeps_every_individual_score():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    sheet = submitted(setup.first, proposal, [1] * 7)

    moderate(proposal, setup.panel, {setup.criteria[0].pk: (3, "Agreed after discussion")}, by=setup.chair.user)

    assert list(Score.objects.filter(sheet=sheet).values_list("value", flat=True)) == [1] * 7
    consensus = ModeratedScore.objects.get(proposal=proposal)
    assert (consensus.value, consensus.rationale) == (3, "Agreed after discussion")


def test_fund_with_conditions_needs_conditions():
    setup = scoring_panel()

    with pytest.raises(Exception, match="Enter the conditions of funding."):
        recommend(
            setup.proposals[0],
            setup.panel,
            kind=RecommendationKind.FUND_WITH_CONDITIONS,
            reasons="Good",
            conditions=" ",
            by=setup.chair.user,
        )


def test_award_is_blocked_until_every_proposal_is_moderated_and_recommended():
    setup = scoring_panel(proposals=2)
    title = setup.panel.priority.title
    first, second = setup.proposals

    assert blockers_for(setup.panel.round, Stage.AWARD) == [
        f"{title}: 2 proposals have no moderated score",
        f"{title}: 2 proposals have no recommendation",
    ]

    moderate(first, setup.panel, every_criterion(setup.criteria, 3, "Good"), by=setup.chair.user)
    moderate(second, setup.panel, {setup.criteria[0].pk: (3, "Good")}, by=setup.chair.user)
    recommend(first, setup.panel, kind=RecommendationKind.FUND, reasons="Good", by=setup.chair.user)
    assert blockers_for(setup.panel.round, Stage.AWARD) == [
        f"{title}: 1 proposal has no moderated score",
        f"{title}: 1 proposal has no recommendation",
    ]

    moderate(second, setup.panel, every_criterion(setup.criteria, 1, "Weak"), by=setup.chair.user)
    recommend(second, setup.panel, kind=RecommendationKind.DO_NOT_FUND, reasons="Weak", by=setup.chair.user)
    assert blockers_for(setup.panel.round, Stage.AWARD) == []


def test_an_interest_declared_after_scoring_sets_the_sheet_aside():
    setup = scoring_panel()
    proposal = setup.proposals[0]
    sheet = submitted(setup.first, proposal, [2] * 7)
    declaration = Declaration.objects.get(member=setup.first, proposal=proposal)
    declaration.has_interest, declaration.nature = True, InterestNature.EMPLOYMENT
    declaration.save()

    set_aside_on_interest(declaration, by=setup.first.user)
    set_aside_on_interest(declaration, by=setup.first.user)

    sheet.refresh_from_db()
    assert sheet.set_aside_reason == "An interest was declared: employment."
    assert AuditEntry.objects.filter(action="scoring.set_aside", object_id=str(proposal.pk)).count() == 1
    assert ranking(setup.panel)[0].individual_totals == []
