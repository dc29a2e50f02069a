"""The budget page: the table as each person may see it, a save through the page, a bad cell named with
everything typed kept, and the page's totals against the maximum."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from proposals.writing.forms_budget import cell_name
from proposals.writing.models import BudgetLine
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db


def budget_url(proposal):
    return reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": "budget"})


@pytest.fixture
def proposal():
    return ProposalFactory(title="Routes into work", lead_organisation=OrganisationFactory(name="Hillfields Trust"))


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation, full_name="Amira Khan")


@pytest.fixture
def lead_partner(proposal):
    return proposal.partners.get(is_lead=True)


def test_the_lead_saves_the_budget_and_sees_its_totals(client, proposal, lead, lead_partner):
    client.force_login(lead)
    data = {
        "revision": 0,
        cell_name(1, lead_partner.pk, "staff"): "£600,000",
        cell_name(1, lead_partner.pk, "running"): "400,000.01",
        cell_name(2, lead_partner.pk, "capital"): "1,000",
    }

    response = client.post(budget_url(proposal), data)

    assert response.status_code == 302
    assert sorted(BudgetLine.objects.values_list("year", "category", "amount_pence")) == [
        (1, "running", 400_000_01),
        (1, "staff", 600_000_00),
        (2, "capital", 1_000_00),
    ]
    assert AuditEntry.objects.get(action="proposal.budget_saved").after == {
        "per_year_pence": [1_000_000_01, 1_000_00, 0],
        "total_pence": 1_001_000_01,
    }
    page = client.get(budget_url(proposal)).content.decode()
    assert 'value="600,000"' in page and 'value="400,000.01"' in page
    assert "£1,000,000.01 in year 1 (2027 to 2028) is £0.01 over the maximum allocation of £1,000,000 in year 1" in page
    assert "£1,001,000.01 over three years" in page
    assert 'role="region" tabindex="0" aria-labelledby="budget-year-1-heading"' in page
    assert "js/budget.js" in page


def test_a_bad_cell_is_named_and_everything_typed_stays(client, proposal, lead, lead_partner):
    client.force_login(lead)
    bad = cell_name(2, lead_partner.pk, "staff")

    response = client.post(
        budget_url(proposal),
        {"revision": 0, bad: "-12", cell_name(1, lead_partner.pk, "running"): "2,500.50"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<a href="#id_{bad}">Staff for Hillfields Trust in year 2 (2028 to 2029) cannot be a negative amount</a>'
        in page
    )
    assert 'value="-12"' in page and 'value="2,500.50"' in page
    assert f'aria-describedby="id_{bad}-error"' in page
    assert not BudgetLine.objects.exists()
    assert not AuditEntry.objects.filter(action="proposal.budget_saved").exists()


def test_exactly_the_maximum_shows_nothing_over(client, proposal, lead, lead_partner):
    client.force_login(lead)
    data = {"revision": 0} | {cell_name(year, lead_partner.pk, "staff"): "1,000,000" for year in (1, 2, 3)}

    client.post(budget_url(proposal), data)
    page = client.get(budget_url(proposal)).content.decode()

    assert "is £" not in page
    assert page.count("Nothing: within the maximum") >= 4
    assert "£3,000,000 over three years" in page


def test_the_budget_is_read_only_for_officers_and_hidden_from_everyone_else(client, proposal, lead, lead_partner):
    BudgetLine.objects.create(
        proposal=proposal, partner=lead_partner, year=1, category="staff", amount_pence=123_456_00
    )
    officer = person_with_role(proposal.round, Role.OFFICER)
    rival = bidder_person(proposal.round, ProposalFactory(specification=proposal.specification).lead_organisation)
    invited = ProposalPartnerFactory(proposal=proposal, state="invited")

    client.force_login(officer)
    page = client.get(budget_url(proposal)).content.decode()
    assert "£123,456 in year 1 (2027 to 2028)" in page
    assert "<input" not in page.split("<main")[1].split("</main>")[0].replace('type="hidden"', "")
    before = list(BudgetLine.objects.values_list("amount_pence", flat=True))
    client.post(budget_url(proposal), {"revision": 0, cell_name(1, lead_partner.pk, "staff"): "1"})
    assert list(BudgetLine.objects.values_list("amount_pence", flat=True)) == before

    for person in (rival, bidder_person(proposal.round, invited.organisation), UserFactory()):
        client.force_login(person)
        assert client.get(budget_url(proposal)).status_code == 404
        assert client.post(budget_url(proposal), {"revision": 0}).status_code == 404
    assert list(BudgetLine.objects.values_list("amount_pence", flat=True)) == before


def test_the_budget_page_reads_the_same_number_of_queries_for_one_organisation_or_many(client, proposal, lead):
    client.force_login(lead)
    client.get(budget_url(proposal))  # warm the caches the first request fills
    with CaptureQueriesContext(connection) as few:
        client.get(budget_url(proposal))
    for _ in range(4):
        partner = ProposalPartnerFactory(proposal=proposal)
        for year in (1, 2, 3):
            BudgetLine.objects.create(proposal=proposal, partner=partner, year=year, category="staff", amount_pence=100)
    with CaptureQueriesContext(connection) as many:
        response = client.get(budget_url(proposal))

    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
