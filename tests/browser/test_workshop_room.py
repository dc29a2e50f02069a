"""The workshop in the room: the projector at projector sizes, the join cards, and the ballot
on a phone while the facilitator opens voting."""

import re

import pytest
from django.urls import reverse

from commissioning.enums import Sector
from priorities.evidence.models import CandidateIssue
from priorities.workshop import services
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import Participant
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues

PROJECTOR_SIZES = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]

# Realistic names, some long, so that wrapping labels are part of what must fit.
ISSUE_NAMES = [
    "Worklessness",
    "Crime and community safety",
    "Health inequalities",
    "Educational attainment",
    "Housing",
    "Environment",
    "Young people",
    "Older people",
    "Financial inclusion",
    "Transport",
    "Community cohesion",
    "Skills",
    "Antisocial behaviour in and around the city centre",
    "Mental health and wellbeing",
    "Domestic abuse",
    "Substance misuse",
    "Childhood obesity",
    "Fuel poverty",
    "Digital exclusion",
    "Loneliness and isolation among carers",
]

SECTORS = [Sector.PUBLIC, Sector.PRIVATE, Sector.VOLUNTARY, Sector.COMMUNITY]


def _room(round_, *, issues=20, voters=12):
    """A workshop with ``issues`` named issues on the wall and ``voters`` who have placed their dots."""
    workshop = workshop_with_issues(round_, issues=issues)
    on_wall = wall(workshop)
    for issue, name in zip(on_wall, ISSUE_NAMES, strict=False):
        CandidateIssue.objects.filter(pk=issue.pk).update(name=name)
    on_wall = wall(workshop)
    for n in range(voters):
        put_dots(seat(workshop, SECTORS[n % 4]), *[on_wall[(n * 2 + k) % len(on_wall)] for k in range(3)])
    return workshop


def _outside(page, selector):
    """The elements matching ``selector`` whose box is not wholly inside the viewport."""
    return page.evaluate(
        """(selector) => {
            const w = window.innerWidth, h = window.innerHeight;
            return [...document.querySelectorAll(selector)]
                .map((el) => [el.dataset.issue || el.id || el.textContent.trim(), el.getBoundingClientRect()])
                .filter(([, r]) => r.left < 0 || r.top < 0 || r.right > w || r.bottom > h || r.height === 0)
                .map(([name, r]) => `${name}: ${[r.left, r.top, r.right, r.bottom].map(Math.round)}`);
        }""",
        selector,
    )


def _labels_overlapping_their_neighbours(page):
    """Issues whose name, as drawn, reaches into the row above or below."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#projector-bars .app-bars__row')]
            .filter((row) => {
                const r = row.getBoundingClientRect();
                const l = row.querySelector('.app-bars__label').getBoundingClientRect();
                return l.top < r.top - 1 || l.bottom > r.bottom + 1;
            })
            .map((row) => row.dataset.issue)"""
    )


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=["1280x720", "1920x1080"])
def test_projector_shows_all_twenty_issues_inside_the_screen_in_large_type(
    round_, officer, new_page, login, assert_accessible, size
):
    workshop = _room(round_, issues=20)
    page = new_page(viewport=size)
    login(page, officer)

    page.goto(reverse("workshop_projector", args=[round_.pk, workshop.pk]))

    assert page.locator("#projector-bars .app-bars__row").count() == 20
    assert _outside(page, "#projector-bars .app-bars__row") == []
    assert _outside(page, "#projector-bars .app-bars__seg") == []
    assert _labels_overlapping_their_neighbours(page) == []
    assert _outside(page, "#projector-controls button") == []
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    assert page.locator(".app-header, .govuk-footer, .govuk-breadcrumbs").count() == 0
    label_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#projector-bars .app-bars__label')).fontSize)"
    )
    assert label_px >= 0.027 * size["height"]  # about 20px on a 720-line projector, 30px at 1080
    counts = page.locator("#projector-bars .app-bars__count").all_inner_texts()
    assert sum(int(n) for n in counts) == 36
    assert page.locator("#turnout").inner_text() == "12 of 12 participants have placed all their dots"
    assert_accessible(page)


def test_projector_with_twelve_issues_fits_and_reads_each_sectors_count(round_, officer, new_page, login):
    workshop = _room(round_, issues=12, voters=4)
    # Each sector has one voter: their sectors are shown one by one only once voting has closed.
    services.close_voting(workshop, by=officer)
    page = new_page(viewport=PROJECTOR_SIZES[0])
    login(page, officer)

    page.goto(reverse("workshop_projector", args=[round_.pk, workshop.pk]))

    assert _outside(page, "#projector-bars .app-bars__row") == []
    top = page.locator("#projector-bars .app-bars__row").first
    assert top.get_attribute("data-issue") == "Educational attainment"
    assert top.locator(".app-bars__count").all_inner_texts() == ["1", "1"]
    assert top.locator(".app-bars__total").text_content() == "2 dots: Public 1, Private 1"


def test_projector_controls_and_tally_follow_the_workshop_live(round_, officer, new_page, login):
    workshop = _room(round_, issues=8, voters=2)
    page = new_page(viewport=PROJECTOR_SIZES[0])
    login(page, officer)
    page.goto(reverse("workshop_projector", args=[round_.pk, workshop.pk]))
    page.evaluate("window.stillThisPage = true")
    assert page.get_by_role("button", name="Close voting").is_visible()

    # Another officer, on the workshop page, closes voting and hides the tally.
    services.close_voting(workshop, by=officer)
    services.set_tally_visibility(workshop, by=officer, show=False)

    page.get_by_role("button", name="Reopen voting").wait_for(timeout=5000)
    page.get_by_role("button", name="Show the tally").wait_for(timeout=5000)
    page.locator("#tally-hidden").wait_for(timeout=5000)
    assert page.locator("#projector-state").inner_text() == "Voting closed"
    assert page.locator("#projector-bars").count() == 0
    assert page.evaluate("window.stillThisPage") is True

    page.get_by_role("button", name="Show the tally").click()
    page.locator("#projector-bars").wait_for()
    page.get_by_role("button", name="Reopen voting").click()
    page.get_by_role("button", name="Close voting").wait_for()
    workshop.refresh_from_db()
    assert (workshop.state, workshop.show_tally) == (WorkshopState.VOTING, True)


def test_projector_without_javascript_offers_the_controls(round_, officer, new_page, login):
    workshop = _room(round_, issues=6, voters=1)
    page = new_page(viewport=PROJECTOR_SIZES[0], java_script_enabled=False)
    login(page, officer)
    page.goto(reverse("workshop_projector", args=[round_.pk, workshop.pk]))

    page.get_by_role("button", name="Close voting").click()

    page.get_by_role("button", name="Reopen voting").wait_for()
    assert page.get_by_text("Voting is closed.").is_visible()
    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.CLOSED


def test_join_cards_for_a_board_of_twenty(
    round_, officer, new_page, login, assert_accessible, assert_no_horizontal_scroll
):
    workshop = workshop_with_issues(round_, issues=6, state=WorkshopState.DISCUSSION)
    for n in range(20):
        seat(workshop, SECTORS[n % 4], full_name=f"Board Member {n + 1:02d}")
    page = new_page()
    login(page, officer)
    page.goto(reverse("workshop_participants", args=[round_.pk, workshop.pk]))

    page.get_by_role("link", name="Print everyone's join cards").click()
    page.get_by_role("button", name="Issue 20 codes").click()

    page.get_by_text("20 codes issued.").wait_for()
    codes = list(Participant.objects.filter(workshop=workshop).values_list("join_code", flat=True))
    assert len(set(codes)) == 20 and None not in codes
    assert page.locator(".app-join-card").count() == 20
    for code in codes:
        card = page.locator(f'[data-code="{code}"]')
        assert card.inner_text() == f"{code[:4]} {code[4:]}"
    assert page.locator(".app-join-card svg").count() == 20
    assert page.locator("#without-code").count() == 0
    assert_accessible(page)

    page.emulate_media(media="print")
    assert not page.locator(".app-header").is_visible()
    assert not page.get_by_role("heading", name="Join cards").is_visible()
    first, second = (page.locator(".app-join-card").nth(n).bounding_box() for n in (0, 1))
    assert first["y"] == second["y"] and second["x"] > first["x"]  # two cards side by side

    phone = new_page(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    login(phone, officer)
    phone.goto(reverse("workshop_cards", args=[round_.pk, workshop.pk]))
    assert phone.locator(".app-join-card svg").count() == 20
    assert_no_horizontal_scroll(phone)


def test_ballot_offers_a_dot_only_where_one_can_go(round_, new_page, login, assert_accessible):
    workshop = workshop_with_issues(round_, issues=4)
    issues = wall(workshop)
    participant = seat(workshop, Sector.COMMUNITY)
    put_dots(participant, issues[0])
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    login(page, participant.user)
    url = reverse("workshop_vote", args=[round_.pk, workshop.pk])

    page.goto(url)

    assert page.get_by_role("button", name=f"Place a dot on {issues[0].name}").count() == 0
    assert page.get_by_role("button", name=f"Take a dot back from {issues[0].name}").is_visible()
    for issue in issues[1:]:
        assert page.get_by_role("button", name=f"Place a dot on {issue.name}").is_visible()
    page.get_by_role("button", name=f"Place a dot on {issues[1].name}").click()
    page.locator("#dots-left", has_text="1 of 3 dots left").wait_for()
    assert page.get_by_role("button", name=f"Place a dot on {issues[1].name}").count() == 0
    assert page.evaluate("document.activeElement.id") == f"remove-{issues[1].pk}"
    page.get_by_role("button", name=f"Place a dot on {issues[2].name}").click()

    page.locator("#dots-left", has_text="0 of 3 dots left").wait_for()
    assert page.get_by_role("button", name=re.compile("^Place a dot")).count() == 0
    assert page.get_by_role("button", name=re.compile("^Take a dot back")).count() == 3
    assert_accessible(page)

    workshop.allow_stacking = True
    workshop.save()
    page.get_by_role("button", name=f"Take a dot back from {issues[2].name}").click()
    page.locator("#dots-left", has_text="1 of 3 dots left").wait_for()
    assert page.get_by_role("button", name=re.compile("^Place a dot")).count() == 4


def test_ballot_waits_for_voting_and_changes_by_itself_when_it_opens(
    round_, officer, new_page, login, assert_accessible
):
    workshop = workshop_with_issues(round_, issues=4, state=WorkshopState.DISCUSSION)
    issues = wall(workshop)
    participant = seat(workshop, Sector.VOLUNTARY)
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    login(page, participant.user)
    page.goto(reverse("workshop_vote", args=[round_.pk, workshop.pk]))
    page.evaluate("window.stillThisPage = true")

    page.get_by_text("The facilitator has not opened voting yet").wait_for()
    assert page.get_by_role("button", name=re.compile("^Place a dot")).count() == 0
    assert_accessible(page)
    evidence = page.locator("#issue-%d details" % issues[0].pk)
    evidence.locator("summary").click()
    page.wait_for_timeout(2500)  # a poll or more while nothing changes
    assert evidence.get_attribute("open") is not None

    services.open_voting(workshop, by=officer)

    page.get_by_role("button", name=f"Place a dot on {issues[0].name}").wait_for(timeout=5000)
    assert page.get_by_text("The facilitator has not opened voting yet").count() == 0
    assert page.locator("#ballot-status").inner_text() == "Voting is open. Place your dots."
    assert page.evaluate("window.stillThisPage") is True
    assert_accessible(page)
