"""The workshop's results PDF: its stacked bars and its plurals, read out of the rendered file."""

import pytest

from commissioning.documents.models import Document
from commissioning.enums import Sector
from priorities.workshop import services
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import TieDecision
from tests.pdf import needs_pdftotext, pdf_text, pdf_words
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues

pytestmark = [pytest.mark.django_db, needs_pdftotext]


def _confirmed_pdf(workshop, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_results(workshop, by=officer)
    return Document.objects.get(kind=services.RESULTS_PDF_KIND)


def _bar_counts(words, issue_name):
    """The (count, y) of each sector's segment drawn on ``issue_name``'s bar in the "Dots by sector" chart."""
    start = next(n for n, (text, _x, _y) in enumerate(words) if text == "sector") + 1
    names = issue_name.split()
    for n in range(start, len(words)):
        if [text for text, _x, _y in words[n : n + len(names)]] == names:
            after = words[n + len(names) :]
            end = next(k for k, (text, _x, _y) in enumerate(after) if text in ("dot", "dots"))
            return [(int(text), y) for text, _x, y in after[: end - 1]]
    raise AssertionError(f"{issue_name} is not in the chart")


def test_each_issues_bar_stays_on_one_line_however_its_dots_are_split(
    round_, officer, django_capture_on_commit_callbacks
):
    workshop = workshop_with_issues(
        round_, issues=4, dots_per_participant=20, allow_stacking=True, priorities_to_select=1
    )
    issues = wall(workshop)
    put_dots(seat(workshop, Sector.PUBLIC), *[issues[0]] * 20)
    put_dots(seat(workshop, Sector.PUBLIC), *[issues[0]] * 16, *[issues[1]] * 4)
    for sector in (Sector.PRIVATE, Sector.VOLUNTARY, Sector.COMMUNITY, ""):
        put_dots(seat(workshop, sector), issues[0], issues[1], issues[2])
    workshop.state = WorkshopState.CLOSED
    workshop.save()

    words = pdf_words(_confirmed_pdf(workshop, officer, django_capture_on_commit_callbacks))

    top = _bar_counts(words, issues[0].name)
    assert [count for count, _y in top] == [36, 1, 1, 1, 1]
    assert max(y for _n, y in top) - min(y for _n, y in top) < 1
    second = _bar_counts(words, issues[1].name)
    assert [count for count, _y in second] == [4, 1, 1, 1, 1]
    assert max(y for _n, y in second) - min(y for _n, y in second) < 1


def test_results_pdf_says_one_dot_and_one_participant_in_the_singular(
    round_, officer, django_capture_on_commit_callbacks
):
    workshop = workshop_with_issues(round_, issues=3, dots_per_participant=1, priorities_to_select=1)
    issues = wall(workshop)
    put_dots(seat(workshop, Sector.PUBLIC), issues[0])
    put_dots(seat(workshop, Sector.PRIVATE), issues[1])
    workshop.state = WorkshopState.CLOSED
    workshop.save()
    services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="The board asked for it.")

    text = pdf_text(_confirmed_pdf(workshop, officer, django_capture_on_commit_callbacks))

    assert "2 of 2 participants have placed their dot" in text
    assert "Tied at 1 dot, decided by Olive Officer" in text
    assert "1 dots" not in text
    assert TieDecision.objects.get().chosen_issues.get() == issues[1]
