import re
import subprocess
import zoneinfo

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.documents.models import Document, DocumentStatus
from commissioning.documents.services import latest_document, render_document, request_document
from priorities.specifications.enums import SignoffRole
from priorities.specifications.models import Specification
from priorities.specifications.selectors import current_signoffs
from priorities.specifications.services import specifications as services
from priorities.workshop.models import CrossCuttingTheme
from tests.factories.commissioning import IndicatorFactory
from tests.factories.priorities import PriorityFactory
from tests.pdf import needs_pdftotext, pdf_text
from tests.priorities.specifications.helpers import published, written

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_specification_pdf_holds_its_fields(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    CrossCuttingTheme.objects.create(
        round=round_, issue=priority.issue, title="Health", rationale="Poor health", requirements="Show health gains."
    )
    with django_capture_on_commit_callbacks(execute=False):
        spec = published(priority, officer)
    document = latest_document(spec, "specification")

    text = pdf_text(render_document(document.pk))

    for expected in [
        "Specification: Jobs and skills",
        "Fewer young people in Hillfields",
        "NEET",
        "At least 3 partner organisations",
        "Finance, evaluation and partnership support.",
        "Young people aged 16 to 24",
        "£1,000,000",
        "£3,000,000",
        "An independent evaluation against the baseline.",
        "Coventry City Council",
        "Helen Carr",
        "Confirmed by Mark Patel",
        "Show health gains.",
        "Steering group meets by month 3.",
    ]:
        assert expected in text, expected
    # Who confirmed the sponsor's commitment, and when, UK time.
    finance = current_signoffs(spec)[SignoffRole.FINANCE]
    when = date_format(timezone.localtime(finance.answered_at, LONDON), "j F Y, H:i")
    flat = " ".join(text.split())
    assert f"Confirmed by Mark Patel (Coventry City Council), finance officer, on {when}." in flat
    assert "Confirmed by Helen Carr (Coventry City Council), sponsor's contact, on" in flat


def test_pdf_made_after_a_later_change_still_shows_its_own_version(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=False):  # the PDF tasks wait, as with the broker down
        spec = published(priority, officer)
        published_pdf = latest_document(spec, "specification")
        spec = services.amend_specification(
            spec, by=officer, fields={"milestones": "A mid-point review in month 18."}, note="Added a review."
        )
    amended_pdf = latest_document(spec, "specification")

    first, second = pdf_text(render_document(published_pdf.pk)), pdf_text(render_document(amended_pdf.pk))

    assert (published_pdf.version, amended_pdf.version) == (spec.version - 1, spec.version)
    assert f"Version {published_pdf.version}" in first
    assert "Steering group meets by month 3." in first
    assert "A mid-point review in month 18." not in first
    assert "Fewer young people in Hillfields" in first
    assert f"version {spec.version} is the current one" in " ".join(first.split())
    assert "A mid-point review in month 18." in second


A4_HEIGHT = 841.89  # points
BOTTOM_MARGIN = 20 / 25.4 * 72  # 20mm, as pdf/base.html sets it
FOOTER = re.compile(r"\d+ / \d+\s*$")


def _page_lines(text):
    """Each page's lines of text, without the blank ones and the running footer."""
    return [
        [line.strip() for line in page.splitlines() if line.strip() and not FOOTER.search(line)]
        for page in text.split("\f")
    ]


def _header_top(document):
    """(page, y) of the indicators table's header, in points from the top of its page."""
    with document.file.open("rb") as handle:
        data = handle.read()
    result = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True)
    for page, body in enumerate(result.stdout.decode().split("<page ")[1:], start=1):
        found = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>Code</word>', body)
        if found:
            return page, float(found.group(1))
    raise AssertionError("the indicators table has no header")


@needs_pdftotext
def test_no_table_header_or_heading_is_left_alone_at_the_foot_of_a_page(
    round_, officer, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=False):
        spec = written(priority, officer)
        spec.indicators.add(*[IndicatorFactory(outcome=priority.outcome, code=f"JOB{n}") for n in range(12)])
        document = request_document(subject=spec, kind="specification", title="Specification", version=spec.version)

    def render(lines):
        outcome = "\n".join(f"Outcome line {n}." for n in range(lines))
        Specification.objects.filter(pk=spec.pk).update(outcome_sought=outcome)
        Document.objects.filter(pk=document.pk).update(status=DocumentStatus.PENDING)
        return render_document(document.pk)

    # Where the table starts with no outcome and with ten lines of it: enough to push its header
    # line by line across the foot of the first page.
    (_, start), (_, moved) = _header_top(render(0)), _header_top(render(10))
    line_height = (moved - start) / 10
    lines_to_foot = int((A4_HEIGHT - BOTTOM_MARGIN - start) / line_height)
    header_pages = set()
    for lines in range(lines_to_foot - 4, lines_to_foot + 3):
        rendered = render(lines)
        pages = _page_lines(pdf_text(rendered))
        header_pages.add(_header_top(rendered)[0])
        for number, page in enumerate(pages, start=1):
            if not page:
                continue
            assert not page[-1].startswith("Code"), f"{lines} lines: the table header ends page {number}"
            assert "Performance indicators" not in " ".join(page[-2:]), f"{lines} lines: the heading ends page {number}"
        header_page = next(n for n, page in enumerate(pages, start=1) if any(line.startswith("Code") for line in page))
        assert any(line.startswith("JOB") for line in pages[header_page - 1]), f"{lines} lines: header without rows"
    assert header_pages == {1, 2}  # the sweep did cross the foot of the page
