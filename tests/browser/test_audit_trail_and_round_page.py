"""An officer reads the round page's groups and the audit trail as sentences, on a 1280-pixel screen and on a
360-pixel phone; a sub-group member follows the round page's link to their specification."""

import os
from pathlib import Path

import pytest

from commissioning.audit.services import audit
from commissioning.enums import Role
from commissioning.rounds import services
from priorities.specifications.services.specifications import add_subgroup_member
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.commissioning import IndicatorFactory, person_with_role
from tests.factories.priorities import CandidateIssueFactory, PriorityFactory

DEVICES = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


def _keep(page, name):
    """Screenshots for a person to look at, when ``SCREENSHOT_DIR`` names a folder."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def round_with_history(round_, officer):
    indicator = IndicatorFactory(outcome__partnership=round_.partnership)
    issue = CandidateIssueFactory(round=round_, outcome=indicator.outcome, name="Worklessness")
    priority = PriorityFactory(round=round_, issue=issue, outcome=indicator.outcome, title="Worklessness")
    round_.annual_budget_pence = 1_200_000_00
    round_.save()
    services.update_round(round_, by=officer, annual_budget_pence=500_000_00)
    board = person_with_role(round_, Role.BOARD, full_name="Bob Board")
    audit("workshop.dot_placed", by=board, round_=round_, after={"issue": issue.pk}, summary="Worklessness")
    writer = person_with_role(round_, Role.SUBGROUP, full_name="Owen Davies", email="owen.davies.writes@example.org")
    add_subgroup_member(priority, writer, by=officer)
    services.update_round(
        round_,
        by=officer,
        name="Neighbourhood renewal 2027 to 2030",
        place="Coventry's priority neighbourhoods",
        number_of_years=2,
    )
    round_.refresh_from_db()
    return round_, writer


@pytest.mark.parametrize("device", DEVICES)
def test_officer_reads_the_audit_trail_as_sentences(
    device, new_page, round_with_history, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    round_, _writer = round_with_history
    page = new_page(**DEVICES[device])
    login(page, officer)
    page.get_by_role("link", name="Neighbourhood renewal 2027 to 2030").click()
    headings = page.locator("main h2").all_inner_texts()
    assert headings.index("Manage the round") < headings.index("Strategic plan") < headings.index("Evidence")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _keep(page, f"round-page-officer-{device}")

    page.get_by_role("link", name="Audit trail").click()

    trail = page.locator("#audit-trail").inner_text()
    assert "Olive Officer changed the annual budget from £1,200,000 to £500,000." in trail
    assert "Bob Board placed a dot on “Worklessness”." in trail
    assert "Olive Officer added Owen Davies to the sub-group for “Worklessness”." in trail
    assert "Olive Officer changed 3 details (listed below)." in trail
    assert "The number of years from 3 to 2" in trail
    assert "_pence" not in trail and "{" not in trail and "round.updated" not in trail
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _keep(page, f"audit-trail-{device}")


@pytest.mark.parametrize("device", DEVICES)
def test_subgroup_member_follows_the_round_page_to_their_specification(
    device, new_page, round_with_history, login, assert_accessible, assert_no_horizontal_scroll
):
    round_, writer = round_with_history
    page = new_page(**DEVICES[device])
    login(page, writer)
    page.get_by_role("link", name=round_.name).click()
    assert "Manage the round" not in page.locator("main h2").all_inner_texts()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _keep(page, f"round-page-subgroup-{device}")

    page.get_by_role("link", name="Your specification: Worklessness").click()

    assert "Worklessness" in page.locator("h1, .govuk-caption-l").all_inner_texts()[0] + page.title()
    assert "/priorities/" in page.url and page.url.endswith("/specification/")
