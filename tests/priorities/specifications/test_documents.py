import zoneinfo

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.documents.services import latest_document, render_document
from priorities.specifications.enums import SignoffRole
from priorities.specifications.selectors import current_signoffs
from priorities.specifications.services import specifications as services
from priorities.workshop.models import CrossCuttingTheme
from tests.factories.priorities import PriorityFactory
from tests.pdf import pdf_text
from tests.priorities.specifications.helpers import published

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
