"""A lead submits on a phone, reads the versions and what changed; a late submission is refused with the deadline."""

import datetime

from django.urls import reverse
from django.utils import timezone

from priorities.specifications.models import Specification
from proposals.writing.models import BudgetLine
from proposals.writing.services import when
from tests.browser.conftest import html
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.helpers import complete_proposal


def _proposal():
    specification = published_specification()
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    lead = bidder_person(specification.round, organisation, full_name="Amira Khan")
    return complete_proposal(specification, lead_person=lead, lead_organisation=organisation), lead


def test_lead_submits_on_a_phone_then_reads_what_changed(
    phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    proposal, lead = _proposal()
    args = [proposal.round_id, proposal.pk]
    login(phone_page, lead)

    phone_page.goto(reverse("proposal_detail", args=args))
    phone_page.get_by_role("link", name="Check and submit").click()
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    phone_page.get_by_role("button", name="Submit the proposal").click()
    assert "Submitted as version 1." in html(phone_page)
    assert phone_page.locator("#proposal-state").inner_text() == "Submitted"

    assert "Nothing has changed since version 1 was submitted." in html(phone_page)
    BudgetLine.objects.filter(proposal=proposal, partner__is_lead=True, year=2).update(amount_pence=45_000_00)
    phone_page.reload()
    phone_page.get_by_role("button", name="Submit the proposal").click()
    assert "Submitted as version 2." in html(phone_page)
    phone_page.get_by_role("link", name="Versions and what changed").click()
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    phone_page.get_by_role("link", name="Changes in version 2 since version 1").click()
    assert (
        "Budget: year 2, Staff, Hillfields Youth Trust: £40,000 → £45,000"
        in phone_page.locator("#changes").inner_text()
    )
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    phone_page.get_by_role("link", name="Read version 2 in full").click()
    assert "Hillfields Youth Trust, staff" in phone_page.locator("#budget").inner_text()
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)


def test_late_submission_is_refused_with_the_deadline(page, login, assert_accessible, transactional_db):
    proposal, lead = _proposal()
    login(page, lead)
    page.goto(reverse("proposal_submit", args=[proposal.round_id, proposal.pk]))
    assert page.get_by_role("button", name="Submit the proposal").is_visible()

    # The deadline passes while the page is open.
    passed = timezone.now() - datetime.timedelta(seconds=1)
    Specification.objects.filter(pk=proposal.specification_id).update(
        question_deadline=passed - datetime.timedelta(days=1), proposal_deadline=passed
    )
    page.get_by_role("button", name="Submit the proposal").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    expected = f"The deadline for this proposal was {when(passed)} (UK time). It has passed"
    assert expected in summary.inner_text()
    assert page.get_by_role("button", name="Submit the proposal").count() == 0
    assert_accessible(page)
    proposal.refresh_from_db()
    assert proposal.version == 0


def test_incomplete_submission_links_each_problem_to_its_field(page, login, assert_accessible, transactional_db):
    proposal, lead = _proposal()
    type(proposal).objects.filter(pk=proposal.pk).update(evaluation_plan="")
    login(page, lead)
    page.goto(reverse("proposal_submit", args=[proposal.round_id, proposal.pk]))

    page.get_by_role("button", name="Submit the proposal").click()
    assert_accessible(page)
    page.locator(".govuk-error-summary").get_by_role(
        "link", name="Describe how the activity will be evaluated."
    ).click()

    assert page.url.endswith(
        reverse("proposal_section", args=[proposal.round_id, proposal.pk, "evaluation"]) + "#id_evaluation_plan"
    )
    assert page.locator("#id_evaluation_plan").is_visible()
