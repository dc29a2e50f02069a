"""The section pages made of rows, and the proposal page showing them, read the same number of queries
however many rows the proposal holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.writing.attachments import add_attachment
from proposals.writing.models import BudgetLine, Milestone, Output, ProposalIndicator, ProposalIndicatorTarget, Risk
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person
from tests.proposals.writing.files import PDF, upload

pytestmark = pytest.mark.django_db


def add_rows(proposal, person, number):
    indicator = proposal.specification.indicators.get()
    baseline, _created = ProposalIndicator.objects.get_or_create(
        proposal=proposal, indicator=indicator, defaults={"baseline_value": 10, "baseline_source": "Survey"}
    )
    for year in (1, 2, 3):
        ProposalIndicatorTarget.objects.get_or_create(baseline=baseline, year=year, defaults={"value": year})
    for index in range(number):
        partner = ProposalPartnerFactory(proposal=proposal)
        BudgetLine.objects.create(proposal=proposal, partner=partner, year=1, category="staff", amount_pence=100)
        Milestone.objects.create(proposal=proposal, description=f"Milestone {index}", month=index + 1)
        Output.objects.create(proposal=proposal, description=f"Output {index}", quantity=index)
        Risk.objects.create(
            proposal=proposal, description=f"Risk {index}", likelihood="low", impact="high", mitigation="Plan B"
        )
        add_attachment(proposal, by=person, kind="other", upload=upload(f"file-{index}.pdf", PDF))


def count_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("section", ["budget", "indicators", "milestones", "risks", "attachments", None])
def test_a_page_reads_as_many_queries_for_one_row_as_for_many(client, section):
    proposal = ProposalFactory()
    lead = bidder_person(proposal.round, proposal.lead_organisation)
    client.force_login(lead)
    kwargs = {"round_pk": proposal.round_id, "pk": proposal.pk}
    path = (
        reverse("proposal_section", kwargs={**kwargs, "section": section})
        if section
        else reverse("proposal_detail", kwargs=kwargs)
    )
    add_rows(proposal, lead, 1)
    client.get(path)  # the first request fills the caches every request shares
    few = count_queries(client, path)

    add_rows(proposal, lead, 8)
    many = count_queries(client, path)

    assert many == few
