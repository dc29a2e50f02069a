"""Milestones, outputs and risks: rows saved through formsets, "Add another" without JavaScript keeping
what was typed, rows removed, bad values named, and only the consortium writing them."""

import pytest
from django.urls import reverse

from commissioning.enums import Role
from proposals.writing.completeness import load_for_checking, problems_of
from proposals.writing.models import Milestone, Output, Risk
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, bidder_person

pytestmark = pytest.mark.django_db


def url(proposal, section):
    return reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": section})


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def milestone_data(revision=0, milestones=(), outputs=(), **extra):
    data = {"revision": revision, **management("milestone", len(milestones)), **management("output", len(outputs))}
    for index, (description, month) in enumerate(milestones):
        data[f"milestone-{index}-description"] = description
        data[f"milestone-{index}-month"] = month
    for index, (description, quantity) in enumerate(outputs):
        data[f"output-{index}-description"] = description
        data[f"output-{index}-quantity"] = quantity
    data.update(extra)
    return data


@pytest.fixture
def proposal():
    return ProposalFactory(title="Routes into work")


@pytest.fixture
def lead(client, proposal):
    person = bidder_person(proposal.round, proposal.lead_organisation)
    client.force_login(person)
    return person


def test_an_empty_section_offers_one_blank_row_of_each(client, proposal, lead):
    page = client.get(url(proposal, "milestones")).content.decode()

    assert 'name="milestone-TOTAL_FORMS" value="1"' in page
    assert 'name="output-TOTAL_FORMS" value="1"' in page
    assert "Add another milestone" in page and "Add another output" in page


def test_milestones_and_outputs_are_saved_blank_rows_ignored(client, proposal, lead):
    data = milestone_data(
        milestones=[("Steering group meets", "3"), ("", ""), ("First cohort finishes", "12")],
        outputs=[("Young people mentored", "120"), ("Guide published", "")],
    )

    response = client.post(url(proposal, "milestones"), data)

    assert response.status_code == 302
    assert list(Milestone.objects.values_list("description", "month")) == [
        ("Steering group meets", 3),
        ("First cohort finishes", 12),
    ]
    assert list(Output.objects.order_by("pk").values_list("description", "quantity")) == [
        ("Young people mentored", 120),
        ("Guide published", None),
    ]
    problems = [p for p in problems_of(load_for_checking(proposal.pk)) if p.section == "milestones"]
    assert problems == []


def test_add_another_comes_back_with_what_was_typed_and_a_blank_row_saving_nothing(client, proposal, lead):
    data = milestone_data(
        milestones=[("Steering group meets", "3"), ("Half-typed", "")], outputs=[("Mentoring", "x")]
    ) | {"add-milestone": "1"}

    response = client.post(url(proposal, "milestones"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="milestone-TOTAL_FORMS" value="3"' in page
    assert 'value="Steering group meets"' in page and 'value="Half-typed"' in page
    assert 'name="milestone-2-description"' in page
    assert 'name="output-0-quantity" value="x"' in page
    assert "There is a problem" not in page
    assert not Milestone.objects.exists() and not Output.objects.exists()
    assert proposal.__class__.objects.get(pk=proposal.pk).revision_of("milestones") == 0


def test_a_row_marked_remove_is_dropped(client, proposal, lead):
    client.post(url(proposal, "milestones"), milestone_data(milestones=[("A", "1"), ("B", "2")], outputs=[("O", "1")]))

    client.post(
        url(proposal, "milestones"),
        milestone_data(1, milestones=[("A", "1"), ("B", "2")], outputs=[("O", "1")], **{"milestone-0-DELETE": "on"}),
    )

    assert list(Milestone.objects.values_list("description", flat=True)) == ["B"]


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("0", "The month of the milestone must be 1 or more"),
        ("121", "The month of the milestone must be 120 or less"),
        ("soon", "The month of the milestone must be a whole number"),
        ("", "Enter the month of the milestone"),
    ],
)
def test_a_bad_month_is_named_and_what_was_typed_stays(client, proposal, lead, month, message):
    response = client.post(
        url(proposal, "milestones"), milestone_data(milestones=[("Steering group meets", month)], outputs=[])
    )

    page = response.content.decode()
    assert message in page
    assert 'href="#id_milestone-0-month"' in page
    assert 'value="Steering group meets"' in page
    assert not Milestone.objects.exists()


def risk_data(revision=0, **overrides):
    data = {
        "revision": revision,
        **management("risk", 1),
        "risk-0-description": "Young people do not come",
        "risk-0-likelihood": "medium",
        "risk-0-impact": "high",
        "risk-0-mitigation": "Outreach through the youth centre.",
    }
    data.update(overrides)
    return data


def test_risks_are_saved_with_likelihood_impact_and_mitigation(client, proposal, lead):
    response = client.post(url(proposal, "risks"), risk_data())

    assert response.status_code == 302
    assert list(Risk.objects.values_list("description", "likelihood", "impact", "mitigation")) == [
        ("Young people do not come", "medium", "high", "Outreach through the youth centre.")
    ]
    detail = client.get(reverse("proposal_detail", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk}))
    assert "Outreach through the youth centre." in detail.content.decode()


def test_a_risk_without_its_impact_is_refused_naming_it(client, proposal, lead):
    response = client.post(url(proposal, "risks"), risk_data(**{"risk-0-impact": "catastrophic"}))

    page = response.content.decode()
    assert "Select the impact of the risk from the list" in page
    assert 'value="Young people do not come"' in page
    assert not Risk.objects.exists()


def test_too_many_rows_are_refused_without_an_error(client, proposal, lead):
    data = risk_data() | management("risk", 5000)

    response = client.post(url(proposal, "risks"), data)

    assert response.status_code == 200
    assert not Risk.objects.exists()


def test_only_the_consortium_writes_rows(client, proposal):
    officer = person_with_role(proposal.round, Role.OFFICER)
    rival = bidder_person(proposal.round, ProposalFactory(specification=proposal.specification).lead_organisation)

    client.force_login(officer)
    assert client.get(url(proposal, "risks")).status_code == 200
    client.post(url(proposal, "risks"), risk_data())
    for person in (rival, UserFactory()):
        client.force_login(person)
        assert client.post(url(proposal, "risks"), risk_data()).status_code == 404

    assert not Risk.objects.exists()
