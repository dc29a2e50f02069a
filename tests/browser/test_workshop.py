import re

import pytest
from django.urls import reverse

from commissioning.enums import Role, Sector, Stage
from commissioning.rounds.models import RoundRole
from priorities.workshop.enums import VotingMethod, WorkshopState
from priorities.workshop.models import Dot, Priority
from priorities.workshop.services import issue_join_code
from tests.browser.conftest import fill_date
from tests.factories.commissioning import OrganisationFactory, UserFactory
from tests.factories.priorities import CandidateIssueFactory
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues


@pytest.fixture
def running(round_):
    workshop = workshop_with_issues(round_, issues=6)
    return workshop, seat(workshop, Sector.COMMUNITY), wall(workshop)


def _place(page, issue):
    page.get_by_role("button", name=f"Place a dot on {issue.name}").click()


def test_participant_on_a_phone_places_three_dots_is_offered_no_fourth_and_moves_one(
    running, phone_page, new_page, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    workshop, participant, issues = running
    projector = new_page()
    login(projector, officer)
    projector.goto(reverse("workshop_projector", args=[workshop.round_id, workshop.pk]))
    projector.evaluate("window.stillThisPage = true")
    login(phone_page, participant.user)
    phone_page.goto(reverse("workshop_vote", args=[workshop.round_id, workshop.pk]))
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)

    for issue, left in zip(issues[:3], ["2 of 3 dots left", "1 of 3 dots left", "0 of 3 dots left"], strict=True):
        _place(phone_page, issue)
        phone_page.locator("#dots-left", has_text=left).wait_for()
    assert phone_page.get_by_role("button", name=re.compile("^Place a dot")).count() == 0
    phone_page.get_by_text("All your dots are placed. To move one, take it back first.").wait_for()
    assert Dot.objects.filter(participant=participant).count() == 3

    phone_page.get_by_role("button", name=f"Take a dot back from {issues[1].name}").click()
    phone_page.locator("#dots-left", has_text="1 of 3 dots left").wait_for()
    _place(phone_page, issues[4])
    phone_page.locator("#dots-left", has_text="0 of 3 dots left").wait_for()
    assert set(Dot.objects.values_list("issue_id", flat=True)) == {issues[0].pk, issues[2].pk, issues[4].pk}
    assert phone_page.locator(f"#issue-{issues[4].pk}").get_by_text("Your dot is here").is_visible()
    assert_accessible(phone_page)

    projector.locator(f'#bar-{issues[4].pk}[data-total="1"]').wait_for(timeout=4000)
    assert projector.locator(f'#bar-{issues[1].pk}[data-total="0"]').count() == 1
    assert projector.evaluate("window.stillThisPage") is True
    assert_accessible(projector)


def test_ballot_works_without_javascript(running, new_page, login):
    workshop, participant, issues = running
    page = new_page(java_script_enabled=False)
    login(page, participant.user)
    page.goto(reverse("workshop_vote", args=[workshop.round_id, workshop.pk]))

    _place(page, issues[0])

    page.get_by_text(f"Dot placed on {issues[0].name}. 2 of 3 dots left.").wait_for()
    assert Dot.objects.get().issue == issues[0]


def test_results_page_is_accessible(running, page, officer, login, assert_accessible):
    workshop, participant, issues = running
    put_dots(participant, *issues[:3])
    workshop.state = WorkshopState.CLOSED
    workshop.save()
    login(page, officer)

    page.goto(reverse("workshop_results", args=[workshop.round_id, workshop.pk]))

    assert "1 of 1 participant has placed all their dots" in page.locator("#turnout").inner_text()
    assert_accessible(page)
    page.goto(reverse("workshop_choose", args=[workshop.round_id, workshop.pk]))
    assert_accessible(page)


def test_officer_pages_and_paper_counts_are_accessible(round_, page, officer, login, assert_accessible):
    workshop = workshop_with_issues(round_, issues=6, voting_method=VotingMethod.PAPER)
    participant = issue_join_code(seat(workshop), by=officer)
    issues = wall(workshop)
    login(page, officer)

    for name, extra in [
        ("workshop_detail", []),
        ("workshop_participants", []),
        ("workshop_participant_code", [participant.pk]),
        ("workshop_paper", []),
    ]:
        page.goto(reverse(name, args=[workshop.round_id, workshop.pk, *extra]))
        assert_accessible(page)

    page.get_by_label(f"Total dots on {issues[0].name}").fill("4")
    page.get_by_label(f"Public sector dots on {issues[1].name}").fill("-1")
    page.get_by_role("button", name="Save counts").click()
    page.get_by_text("A count cannot be negative").first.wait_for()
    assert page.get_by_label(f"Total dots on {issues[0].name}").input_value() == "4"
    assert_accessible(page)


def test_officer_runs_a_paper_workshop_from_set_up_to_confirmed_priorities(round_, page, officer, login):
    round_.stage = Stage.WORKSHOP
    round_.save()
    issues = [CandidateIssueFactory(round=round_, name=f"Paper issue {n}") for n in range(1, 8)]
    member = UserFactory(full_name="Wendy Wall")
    RoundRole.objects.create(
        round=round_, user=member, role=Role.BOARD, organisation=OrganisationFactory(sector=Sector.PUBLIC)
    )
    login(page, officer)

    page.goto(reverse("workshop_create", args=[round_.pk]))
    page.get_by_label("Title").fill("Walls workshop")
    fill_date(page, "Date", 23, 11, 2026)
    page.get_by_label("Place").fill("Council House")
    for issue in issues:
        page.get_by_label(issue.name).check()
    page.get_by_label("Number of priorities to select").fill("2")
    page.get_by_label("With paper dots on the walls").check()
    page.get_by_role("button", name="Save workshop").click()
    page.get_by_label("Wendy Wall").check()
    page.get_by_role("button", name="Add participants").click()
    page.get_by_role("link", name="Walls workshop").click()
    page.get_by_role("button", name="Open voting").click()
    page.get_by_role("link", name="Enter the paper counts").click()
    for issue, count in zip(issues[:3], ["2", "1", "0"], strict=True):
        page.get_by_label(f"Total dots on {issue.name}").fill(count)
    page.get_by_role("button", name="Save counts").click()
    page.get_by_role("link", name="Walls workshop").click()
    page.get_by_role("button", name="Close voting").click()
    page.get_by_role("link", name="Choose the priorities").click()
    page.get_by_role("button", name="Confirm the priorities").click()

    page.get_by_text("The priorities are confirmed").wait_for()
    assert list(Priority.objects.values_list("title", "dots")) == [("Paper issue 1", 2), ("Paper issue 2", 1)]
    round_.refresh_from_db()
    assert round_.stage == Stage.SPECIFICATION
