"""A lead reads the contract sent to them and accepts it on a phone; an officer prepares and sends it."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from panels.contracts import services
from panels.contracts.enums import VersionStatus
from tests.browser.conftest import DESKTOP, PHONE, html
from tests.panels.contracts.helpers import Setting

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_lead_reads_and_accepts_the_contract(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    s = Setting()
    services.send_version(s.version, by=s.officer)
    width = "phone" if viewport == PHONE else "desktop"
    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)

    login(page, s.lead_person)
    page.goto(reverse("bidder_dashboard", args=[s.round.pk]))
    page.get_by_role("link", name="Your contract: Mentoring in Hillfields").click()
    assert "This contract waits for your acceptance." in html(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Read and accept it").click()
    body = page.locator("main").inner_text()
    for text in (
        "£100,000.01 in year 1 (2027 to 2028)",
        "A signed partnership agreement.",
        "Payment schedule",
        "Reporting schedule",
        "From 1 April 2027 to 31 March 2030",
    ):
        assert text in body, text
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"contract-accept-{width}")
    page.get_by_role("button", name="Accept the contract").click()
    assert "Confirm that you have read the contract and accept it" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("I have read the whole contract and accept it on behalf of the lead organisation").check()
    page.get_by_role("button", name="Accept the contract").click()

    assert "You have accepted the contract. Thank you." in html(page)
    assert "Version 1: Accepted" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"contract-accepted-{width}")
    s.version.refresh_from_db()
    assert s.version.status == VersionStatus.ACCEPTED
    assert s.version.accepted_by == s.lead_person
    assert s.version.accepted_ip == "127.0.0.1"


def test_an_officer_prepares_and_sends_the_contract(new_page, login, assert_accessible, transactional_db):
    s = Setting()
    page = new_page(viewport=DESKTOP)
    login(page, s.officer)
    page.goto(reverse("contract_list", args=[s.round.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Mentoring in Hillfields").click()
    assert_accessible(page)
    page.get_by_role("link", name="Value per year and dates").click()
    page.get_by_label("Value in Year 2 (2028 to 2029)").fill("not money")
    page.get_by_role("button", name="Save").click()
    assert "Enter an amount of money in pounds" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Value in Year 2 (2028 to 2029)").input_value() == "not money"
    assert_accessible(page)
    page.get_by_label("Value in Year 2 (2028 to 2029)").fill("95,000")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Payment schedule").click()
    assert_accessible(page)
    _shot(page, "contract-instalments-desktop")
    page.get_by_role("link", name=str(s.contract)).first.click()
    page.get_by_role("link", name="Indicators and targets").click()
    assert_accessible(page)
    page.get_by_role("link", name=str(s.contract)).first.click()
    page.get_by_role("link", name="Send to the lead").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the contract to the lead").click()
    assert "The contract is being sent to the lead's contact, with its PDF." in html(page)
    s.version.refresh_from_db()
    assert s.version.status == VersionStatus.SENT and s.version.amounts_pence[1] == 95_000_00
