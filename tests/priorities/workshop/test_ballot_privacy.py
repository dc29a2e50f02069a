"""Ballot privacy: while voting is open, no sector with fewer than three voters is shown on its own,
wherever the tally appears; once voting closes, every sector is shown."""

import pytest
from django.urls import reverse

from commissioning.documents.models import Document
from commissioning.enums import Sector
from priorities.workshop import services, tally
from priorities.workshop.documents import build_results_pdf
from priorities.workshop.enums import WorkshopState
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


def _room(round_, voluntary_voters):
    """Three public-sector voters and ``voluntary_voters`` voluntary-sector ones, each with one dot on the
    first issue; a voluntary seat that has not voted does not count towards the three."""
    workshop = workshop_with_issues(round_, issues=3, show_tally=True)
    first = wall(workshop)[0]
    for _n in range(3):
        put_dots(seat(workshop, Sector.PUBLIC), first)
    for _n in range(voluntary_voters):
        put_dots(seat(workshop, Sector.VOLUNTARY), first)
    seat(workshop, Sector.VOLUNTARY)  # seated, not voted
    return workshop, first


def _url(name, workshop):
    return reverse(name, args=[workshop.round_id, workshop.pk])


def _pages(client, workshop, officer, voter):
    """Every place the tally is shown, as text: the voter's ballot, the projector and its htmx
    fragment, the results page, the CSV and the PDF's table."""
    client.force_login(voter.user)
    texts = {"ballot": client.get(_url("workshop_vote", workshop)).content.decode()}
    client.force_login(officer)
    texts["projector"] = client.get(_url("workshop_projector", workshop)).content.decode()
    texts["projector fragment"] = client.get(
        _url("workshop_projector_tally", workshop), headers={"HX-Request": "true"}
    ).content.decode()
    texts["results"] = client.get(_url("workshop_results", workshop)).content.decode()
    response = client.get(_url("workshop_results_csv", workshop))
    texts["csv"] = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    document = Document(kind=services.RESULTS_PDF_KIND, object_id=workshop.pk)
    _template, context = build_results_pdf(document)
    texts["pdf"] = " ".join(str(label) for _key, label in context["sector_columns"]) + " " + repr(context["lines"])
    return texts


def _bar_text(page):
    """The screen-reader text of the bars (": Public 3, Other sectors 1") and the legend."""
    start = page.find('<ul class="app-legend"')
    assert start != -1
    return page[start : page.find("</ol>", start)]


@pytest.mark.parametrize("voluntary_voters", [1, 2])
def test_while_voting_is_open_a_sector_of_one_or_two_voters_is_shown_only_among_other_sectors(
    client, round_, officer, voluntary_voters
):
    workshop, first = _room(round_, voluntary_voters)
    voter = workshop.participants.filter(sector=Sector.VOLUNTARY).first()

    counted = tally.workshop_tally(workshop)

    row = next(row for row in counted.rows if row.issue == first)
    assert row.by_sector == {"public": 3, "other": voluntary_voters}
    assert row.total == 3 + voluntary_voters
    assert counted.pooled == ("voluntary",)
    texts = _pages(client, workshop, officer, voter)
    for where in ("ballot", "projector", "projector fragment", "results"):
        bars = _bar_text(texts[where])
        assert f"Public 3, Other sectors {voluntary_voters}" in bars, where
        assert "Voluntary" not in bars, where
        assert "fewer than 3 people have voted are shown together" in bars, where
    header = texts["csv"].splitlines()[0]
    assert "Other sectors" in header and "Voluntary" not in header
    assert f"{first.name},{3 + voluntary_voters},3,0,0,0,{voluntary_voters}," in texts["csv"]
    assert "Other sectors" in texts["pdf"] and "Voluntary" not in texts["pdf"]


def test_while_voting_is_open_a_sector_of_three_voters_is_shown_on_its_own(client, round_, officer):
    workshop, first = _room(round_, 3)
    voter = workshop.participants.filter(sector=Sector.VOLUNTARY).first()

    counted = tally.workshop_tally(workshop)

    row = next(row for row in counted.rows if row.issue == first)
    assert row.by_sector == {"public": 3, "voluntary": 3}
    assert counted.pooled == ()
    texts = _pages(client, workshop, officer, voter)
    for where in ("ballot", "projector", "projector fragment", "results"):
        bars = _bar_text(texts[where])
        assert "Public 3, Voluntary 3" in bars, where
        assert "Other sectors" not in bars, where
    assert "Other sectors" not in texts["csv"] and "Voluntary" in texts["csv"].splitlines()[0]


@pytest.mark.parametrize("state", [WorkshopState.CLOSED, WorkshopState.CONFIRMED])
def test_once_voting_has_closed_every_sector_is_shown(client, round_, officer, state):
    workshop, first = _room(round_, 1)
    workshop.state = state
    workshop.save(update_fields=["state"])
    voter = workshop.participants.filter(sector=Sector.VOLUNTARY).first()

    counted = tally.workshop_tally(workshop)

    row = next(row for row in counted.rows if row.issue == first)
    assert row.by_sector == {"public": 3, "voluntary": 1}
    texts = _pages(client, workshop, officer, voter)
    assert "Public 3, Voluntary 1" in _bar_text(texts["results"])
    assert "Other sectors" not in texts["results"]
    assert f"{first.name},4,3,0,1,0,0," in texts["csv"]
    assert "Voluntary" in texts["pdf"] and "Other sectors" not in texts["pdf"]


def test_two_small_sectors_are_shown_together(round_):
    workshop, first = _room(round_, 1)
    put_dots(seat(workshop, Sector.COMMUNITY), first)

    row = next(row for row in tally.workshop_tally(workshop).rows if row.issue == first)

    assert row.by_sector == {"public": 3, "other": 2}
