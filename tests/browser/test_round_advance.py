"""An officer moves a round on as a person would: the button, the confirmation page, then the round's new stage."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.commissioning import IndicatorFactory, StrategicOutcomeFactory
from tests.factories.priorities import CandidateIssueFactory

DEVICES = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


@pytest.mark.parametrize("device", DEVICES)
def test_officer_confirms_moving_the_round_on(
    device, new_page, round_, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    outcome = StrategicOutcomeFactory(round=round_)
    IndicatorFactory(outcome=outcome)
    CandidateIssueFactory(round=round_, outcome=outcome)
    page = new_page(**DEVICES[device])
    login(page, officer)
    page.get_by_role("link", name=round_.name).click()

    page.get_by_role("button", name="Move on to “Priority workshop”").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Move the round on to “Priority workshop”?"
    assert "This cannot be undone." in page.locator("main").inner_text()
    assert_accessible(page)
    if device == "phone":
        assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Yes, move on to “Priority workshop”").click()

    assert "The round has moved on to “Priority workshop”." in page.locator("main").inner_text()
    round_.refresh_from_db()
    assert round_.stage == "workshop"
