"""Scoring's pages: what each person sees and may change, and that a refused POST changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from panels.membership.enums import InterestNature
from panels.membership.models import Declaration
from panels.scoring.enums import RecommendationKind
from panels.scoring.models import Criterion, ModeratedScore, Recommendation, Score, ScoreSheet
from panels.scoring.services import save_scores
from tests.factories.commissioning import person_with_role
from tests.factories.panels import PanelMemberFactory, declare
from tests.panels.scoring.helpers import budget, scoring_panel, submitted

pytestmark = pytest.mark.django_db


def _sheet_url(proposal):
    return reverse("scoring_sheet", args=[proposal.round_id, proposal.pk])


def _all_scores(criteria, value, action):
    data = {f"score_{c.pk}": str(value) for c in criteria}
    data.update({f"comment_{c.pk}": f"Comment on {c.title}" for c in criteria})
    data["action"] = action
    return data


def test_a_member_saves_a_draft_then_submits_and_only_then_sees_others_scores(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.second, proposal, [1] * 7)
    client.force_login(setup.first.user)

    page = client.get(_sheet_url(proposal)).content.decode()
    assert "3</strong>: Indicators drawn from the plan with baselines and yearly targets." in page
    assert "Sam Second" not in page
    assert "js/scoring.js" in page

    response = client.post(_sheet_url(proposal), {f"score_{setup.criteria[0].pk}": "4", "action": "save"}, follow=True)
    assert "Your draft is saved: 20.0 out of 100 so far." in response.content.decode()
    assert "Sam Second" not in response.content.decode()
    assert ScoreSheet.objects.get(member=setup.first).submitted_at is None

    response = client.post(_sheet_url(proposal), {f"score_{setup.criteria[0].pk}": "4", "action": "submit"})
    assert response.status_code == 200
    assert "Choose a score for “A rigorous evaluation strategy” before you submit." in response.content.decode()
    assert ScoreSheet.objects.get(member=setup.first).submitted_at is None

    response = client.post(_sheet_url(proposal), _all_scores(setup.criteria, 2, "submit"), follow=True)
    page = response.content.decode()
    assert "Your scores are submitted: 50.0 out of 100." in page
    assert "Other members&#x27; scores" in page or "Other members' scores" in page
    assert "Sam Second" in page
    assert ScoreSheet.objects.get(member=setup.first).submitted_at is not None
    assert AuditEntry.objects.filter(action="scoring.submitted", actor=setup.first.user).count() == 1


def test_a_submitted_sheet_refuses_a_change(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    sheet = submitted(setup.first, proposal, [3] * 7)
    client.force_login(setup.first.user)

    client.post(_sheet_url(proposal), _all_scores(setup.criteria, 0, "save"))

    assert list(Score.objects.filter(sheet=sheet).values_list("value", flat=True)) == [3] * 7


def test_a_conflicted_member_gets_404_and_their_post_changes_nothing(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.second, proposal, [1] * 7)
    Declaration.objects.filter(member=setup.first, proposal=proposal).update(
        has_interest=True, nature=InterestNature.FINANCIAL
    )
    client.force_login(setup.first.user)

    assert client.get(_sheet_url(proposal)).status_code == 404
    assert client.post(_sheet_url(proposal), _all_scores(setup.criteria, 4, "submit")).status_code == 404
    assert not ScoreSheet.objects.filter(member=setup.first).exists()


def test_a_bidder_and_a_board_member_see_nothing_of_scoring(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [1] * 7)
    urls = [
        _sheet_url(proposal),
        reverse("scoring_moderation", args=[proposal.round_id, proposal.pk]),
        reverse("scoring_ranking", args=[proposal.round_id, setup.panel.pk]),
    ]
    for role in (Role.BIDDER, Role.BOARD):
        client.force_login(person_with_role(setup.panel.round, role))
        for url in urls:
            assert client.get(url).status_code == 404


def test_officer_edits_criteria_with_the_weights_checked(client):
    setup = scoring_panel()
    officer = person_with_role(setup.panel.round, Role.OFFICER)
    client.force_login(officer)
    url = reverse("scoring_criteria_edit", args=[setup.panel.round_id, setup.panel.pk])
    data = {}
    for c in setup.criteria:
        data[f"title_{c.pk}"] = c.title
        data[f"weight_{c.pk}"] = str(c.weight)
        for level in c.levels.all():
            data[f"level_{c.pk}_{level.score}"] = level.descriptor
    first = setup.criteria[0]

    response = client.post(url, {**data, f"weight_{first.pk}": "30"})
    assert "The weights must add up to 100; they add up to 110." in response.content.decode()
    assert 'value="30"' in response.content.decode()
    assert Criterion.objects.get(pk=first.pk).weight == 20

    data[f"level_{first.pk}_4"] = "Indicators with baselines, targets and a named owner."
    client.post(url, data)
    assert first.levels.get(score=4).descriptor == "Indicators with baselines, targets and a named owner."


def test_criteria_are_refused_once_a_score_exists(client):
    setup = scoring_panel()
    save_scores(setup.first, setup.proposals[0], {setup.criteria[0].pk: (2, "")}, by=setup.first.user)
    client.force_login(setup.chair.user)
    url = reverse("scoring_criteria_edit", args=[setup.panel.round_id, setup.panel.pk])

    response = client.post(url, {f"weight_{setup.criteria[0].pk}": "50"}, follow=True)

    assert "The criteria cannot change: the panel has started scoring." in response.content.decode()
    assert Criterion.objects.get(pk=setup.criteria[0].pk).weight == 20


def test_the_chair_moderates_with_the_spread_flagged(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [1, 2, 2, 2, 2, 2, 2])
    submitted(setup.second, proposal, [3, 2, 2, 2, 2, 2, 2])
    client.force_login(setup.chair.user)
    url = reverse("scoring_moderation", args=[proposal.round_id, proposal.pk])

    page = client.get(url).content.decode()
    assert page.count("Discuss before agreeing a score") == 1
    assert "Fay First" in page and "Sam Second" in page

    first = setup.criteria[0]
    response = client.post(url, {f"consensus_{first.pk}": "2"})
    assert "Enter the rationale for “Measurement of success against the strategic outcome”." in (
        response.content.decode()
    )
    client.post(url, {f"consensus_{first.pk}": "2", f"rationale_{first.pk}": "Agreed after discussion."})
    consensus = ModeratedScore.objects.get(proposal=proposal, criterion=first)
    assert (consensus.value, consensus.rationale) == (2, "Agreed after discussion.")
    assert AuditEntry.objects.filter(action="scoring.moderated").count() == 1


def test_a_member_who_is_not_chair_cannot_moderate_or_recommend(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    client.force_login(setup.first.user)

    moderation = client.post(
        reverse("scoring_moderation", args=[proposal.round_id, proposal.pk]),
        {f"consensus_{setup.criteria[0].pk}": "2", f"rationale_{setup.criteria[0].pk}": "x"},
    )
    recommendation = client.post(
        reverse("scoring_recommendation", args=[proposal.round_id, proposal.pk]), {"kind": "fund", "reasons": "x"}
    )

    assert (moderation.status_code, recommendation.status_code) == (404, 404)
    assert not ModeratedScore.objects.exists() and not Recommendation.objects.exists()


def test_fund_with_conditions_needs_its_conditions(client):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    client.force_login(setup.chair.user)
    url = reverse("scoring_recommendation", args=[proposal.round_id, proposal.pk])

    response = client.post(url, {"kind": RecommendationKind.FUND_WITH_CONDITIONS, "reasons": "Promising."})
    assert "Enter the conditions of funding." in response.content.decode()
    assert not Recommendation.objects.exists()

    client.post(
        url, {"kind": RecommendationKind.FUND_WITH_CONDITIONS, "reasons": "Promising.", "conditions": "A sponsor."}
    )
    assert Recommendation.objects.get(proposal=proposal).conditions == "A sponsor."


def _ranking_queries(client, setup):
    url = reverse("scoring_ranking", args=[setup.panel.round_id, setup.panel.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_ranking_keeps_its_query_count_with_more_proposals(client):
    small, large = scoring_panel(proposals=2), scoring_panel(proposals=8)
    for setup in (small, large):
        for proposal in setup.proposals:
            submitted(setup.first, proposal, [3] * 7)
            budget(proposal, 5_000_000)
    client.force_login(person_with_role(small.panel.round, Role.OFFICER))
    few, page = _ranking_queries(client, small)
    client.force_login(person_with_role(large.panel.round, Role.OFFICER))
    many, _page = _ranking_queries(client, large)

    assert few == many
    assert "£50,000 in year 1" in page
    assert "75.0 to 75.0 (1 member)" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_members_list_and_score_sheet_keep_their_query_count_with_more_proposals(client):
    small, large = scoring_panel(proposals=2), scoring_panel(proposals=8)
    counts = []
    for setup in (small, large):
        for proposal in setup.proposals:
            submitted(setup.second, proposal, [2] * 7)
            submitted(setup.chair, proposal, [3] * 7)
        submitted(setup.first, setup.proposals[0], [1] * 7)
        client.force_login(setup.first.user)
        counts.append(
            (
                _queries(client, reverse("scoring_list", args=[setup.panel.round_id, setup.panel.pk])),
                _queries(client, _sheet_url(setup.proposals[0])),
                _queries(client, _sheet_url(setup.proposals[1])),
            )
        )

    assert counts[0] == counts[1]


def test_the_round_page_links_each_panel_scoring_to_those_who_may_open_it(client):
    setup = scoring_panel()
    title = setup.panel.priority.title
    url = reverse("round_detail", args=[setup.panel.round_id])

    client.force_login(setup.first.user)
    member_page = client.get(url).content.decode()
    client.force_login(setup.chair.user)
    chair_page = client.get(url).content.decode()
    client.force_login(person_with_role(setup.panel.round, Role.BIDDER))
    bidder_page = client.get(url).content.decode()

    assert f"Scoring: {title}" in member_page and f"Ranking: {title}" not in member_page
    assert f"Scoring: {title}" in chair_page and f"Ranking: {title}" in chair_page
    assert "Scoring:" not in bidder_page


def test_the_chairs_ranking_and_moderation_keep_their_query_count_with_more_proposals(client):
    small, large = scoring_panel(proposals=2), scoring_panel(proposals=6)
    counts = []
    for setup in (small, large):
        for proposal in setup.proposals:
            submitted(setup.first, proposal, [1] * 7)
            submitted(setup.second, proposal, [3] * 7)
            budget(proposal, 5_000_000)
        first = setup.criteria[0]
        ModeratedScore.objects.create(proposal=setup.proposals[0], criterion=first, value=2, rationale="Agreed.")
        Recommendation.objects.create(proposal=setup.proposals[0], kind=RecommendationKind.FUND, reasons="Strong.")
        Declaration.objects.filter(member=setup.chair, proposal=setup.proposals[-1]).update(
            has_interest=True, nature=InterestNature.PERSONAL
        )
        client.force_login(setup.chair.user)
        counts.append(
            (
                _queries(client, reverse("scoring_ranking", args=[setup.panel.round_id, setup.panel.pk])),
                _queries(client, reverse("scoring_moderation", args=[setup.panel.round_id, setup.proposals[0].pk])),
            )
        )

    assert counts[0] == counts[1]


def test_the_score_sheet_and_moderation_keep_their_query_count_with_more_members(client):
    small, large = scoring_panel(), scoring_panel()
    for index in range(6):
        member = PanelMemberFactory(panel=large.panel, user__full_name=f"Extra Member {index}")
        declare(member, large.proposals[0])
        submitted(member, large.proposals[0], [index % 5] * 7)
    counts = []
    for setup in (small, large):
        proposal = setup.proposals[0]
        submitted(setup.second, proposal, [2] * 7)
        submitted(setup.first, proposal, [4] * 7)
        client.force_login(setup.first.user)
        sheet = _queries(client, _sheet_url(proposal))
        client.force_login(setup.chair.user)
        moderation = client.get(reverse("scoring_moderation", args=[proposal.round_id, proposal.pk]))
        counts.append((sheet, _queries(client, reverse("scoring_moderation", args=[proposal.round_id, proposal.pk]))))

    assert counts[0] == counts[1]
    page = moderation.content.decode()
    assert "Extra Member 5" in page and "Discuss before agreeing a score" in page
