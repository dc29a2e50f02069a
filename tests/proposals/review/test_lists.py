"""The officers' proposal lists: amounts per year from the budget, filters, sorting, pages, and who sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.enums import Role
from proposals.writing.enums import CostCategory, Eligibility, PartnerState, ProposalState
from proposals.writing.models import BudgetLine
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person, published_specification
from tests.proposals.helpers import complete_proposal
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return published_specification()


@pytest.fixture
def officer(spec):
    return person_with_role(spec.round, Role.OFFICER, full_name="Olive Officer")


def rows_of(response):
    return [(row.record.title) for row in response.context["table"].paginated_rows]


def test_list_shows_each_years_request_and_the_total(client, spec, officer):
    proposal = submitted(spec, title="Youth into work", budget={1: 100_000_00, 2: 50_000_00})
    lead = proposal.partners.get(is_lead=True)
    BudgetLine.objects.create(
        proposal=proposal, partner=lead, year=1, category=CostCategory.RUNNING, amount_pence=25_000_00
    )
    client.force_login(officer)

    response = client.get(reverse("review_proposals", args=[spec.round_id]))

    (record,) = [row.record for row in response.context["table"].paginated_rows]
    assert (record.year_1_pence, record.year_2_pence, record.total_pence) == (125_000_00, 50_000_00, 175_000_00)
    content = response.content.decode()
    assert "Youth into work" in content
    assert "£125,000" in content
    assert "£175,000" in content
    assert str(spec.round.years[0].label) in content


def test_list_filters_by_state_eligibility_and_lead(client, spec, officer):
    lead = OrganisationFactory(name="Hillfields Youth Trust")
    submitted(spec, title="Eligible one", eligibility=Eligibility.ELIGIBLE, lead_organisation=lead)
    submitted(spec, title="Not decided")
    ProposalFactory(specification=spec, title="Still a draft")
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])

    assert rows_of(client.get(url, {"state": ProposalState.DRAFT})) == ["Still a draft"]
    assert rows_of(client.get(url, {"eligibility": Eligibility.ELIGIBLE})) == ["Eligible one"]
    assert rows_of(client.get(url, {"lead": "hillfields"})) == ["Eligible one"]
    assert sorted(rows_of(client.get(url, {"state": ProposalState.SUBMITTED}))) == ["Eligible one", "Not decided"]


def test_list_filters_by_priority_and_per_specification(client, spec, officer):
    other_spec = published_specification(spec.round)
    submitted(spec, title="First priority's")
    submitted(other_spec, title="Second priority's")
    client.force_login(officer)

    by_priority = client.get(reverse("review_proposals", args=[spec.round_id]), {"priority": other_spec.priority_id})
    per_spec = client.get(reverse("review_specification_proposals", args=[spec.round_id, spec.pk]))

    assert rows_of(by_priority) == ["Second priority's"]
    assert rows_of(per_spec) == ["First priority's"]
    assert "priority" not in per_spec.context["filterset"].form.fields


def test_list_sorts_by_total_in_the_database(client, spec, officer):
    submitted(spec, title="Small", budget={1: 10_000_00})
    submitted(spec, title="Large", budget={1: 90_000_00})
    submitted(spec, title="Middle", budget={1: 50_000_00})
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])

    assert rows_of(client.get(url, {"sort": "total_pence"})) == ["Small", "Middle", "Large"]
    assert rows_of(client.get(url, {"sort": "-year_1_pence"})) == ["Large", "Middle", "Small"]
    content = client.get(url, {"sort": "total_pence"}).content.decode()
    assert 'aria-sort="ascending"' in content
    assert "sort=-total_pence" in content


def test_sorting_by_an_amount_counts_what_the_list_shows_and_pages_never_repeat_a_proposal(client, spec, officer):
    # A declined partner's cells ask for nothing, on the list and in its order.
    gone = submitted(spec, title="Declined partner's millions", budget={1: 10_000_00})
    partner = ProposalPartnerFactory(proposal=gone, organisation=OrganisationFactory(), state=PartnerState.DECLINED)
    BudgetLine.objects.create(
        proposal=gone, partner=partner, year=1, category=CostCategory.STAFF, amount_pence=9_000_000_00
    )
    submitted(spec, title="Largest", budget={1: 90_000_00, 2: 1_00})
    for n in range(30):
        submitted(spec, title=f"Same {n:02d}", budget={1: 20_000_00})
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])

    first = client.get(url, {"sort": "-total_pence"})
    second = client.get(url, {"sort": "-total_pence", "page": 2})

    assert rows_of(first)[0] == "Largest"
    assert rows_of(second)[-1] == "Declined partner's millions"
    assert [row.record.total_pence for row in second.context["table"].paginated_rows][-1] == 10_000_00
    shown = rows_of(first) + rows_of(second)
    assert len(shown) == len(set(shown)) == 32  # ties on the amount keep one order from page to page
    assert rows_of(client.get(url, {"sort": "-year_2_pence"}))[0] == "Largest"
    assert rows_of(client.get(url, {"sort": "year_1_pence"}))[0] == "Declined partner's millions"


def test_list_pages_with_the_govuk_pagination(client, spec, officer):
    for n in range(27):
        submitted(spec, title=f"Proposal {n:02d}")
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])

    first = client.get(url, {"sort": "title", "state": "submitted"})
    second = client.get(url, {"sort": "title", "state": "submitted", "page": 2})

    assert len(rows_of(first)) == 25
    assert rows_of(second) == ["Proposal 25", "Proposal 26"]
    content = first.content.decode()
    assert 'class="govuk-pagination"' in content
    assert "state=submitted" in content.split('rel="next"')[0].rsplit("href=", 1)[1]


@pytest.mark.parametrize(
    "query", [{"state": "nonsense"}, {"priority": "x"}, {"page": "-3"}, {"sort": "password"}, {"lead": "\x00"}]
)
def test_list_hostile_values_never_fail(client, spec, officer, query):
    submitted(spec)
    client.force_login(officer)

    response = client.get(reverse("review_proposals", args=[spec.round_id]), query)

    assert response.status_code == 200


def test_list_invalid_filter_names_the_field(client, spec, officer):
    client.force_login(officer)

    content = client.get(reverse("review_proposals", args=[spec.round_id]), {"state": "nonsense"}).content.decode()

    assert "govuk-error-summary" in content
    assert "State" in content


def test_list_query_count_does_not_grow_with_rows(client, spec, officer, django_assert_num_queries):
    submitted(spec, budget={1: 1_000_00})
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])
    client.get(url)  # the session is read the same way from now on
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    queries = len(one.captured_queries)
    for n in range(30):
        submitted(spec, budget={1: n * 100, 2: 5}, partners=[OrganisationFactory()])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert len(response.context["table"].paginated_rows) == 25


def test_list_is_not_found_for_bidders_and_other_rounds_officers(client, spec):
    proposal = submitted(spec, title="Secret plans")
    bidder = bidder_person(spec.round, proposal.lead_organisation)
    elsewhere = person_with_role(published_specification().round, Role.OFFICER)

    for person in (bidder, elsewhere):
        client.force_login(person)
        assert client.get(reverse("review_proposals", args=[spec.round_id])).status_code == 404
        assert client.get(reverse("review_proposal", args=[spec.round_id, proposal.pk])).status_code == 404


def test_list_filters_by_completeness_in_a_fixed_number_of_queries(client, spec, officer, django_assert_num_queries):
    complete = complete_proposal(spec, title="Ready to submit")
    ProposalFactory(specification=spec, title="Just started")
    submitted(spec, title="Already submitted")
    client.force_login(officer)
    url = reverse("review_proposals", args=[spec.round_id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, {"completeness": "complete"})
    queries = len(few.captured_queries)
    assert sorted(rows_of(response)) == ["Already submitted", "Ready to submit"]
    assert rows_of(client.get(url, {"completeness": "incomplete"})) == ["Just started"]
    for n in range(5):
        ProposalFactory(specification=spec, title=f"Another draft {n}")
    complete_proposal(spec, title="Also ready", lead_organisation=OrganisationFactory(name="Earlsdon Trust"))

    with django_assert_num_queries(queries):
        response = client.get(url, {"completeness": "complete"})

    assert sorted(rows_of(response)) == ["Already submitted", "Also ready", "Ready to submit"]
    assert complete.state == ProposalState.DRAFT


def test_a_declined_partners_cells_ask_for_nothing_and_the_review_page_leads_to_the_proposal(client, spec, officer):
    proposal = submitted(spec, title="Youth into work", budget={1: 100_000_00})
    gone = proposal.partners.create(
        organisation_name="Gone Trust",
        contact_name="Gail Gone",
        contact_email="gail@gone.example.org",
        role_in_delivery="Outreach",
        state="declined",
    )
    BudgetLine.objects.create(
        proposal=proposal, partner=gone, year=1, category=CostCategory.STAFF, amount_pence=9_000_00
    )
    client.force_login(officer)

    response = client.get(reverse("review_proposals", args=[spec.round_id]))
    (record,) = [row.record for row in response.context["table"].paginated_rows]
    assert record.year_1_pence == 100_000_00

    page = client.get(reverse("review_proposal", args=[spec.round_id, proposal.pk])).content.decode()
    assert reverse("proposal_detail", args=[spec.round_id, proposal.pk]) in page
    assert reverse("proposal_extension", args=[spec.round_id, proposal.pk]) in page
    assert reverse("proposal_versions", args=[spec.round_id, proposal.pk]) in page
