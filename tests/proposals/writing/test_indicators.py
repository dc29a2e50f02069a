"""The indicators section: a baseline, its date and source and a target a year for each of the
specification's indicators, with ids completeness links to, saved against the section's revision."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.enums import Role
from proposals.writing.completeness import load_for_checking, problems_of
from proposals.writing.models import ProposalIndicator
from tests.factories.commissioning import IndicatorFactory, UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, bidder_person

pytestmark = pytest.mark.django_db


def indicators_url(proposal):
    return reverse(
        "proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": "indicators"}
    )


@pytest.fixture
def proposal():
    return ProposalFactory(title="Routes into work")


@pytest.fixture
def indicator(proposal):
    indicator = proposal.specification.indicators.get()
    indicator.unit = "%"
    indicator.baseline_value = Decimal("12.500")
    indicator.target_value = Decimal("9.000")
    indicator.save()
    return indicator


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation)


def filled(indicator, revision=0, **overrides):
    prefix = f"indicator-{indicator.pk}"
    data = {
        "revision": revision,
        f"{prefix}-baseline_value": "14.2",
        f"{prefix}-baseline_date_day": "1",
        f"{prefix}-baseline_date_month": "3",
        f"{prefix}-baseline_date_year": "2026",
        f"{prefix}-baseline_source": "Annual population survey",
        f"{prefix}-target_1": "13",
        f"{prefix}-target_2": "11.5",
        f"{prefix}-target_3": "10",
    }
    data.update({f"{prefix}-{key}": value for key, value in overrides.items()})
    return data


def test_the_page_has_the_ids_completeness_links_to_and_shows_the_plans_figures(client, proposal, indicator, lead):
    client.force_login(lead)

    page = client.get(indicators_url(proposal)).content.decode()

    fields = [
        problem.field for problem in problems_of(load_for_checking(proposal.pk)) if problem.section == "indicators"
    ]
    assert fields == [
        f"indicator-{indicator.pk}-baseline_value",
        f"indicator-{indicator.pk}-baseline_date",
        f"indicator-{indicator.pk}-baseline_source",
        f"indicator-{indicator.pk}-target_1",
        f"indicator-{indicator.pk}-target_2",
        f"indicator-{indicator.pk}-target_3",
    ]
    for field in fields:
        assert f'id="id_{field}"' in page
    assert "Target for year 2 (2028 to 2029)" in page
    assert "12.5 %" in page and "9 %" in page


def test_the_lead_saves_baselines_and_targets_and_the_section_is_complete(client, proposal, indicator, lead):
    client.force_login(lead)

    response = client.post(indicators_url(proposal), filled(indicator))

    assert response.status_code == 302
    baseline = ProposalIndicator.objects.get(proposal=proposal, indicator=indicator)
    assert (baseline.baseline_value, baseline.baseline_date, baseline.baseline_source) == (
        Decimal("14.2"),
        datetime.date(2026, 3, 1),
        "Annual population survey",
    )
    assert list(baseline.targets.values_list("year", "value")) == [
        (1, Decimal("13")),
        (2, Decimal("11.5")),
        (3, Decimal("10")),
    ]
    assert [p for p in problems_of(load_for_checking(proposal.pk)) if p.section == "indicators"] == []
    page = client.get(reverse("proposal_detail", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk}))
    assert "Annual population survey" in page.content.decode()


def test_a_second_save_replaces_the_targets_and_an_emptied_target_is_gone(client, proposal, indicator, lead):
    client.force_login(lead)
    client.post(indicators_url(proposal), filled(indicator))

    client.post(indicators_url(proposal), filled(indicator, revision=1, target_3="", target_1="12"))

    baseline = ProposalIndicator.objects.get()
    assert list(baseline.targets.values_list("year", "value")) == [(1, Decimal("12")), (2, Decimal("11.5"))]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"baseline_value": "lots"}, "The baseline for {name} must be a number"),
        ({"target_2": "1.2345"}, "The target for {name} in year 2 must have no more than 3 decimal places"),
        ({"baseline_date_month": "13"}, "The date of the baseline for {name} must be a real date"),
        ({"baseline_date_year": ""}, "The date of the baseline for {name} must include a year"),
        ({"baseline_source": "x" * 301}, "The source of the baseline for {name} must be 300 characters or fewer"),
    ],
)
def test_a_bad_value_is_named_with_its_indicator_and_what_was_typed_stays(
    client, proposal, indicator, lead, overrides, message
):
    client.force_login(lead)

    response = client.post(indicators_url(proposal), filled(indicator, **overrides))

    page = response.content.decode()
    assert response.status_code == 200
    assert message.format(name=str(indicator)) in page
    assert 'value="Annual population survey"' in page or "baseline_source" in overrides
    assert not ProposalIndicator.objects.exists()


def test_only_the_consortium_writes_indicators(client, proposal, indicator):
    officer = person_with_role(proposal.round, Role.OFFICER)
    rival = bidder_person(proposal.round, ProposalFactory(specification=proposal.specification).lead_organisation)

    client.force_login(officer)
    assert client.get(indicators_url(proposal)).status_code == 200
    client.post(indicators_url(proposal), filled(indicator))
    for person in (rival, UserFactory()):
        client.force_login(person)
        assert client.post(indicators_url(proposal), filled(indicator)).status_code == 404

    assert not ProposalIndicator.objects.exists()


def test_an_indicator_the_specification_does_not_name_is_not_saved(client, proposal, indicator, lead):
    stranger = IndicatorFactory(outcome=indicator.outcome, code="OTHER1")
    client.force_login(lead)
    data = filled(indicator) | {f"indicator-{stranger.pk}-baseline_value": "5"}

    client.post(indicators_url(proposal), data)

    assert list(ProposalIndicator.objects.values_list("indicator_id", flat=True)) == [indicator.pk]
