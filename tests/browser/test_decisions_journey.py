"""An officer records a decision to fund with conditions, a negotiated amount and the funding source's
share; a second officer reads and approves it. Every page is checked with axe-core and for sideways
scrolling at 360px and 1280px."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse

from commissioning.enums import Role
from commissioning.rounds.models import RoundRole
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision
from panels.decisions.services import Condition, approve_decision, record_decision
from tests.browser.conftest import DESKTOP, PHONE, fill_date, html
from tests.factories.commissioning import person_with_role
from tests.factories.proposals import bidder_person
from tests.panels.decisions.helpers import POUND, award_round, pooled

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _checked(page, assert_accessible, assert_no_horizontal_scroll, name):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_an_officer_decides_and_a_second_officer_approves(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    setup = award_round()
    source = pooled(setup.round, 500_000)
    width = "phone" if viewport == PHONE else "desktop"
    options = {"viewport": viewport, "is_mobile": viewport == PHONE, "has_touch": viewport == PHONE}
    due = datetime.date.today() + datetime.timedelta(days=60)

    officer = new_page(**options)
    login(officer, setup.officer)
    officer.goto(reverse("round_detail", args=[setup.round.pk]))
    officer.get_by_role("link", name="Decisions", exact=True).click()
    _checked(officer, assert_accessible, assert_no_horizontal_scroll, f"decisions-list-{width}")
    officer.get_by_role("link", name="Decide Proposal 1").click()
    assert "The panel liked proposal 1." in officer.locator(".govuk-inset-text").inner_text()
    _checked(officer, assert_accessible, assert_no_horizontal_scroll, f"decisions-form-{width}")

    officer.get_by_label("Fund with conditions").check()
    officer.get_by_label("Reasons").fill("Ranked first; the sponsor commits to sustain it.")
    officer.get_by_label("Feedback for the proposer").fill("Keep the residents' steering group at the centre.")
    officer.get_by_label("Year 2 (2028 to 2029) (£)").fill("35,000")
    officer.get_by_role("button", name="Save the decision").click()
    summary = officer.locator(".govuk-error-summary").inner_text()
    assert "Enter at least one condition, with the date by which it must be met." in summary
    assert officer.get_by_label("Reasons").input_value() == "Ranked first; the sponsor commits to sustain it."
    _checked(officer, assert_accessible, assert_no_horizontal_scroll, f"decisions-form-errors-{width}")

    officer.get_by_label("Condition 1", exact=True).fill("A signed partnership agreement.")
    fill_date(officer, "Condition 1 must be met by", due.day, due.month, due.year)
    officer.get_by_role("button", name="Save the decision").click()
    assert (
        "the funding sources pay £40,000, but the amount funded is £35,000"
        in officer.locator(".govuk-error-summary").inner_text()
    )
    officer.get_by_role("group", name="Who pays in Year 2 (2028 to 2029)").get_by_label(
        "Coventry Pooled Fund (pooled) (£)"
    ).fill("35000")
    officer.get_by_role("button", name="Save the decision").click()
    assert "The decision is saved. It now waits for approval." in html(officer)
    assert "Awaiting approval" in html(officer)
    _checked(officer, assert_accessible, assert_no_horizontal_scroll, f"decisions-recorded-{width}")
    officer.emulate_media(media="print")
    assert not officer.get_by_role("link", name="Download the decisions (CSV)").is_visible()
    assert not officer.locator(".app-header__nav").is_visible()
    assert officer.get_by_text("Funded £35,000 in year 2 (2028 to 2029)").is_visible()
    officer.emulate_media(media="screen")

    second = new_page(**options)
    login(second, setup.second)
    second.goto(reverse("decisions_list", args=[setup.round.pk]))
    second.get_by_role("link", name="Read and approve Proposal 1").click()
    assert "A signed partnership agreement." in html(second)
    _checked(second, assert_accessible, assert_no_horizontal_scroll, f"decisions-approve-{width}")
    second.get_by_role("button", name="Approve the decision").click()
    assert "The decision is approved." in html(second)
    _checked(second, assert_accessible, assert_no_horizontal_scroll, f"decisions-approved-{width}")

    decision = Decision.objects.get()
    assert (decision.kind, decision.status) == (DecisionKind.FUND_WITH_CONDITIONS, DecisionStatus.APPROVED)
    assert decision.amounts_pence == [40_000 * POUND, 35_000 * POUND, 40_000 * POUND]
    assert decision.approved_by == setup.second
    assert decision.funding.get(year=2).amount_pence == 35_000 * POUND
    assert decision.funding.get(year=2).source == source


def test_a_lead_reads_its_decision_and_an_agency_what_its_money_buys_on_a_phone(
    phone_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    setup = award_round()
    source = pooled(setup.round, 500_000)
    proposal = setup.proposals[0]
    decision = record_decision(
        proposal,
        kind=DecisionKind.FUND_WITH_CONDITIONS,
        reasons="Ranked first.",
        feedback="Keep the residents' steering group at the centre.",
        amounts=[30_000 * POUND] * 3,
        conditions=[Condition("A signed partnership agreement.", datetime.date.today() + datetime.timedelta(days=30))],
        funding={(source.pk, year): 30_000 * POUND for year in (1, 2, 3)},
        by=setup.officer,
    )
    approve_decision(decision, by=setup.second)
    lead = bidder_person(setup.round, organisation=proposal.lead_organisation)
    agency_person = person_with_role(setup.round, Role.SPONSOR)
    RoundRole.objects.filter(user=agency_person).update(organisation=source.organisation)

    login(phone_page, lead)
    phone_page.goto(reverse("bidder_dashboard", args=[setup.round.pk]))
    phone_page.get_by_role("link", name=f"The decision on your proposal: {proposal.title}").click()
    assert "A signed partnership agreement." in html(phone_page)
    assert "£30,000 in year 3 (2029 to 2030)" in html(phone_page)
    _checked(phone_page, assert_accessible, assert_no_horizontal_scroll, "decisions-bidder-phone")

    phone_page.context.clear_cookies()
    login(phone_page, agency_person)
    phone_page.goto(reverse("round_detail", args=[setup.round.pk]))
    phone_page.get_by_role("link", name="What the round funds, agency by agency").click()
    assert "What Coventry Pooled Fund (pooled) pays for" in html(phone_page)
    _checked(phone_page, assert_accessible, assert_no_horizontal_scroll, "decisions-agency-phone")
