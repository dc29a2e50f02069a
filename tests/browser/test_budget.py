"""The round's budget in the browser: the edit page shows each year's budget, what is held and what is
left; a draft over the budget saves; submitting it and cutting the round's budget are refused by name."""

import os

from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.models import Specification
from priorities.specifications.services import specifications as services
from tests.browser.conftest import html
from tests.factories.commissioning import RoundFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import subgroup_member, written

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_budget_by_year_on_the_edit_page_and_refusals_that_name_the_year(
    new_page, phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    round_ = RoundFactory(annual_budget_pence=1_000_000_00, number_of_years=3)
    officer = person_with_role(round_, Role.OFFICER)
    other = PriorityFactory(round=round_, issue__round=round_, title="Health")
    services.submit_specification(written(other, officer, annual_pence=700_000_00), by=officer)
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    member = subgroup_member(priority)
    written(priority, member, annual_pence=300_000_00)

    login(phone_page, member)
    phone_page.goto(reverse("specification_edit", args=[round_.pk, priority.pk]))
    budget = phone_page.locator("#budget-years")
    assert budget.inner_text().splitlines()[0] == (
        "Year 1 (2027 to 2028): a budget of £1,000,000, of which other specifications hold £700,000; £300,000 left."
    )
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    budget.scroll_into_view_if_needed()
    _shot(phone_page, "budget-edit-360")

    phone_page.get_by_label("Year 2, from 1 April 2028 (£)").fill("350,000")
    phone_page.get_by_role("button", name="Save draft").click()
    assert "Saved as version 2." in html(phone_page)
    assert Specification.objects.get(priority=priority).allocations_pence[1] == 350_000_00
    phone_page.get_by_role("button", name="Submit for approval").click()
    refusal = " ".join(phone_page.locator(".govuk-error-summary").all_inner_texts())
    assert "Year 2 (2028 to 2029) would be £50,000 over the round's budget of £1,000,000 a year." in refusal
    assert_accessible(phone_page)
    _shot(phone_page, "budget-refused-360")

    page = new_page()
    login(page, officer)
    page.goto(reverse("round_edit", args=[round_.pk]))
    page.get_by_label("Annual budget (£)").fill("650,000")
    page.get_by_role("button").filter(has_text="Save").first.click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert (
        "Year 1 (2027 to 2028): the specifications already allocate £700,000, £50,000 more than a budget of "
        "£650,000 a year." in summary
    )
    assert_accessible(page)
    _shot(page, "round-edit-refused-1280")
    round_.refresh_from_db()
    assert round_.annual_budget_pence == 1_000_000_00
