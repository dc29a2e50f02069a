"""The sponsor's finance officer finds what waits for them on their home page and confirms the
commitment; the sponsor's contact declines with a reason. On a phone and on a desktop."""

import os
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.enums import SignoffRole, SignoffState
from priorities.specifications.selectors import current_signoffs
from priorities.specifications.services import specifications as services
from tests.browser.conftest import DESKTOP, PHONE, html
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import sponsor_person, written

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_sponsor_confirms_and_declines_from_their_home_page(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    spec = written(priority, officer)
    finance = sponsor_person("mark.patel@example.gov.uk", "Mark Patel", spec.sponsor_organisation)
    contact = sponsor_person("helen.carr@example.gov.uk", "Helen Carr", spec.sponsor_organisation)
    services.submit_specification(spec, by=officer)
    width = "phone" if viewport == PHONE else "desktop"

    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    login(page, finance)
    page.goto(reverse("home"))
    assert page.get_by_role("heading", name="Your organisation's sponsorships").is_visible()
    assert "Submitted for approval" in page.locator("#sponsored-specifications").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"sponsor-home-{width}")

    page.get_by_role("link", name="Confirm the sponsor's commitment for “Worklessness” (as finance officer)").click()
    assert "The council will consider funding it from its main budget." in page.locator("#commitment").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"sponsor-signoff-{width}")
    page.get_by_role("button", name="Confirm the commitment").click()
    assert "you have confirmed Coventry City Council" in html(page)
    assert "Mark Patel (Coventry City Council) confirmed the commitment on" in page.locator("#answer").inner_text()
    assert_accessible(page)
    assert current_signoffs(spec)[SignoffRole.FINANCE].state == SignoffState.CONFIRMED

    contact_page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    login(contact_page, contact)
    contact_page.goto(reverse("sponsor_signoff", args=[round_.pk, current_signoffs(spec)[SignoffRole.CONTACT].pk]))
    contact_page.get_by_role("button", name="Decline").click()
    assert "Say why you cannot confirm the commitment." in contact_page.locator(".govuk-error-summary").inner_text()
    assert_accessible(contact_page)
    contact_page.get_by_label("Why you cannot confirm the commitment").fill("Our 2028 budget is not agreed yet.")
    contact_page.get_by_role("button", name="Decline").click()
    assert "Our 2028 budget is not agreed yet." in contact_page.locator("#answer").inner_text()
    assert_accessible(contact_page)
    assert_no_horizontal_scroll(contact_page)

    officer_page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    login(officer_page, officer)
    officer_page.goto(reverse("specification_detail", args=[round_.pk, priority.pk]))
    section = officer_page.locator("#sponsor-sign-off + dl").inner_text()
    assert "Mark Patel (Coventry City Council) confirmed the commitment on" in section
    assert "Our 2028 budget is not agreed yet." in section
    assert_accessible(officer_page)
    assert_no_horizontal_scroll(officer_page)
    _shot(officer_page, f"sponsor-specification-{width}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_person_asked_whose_address_is_not_confirmed_is_told_to_confirm_it(
    viewport, new_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    spec = written(PriorityFactory(round=round_, issue__round=round_, title="Worklessness"), officer)
    finance = sponsor_person("mark.patel@example.gov.uk", "Mark Patel", spec.sponsor_organisation)
    services.submit_specification(spec, by=officer)
    url = reverse("sponsor_signoff", args=[round_.pk, current_signoffs(spec)[SignoffRole.FINANCE].pk])
    width = "phone" if viewport == PHONE else "desktop"

    page = new_page(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    login(page, finance)
    # Signed in before the address stopped counting as confirmed (an address changed since, say).
    EmailAddress.objects.filter(user=finance).update(verified=False)
    page.goto(url)

    assert page.get_by_role("heading", name="Confirm your email address first").is_visible()
    assert "Worklessness" not in html(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, f"sponsor-signoff-unconfirmed-{width}")
    page.get_by_role("link", name="Send the confirmation email again").click()
    assert page.url.endswith(reverse("account_email"))
