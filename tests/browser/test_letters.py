"""A lead reads the award letter from the bidding dashboard, on a phone and on a desktop; an officer
reads the round's letters."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from panels.letters.services import make_letter
from tests.browser.conftest import DESKTOP, PHONE
from tests.panels.letters.helpers import DUE, award, two_proposals

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_lead_reads_the_award_letter_from_the_dashboard(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    _panel, (alpha, lead, _partner), _beta, officer = two_proposals()
    decision = award(alpha, amounts_pounds=[100_000] * 3, conditions=[("Sign the partnership agreement", DUE)])
    make_letter(decision)
    width = "phone" if viewport == PHONE else "desktop"
    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)

    login(page, lead)
    page.goto(reverse("bidder_dashboard", args=[alpha.round_id]))
    page.get_by_role("link", name="Your award letter: Alpha routes into work").click()

    assert page.locator("#letter-state").inner_text() == "Ready"
    assert "contact@alpha.example.org: sent on" in page.locator("#letter-emails").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"letter-{width}")
    with page.expect_response(lambda response: "/pdf/" in response.url) as answer:
        page.evaluate(
            "url => fetch(url)", page.get_by_role("link", name="Open the letter, version 1 (PDF)").get_attribute("href")
        )
    assert answer.value.headers["content-type"] == "application/pdf"

    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    login(page, officer)
    page.goto(reverse("letters_list", args=[alpha.round_id]))
    assert "Version 1: Ready" in page.locator("#letters").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"letters-list-{width}")
