"""A lead starts a proposal and writes its sections on a phone: autosave says when it saved, a second
writer's conflict keeps what they typed, and without JavaScript the Save button saves."""

from django.urls import reverse

from commissioning.enums import Role
from proposals.writing.models import Proposal
from tests.browser.conftest import html
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import bidder_person, published_specification

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_lead_starts_a_proposal_and_autosave_saves_on_a_phone(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, live_server, transactional_db
):
    spec = published_specification()
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    lead = bidder_person(spec.round, organisation, full_name="Lena Lead")
    officer = person_with_role(spec.round, Role.OFFICER)

    page = new_page(**PHONE)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    login(page, lead)
    page.goto(reverse("proposal_start", args=[spec.round_id, spec.pk]))
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("Title of the activity").fill("Routes into work")
    page.get_by_role("button", name="Start the proposal").click()
    proposal = Proposal.objects.get()
    assert page.locator("h1").inner_text() == "Routes into work"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="The activity and its outcome").first.click()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("The activity", exact=True).press_sequentially("Weekly mentoring.", delay=20)
    status = page.locator("#save-status")
    status.filter(has_text="Saved at").wait_for()
    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."
    page.get_by_label("How the activity brings about the outcome").fill("20 sessions delivered to young people.")
    page.get_by_label("Neighbourhoods the activity works in").focus()
    page.locator("#outcome-warnings").filter(has_text="reads partly as outputs").wait_for()
    proposal.refresh_from_db()
    assert proposal.how_outcome == "20 sessions delivered to young people."
    assert proposal.revision_of("activity") == 2
    # The checklist beside the form follows the saves.
    assert page.locator("#checklist-activity-status").inner_text().strip() == "Complete"
    assert refused == []
    assert_accessible(page)

    # Another writer saves from the revision this page opened with: refused, their words kept.
    second = new_page(**PHONE)
    login(second, lead)
    second.goto(reverse("proposal_section", args=[spec.round_id, proposal.pk, "evaluation"]))
    page.goto(reverse("proposal_section", args=[spec.round_id, proposal.pk, "evaluation"]))
    page.get_by_label("Evaluation plan").fill("An independent evaluation.")
    page.get_by_role("button", name="Save").click()
    second.get_by_label("Evaluation plan").press_sequentially("Surveys only.", delay=20)
    second.locator("#save-status").filter(has_text="Someone else saved this section").wait_for()
    assert second.get_by_label("Evaluation plan").input_value() == "Surveys only."
    assert_accessible(second)
    proposal.refresh_from_db()
    assert proposal.evaluation_plan == "An independent evaluation."

    officer_page = new_page(**PHONE)
    login(officer_page, officer)
    officer_page.goto(reverse("proposal_detail", args=[spec.round_id, proposal.pk]))
    assert "Weekly mentoring." in html(officer_page)
    assert_accessible(officer_page)
    assert_no_horizontal_scroll(officer_page)


def test_without_javascript_the_save_button_saves(new_page, login, assert_no_horizontal_scroll, transactional_db):
    spec = published_specification()
    organisation = OrganisationFactory()
    lead = bidder_person(spec.round, organisation)
    proposal = Proposal.objects.create(
        round=spec.round, specification=spec, lead_organisation=organisation, title="Routes into work"
    )

    page = new_page(java_script_enabled=False, **PHONE)
    login(page, lead)
    page.goto(reverse("proposal_section", args=[spec.round_id, proposal.pk, "sponsor"]))
    page.get_by_label("Sponsor's named contact").fill("Helen Carr")
    page.get_by_label("Evidence of the conversation with the sponsor").fill("We met on 3 March.")
    page.get_by_role("button", name="Save").click()

    assert "Last saved at" in page.locator("#save-status").inner_text()
    assert_no_horizontal_scroll(page)
    proposal.refresh_from_db()
    assert (proposal.sponsor_contact_name, proposal.sponsor_evidence) == ("Helen Carr", "We met on 3 March.")
