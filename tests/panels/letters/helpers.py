"""Two proposals of one panel, each with its people, budget and moderated scores, and the way an
approval is announced to letters (as the decisions' approve service does, inside its transaction)."""

import datetime

from django.db import transaction

from commissioning.enums import Role
from panels.decisions import events
from panels.decisions.enums import DecisionKind
from panels.decisions.models import DecisionCondition
from panels.scoring.models import Criterion, ModeratedScore
from proposals.writing.enums import CostCategory, PartnerState
from proposals.writing.models import BudgetLine
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.decisions import DecisionFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import ProposalPartnerFactory, bidder_person

POUND = 100


def proposal_with_people(panel, *, name, asked_per_year, rationale):
    """An eligible proposal led by ``name``'s organisation: a person of the lead, a confirmed partner
    (with a person) and an invited and a declined partner, a budget of ``asked_per_year`` pounds in
    each year, and a moderated score on each of the panel's criteria."""
    lead = OrganisationFactory(name=f"{name} Trust")
    lead_person = bidder_person(panel.round, lead, full_name=f"{name} Lead", email=f"lead@{name.lower()}.example.org")
    proposal = eligible_proposal(panel, lead_organisation=lead, title=f"{name} routes into work")
    lead_row = proposal.partners.get(is_lead=True)
    lead_row.contact_name = f"{name} Contact"
    lead_row.contact_email = f"contact@{name.lower()}.example.org"
    lead_row.save()
    partner_org = OrganisationFactory(name=f"{name} Partner")
    partner_person = bidder_person(
        panel.round, partner_org, full_name=f"{name} Partner Person", email=f"person@{name.lower()}-partner.example.org"
    )
    ProposalPartnerFactory(
        proposal=proposal, organisation=partner_org, contact_email=f"partner@{name.lower()}.example.org"
    )
    invited_org = OrganisationFactory(name=f"{name} Invited")
    ProposalPartnerFactory(
        proposal=proposal,
        organisation=invited_org,
        state=PartnerState.INVITED,
        contact_email=f"invited@{name.lower()}.example.org",
    )
    ProposalPartnerFactory(
        proposal=proposal,
        organisation=OrganisationFactory(),
        state=PartnerState.DECLINED,
        contact_email=f"declined@{name.lower()}.example.org",
    )
    for year in range(1, panel.round.number_of_years + 1):
        BudgetLine.objects.create(
            proposal=proposal,
            partner=lead_row,
            year=year,
            category=CostCategory.STAFF,
            amount_pence=asked_per_year * POUND,
        )
    for criterion in panel.criteria.all():
        ModeratedScore.objects.create(
            proposal=proposal,
            criterion=criterion,
            value=criterion.order + 1,
            rationale=f"{rationale} on {criterion.title.lower()}",
        )
    return proposal, lead_person, partner_person


def two_proposals():
    """Alpha and Beta, two proposals of one panel with two criteria, and an officer of the round."""
    panel = PanelFactory()
    Criterion.objects.create(panel=panel, title="Measurement against the outcome", weight=60, order=0)
    Criterion.objects.create(panel=panel, title="Rigorous evaluation", weight=40, order=1)
    alpha = proposal_with_people(panel, name="Alpha", asked_per_year=120_000, rationale="Alpha's evidence")
    beta = proposal_with_people(panel, name="Beta", asked_per_year=90_000, rationale="Beta's evidence")
    officer = person_with_role(panel.round, Role.OFFICER, full_name="Olive Officer")
    return panel, alpha, beta, officer


def award(proposal, *, amounts_pounds, conditions=()):
    """An approved decision to fund ``proposal`` with ``conditions`` ((text, due date) pairs)."""
    kind = DecisionKind.FUND_WITH_CONDITIONS if conditions else DecisionKind.FUND
    decision = DecisionFactory(
        proposal=proposal, approved=True, kind=kind, amounts_pence=[pounds * POUND for pounds in amounts_pounds]
    )
    for order, (text, due) in enumerate(conditions):
        DecisionCondition.objects.create(decision=decision, text=text, due_date=due, order=order)
    return decision


def decline(proposal, *, feedback):
    return DecisionFactory(
        proposal=proposal, approved=True, kind=DecisionKind.DO_NOT_FUND, amounts_pence=[], feedback=feedback
    )


def approve(decision, *, by):
    """What the decisions' approve service does once it has approved ``decision``."""
    with transaction.atomic():
        events.decision_approved(decision, by=by)


DUE = datetime.date(2027, 3, 31)
