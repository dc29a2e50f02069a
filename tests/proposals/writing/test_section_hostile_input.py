"""Hostile values posted to every field of the sections made of rows and files never give a server
error, and never save anything the forms would refuse."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from proposals.writing.models import BudgetLine, Milestone, Output, ProposalIndicator, Risk
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person
from tests.walking.forms import post_forms
from tests.walking.test_hostile_input import EXAMPLES, HOSTILE_TEXT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("section", ["budget", "indicators", "milestones", "risks", "attachments"])
def test_hostile_values_never_give_a_server_error(section):
    proposal = ProposalFactory()
    ProposalPartnerFactory(proposal=proposal)
    lead = bidder_person(proposal.round, proposal.lead_organisation)
    client = Client(raise_request_exception=False)
    client.force_login(lead)
    path = reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": section})
    page = client.get(path)
    forms = post_forms(page.content.decode(), page_path=path)
    names = sorted(
        {name for _action, fields in forms for name in fields if name not in ("csrfmiddlewaretoken", "revision")}
    )
    assert names

    @EXAMPLES
    @given(values=st.fixed_dictionaries(dict.fromkeys(names, HOSTILE_TEXT)))
    def post(values):
        revision = proposal.__class__.objects.get(pk=proposal.pk).revision_of(section)
        response = client.post(path, {**values, "revision": revision})
        assert response.status_code < 500, f"POST {path} with {values!r}: {response.status_code}"

    post()
    for model in (BudgetLine, ProposalIndicator, Milestone, Output, Risk):
        for row in model.objects.all():
            row.full_clean()
