"""Set-up shared by the specification tests: subgroup members and specifications written, approved, published."""

import datetime

from django.utils import timezone

from commissioning.accounts.models import User
from commissioning.enums import Role, Sector
from commissioning.organisations.models import Organisation
from commissioning.rounds.models import RoundRole
from priorities.specifications.enums import SignoffState
from priorities.specifications.models import SponsorSignoff, SubgroupMember
from priorities.specifications.services import signoffs as signoff_services
from priorities.specifications.services import specifications as services
from tests.factories.commissioning import IndicatorFactory, OrganisationFactory, UserFactory


def subgroup_member(priority, **kwargs):
    user = UserFactory(**kwargs)
    RoundRole.objects.create(round=priority.round, user=user, role=Role.SUBGROUP)
    SubgroupMember.objects.create(priority=priority, user=user)
    return user


def complete_fields(priority, *, annual_pence=1_000_000_00, **overrides):
    now = timezone.now()
    fields = {
        "outcome_sought": "Fewer young people in Hillfields are out of work, education or training.",
        "strategic_outcome": priority.outcome,
        "minimum_partners": 3,
        "lead_organisation_role": "Finance, evaluation and partnership support.",
        "client_group": "Young people aged 16 to 24",
        "client_group_consulted": True,
        "client_group_consultation": "Two open meetings at the youth centre.",
        "steering_group_places": 2,
        "allocations_pence": [annual_pence] * priority.round.number_of_years,
        "evaluation_requirements": "An independent evaluation against the baseline.",
        "sponsor_organisation": Organisation.objects.filter(name="Coventry City Council").first()
        or OrganisationFactory(sector=Sector.PUBLIC, name="Coventry City Council"),
        "sponsor_contact_name": "Helen Carr",
        "sponsor_contact_email": "helen.carr@example.gov.uk",
        "mainstreaming_commitment": "The council will consider funding it from its main budget.",
        "finance_officer_name": "Mark Patel",
        "finance_officer_email": "mark.patel@example.gov.uk",
        "milestones": "Steering group meets by month 3.",
        "question_deadline": now + datetime.timedelta(days=20),
        "proposal_deadline": now + datetime.timedelta(days=40),
    }
    fields.update(overrides)
    return fields


def written(priority, by, **overrides):
    indicator = IndicatorFactory(outcome=priority.outcome, code=f"NEET{priority.pk}", name="Young people not in work")
    return services.save_specification(
        priority, by=by, fields=complete_fields(priority, **overrides), indicators=[indicator]
    )


def sponsor_person(email, full_name, organisation=None):
    """The account of a person the sponsor names (made on first use), in the sponsor organisation."""
    user = User.objects.filter(email__iexact=email).first() or UserFactory(email=email, full_name=full_name)
    if organisation is not None:
        user.organisations.add(organisation)
    return user


def confirm_all(spec):
    """Each waiting sign-off of ``spec`` confirmed by the person it asks."""
    for signoff in SponsorSignoff.objects.filter(specification=spec, state=SignoffState.PENDING):
        person = sponsor_person(signoff.email, signoff.name, signoff.organisation)
        signoff_services.confirm_signoff(signoff, by=person)


def approved(priority, by, **overrides):
    spec = written(priority, by, **overrides)
    services.submit_specification(spec, by=by)
    confirm_all(spec)
    return services.approve_specification(spec, by=by)


def published(priority, by, **overrides):
    return services.publish_specification(approved(priority, by, **overrides), by=by)
