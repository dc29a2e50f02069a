"""Starting a proposal, saving a section against its revision, and what completeness reports."""

import datetime

import pytest
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from proposals.writing.budget import allocation_problems, totals
from proposals.writing.completeness import load_for_checking, problems_of, section_statuses
from proposals.writing.enums import CostCategory, PartnerState, ProposalState, Section
from proposals.writing.models import BudgetLine, Proposal
from proposals.writing.services import EditConflict, ProposalReadOnly, save_section, start_proposal
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import ProposalFactory, bidder_person, published_specification

pytestmark = pytest.mark.django_db


def test_start_proposal_makes_the_lead_the_first_confirmed_member():
    spec = published_specification()
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    person = bidder_person(spec.round, organisation)

    proposal = start_proposal(spec, by=person, lead_organisation=organisation, title="Routes into work")

    assert proposal.state == ProposalState.DRAFT
    lead = proposal.partners.get()
    assert (lead.is_lead, lead.state, lead.organisation, lead.contact_email) == (
        True,
        PartnerState.CONFIRMED,
        organisation,
        person.email,
    )
    assert AuditEntry.objects.filter(action="proposal.started", object_id=proposal.pk).count() == 1


def test_start_proposal_refused_for_an_organisation_not_acted_for_or_twice():
    spec = published_specification()
    organisation = OrganisationFactory()
    person = bidder_person(spec.round, organisation)
    stranger_org = OrganisationFactory()
    with pytest.raises(Exception, match="organisation you act for"):
        start_proposal(spec, by=person, lead_organisation=stranger_org, title="X")
    start_proposal(spec, by=person, lead_organisation=organisation, title="First")
    with pytest.raises(Exception, match="already has a proposal"):
        start_proposal(spec, by=person, lead_organisation=organisation, title="Second")
    assert Proposal.objects.count() == 1


def test_second_save_of_the_same_revision_is_refused_and_changes_nothing():
    proposal = ProposalFactory()
    person = bidder_person(proposal.round, proposal.lead_organisation)

    def write(text):
        def apply(locked):
            locked.activity = text

        return apply

    save_section(proposal, Section.ACTIVITY, by=person, revision=0, apply=write("First writer's text"))
    with pytest.raises(EditConflict):
        save_section(proposal, Section.ACTIVITY, by=person, revision=0, apply=write("Second writer's text"))

    proposal.refresh_from_db()
    assert proposal.activity == "First writer's text"
    assert proposal.revision_of(Section.ACTIVITY) == 1
    # Another section keeps its own revision.
    save_section(proposal, Section.EVALUATION, by=person, revision=0, apply=write("Evaluated"))


def test_no_section_saves_after_the_deadline_or_once_withdrawn():
    proposal = ProposalFactory()
    person = bidder_person(proposal.round, proposal.lead_organisation)
    spec = proposal.specification
    type(spec).objects.filter(pk=spec.pk).update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
    )
    with pytest.raises(ProposalReadOnly, match="deadline"):
        save_section(proposal, Section.ACTIVITY, by=person, revision=0, apply=lambda p: None)

    Proposal.objects.filter(pk=proposal.pk).update(
        extended_deadline=timezone.now() + datetime.timedelta(days=1), state=ProposalState.WITHDRAWN
    )
    with pytest.raises(ProposalReadOnly, match="withdrawn"):
        save_section(proposal, Section.ACTIVITY, by=person, revision=0, apply=lambda p: None)


def test_budget_over_the_maximum_names_the_year_and_the_amount_over():
    proposal = ProposalFactory()  # maximum allocation £1,000,000 a year for three years
    lead = proposal.partners.get()
    BudgetLine.objects.create(
        proposal=proposal, partner=lead, year=2, category=CostCategory.STAFF, amount_pence=1_000_000_01
    )
    sums = totals(proposal.budget_lines.all(), proposal.round.number_of_years)
    assert sums.per_year == [0, 1_000_000_01, 0]
    problems = allocation_problems(proposal.specification, sums.per_year)
    assert problems == [
        "£1,000,000.01 in year 2 (2028 to 2029) is £0.01 over the maximum allocation of "
        "£1,000,000 in year 2 (2028 to 2029)."
    ]


def test_a_new_proposal_lacks_every_section_and_says_what_to_do():
    proposal = ProposalFactory()
    statuses = section_statuses(load_for_checking(proposal.pk))

    assert [status.section for status in statuses] == list(Section)
    # The round has no cross-cutting themes, so that section alone has nothing to answer.
    assert [status.section for status in statuses if status.complete] == [Section.THEMES]
    messages = [problem.message for problem in problems_of(load_for_checking(proposal.pk))]
    assert "1 of the 3 organisations needed have confirmed (the lead counting)." in messages
    assert "Describe the activity." in messages
