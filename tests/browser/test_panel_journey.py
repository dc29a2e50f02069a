"""A panel member's whole journey on a tablet, from the round's page: declare on every proposal (one
interest), find the conflicted proposal gone (404, never listed), read a proposal, see the meeting
timetable, score with the weighted total as they go, save a draft, submit, and only then see the
others' scores. Then the chair's moderation: the flagged spread, the consensus and the
recommendation, and the ranking that shows them. Every page under axe-core, none scrolling sideways."""

import os
import re
from pathlib import Path

from django.urls import reverse

from panels.meetings.services import book_slot
from panels.membership.enums import MemberRole
from panels.membership.models import Declaration
from panels.scoring.enums import RecommendationKind
from panels.scoring.models import ModeratedScore, Recommendation, ScoreSheet
from panels.scoring.selectors import criteria_of
from panels.scoring.services import ensure_default_criteria
from tests.browser.conftest import html
from tests.factories.commissioning import OrganisationFactory
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.panels.meetings.helpers import in_days, slot
from tests.panels.scoring.helpers import submitted

TABLET = {"width": 768, "height": 1024}


class Journey:
    """A panel with default criteria, three booked proposals, a chair and two members; the chair and
    the second member declared no interest in any proposal; the first member has declared nothing."""

    def __init__(self):
        self.panel = PanelFactory()
        self.round = self.panel.round
        ensure_default_criteria(self.panel)
        self.criteria = criteria_of(self.panel)
        self.care = eligible_proposal(
            self.panel,
            title="Care leavers into work",
            lead_organisation=OrganisationFactory(name="Coventry Care Leavers Trust"),
            activity="Mentoring young care leavers into apprenticeships with local employers.",
        )
        self.homes = eligible_proposal(
            self.panel,
            title="Warm homes",
            lead_organisation=OrganisationFactory(name="Hillfields Housing Co-operative"),
            activity="Insulating the oldest council houses.",
        )
        self.food = eligible_proposal(
            self.panel,
            title="Food club",
            lead_organisation=OrganisationFactory(name="Foleshill Food Bank"),
            activity="A weekly food club with cooking lessons.",
        )
        for days, place, proposal in (
            (7, "Committee Room 1, Civic Centre", self.care),
            (8, "Committee Room 2, Civic Centre", self.homes),
            (9, "Committee Room 3, Civic Centre", self.food),
        ):
            book_slot(proposal, slot(self.panel, starts_at=in_days(days, hour=10), place=place), by=None)
        self.chair = PanelMemberFactory(panel=self.panel, role=MemberRole.CHAIR, user__full_name="Chloe Chair")
        self.first = PanelMemberFactory(panel=self.panel, user__full_name="Fay First")
        self.second = PanelMemberFactory(panel=self.panel, user__full_name="Sam Second")
        for member in (self.chair, self.second):
            for proposal in (self.care, self.homes, self.food):
                declare(member, proposal)


def _choose(page, criterion, score, group="Score"):
    page.get_by_role("group", name=f"{group}: {criterion}").get_by_label(re.compile(rf"^{score}: ")).check()


def _check(page, assert_accessible, assert_no_horizontal_scroll, shot=None):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder and shot:
        page.screenshot(path=str(Path(folder) / f"{shot}.png"), full_page=True)


def test_a_panel_members_whole_journey_on_a_tablet(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    journey = Journey()
    submitted(journey.second, journey.care, [1] * 7)
    criteria = [c.title for c in journey.criteria]
    page = new_page(viewport=TABLET, is_mobile=True, has_touch=True)
    login(page, journey.first.user)

    # Declare on every proposal, one of them an interest, from their home page.
    page.goto(reverse("home"))
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    page.get_by_role("link", name="Declare your interests: 3 proposals waiting").click()
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    assert "Mentoring young care leavers" not in html(page)
    for title in ("Care leavers into work", "Food club"):
        page.get_by_role("link", name=f"Declare your declaration about {title}").click()
        _check(page, assert_accessible, assert_no_horizontal_scroll)
        page.get_by_label("No interest").check()
        page.get_by_role("button", name="Save the declaration").click()
    page.get_by_role("link", name="Declare your declaration about Warm homes").click()
    page.get_by_label("An interest").check()
    page.get_by_label("Nature of the interest").select_option(label="Trustee or governance")
    page.get_by_label("Describe the interest").fill("I sit on the co-operative's board.")
    page.get_by_role("button", name="Save the declaration").click()
    assert "Every declaration is made." in page.locator("#waiting").inner_text()
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    assert list(
        Declaration.objects.filter(member=journey.first)
        .order_by("proposal__title")
        .values_list("has_interest", flat=True)
    ) == [False, False, True]

    # The conflicted proposal is listed nowhere and answers 404.
    page.get_by_role("link", name="Read the proposals").click()
    listed = page.locator("#proposals").inner_text()
    assert "Care leavers into work" in listed and "Food club" in listed and "Warm homes" not in html(page)
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    for url in (
        reverse("panel_proposal", args=[journey.round.pk, journey.panel.pk, journey.homes.pk]),
        reverse("scoring_sheet", args=[journey.round.pk, journey.homes.pk]),
    ):
        assert page.goto(url).status == 404
        assert "Insulating the oldest council houses" not in html(page)

    # Read a proposal.
    page.goto(reverse("panel_reading", args=[journey.round.pk, journey.panel.pk]))
    page.get_by_role("link", name="Care leavers into work").click()
    assert "Mentoring young care leavers into apprenticeships" in page.locator("#section-activity").inner_text()
    _check(page, assert_accessible, assert_no_horizontal_scroll)

    # The meetings with the proposers.
    page.goto(reverse("round_detail", args=[journey.round.pk]))
    page.get_by_role("link", name=f"Meeting timetable: {journey.panel.priority.title}").click()
    timetable = page.locator("#timetable").inner_text()
    assert "Care leavers into work" in timetable and "Committee Room 1, Civic Centre" in timetable
    assert "Food club" in timetable
    assert "Warm homes" not in timetable and "Hillfields Housing Co-operative" not in timetable
    assert "Committee Room 2, Civic Centre" in timetable
    _check(page, assert_accessible, assert_no_horizontal_scroll, shot="panel-journey-timetable-768")

    # Score on the tablet: the weighted total as they go, a draft, then the submission.
    page.goto(reverse("round_detail", args=[journey.round.pk]))
    page.get_by_role("link", name=f"Scoring: {journey.panel.priority.title}").click()
    rows = page.locator("main table").inner_text()
    assert "Care leavers into work" in rows and "Food club" in rows and "Warm homes" not in rows
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    page.get_by_role("link", name="Care leavers into work").click()
    page.get_by_role("heading", name="Score “Care leavers into work”").wait_for()
    assert page.get_by_text("Sam Second").count() == 0
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    _choose(page, criteria[0], 4)
    page.get_by_text("Weighted total: 20.0 out of 100").wait_for()
    _choose(page, criteria[1], 2)
    page.get_by_text("Weighted total: 27.5 out of 100").wait_for()
    page.get_by_label(f"Comment on {criteria[0]}").fill("Baselines for every indicator.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("Your draft is saved: 27.5 out of 100 so far.").wait_for()
    assert page.get_by_text("Sam Second").count() == 0
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    assert ScoreSheet.objects.get(member=journey.first, proposal=journey.care).submitted_at is None
    for title in criteria[2:]:
        _choose(page, title, 3)
    page.get_by_text("Weighted total: 76.3 out of 100").wait_for()
    page.get_by_role("button", name="Submit your scores").click()

    page.get_by_text("Your scores are submitted: 76.3 out of 100.").wait_for()
    page.get_by_role("heading", name="Other members' scores").wait_for()
    assert page.get_by_role("row", name=re.compile("Sam Second")).count() == 1
    _check(page, assert_accessible, assert_no_horizontal_scroll, shot="panel-journey-submitted-768")
    sheet = ScoreSheet.objects.get(member=journey.first, proposal=journey.care)
    assert sheet.submitted_at is not None
    assert sheet.scores.get(criterion=journey.criteria[0]).comment == "Baselines for every indicator."


def test_the_chair_moderates_the_flagged_spread_and_the_ranking_shows_it(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    journey = Journey()
    for proposal in (journey.care, journey.homes, journey.food):
        declare(journey.first, proposal)
    submitted(journey.first, journey.care, [4, 3, 3, 3, 3, 3, 3])
    submitted(journey.second, journey.care, [1, 3, 3, 3, 3, 3, 3])
    submitted(journey.second, journey.food, [2] * 7)
    criteria = [c.title for c in journey.criteria]
    page = new_page(viewport=TABLET, is_mobile=True, has_touch=True)
    login(page, journey.chair.user)

    page.goto(reverse("scoring_ranking", args=[journey.round.pk, journey.panel.pk]))
    care_row = page.get_by_role("row", name=re.compile("Care leavers into work"))
    assert "1 criterion to discuss" in care_row.inner_text()
    assert "Not moderated (0 criteria agreed)" in care_row.inner_text()
    _check(page, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name="Moderate Care leavers into work").click()
    page.get_by_text("Discuss before agreeing a score: the scores spread by 3 points.").wait_for()
    assert "Fay First" in html(page) and "Sam Second" in html(page)
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    page.get_by_role("button", name="Save the consensus").click()
    page.locator(".govuk-error-summary").wait_for()
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    for title in criteria:
        _choose(page, title, 3, group="Consensus score")
        page.get_by_label(f"Rationale: {title}").fill("Agreed after discussing the evidence.")
    page.get_by_role("button", name="Save the consensus").click()
    page.get_by_text("Moderated weighted total: 75.0 out of 100").wait_for()
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    assert sorted(ModeratedScore.objects.filter(proposal=journey.care).values_list("value", flat=True)) == [3] * 7
    assert ScoreSheet.objects.filter(proposal=journey.care, submitted_at__isnull=False).count() == 2  # kept beside

    page.get_by_role("link", name="Recommend on this proposal").click()
    _check(page, assert_accessible, assert_no_horizontal_scroll)
    page.get_by_label("Fund with conditions").check()
    page.get_by_label("Reasons").fill("Strong measures and a committed sponsor.")
    page.get_by_role("textbox", name="Conditions").fill("A signed partnership agreement before the contract.")
    page.get_by_role("button", name="Save the recommendation").click()

    page.get_by_text("The recommendation is saved.").wait_for()
    care_row = page.get_by_role("row", name=re.compile("Care leavers into work"))
    text = care_row.inner_text()
    assert "75.0" in text and "Fund with conditions" in text
    assert "A signed partnership agreement before the contract." in text
    assert "Not moderated" in page.get_by_role("row", name=re.compile("Food club")).inner_text()
    assert page.locator("tbody tr").first.inner_text().startswith("Care leavers into work")  # ranked first
    _check(page, assert_accessible, assert_no_horizontal_scroll, shot="panel-journey-ranking-768")
    recommendation = Recommendation.objects.get(proposal=journey.care)
    assert recommendation.kind == RecommendationKind.FUND_WITH_CONDITIONS
