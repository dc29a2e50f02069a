"""An officer reviews proposals in the browser: the list filtered and sorted, a proposal's similar
proposals, an eligibility decision, and an export with its progress, under axe-core on a phone and a desktop."""

import os
from pathlib import Path

from django.urls import reverse

from commissioning.enums import Role
from proposals.review.models import ProposalExport
from proposals.review.services import find_similar_proposals, run_export
from proposals.writing.enums import Eligibility
from proposals.writing.models import Proposal
from tests.browser.conftest import html
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import published_specification
from tests.proposals.review.helpers import submitted

PHONE = {"width": 360, "height": 740}


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _round():
    spec = published_specification()
    job_club = OrganisationFactory(name="Foleshill Job Club")
    text = "Mentoring young care leavers into apprenticeships with local employers and taster days."
    first = submitted(
        spec,
        title="Care leavers into work",
        lead_organisation=OrganisationFactory(name="Coventry Care Leavers Trust"),
        activity=text,
        neighbourhoods="Foleshill",
        partners=[job_club],
        budget={1: 120_000_00, 2: 110_000_00, 3: 90_000_00},
    )
    submitted(
        spec,
        title="Apprenticeships for care leavers",
        activity=text + " Weekly mentoring.",
        neighbourhoods="Foleshill",
        partners=[job_club],
        budget={1: 80_000_00},
    )
    for n in range(30):
        submitted(
            spec, title=f"Neighbourhood project {n:02d}", activity=f"Gardening club number {n}", budget={1: n * 1000_00}
        )
    find_similar_proposals(spec.round)
    return spec, first


def test_officer_reviews_filters_decides_and_exports(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, settings, transactional_db
):
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # the export waits, as it does for a worker, so its page can be seen
    spec, first = _round()
    officer = person_with_role(spec.round, Role.OFFICER)
    for viewport, suffix in ((PHONE, "360"), ({"width": 1280, "height": 800}, "1280")):
        page = new_page(viewport=viewport)
        login(page, officer)
        page.goto(reverse("review_proposals", args=[spec.round_id]))
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
        _shot(page, f"review-list-{suffix}")

    page.get_by_text("Filter the proposals").click()
    page.get_by_label("Lead organisation").fill("care leavers trust")
    page.get_by_role("button", name="Apply filters").click()
    assert "1 proposal matches." in html(page)
    page.get_by_role("link", name="Clear the filters").click()
    page.get_by_role("link", name="Requested in total").click()
    page.get_by_role("link", name="Requested in total").click()  # highest first
    first_row = page.locator("#proposals tbody tr").first
    assert "Care leavers into work" in first_row.inner_text()
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2").click()
    assert "Page 2" in page.locator("[aria-current=page]").get_attribute("aria-label")

    page.goto(reverse("review_proposal", args=[spec.round_id, first.pk]))
    assert "Both consortia include Foleshill Job Club." in html(page)
    assert_accessible(page)
    _shot(page, "review-proposal-1280")
    page.get_by_role("link", name="Decide eligibility").click()
    page.get_by_role("button", name="Save the decision").click()
    assert "Select whether the proposal is eligible" in html(page)
    assert_accessible(page)
    page.get_by_label("Not eligible").check()
    page.get_by_label("Reason").fill("The lead organisation works outside the area.")
    page.get_by_role("button", name="Save the decision").click()
    assert "The eligibility decision is saved." in html(page)
    assert Proposal.objects.get(pk=first.pk).eligibility == Eligibility.NOT_ELIGIBLE

    page.goto(reverse("review_exports", args=[spec.round_id]))
    page.get_by_label("Excel").check()
    page.get_by_role("button", name="Prepare the file").click()
    assert "The file is waiting to be prepared." in html(page)
    assert_accessible(page)
    _shot(page, "review-export-waiting-1280")
    run_export(ProposalExport.objects.get().pk)
    page.get_by_role("heading", name="The file is ready").wait_for()  # htmx asked again and swapped the fragment
    assert_accessible(page)
    _shot(page, "review-export-ready-1280")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the Excel file").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_export_progress_refreshes_by_link_without_javascript(new_page, login, settings, transactional_db):
    settings.RUN_SLOW_TASKS_IN_PROCESS = False
    spec, _first = _round()
    officer = person_with_role(spec.round, Role.OFFICER)
    page = new_page(java_script_enabled=False)
    login(page, officer)

    page.goto(reverse("review_exports", args=[spec.round_id]))
    page.get_by_label("CSV").check()
    page.get_by_role("button", name="Prepare the file").click()
    run_export(ProposalExport.objects.get().pk)
    page.get_by_role("link", name="Refresh this page to see how far it has got").click()

    assert page.get_by_role("link", name="Download the CSV file").is_visible()
