"""The round's funding in the browser: an officer on a phone adds the council's pooled money, is told the year it
falls short of the budget, corrects it, and sees the money year by year on the round's page."""

import os

from django.urls import reverse

from commissioning.enums import Role, Sector
from commissioning.funding.models import FundingSource
from tests.factories.commissioning import OrganisationFactory, RoundFactory, person_with_role

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_an_officer_adds_pooled_money_and_sees_the_year_it_falls_short(
    new_page, phone_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    round_ = RoundFactory(annual_budget_pence=5_000_000_00, number_of_years=3)
    officer = person_with_role(round_, Role.OFFICER, full_name="Priya Shah")
    OrganisationFactory(name="Coventry City Council", sector=Sector.PUBLIC)
    OrganisationFactory(name="Coventry Primary Care Trust", sector=Sector.PUBLIC)

    login(phone_page, officer)
    phone_page.goto(reverse("funding", args=[round_.pk]))
    assert_accessible(phone_page)
    phone_page.get_by_role("link", name="Add a funding source").click()
    phone_page.get_by_label("Contributing agency").select_option(label="Coventry City Council")
    phone_page.get_by_label("Pooled", exact=True).check()
    phone_page.get_by_role("button", name="Save").click()
    assert (
        "Enter the amount the agency gives in at least one year"
        in phone_page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    _shot(phone_page, "funding-form-refused-360")

    phone_page.get_by_label("Year 1 (2027 to 2028) (£)").fill("5,000,000")
    phone_page.get_by_label("Year 2 (2028 to 2029) (£)").fill("4,500,000")
    phone_page.get_by_label("Year 3 (2029 to 2030) (£)").fill("5,000,000")
    phone_page.get_by_role("button", name="Save").click()
    assert phone_page.locator("#funding-mismatches").inner_text() == (
        "In year 2 (2028 to 2029), pooled sources give £4,500,000 but the round's budget is £5,000,000: £500,000 short."
    )
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    _shot(phone_page, "funding-page-360")

    phone_page.get_by_role("link", name="Change Coventry City Council (pooled)").click()
    phone_page.get_by_label("Year 2 (2028 to 2029) (£)").fill("5,000,000")
    phone_page.get_by_role("button", name="Save").click()
    assert phone_page.locator("#funding-mismatches").count() == 0
    assert FundingSource.objects.get().amounts_pence == [5_000_000_00] * 3

    page = new_page()
    login(page, officer)
    page.goto(reverse("round_detail", args=[round_.pk]))
    summary = page.locator("#round-budget-summary")
    assert "Available: the pooled funding sources (Coventry City Council)." in summary.inner_text()
    assert "£15,000,000 over three years" in summary.inner_text()
    assert_accessible(page)
    _shot(page, "round-page-1280")
    page.goto(reverse("funding", args=[round_.pk]))
    _shot(page, "funding-page-1280")
