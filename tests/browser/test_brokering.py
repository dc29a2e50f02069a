"""The panel's chair asks two proposers to merge; each lead consents from their requests page on a
phone; the combined proposal is made. Every page is checked with axe-core at 360px and 1280px."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from panels.brokering.enums import RequestOutcome
from panels.brokering.models import BrokeringRequest
from tests.browser.conftest import DESKTOP, PHONE, html
from tests.panels.brokering.helpers import Setting

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def _checked(page, assert_accessible, assert_no_horizontal_scroll, name):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, name)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_chair_asks_for_a_merge_and_both_leads_consent(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    setting = Setting()
    width = "phone" if viewport == PHONE else "desktop"
    options = {"viewport": viewport, "is_mobile": viewport == PHONE, "has_touch": viewport == PHONE}

    chair = new_page(**options)
    login(chair, setting.chair)
    chair.goto(reverse("brokering_list", args=[setting.round.pk, setting.panel.pk]))
    _checked(chair, assert_accessible, assert_no_horizontal_scroll, f"brokering-list-{width}")
    chair.get_by_role("link", name="Ask proposers to merge").click()
    chair.get_by_role("button", name="Send the request").click()
    assert "Choose the proposals the request is addressed to." in chair.locator(".govuk-error-summary").inner_text()
    _checked(chair, assert_accessible, assert_no_horizontal_scroll, f"brokering-ask-errors-{width}")
    chair.get_by_label("Mentoring in Hillfields, led by Hillfields Youth Trust").check()
    chair.get_by_label("Work tasters in Foleshill, led by Foleshill Futures").check()
    chair.get_by_label("What is asked").fill("Merge into one programme of mentoring and work tasters.")
    chair.get_by_label("Why").fill("Both serve the same young people.")
    chair.get_by_label("For a merge: the organisation to lead the combined proposal").select_option(
        label="Hillfields Youth Trust"
    )
    chair.get_by_role("button", name="Send the request").click()
    assert "Not yet answered" in chair.locator("#parties").inner_text()
    _checked(chair, assert_accessible, assert_no_horizontal_scroll, f"brokering-detail-{width}")

    for number, person in enumerate((setting.first_person, setting.second_person)):
        lead = new_page(**options)
        login(lead, person)
        lead.goto(reverse("brokering_inbox", args=[setting.round.pk]))
        _checked(lead, assert_accessible, assert_no_horizontal_scroll, f"brokering-inbox-{width}")
        lead.locator("#requests a").first.click()
        lead.get_by_label("We consent").check()
        lead.get_by_label("Comment").fill("Happy to work together.")
        _checked(lead, assert_accessible, assert_no_horizontal_scroll, f"brokering-answer-{number}-{width}")
        lead.get_by_role("button", name="Send your answer").click()
        assert "Your answer is recorded." in html(lead)
        lead.close()

    request = BrokeringRequest.objects.get()
    assert request.outcome == RequestOutcome.AGREED
    chair.reload()
    assert "submitted and eligible" in chair.locator("#combined").inner_text()
    _checked(chair, assert_accessible, assert_no_horizontal_scroll, f"brokering-merged-{width}")
