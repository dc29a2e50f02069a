"""The round's home page groups its links by what a person does, and shows each person only the links
they may follow."""

import re
from html import unescape

import pytest
from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.services.specifications import add_subgroup_member
from tests.factories.commissioning import IndicatorFactory
from tests.factories.priorities import CandidateIssueFactory, PriorityFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

SECTION = re.compile(r"<section[^>]*>\s*<h2[^>]*>(?P<heading>[^<]+)</h2>(?P<body>.*?)</section>", re.S)
LINK = re.compile(r'<a class="govuk-link" href="(?P<url>[^"]+)">(?P<label>[^<]+)</a>')


def _sections(page):
    """[(heading, [(label, url)])] in the order of the page."""
    return [
        (
            unescape(match["heading"].strip()),
            [(unescape(link["label"]), unescape(link["url"])) for link in LINK.finditer(match["body"])],
        )
        for match in SECTION.finditer(page)
    ]


@pytest.fixture
def busy_round(round_, people):
    """A round with something in every group: the plan, an issue, a workshop and a priority with its sub-group."""
    indicator = IndicatorFactory(outcome__partnership=round_.partnership)
    issue = CandidateIssueFactory(round=round_, outcome=indicator.outcome, name="Worklessness")
    WorkshopFactory(round=round_)
    priority = PriorityFactory(round=round_, issue=issue, outcome=indicator.outcome, title="Worklessness")
    add_subgroup_member(priority, people[Role.SUBGROUP], by=people[Role.OFFICER])
    return round_


def test_officer_sees_links_grouped_by_what_they_do_with_the_plan_under_the_plan(client, busy_round, people):
    client.force_login(people[Role.OFFICER])

    sections = dict(_sections(client.get(reverse("round_detail", args=[busy_round.pk])).content.decode()))

    assert list(sections) == [
        "Manage the round",
        "Funding and budget",
        "Strategic plan",
        "Evidence",
        "Priority workshop",
        "Specifications",
    ]
    assert sections["Funding and budget"] == [("Funding sources", reverse("funding", args=[busy_round.pk]))]
    assert [label for label, _url in sections["Manage the round"]] == [
        "Edit the round's details",
        "People and roles",
        "Audit trail",
        "Email send log",
    ]
    plan_url = reverse("plan", args=[busy_round.pk])
    assert [url for _label, url in sections["Strategic plan"]] == [plan_url]
    assert all(
        url != plan_url for heading, links in sections.items() if heading != "Strategic plan" for _l, url in links
    )
    assert reverse("evidence_issues", args=[busy_round.pk]) in [url for _l, url in sections["Evidence"]]


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_each_person_sees_only_links_they_may_follow(client, busy_round, people, role):
    person = people[role]
    client.force_login(person)

    page = client.get(reverse("round_detail", args=[busy_round.pk])).content.decode()
    sections = _sections(page)

    for heading, links in sections:
        assert links or heading, heading
        for label, url in links:
            assert client.get(url).status_code == 200, (role, heading, label, url)
    headings = [heading for heading, _links in sections]
    assert ("Manage the round" in headings) == (role == Role.OFFICER)
    if role == Role.SUBGROUP:
        labels = [label for _heading, links in sections for label, _url in links]
        assert "Your specification: Worklessness" in labels


def test_outsider_cannot_see_the_round_page(client, busy_round, people):
    client.force_login(people["outsider"])

    assert client.get(reverse("round_detail", args=[busy_round.pk])).status_code == 404
