"""The whole journey of a proposal in the browser, on a 360px phone: a person registers an organisation
to bid from the call's public page, starts a proposal, invites two partners who confirm from the
emailed link in another browser, fills every section, submits and sees the receipt; then an officer
finds the proposal in the review list and marks it eligible. Every page is checked with axe-core and
must not scroll sideways."""

import io
import os
import re
from pathlib import Path

from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from priorities.workshop.models import CrossCuttingTheme
from proposals.submission.models import ProposalVersion
from proposals.writing.enums import Eligibility, PartnerState, ProposalState, Section
from proposals.writing.models import Attachment, Proposal
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.commissioning import PASSWORD, UserFactory
from tests.factories.priorities import CandidateIssueFactory
from tests.factories.proposals import published_specification

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
        self.refused = []

    def open(self, new_page):
        """A phone's browser whose every answer is watched: no server error, no save refused as a conflict
        (a person's own Save must never collide with the autosave)."""
        page = new_page(**PHONE_OPTIONS)
        page.on(
            "response",
            lambda response: (
                self.refused.append(f"{response.status} {response.request.method} {response.url}")
                if response.status >= 500 or response.status == 409
                else None
            ),
        )
        return page

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


def _pdf(title):
    """A small real PDF (one page), as a scanner would make it."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (255, 255, 255)).save(buffer, format="PDF", title=title)
    return buffer.getvalue()


def _assert_on_screen(locator):
    """Within the phone's width: not hidden to the right of a table that scrolls sideways."""
    box = locator.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], f"{locator} is off the phone's screen"


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
    new_page, fill_date, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db, mailoutbox
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
    lead = journey.open(new_page)
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
    start = lead.get_by_role("link", name=f"Start a proposal for {specification.title}")
    _assert_on_screen(start)
    start.click()
    journey.look(lead, "start")
    lead.get_by_role("button", name=re.compile("Start")).click()
    expect(lead.locator(".govuk-error-summary")).to_contain_text("Enter the title of the activity")
    journey.look(lead, "start-without-title")
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
    _assert_on_screen(lead.get_by_role("link", name="Remove Wood End Community Centre"))
    expect(lead.locator("#consortium")).to_contain_text("Invited")

    # Each partner opens the emailed link in another browser, signs in and confirms.
    for name, contact, role in partners_here:
        partner = journey.open(new_page)
        partner.goto(_invitation_path(mailoutbox, contact.email))
        assert role in partner.locator("#invitation").inner_text()
        journey.look(partner, "invitation")
        partner.locator("main").get_by_role("link", name="Sign in").click()
        _sign_in_here(partner, contact)
        journey.look(partner, "invitation-signed-in")
        assert partner.get_by_label("Name", exact=True).input_value() == name
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
    journey.look(lead, "proposal-confirmed")

    def section(label, name):
        """Open the section from the proposal's page, as a person would."""
        lead.locator(f"#section-{name}").get_by_role("link", name=f"Edit {label.lower()}").click()
        expect(lead.locator("h1")).to_have_text(label)
        journey.look(lead, f"section-{name}")

    def save():
        lead.get_by_role("button", name="Save", exact=True).click()
        expect(lead.locator("#save-status")).to_contain_text("Last saved at")
        lead.get_by_role("link", name="Back to the proposal").click()

    section("The activity and its outcome", "activity")
    lead.get_by_label("The activity", exact=True).fill(
        "Weekly mentoring and work tasters for young people aged 16 to 24 in Hillfields."
    )
    lead.get_by_label("How the activity brings about the outcome").fill(
        "Mentors stay with each young person until they are in work, education or training."
    )
    lead.get_by_label("Neighbourhoods the activity works in").fill("Hillfields, Foleshill")
    save()

    section("Indicators, baselines and targets", "indicators")
    lead.get_by_label("Baseline", exact=True).fill("14.5")
    fill_date(lead, "Date of the baseline", 31, 3, 2026)
    lead.get_by_label("Source of the baseline").fill("Annual population survey")
    for year, target in ((1, "13"), (2, "12"), (3, "10.5")):
        lead.get_by_label(re.compile(f"Target for year {year} ")).fill(target)
    save()

    section("Evaluation plan", "evaluation")
    lead.get_by_label("Evaluation plan").fill("An independent evaluation against the baseline, each year.")
    save()

    section("Budget", "budget")
    for year, period in ((1, "2027 to 2028"), (2, "2028 to 2029"), (3, "2029 to 2030")):
        for organisation in ("Hillfields Youth Trust", *[name for name, _contact, _role in partners_here]):
            lead.get_by_label(f"Staff for {organisation} in year {year} ({period})").fill("40,000")
        lead.get_by_label(f"Evaluation for Hillfields Youth Trust in year {year} ({period})").fill("5,000")
    save()

    section("Client group involvement", "client_group")
    lead.get_by_label("How the client group was involved").fill(
        "Young people planned the sessions with us at the youth centre."
    )
    lead.get_by_label("Places for client-group representatives on the steering group").fill("2")
    save()

    section("Public-sector sponsor's support", "sponsor")
    lead.get_by_label("Sponsor's named contact").fill("Helen Carr")
    lead.get_by_label("Their role").fill("Head of Employment and Skills")
    lead.get_by_label("Evidence of the conversation with the sponsor").fill(
        "We met on 3 February; the council will consider funding the mentors."
    )
    save()

    section("Cross-cutting themes", "themes")
    lead.get_by_label("Your response to Digital inclusion").fill("Sessions lend laptops and data to those without.")
    save()

    section("Milestones and outputs", "milestones")
    lead.get_by_role("group", name="Milestone 1").get_by_label("Milestone", exact=True).fill("Steering group meets")
    lead.get_by_role("group", name="Milestone 1").get_by_label("Month").fill("3")
    lead.get_by_role("group", name="Output 1").get_by_label("Output", exact=True).fill("Young people mentored")
    lead.get_by_role("group", name="Output 1").get_by_label("How many").fill("120")
    save()

    section("Risks", "risks")
    risk = lead.get_by_role("group", name="Risk 1")
    risk.get_by_label("Risk", exact=True).fill("Mentors leave")
    risk.get_by_role("group", name="Likelihood").get_by_label("Medium").check()
    risk.get_by_role("group", name="Impact").get_by_label("High").check()
    risk.get_by_label("Mitigation").fill("Two mentors know each young person.")
    save()

    section("Attachments", "attachments")
    for kind, name in (("Constitution", "constitution.pdf"), ("Accounts", "accounts.pdf")):
        lead.get_by_label(kind, exact=True).check()
        lead.get_by_label("The file").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": _pdf(kind)}
        )
        lead.get_by_role("button", name="Attach the file").click()
        expect(lead.get_by_role("link", name=name, exact=True)).to_be_visible()
    journey.look(lead, "attachments-attached")
    assert sorted(Attachment.objects.filter(proposal=proposal).values_list("kind", flat=True)) == [
        "accounts",
        "constitution",
    ]
    lead.get_by_role("link", name="Back to the proposal").click()

    # Every section complete, in the checklist always beside the sections.
    expect(lead.locator("#proposal-percent")).to_have_text("100% of the sections")
    assert "Incomplete" not in lead.locator(".app-checklist").inner_text()
    journey.look(lead, "proposal-complete")

    # Submitted, with the receipt said on the page, recorded once and emailed to the lead's contact.
    lead.get_by_role("link", name="Check and submit").click()
    journey.look(lead, "submit")
    # The receipt's PDF is rendered as the submission commits (tasks run eagerly here): give it time.
    with lead.expect_navigation(timeout=60_000):
        lead.get_by_role("button", name="Submit the proposal").click(no_wait_after=True)
    expect(lead.locator("body")).to_contain_text(
        "Submitted as version 1. A receipt is on its way to the lead organisation's contact."
    )
    expect(lead.locator("#proposal-state")).to_have_text("Submitted")
    journey.look(lead, "submitted")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (ProposalState.SUBMITTED, 1)
    version = ProposalVersion.objects.get(proposal=proposal)
    assert version.number == 1
    receipts = OutgoingEmail.objects.filter(dedup_key=f"proposal:{proposal.pk}:v1:receipt")
    assert list(receipts.values_list("to_email", flat=True)) == [lena.email]
    (receipt,) = receipts
    (sent,) = [message for message in mailoutbox if message.subject == receipt.subject]
    assert sent.to == [lena.email]
    ((_name, content, mimetype),) = sent.attachments
    assert (mimetype, content[:5]) == ("application/pdf", b"%PDF-")

    # The lead's dashboard says so, in view on the phone.
    lead.goto(reverse("bidder_dashboard", args=[round_.pk]))
    card = lead.locator("#proposals .govuk-summary-card", has_text="Routes into work for young people")
    expect(card).to_contain_text("Every section complete")
    _assert_on_screen(card.get_by_text("Submitted", exact=True))
    journey.look(lead, "dashboard-submitted")

    # An officer finds it in the review list, reads it and marks it eligible with a reason.
    reviewer = journey.open(new_page)
    reviewer.goto(reverse("round_detail", args=[round_.pk]))
    _sign_in_here(reviewer, officer)
    journey.look(reviewer, "round")
    reviewer.get_by_role("link", name="Every proposal of the round").click()
    journey.look(reviewer, "review-list")
    reviewer.get_by_role("link", name="Routes into work for young people").click()
    journey.look(reviewer, "review-proposal")
    reviewer.get_by_role("link", name="Read the whole proposal").click()
    expect(reviewer.locator("#section-activity")).to_contain_text("Weekly mentoring and work tasters")
    journey.look(reviewer, "review-whole-proposal")
    reviewer.get_by_role("link", name="Its review: eligibility and similar proposals").click()
    reviewer.get_by_role("link", name="Decide eligibility").click()
    journey.look(reviewer, "eligibility")
    reviewer.get_by_role("group", name="Is the proposal eligible?").get_by_label("Eligible", exact=True).check()
    reviewer.get_by_label("Reason").fill("Answers the specification, within its allocation, three partners.")
    reviewer.get_by_role("button", name="Save the decision").click()
    expect(reviewer.locator("body")).to_contain_text("The eligibility decision is saved.")
    journey.look(reviewer, "eligible")
    proposal.refresh_from_db()
    assert (proposal.eligibility, proposal.eligibility_reason, proposal.eligibility_decided_by) == (
        Eligibility.ELIGIBLE,
        "Answers the specification, within its allocation, three partners.",
        officer,
    )
    assert journey.refused == []
