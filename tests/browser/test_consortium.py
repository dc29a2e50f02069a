"""A lead invites a partner from the consortium page on a phone; the partner opens the emailed link in
a second browser, signs in on the way, registers its organisation and confirms; the lead sees it."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from commissioning.outbox.models import OutgoingEmail
from proposals.bidders.models import Bidder
from proposals.writing.enums import PartnerState
from proposals.writing.models import ProposalPartner
from tests.browser.conftest import DESKTOP, PHONE, html
from tests.factories.commissioning import PASSWORD, UserFactory
from tests.factories.proposals import ProposalFactory, bidder_person

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_partner_confirms_from_the_emailed_link(
    viewport,
    new_page,
    login,
    assert_accessible,
    assert_no_horizontal_scroll,
    live_server,
    transactional_db,
    mailoutbox,
):
    proposal = ProposalFactory(title="Youth into work")
    lead = bidder_person(proposal.round, proposal.lead_organisation, full_name="Lena Lead")
    contact = UserFactory(email="joe@hillfields.example.org", full_name="Joe Bloggs")
    width = "phone" if viewport == PHONE else "desktop"
    options = {"viewport": viewport, "is_mobile": viewport == PHONE, "has_touch": viewport == PHONE}

    lead_page = new_page(**options)
    login(lead_page, lead)
    lead_page.goto(reverse("consortium_partners", args=[proposal.round_id, proposal.pk]))
    assert_accessible(lead_page)
    assert_no_horizontal_scroll(lead_page)
    lead_page.get_by_role("button", name="Invite the partner").click()
    assert "Enter the contact's email address" in lead_page.locator(".govuk-error-summary").inner_text()
    lead_page.get_by_label("Organisation's name").fill("Hillfields Youth Trust")
    lead_page.get_by_label("Contact's name").fill("Joe Bloggs")
    lead_page.get_by_label("Contact's email address").fill("joe@hillfields.example.org")
    lead_page.get_by_label("Its role in delivery").fill("Runs the weekly drop-in sessions.")
    lead_page.get_by_role("button", name="Invite the partner").click()
    assert "Hillfields Youth Trust is invited" in html(lead_page)
    assert_accessible(lead_page)
    _shot(lead_page, f"consortium-partners-{width}")

    # The message's body is wiped from the outbox once sent (its link is a secret): read what was sent.
    assert OutgoingEmail.objects.filter(to_email="joe@hillfields.example.org").count() == 1
    (sent,) = [message for message in mailoutbox if message.to == ["joe@hillfields.example.org"]]
    path = re.search(r"/consortium/invitations/[A-Za-z0-9_-]+/", sent.body).group(0)

    partner_page = new_page(**options)
    partner_page.goto(path)
    assert "Runs the weekly drop-in sessions." in partner_page.locator("#invitation").inner_text()
    assert_accessible(partner_page)
    assert_no_horizontal_scroll(partner_page)
    partner_page.locator("main").get_by_role("link", name="Sign in").click()
    form = partner_page.locator("form", has=partner_page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(contact.email)
    form.locator("input[name=password]").fill(PASSWORD)
    with partner_page.expect_navigation():
        form.locator("[type=submit]").first.click()
    assert partner_page.url.endswith(path)
    assert_accessible(partner_page)
    assert_no_horizontal_scroll(partner_page)
    _shot(partner_page, f"consortium-invitation-{width}")

    partner_page.get_by_label("Name", exact=True).fill("Hillfields Youth Trust")
    partner_page.get_by_label("Sector").select_option(label="Voluntary")
    partner_page.get_by_label("Type").select_option(label="Charity")
    partner_page.get_by_label("Address", exact=True).fill("3 Wood End Road\nCoventry")
    partner_page.get_by_label("Postcode").fill("cv2 1aa")
    assert partner_page.get_by_label("Main contact's email address").input_value() == contact.email
    partner_page.get_by_label("Main contact's name").fill("")
    partner_page.get_by_role("button", name="Confirm the partnership").click()
    assert "Enter the main contact's name" in partner_page.locator(".govuk-error-summary").inner_text()
    assert partner_page.get_by_label("Postcode").input_value() == "cv2 1aa"
    assert_accessible(partner_page)
    partner_page.get_by_label("Main contact's name").fill("Joe Bloggs")
    partner_page.get_by_role("button", name="Confirm the partnership").click()
    assert "Hillfields Youth Trust is confirmed as a partner" in html(partner_page)
    assert "Joe Bloggs confirmed for Hillfields Youth Trust" in partner_page.locator("#answer").inner_text()
    assert_accessible(partner_page)

    partner = ProposalPartner.objects.get(proposal=proposal, is_lead=False)
    assert (partner.state, partner.organisation.name, partner.answered_by) == (
        PartnerState.CONFIRMED,
        "Hillfields Youth Trust",
        contact,
    )
    assert Bidder.objects.get(organisation=partner.organisation).postcode == "CV2 1AA"
    lead_page.reload()
    assert "Confirmed" in lead_page.locator("#consortium").inner_text()
    assert "2 of the 3 organisations" in lead_page.locator("#confirmed-count").inner_text()
