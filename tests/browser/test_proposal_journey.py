"""The whole journey of a proposal in the browser, on a 360px phone: a person registers an organisation
to bid from the call's public page, starts a proposal, invites two partners who confirm from the
emailed link in another browser, fills every section, submits and sees the receipt; then an officer
finds the proposal in the review list and marks it eligible. Every page is checked with axe-core and
must not scroll sideways."""

import os
import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from proposals.submission.models import ProposalVersion
from priorities.workshop.models import CrossCuttingTheme
from proposals.writing.enums import Eligibility, PartnerState, ProposalState, Section
from proposals.writing.models import Attachment, Proposal
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.commissioning import IndicatorFactory, PASSWORD, UserFactory
from tests.factories.priorities import CandidateIssueFactory
from tests.factories.proposals import published_specification
from tests.proposals.helpers import MINIMAL_PDF

PARTNERS = [
    ("Foleshill Women's Trust", "joe", "Runs the weekly drop-in sessions."),
    ("Wood End Community Centre", "priya", "Hosts the work tasters."),
]
SECTIONS = [section.value for section in Section if section != Section.PARTNERS]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
PHONE_OPTIONS = {"viewport": PHONE, "is_mobile": True, "has_touch": True}


class Journey:
    """Checks every page a person reaches: accessible, no sideways scrolling at 360px, and (with
    SCREENSHOT_DIR set) a full-page screenshot at 360px and at 1280px."""

    def __init__(self, assert_accessible, assert_no_horizontal_scroll):
        self.assert_accessible = assert_accessible
        self.assert_no_horizontal_scroll = assert_no_horizontal_scroll
        self.count = 0

    def look(self, page, name):
        page.wait_for_load_state()
        self.assert_no_horizontal_scroll(page)
        self.assert_accessible(page)
        if SCREENSHOTS:
            self.count += 1
            viewport = page.viewport_size
            stem = Path(SCREENSHOTS) / f"journey-{self.count:02d}-{name}"
            page.screenshot(path=f"{stem}-360.png", full_page=True)
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=f"{stem}-1280.png", full_page=True)
            page.set_viewport_size(viewport)


def _sign_in_here(page, user):
    """Sign in on the sign-in page the browser is on; it goes back where it was going."""
    form = page.locator("form", has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()


def _invitation_path(outbox, email):
    # The outbox row's body is wiped once sent (its link is a secret): read the message as sent.
    assert OutgoingEmail.objects.filter(to_email=email).count() == 1
    (sent,) = [message for message in outbox if message.to == [email]]
    return re.search(r"/consortium/invitations/[A-Za-z0-9_-]+/", sent.body).group(0)


def test_a_bidder_writes_and_submits_a_proposal_on_a_phone_and_an_officer_marks_it_eligible(
    new_page, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db, mailoutbox
):
    specification = published_specification()
    round_ = specification.round
    officer = round_.roles.get(role=Role.OFFICER).user
    lena = UserFactory(email="lena@hillfields.example.org", full_name="Lena Lead")
    joe = UserFactory(email="joe@foleshill.example.org", full_name="Joe Bloggs")
    priya = UserFactory(email="priya@woodend.example.org", full_name="Priya Shah")
    people = {"joe": joe, "priya": priya}
    partners_here = [(name, people[key], role) for name, key, role in PARTNERS]
    journey = Journey(assert_accessible, assert_no_horizontal_scroll)
    CrossCuttingTheme.objects.create(
        round=round_,
        issue=CandidateIssueFactory(round=round_),
        title="Digital inclusion",
        rationale="Many services are now online only.",
        requirements="Show how people without a device or data take part.",
    )
    mailoutbox.clear()

    # The lead's person finds the call, signs in on the way and registers the organisation.
    lead = new_page(**PHONE_OPTIONS)
    lead.goto(reverse("call_public", args=[round_.public_key]))
    journey.look(lead, "call")
    lead.get_by_role("link", name="Register to bid").first.click()
    journey.look(lead, "sign-in")
    _sign_in_here(lead, lena)
    assert lead.url.endswith(reverse("bidder_register", args=[round_.pk]))
    journey.look(lead, "register")
    lead.get_by_label("Name", exact=True).fill("Hillfields Youth Trust")
    lead.get_by_label("Sector").select_option(label="Voluntary")
    lead.get_by_label("Type").select_option(label="Charity")
    lead.get_by_label("Address", exact=True).fill("3 Wood End Road\nCoventry")
    lead.get_by_label("Postcode").fill("cv2 1aa")
    lead.get_by_role("button", name="Register to bid").click()
    expect(lead.locator("body")).to_contain_text("Hillfields Youth Trust is registered to bid")
    journey.look(lead, "dashboard")

    # A proposal for the published specification.
    lead.get_by_role("link", name=f"Start a proposal for {specification.title}").click()
    journey.look(lead, "start")
    lead.get_by_label("Title").fill("Routes into work for young people")
    lead.get_by_role("button", name=re.compile("Start")).click()
    proposal = Proposal.objects.get()
    assert lead.url.endswith(reverse("proposal_detail", args=[round_.pk, proposal.pk]))
    journey.look(lead, "proposal-new")

    # Two partners invited from the consortium's page.
    lead.get_by_role("link", name=re.compile("The consortium")).click()
    journey.look(lead, "partners")
    for name, contact, role in partners_here:
        lead.get_by_label("Organisation's name").fill(name)
        lead.get_by_label("Contact's name").fill(contact.full_name)
        lead.get_by_label("Contact's email address").fill(contact.email)
        lead.get_by_label("Its role in delivery").fill(role)
        lead.get_by_role("button", name="Invite the partner").click()
        expect(lead.locator("body")).to_contain_text(f"{name} is invited")
    journey.look(lead, "partners-invited")

    # Each partner opens the emailed link in another browser, signs in and confirms.
    for name, contact, role in partners_here:
        partner = new_page(**PHONE_OPTIONS)
        partner.goto(_invitation_path(mailoutbox, contact.email))
        assert role in partner.locator("#invitation").inner_text()
        journey.look(partner, "invitation")
        partner.locator("main").get_by_role("link", name="Sign in").click()
        _sign_in_here(partner, contact)
        journey.look(partner, "invitation-signed-in")
        partner.get_by_label("Name", exact=True).fill(name)
        partner.get_by_label("Sector").select_option(label="Voluntary")
        partner.get_by_label("Type").select_option(label="Charity")
        partner.get_by_label("Address", exact=True).fill("1 Foleshill Road\nCoventry")
        partner.get_by_label("Postcode").fill("CV1 4LY")
        partner.get_by_role("button", name="Confirm the partnership").click()
        expect(partner.locator("body")).to_contain_text(f"{name} is confirmed as a partner")
        journey.look(partner, "invitation-confirmed")
        partner.get_by_role("link", name="Read the proposal").click()
        expect(partner.locator("h1")).to_have_text("Routes into work for young people")
        journey.look(partner, "proposal-as-partner")
    assert proposal.partners.filter(state=PartnerState.CONFIRMED).count() == 3

    # Back in the first browser the lead sees them confirmed, and writes every section.
    lead.reload()
    expect(lead.locator("#confirmed-count")).to_contain_text("3 of the 3 organisations")
    lead.get_by_role("link", name="Routes into work for young people").first.click()
    for section in SECTIONS:
        lead.goto(reverse("proposal_section", args=[round_.pk, proposal.pk, section]))
        journey.look(lead, f"section-{section}")
    raise AssertionError("so far")
