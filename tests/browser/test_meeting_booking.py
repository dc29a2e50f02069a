"""A proposer books a meeting with the selection panel on a phone, from their bidding dashboard."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from commissioning.enums import Role
from panels.meetings.models import Booking
from tests.browser.conftest import DESKTOP, PHONE, html
from tests.factories.commissioning import person_with_role
from tests.panels.meetings.helpers import in_days, led_proposal, new_panel, slot

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_proposer_books_a_slot_from_the_dashboard(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    panel = new_panel()
    bidder = person_with_role(panel.round, Role.BIDDER, full_name="Lena Lead")
    proposal = led_proposal(panel, bidder, title="Youth into work")
    slot(panel, starts_at=in_days(7, hour=10), place="Committee Room 1, Civic Centre")
    later = slot(panel, starts_at=in_days(8, hour=14), place="", video_link="https://meet.example.org/panel")
    width = "phone" if viewport == PHONE else "desktop"
    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)

    login(page, bidder)
    page.goto(reverse("bidder_dashboard", args=[panel.round.pk]))
    page.get_by_role("link", name="Book a meeting with the selection panel: Youth into work").click()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Book this slot").click()
    assert "Choose a time for the meeting" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("by video").check()
    page.get_by_role("button", name="Book this slot").click()

    assert "Meeting booked. We have emailed you a calendar invitation." in html(page)
    assert "https://meet.example.org/panel" in page.locator("#your-meeting").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"meeting-booked-{width}")
    assert Booking.objects.get(proposal=proposal).slot == later
