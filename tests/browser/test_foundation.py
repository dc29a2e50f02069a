"""The foundation as a person uses it: signing in, a round's pipeline, people, organisations, the audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.enums import Role
from commissioning.rounds import services
from commissioning.rounds.models import Invitation
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.commissioning import (
    IndicatorFactory,
    IndicatorReadingFactory,
    OrganisationFactory,
    StrategicOutcomeFactory,
)
from tests.factories.priorities import CandidateIssueFactory, SurveyResultFactory

DEVICES = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


def check_page(page, device, assert_accessible, assert_no_horizontal_scroll):
    assert_accessible(page)
    if device == "phone":
        assert_no_horizontal_scroll(page)


def test_static_files_gov_uk_frontend_and_app_css_load_on_the_live_server(page):
    page.goto(reverse("account_login"))

    container_width = page.evaluate("getComputedStyle(document.querySelector('.govuk-width-container')).maxWidth")
    header_colour = page.evaluate("getComputedStyle(document.querySelector('.app-header')).backgroundColor")
    assert container_width == "960px"  # from GOV.UK Frontend, compiled into static/css/govuk-frontend.css
    assert header_colour == "rgb(29, 77, 110)"  # from static/css/app.css


@pytest.mark.parametrize("device", DEVICES)
def test_login_page_accessible_on_each_device(device, new_page, assert_accessible, assert_no_horizontal_scroll):
    page = new_page(**DEVICES[device])

    page.goto(reverse("account_login"))

    assert page.get_by_role("heading", level=1).inner_text().strip().lower() == "sign in"
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)


@pytest.mark.parametrize("device", DEVICES)
def test_officer_follows_round_from_home_to_its_people_and_audit_trail(
    device, new_page, round_, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    trust = OrganisationFactory(name="Foleshill Community Trust")
    services.invite_person(
        round_,
        by=officer,
        email="nia.partner@example.org",
        role=Role.BIDDER,
        full_name="Nia Partner",
        organisation=trust,
    )
    page = new_page(**DEVICES[device])

    login(page, officer)
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)
    page.get_by_role("link", name=round_.name).click()

    assert page.get_by_role("heading", level=1).inner_text() == round_.name
    current = page.locator(".app-pipeline [aria-current=step]")
    assert "Set-up" in current.inner_text()
    assert "current stage" in current.inner_text()
    assert page.get_by_role("heading", name="Next: Priority workshop").is_visible()
    assert "Add the strategic plan's outcomes." in page.locator("#blockers").inner_text()
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name="People and roles").click()
    assert page.get_by_role("heading", level=1).inner_text() == "People and roles"
    assert "Olive Officer" in page.locator("table").inner_text()
    assert page.get_by_label("Email address").is_visible()
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name=round_.name).click()
    page.get_by_role("link", name="Audit trail").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Audit trail"
    trail = page.locator("#audit-trail").inner_text()
    assert (
        "Olive Officer invited nia.partner@example.org to join the round as bidder for Foleshill Community Trust."
        in trail
    )
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name=round_.name).click()
    page.get_by_role("link", name="Email send log").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Email send log"
    assert "You are invited to" in page.locator("table").inner_text()
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.goto(reverse("organisation_list"))
    assert page.get_by_role("link", name="Foleshill Community Trust").is_visible()
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)


@pytest.fixture
def round_with_evidence(round_):
    outcome = StrategicOutcomeFactory(round=round_, code="O1", title="More young people in work or training")
    indicator = IndicatorFactory(outcome=outcome, code="I1", name="Young people not in work or training")
    for year, value in ((2023, "14.1"), (2024, "13.2"), (2025, "12.5")):
        IndicatorReadingFactory(indicator=indicator, date=datetime.date(year, 3, 31), value=Decimal(value))
    issue = CandidateIssueFactory(round=round_, outcome=outcome, name="Youth unemployment")
    issue.indicators.add(indicator)
    SurveyResultFactory(issue=issue, share_percent=Decimal("42.0"), sample_size=1200)
    return round_


@pytest.mark.parametrize("device", DEVICES)
def test_officer_reads_strategic_plan_and_issue_evidence_from_the_round(
    device, new_page, round_with_evidence, officer, login, assert_accessible, assert_no_horizontal_scroll
):
    round_ = round_with_evidence
    page = new_page(**DEVICES[device])
    login(page, officer)
    page.get_by_role("link", name=round_.name).click()

    assert page.get_by_role("button", name="Move on to “Priority workshop”").is_visible()
    assert page.locator("#blockers").count() == 0
    page.get_by_role("link", name="Strategic plan").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Strategic plan"
    assert "More young people in work or training" in page.locator("main").inner_text()
    assert "Young people not in work or training" in page.locator("main").inner_text()
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name=round_.name).click()
    page.get_by_role("link", name="Evidence: Youth unemployment").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Youth unemployment"
    main = page.locator("main").inner_text()
    assert "O1 More young people in work or training" in main
    assert "42% of 1,200 residents asked (1 June 2026)" in main
    assert page.locator("main svg").count() >= 2  # the indicator's chart and the survey chart
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)

    page.get_by_role("link", name="Candidate issues").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Candidate issues"
    check_page(page, device, assert_accessible, assert_no_horizontal_scroll)


def test_invite_form_error_state_accessible(page, round_, officer, login, assert_accessible):
    login(page, officer)
    page.goto(reverse("round_people", args=[round_.pk]))

    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Send invitation").click()

    assert (
        "Enter an email address in the correct format, like name@example.com"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.get_by_label("Email address").input_value() == "not an address"
    assert_accessible(page)


def test_invite_form_works_without_javascript(new_page, round_, officer, login):
    page = new_page(java_script_enabled=False)
    login(page, officer)
    page.goto(reverse("round_people", args=[round_.pk]))

    page.get_by_label("Full name").fill("Nia Partner")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_label("Role in this round").select_option(label=str(Role.BOARD.label))
    page.get_by_role("button", name="Send invitation").click()

    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Full name").input_value() == "Nia Partner"
    assert not Invitation.objects.exists()

    page.get_by_label("Email address").fill("nia.partner@example.org")
    page.get_by_role("button", name="Send invitation").click()

    assert "Invitation sent to nia.partner@example.org" in page.locator(".govuk-notification-banner").inner_text()
    invitation = Invitation.objects.get()
    assert (invitation.round, invitation.email, invitation.role) == (round_, "nia.partner@example.org", Role.BOARD)
    assert invitation.invited_by == officer
    assert (
        "nia.partner@example.org"
        in page.get_by_role("heading", name="Invitations waiting").locator("+ ul").inner_text()
    )
