"""Refused forms as a person meets them: the error summary, its links to the inputs at fault, the date
inputs, at 360 and 1280 pixels; and pages that ask for nothing the server does not have."""

import pytest
from django.urls import reverse

from commissioning.enums import Stage
from commissioning.rounds.models import Round
from tests.browser.conftest import DESKTOP, PHONE, fill_date, html
from tests.factories.priorities import CandidateIssueFactory

DEVICES = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


def _focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("device", DEVICES)
def test_a_refused_round_form_links_each_message_to_its_input_and_keeps_what_was_typed(
    device, new_page, round_, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    page = new_page(**DEVICES[device])
    login(page, officer)
    page.goto(reverse("round_edit", args=[round_.pk]))

    page.get_by_label("Name", exact=True).fill("")
    fill_date(page, "Start date", 29, 2, "")
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.locator("li").all_inner_texts() == ["Enter the round's name", "The start date must include a year"]
    # GOV.UK Frontend moves focus to the summary, so that a screen reader announces it.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    group = page.get_by_role("group", name="Start date")
    assert group.get_by_label("Day").input_value() == "29"
    assert group.get_by_label("Month").input_value() == "2"
    assert "govuk-input--error" in group.get_by_label("Year").get_attribute("class")
    assert "govuk-input--error" not in group.get_by_label("Day").get_attribute("class")
    assert group.locator(".govuk-error-message").inner_text().endswith("The start date must include a year")
    assert_accessible(page)
    if device == "phone":
        assert_no_horizontal_scroll(page)

    summary.get_by_role("link", name="The start date must include a year").click()
    assert _focused_id(page) == "id_start_date_2"
    summary.get_by_role("link", name="Enter the round's name").click()
    assert _focused_id(page) == "id_name"

    page.get_by_label("Name", exact=True).fill("Renewal 2028")
    group.get_by_label("Year").fill("2028")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{reverse('round_detail', args=[round_.pk])}")
    round_.refresh_from_db()
    assert (round_.name, round_.start_date.isoformat()) == ("Renewal 2028", "2028-02-29")
    assert Round.objects.filter(pk=round_.pk, name="Renewal 2028").exists()


def test_pages_ask_for_no_file_the_server_does_not_have(page, round_, officer, login):
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)

    page.goto(reverse("home"))
    page.goto(reverse("account_login"))
    login(page, officer)
    page.goto(reverse("round_detail", args=[round_.pk]))
    page.goto(reverse("round_edit", args=[round_.pk]))
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")

    assert missing == []
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).status == 200
    assert page.request.get("/favicon.ico").status == 200
    fonts = page.evaluate("[...document.fonts].map((font) => font.family)")
    assert not [family for family in fonts if "GDS Transport" in family]


@pytest.mark.parametrize("device", DEVICES)
def test_a_refused_workshop_set_up_shows_the_services_rules_on_their_fields(
    device, new_page, round_, officer, login, assert_accessible, assert_no_horizontal_scroll, tmp_path
):
    round_.stage = Stage.WORKSHOP
    round_.save()
    issues = [CandidateIssueFactory(round=round_, name=f"Issue {n}") for n in range(1, 4)]
    page = new_page(**DEVICES[device])
    login(page, officer)
    page.goto(reverse("workshop_create", args=[round_.pk]))
    assert "Add candidate issues on the evidence pages first." not in html(page)  # there are some

    page.get_by_role("button", name="Save workshop").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("li").all_inner_texts() == [
        "Enter the workshop's title",
        "Enter the workshop's date",
        "Enter where the workshop is held",
        "Choose the candidate issues to put on the wall.",
    ]
    summary.get_by_role("link", name="Choose the candidate issues to put on the wall.").click()
    assert _focused_id(page) == "id_issues_1"  # the first checkbox
    summary.get_by_role("link", name="Enter the workshop's date").click()
    assert _focused_id(page) == "id_date_0"  # the day

    page.get_by_label("Title").fill("Walls workshop")
    fill_date(page, "Date", 23, 11, 2026)
    page.get_by_label("Place").fill("Council House")
    for issue in issues[:2]:
        page.get_by_label(issue.name).check()
    page.get_by_label("Number of priorities to select").fill("5")
    page.get_by_role("button", name="Save workshop").click()

    message = "You chose 5 priorities to select but only 2 issues are on the wall."
    assert page.locator(".govuk-error-summary li").all_inner_texts() == [message]
    field = page.locator("#div_id_priorities_to_select")
    assert "govuk-form-group--error" in field.get_attribute("class")
    assert field.locator(".govuk-error-message").inner_text().endswith(message)
    assert "govuk-input--error" in page.get_by_label("Number of priorities to select").get_attribute("class")
    assert page.get_by_label("Issue 1").is_checked() and not page.get_by_label("Issue 3").is_checked()
    assert page.get_by_role("group", name="Date").get_by_label("Day").input_value() == "23"
    assert_accessible(page)
    if device == "phone":
        assert_no_horizontal_scroll(page)
    page.screenshot(path=str(tmp_path / f"workshop-{device}.png"), full_page=True)
