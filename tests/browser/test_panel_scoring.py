"""A panel member scores a proposal on a tablet in the meeting, with the weighted total as they go, and
sees the others' scores only once they have submitted theirs; the chair moderates the spread and
recommends. Under axe-core at every step."""

import os
import re
from pathlib import Path

from django.urls import reverse

from panels.scoring.models import ModeratedScore, Recommendation, ScoreSheet
from tests.panels.scoring.helpers import scoring_panel, submitted

TABLET = {"width": 768, "height": 1024}


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _choose(page, criterion, score):
    page.get_by_role("group", name=f"Score: {criterion}").get_by_label(re.compile(rf"^{score}: ")).check()


def test_member_scores_on_a_tablet_and_sees_others_only_after_submitting(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.second, proposal, [1] * 7)
    page = new_page(viewport=TABLET, is_mobile=True, has_touch=True)
    login(page, setup.first.user)

    page.goto(reverse("scoring_list", args=[proposal.round_id, setup.panel.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Proposal 1").click()
    page.get_by_role("heading", name="Score “Proposal 1”").wait_for()
    assert page.get_by_text("Sam Second").count() == 0
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    criteria = [c.title for c in setup.criteria]
    _choose(page, criteria[0], 4)
    page.get_by_text("Weighted total: 20.0 out of 100").wait_for()
    _choose(page, criteria[1], 2)
    page.get_by_text("Weighted total: 27.5 out of 100").wait_for()
    page.get_by_label(f"Comment on {criteria[0]}").fill("Baselines for every indicator.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("Your draft is saved: 27.5 out of 100 so far.").wait_for()
    assert page.get_by_text("Sam Second").count() == 0

    page.get_by_role("button", name="Submit your scores").click()
    page.get_by_text(
        "Choose a score for “The sponsor's commitment to sustain the activity” before you submit."
    ).first.wait_for()
    assert_accessible(page)
    for title in criteria[2:]:
        _choose(page, title, 3)
    page.get_by_text("Weighted total: 76.3 out of 100").wait_for()
    page.get_by_role("button", name="Submit your scores").click()

    page.get_by_text("Your scores are submitted: 76.3 out of 100.").wait_for()
    page.get_by_role("heading", name="Other members' scores").wait_for()
    assert page.get_by_role("row", name=re.compile("Sam Second")).count() == 1
    assert_accessible(page)
    assert ScoreSheet.objects.get(member=setup.first, proposal=proposal).submitted_at is not None


def test_chair_moderates_a_flagged_spread_and_recommends(new_page, login, assert_accessible, transactional_db):
    setup = scoring_panel()
    proposal = setup.proposals[0]
    submitted(setup.first, proposal, [1, 3, 3, 3, 3, 3, 3])
    submitted(setup.second, proposal, [4, 3, 3, 3, 3, 3, 3])
    page = new_page(viewport=TABLET)
    login(page, setup.chair.user)
    criteria = [c.title for c in setup.criteria]

    page.goto(reverse("scoring_ranking", args=[proposal.round_id, setup.panel.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Moderate Proposal 1").click()
    page.get_by_text("Discuss before agreeing a score: the scores spread by 3 points.").wait_for()
    assert_accessible(page)

    for title in criteria:
        page.get_by_role("group", name=f"Consensus score: {title}").get_by_label(re.compile(r"^3: ")).check()
        page.get_by_label(f"Rationale: {title}").fill("Agreed after discussing the evidence.")
    page.get_by_role("button", name="Save the consensus").click()
    page.get_by_text("Moderated weighted total: 75.0 out of 100").wait_for()
    assert ModeratedScore.objects.filter(proposal=proposal).count() == 7

    page.get_by_role("link", name="Recommend on this proposal").click()
    page.get_by_label("Fund with conditions").check()
    page.get_by_label("Reasons").fill("Strong measures and a committed sponsor.")
    page.get_by_role("button", name="Save the recommendation").click()
    page.get_by_text("Enter the conditions of funding.").first.wait_for()
    assert_accessible(page)
    page.get_by_role("textbox", name="Conditions").fill("A signed partnership agreement before the contract.")
    page.get_by_role("button", name="Save the recommendation").click()

    page.get_by_text("The recommendation is saved.").wait_for()
    page.get_by_role("cell", name=re.compile("Fund with conditions")).wait_for()
    assert_accessible(page)
    assert (
        Recommendation.objects.get(proposal=proposal).conditions
        == "A signed partnership agreement before the contract."
    )


def test_scoring_pages_fit_a_phone(new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db):
    setup = scoring_panel(proposals=2)
    proposal = setup.proposals[0]
    submitted(setup.second, proposal, [1] * 7)
    submitted(setup.first, proposal, [3] * 7)
    submitted(setup.chair, proposal, [4] * 7)
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    login(page, setup.chair.user)

    for url in (
        reverse("scoring_sheet", args=[proposal.round_id, proposal.pk]),
        reverse("scoring_sheet", args=[proposal.round_id, setup.proposals[1].pk]),
        reverse("scoring_moderation", args=[proposal.round_id, proposal.pk]),
        reverse("scoring_ranking", args=[proposal.round_id, setup.panel.pk]),
        reverse("scoring_criteria", args=[proposal.round_id, setup.panel.pk]),
        reverse("scoring_criteria_edit", args=[proposal.round_id, setup.panel.pk]),
    ):
        page.goto(url)
        _shot(page, url.strip("/").replace("/", "-"))
        assert_accessible(page)
        assert_no_horizontal_scroll(page)


def test_wrapped_breadcrumbs_keep_their_links_apart_on_a_phone(new_page, login, assert_accessible, transactional_db):
    """WCAG 2.2's target size: however the breadcrumbs wrap on a 360px phone, their links stay 24px apart."""
    setup = scoring_panel()
    proposal = setup.proposals[0]
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    login(page, setup.chair.user)
    url = reverse("scoring_moderation", args=[proposal.round_id, proposal.pk])
    round_, priority = setup.panel.round, setup.panel.priority

    for length in range(0, 24, 3):
        round_.name = "Neighbourhood renewal round" + " x" * length
        round_.save(update_fields=["name"])
        for title in ("Jobs", "Jobs and skills for young people"):
            priority.title = title
            priority.save(update_fields=["title"])
            page.goto(url)
            assert_accessible(page)
