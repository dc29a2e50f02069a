"""A panel member on a tablet declares their interests, then reads the proposals left to them; the
officer sets up the panel and adds its chair. Every page under axe-core."""

import os
from pathlib import Path

from django.urls import reverse

from commissioning.enums import Role
from panels.membership.enums import MemberRole
from panels.membership.models import Declaration, Panel, PanelMember
from tests.browser.conftest import html
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.panels import PanelFactory, PanelMemberFactory, eligible_proposal
from tests.factories.proposals import ProposalPartnerFactory, published_specification

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 360, "height": 740}


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_member_declares_then_reads_on_a_tablet(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    panel = PanelFactory()
    first = eligible_proposal(
        panel,
        title="Care leavers into work",
        lead_organisation=OrganisationFactory(name="Coventry Care Leavers Trust"),
        activity="Mentoring young care leavers into apprenticeships with local employers.",
    )
    ProposalPartnerFactory(proposal=first, organisation_name="Foleshill Job Club", is_lead=False)
    eligible_proposal(panel, title="Warm homes", activity="Insulating the oldest council houses.")
    member = PanelMemberFactory(panel=panel, user__full_name="Esther Expert")
    page = new_page(viewport=TABLET, is_mobile=True, has_touch=True)
    login(page, member.user)

    page.get_by_role("link", name="Declare your interests: 2 proposals waiting").click()
    assert_accessible(page)
    assert "Mentoring young care leavers" not in html(page)
    page.get_by_role("link", name="Declare your declaration about Care leavers into work").click()
    assert "Foleshill Job Club" in page.locator("#names").inner_text()
    assert_accessible(page)
    page.get_by_label("No interest").check()
    page.get_by_role("button", name="Save the declaration").click()

    page.get_by_role("link", name="Declare your declaration about Warm homes").click()
    page.get_by_label("An interest").check()
    page.get_by_role("button", name="Save the declaration").click()
    assert "Choose the nature of the interest." in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Nature of the interest").select_option(label="Trustee or governance")
    page.get_by_label("Describe the interest").fill("I sit on the lead's board.")
    page.get_by_role("button", name="Save the declaration").click()
    assert "Every declaration is made." in page.locator("#waiting").inner_text()
    _shot(page, "panel-interests-768")

    page.get_by_role("link", name="Read the proposals").click()
    assert page.locator("#proposals").inner_text().strip().startswith("Care leavers into work")
    assert "Warm homes" not in html(page)
    assert_accessible(page)
    page.get_by_role("link", name="Care leavers into work").click()
    assert "Mentoring young care leavers into apprenticeships" in page.locator("#section-activity").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, "panel-read-768")
    assert Declaration.objects.filter(member=member, has_interest=True).count() == 1


def test_the_officer_sets_up_a_panel_and_adds_its_chair_on_a_phone(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, transactional_db
):
    spec = published_specification()
    officer = person_with_role(spec.round, Role.OFFICER)
    chair = UserFactory(full_name="Chloe Chair", email="chloe@example.org")
    charity = OrganisationFactory(name="Age Concern Coventry")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, officer)

    page.goto(reverse("panel_list", args=[spec.round_id]))
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name=f"Set up the panel for {spec.priority.title}").click()
    page.get_by_role("button", name="Set up the panel").click()
    page.get_by_role("link", name="Add a member").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill(chair.email)
    page.get_by_label("Chair").check()
    page.get_by_label("The organisation they come from").select_option(label="Age Concern Coventry")
    page.get_by_role("button", name="Add to the panel").click()

    assert "Chloe Chair is on the panel as chair." in html(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, "panel-detail-360")
    member = PanelMember.objects.get(panel=Panel.objects.get(priority=spec.priority))
    assert (member.user, member.role, member.organisation) == (chair, MemberRole.CHAIR, charity)
