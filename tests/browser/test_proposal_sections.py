"""A proposal's sections made of tables and files, on a 360px phone: the budget's totals follow what is
typed; a bad attachment is refused with a message and the rest of the form kept; "Add another" works
without JavaScript."""

import os
import re

from django.urls import reverse
from playwright.sync_api import expect

from proposals.writing.models import Attachment, Milestone
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import ProposalFactory, bidder_person
from tests.proposals.writing.files import HTML, PDF

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def _section(proposal, section):
    return reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": section})


def _proposal():
    proposal = ProposalFactory(title="Routes into work", lead_organisation=OrganisationFactory(name="Hillfields Trust"))
    return proposal, bidder_person(proposal.round, proposal.lead_organisation, full_name="Amira Khan")


def test_budget_totals_follow_what_is_typed_on_a_phone(
    phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    proposal, lead = _proposal()
    page = phone_page
    login(page, lead)
    page.goto(_section(proposal, "budget"))
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_label("Staff for Hillfields Trust in year 1 (2027 to 2028)").fill("600,000")
    page.get_by_label("Running costs for Hillfields Trust in year 1 (2027 to 2028)").fill("£400,000.01")

    # An autosave may swap in the server's figures meanwhile: the page works out the live ones again.
    year_one = page.locator("[data-budget-table='1']")
    expect(year_one.locator("tbody [data-budget-sum='row']")).to_have_text("£1,000,000.01 in year 1 (2027 to 2028)")
    expect(year_one.locator("[data-budget-sum='column'][data-budget-category='staff']")).to_have_text(
        "£600,000 in year 1 (2027 to 2028)"
    )
    allocation = page.locator("#budget-allocation")
    expect(allocation.locator("[data-budget-over='1']")).to_have_text("£0.01 in year 1 (2027 to 2028)")
    expect(allocation.locator("[data-budget-sum='all']")).to_have_text("£1,000,000.01 over three years")
    assert_no_horizontal_scroll(page)
    _shot(page, "proposal-budget-360")

    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator("#budget-problems")).to_contain_text(
        "£1,000,000.01 in year 1 (2027 to 2028) is £0.01 over the maximum allocation"
    )
    assert_accessible(page)

    # The proposal page shows the budget read-only, with the same totals.
    page.goto(reverse("proposal_detail", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk}))
    expect(page.locator("#section-budget")).to_contain_text("£1,000,000.01 over three years")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_bad_attachment_is_refused_and_the_choice_stays(
    phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    proposal, lead = _proposal()
    page = phone_page
    login(page, lead)
    page.goto(_section(proposal, "attachments"))
    assert_accessible(page)

    page.get_by_label("Accounts").check()
    page.get_by_label("The file").set_input_files(
        {"name": "accounts.pdf", "mimeType": "application/pdf", "buffer": HTML}
    )
    page.get_by_role("button", name="Attach the file").click()

    summary = page.locator(".govuk-error-summary").inner_text()
    assert re.search(r"The selected file accounts\.pdf must be a PDF, Word, Excel, OpenDocument", summary)
    assert page.get_by_label("Accounts").is_checked()
    assert not Attachment.objects.exists()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, "proposal-attachment-refused-360")

    # Too large: refused in the page before it is sent, the choice kept.
    too_large = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    page.get_by_label("The file").set_input_files(
        {"name": "big.pdf", "mimeType": "application/pdf", "buffer": too_large}
    )
    expect(page.get_by_text("The selected file big.pdf must be 10 MB or smaller.")).to_be_visible()
    assert page.get_by_label("Accounts").is_checked()
    assert page.get_by_label("The file").input_value() == ""

    page.get_by_label("The file").set_input_files(
        {"name": "accounts.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_role("link", name="accounts.pdf", exact=True)).to_be_visible()
    assert Attachment.objects.get().kind == "accounts"


def test_add_another_milestone_without_javascript_keeps_what_was_typed(
    new_page, login, assert_no_horizontal_scroll, transactional_db
):
    proposal, lead = _proposal()
    page = new_page(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    login(page, lead)
    page.goto(_section(proposal, "milestones"))

    row = page.get_by_role("group", name="Milestone 1")
    row.get_by_label("Milestone", exact=True).fill("Steering group meets")
    row.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Add another milestone").click()
    second = page.get_by_role("group", name="Milestone 2")
    assert page.get_by_role("group", name="Milestone 1").get_by_label("Milestone", exact=True).input_value() == (
        "Steering group meets"
    )
    second.get_by_label("Milestone", exact=True).fill("First cohort finishes")
    second.get_by_label("Month").fill("12")
    page.get_by_role("group", name="Output 1").get_by_label("Output", exact=True).fill("Young people mentored")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()

    assert list(Milestone.objects.values_list("description", "month")) == [
        ("Steering group meets", 3),
        ("First cohort finishes", 12),
    ]
    assert_no_horizontal_scroll(page)


def test_the_row_sections_are_accessible_on_a_phone(
    phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    proposal, lead = _proposal()
    login(phone_page, lead)

    for section in ("indicators", "milestones", "risks"):
        phone_page.goto(_section(proposal, section))
        assert_accessible(phone_page)
        assert_no_horizontal_scroll(phone_page)
    phone_page.goto(_section(proposal, "risks"))
    phone_page.get_by_label("Risk", exact=True).fill("Young people do not come")
    phone_page.get_by_role("button", name="Save").click()
    expect(phone_page.locator(".govuk-error-summary")).to_contain_text("Select the likelihood of the risk")
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    phone_page.goto(reverse("proposal_detail", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk}))
    assert_accessible(phone_page)
