"""A round that starts on 29 February, or in the last year the calendar holds, still shows every page;
implausible dates are refused where they are typed."""

import datetime
import shutil

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commissioning.documents.models import DocumentStatus
from commissioning.documents.services import latest_document, render_document
from commissioning.rounds.models import Round
from priorities.specifications.models import Specification
from tests.factories.commissioning import PASSWORD
from tests.factories.priorities import PriorityFactory
from tests.pdf import pdf_text
from tests.priorities.specifications.helpers import approved, published, subgroup_member, written
from tests.priorities.specifications.test_views import _form_data

pytestmark = pytest.mark.django_db


def _pages(round_, priority):
    spec_args = [round_.pk, priority.pk]
    return [
        reverse("specification_list", args=[round_.pk]),
        reverse("specification_detail", args=spec_args),
        reverse("specification_amend", args=spec_args),
        reverse("specification_versions", args=spec_args),
        reverse("specification_version", args=[*spec_args, 1]),
        reverse("specification_send_log", args=spec_args),
        reverse("specification_pdf", args=spec_args),
        reverse("question_list", args=[round_.pk]),
        reverse("round_detail", args=[round_.pk]),
        reverse("round_edit", args=[round_.pk]),
    ]


def _public_pages(round_, priority):
    return [
        reverse("home"),
        reverse("call_public", args=[round_.public_key]),
        reverse("specification_detail", args=[round_.pk, priority.pk]),
        reverse("specification_pdf", args=[round_.pk, priority.pk]),
    ]


def _every_page_renders(round_, officer, expected_years):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    spec = published(priority, officer)
    document = render_document(latest_document(spec, "specification").pk)
    assert document.status == DocumentStatus.READY
    if shutil.which("pdftotext"):
        text = " ".join(pdf_text(document).split())
        for label in expected_years:
            assert label.lower() in text.lower(), label

    client = Client()
    client.force_login(officer)
    for url in _pages(round_, priority):
        response = client.get(url)
        assert response.status_code == 200, url
    detail = client.get(reverse("specification_detail", args=[round_.pk, priority.pk])).content.decode()
    for label in expected_years:
        assert label.lower() in detail.lower(), label
    for url in _public_pages(round_, priority):
        response = Client().get(url)
        assert response.status_code == 200, url


def test_round_starting_on_29_february_renders_every_specification_page_and_pdf(round_, officer):
    Round.objects.filter(pk=round_.pk).update(start_date=datetime.date(2028, 2, 29))
    round_.refresh_from_db()

    assert [start for _n, start in round_.years] == [
        datetime.date(2028, 2, 29),
        datetime.date(2029, 2, 28),
        datetime.date(2030, 2, 28),
    ]
    _every_page_renders(round_, officer, ["Year 1 (2028 to 2029)", "Year 2 (2029 to 2030)", "Year 3 (2030 to 2031)"])


def test_round_stored_in_year_9999_still_renders(round_, officer):
    # Stored before dates were checked on input, or by hand: the pages must not fail on it.
    Round.objects.filter(pk=round_.pk).update(start_date=datetime.date(9999, 6, 1))
    round_.refresh_from_db()

    _every_page_renders(round_, officer, ["Year 1 (9999)", "Year 3 (9999)"])


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("9999-06-01", "A round starts within ten years"),
        ("1999-04-01", "A round cannot start before 1 January 2000"),
    ],
)
def test_round_form_refuses_an_implausible_start(client, round_, officer, start, message):
    client.force_login(officer)
    data = {
        "name": "Kept name",
        "place": "Coventry",
        "annual_budget": "5,000,000",
        "number_of_years": "3",
        "start_date": start,
    }

    response = client.post(reverse("round_edit", args=[round_.pk]), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Kept name" in content
    round_.refresh_from_db()
    assert round_.name != "Kept name"


def test_round_starting_on_29_february_is_accepted(client, round_, officer):
    client.force_login(officer)
    data = {"name": round_.name, "place": "Coventry", "annual_budget": "5,000,000", "number_of_years": "3"}

    response = client.post(reverse("round_edit", args=[round_.pk]), {**data, "start_date": "2028-02-29"})

    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.start_date == datetime.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("proposal_deadline", "9999-12-31T12:00", "A deadline must be on or before"),
        ("question_deadline", "2001-01-01T12:00", "A deadline cannot be in the past"),
    ],
)
def test_specification_form_refuses_implausible_deadlines(client, round_, field, value, message):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    assert client.login(email=member.email, password=PASSWORD)

    response = client.post(
        reverse("specification_edit", args=[round_.pk, priority.pk]),
        _form_data(priority, **{field: value}, milestones="Kept text"),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Kept text" in content
    assert not Specification.objects.filter(priority=priority).exists()


def test_a_deadline_already_passed_can_stay_when_other_fields_change(client, round_):
    priority = PriorityFactory(round=round_, issue__round=round_)
    member = subgroup_member(priority)
    spec = written(priority, member)
    past = (timezone.now() - datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    Specification.objects.filter(pk=spec.pk).update(question_deadline=past)
    assert client.login(email=member.email, password=PASSWORD)
    data = _form_data(priority, milestones="A new milestone.")
    data["question_deadline"] = timezone.localtime(past).strftime("%Y-%m-%dT%H:%M")

    response = client.post(reverse("specification_edit", args=[round_.pk, priority.pk]), data)

    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.milestones == "A new milestone."


def test_approved_helper_still_works(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    assert approved(priority, officer).state == "approved"
