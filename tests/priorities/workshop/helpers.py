"""Set-up shared by the workshop tests: a workshop with issues on its wall, seats, dots."""

from commissioning.enums import Role, Sector, Stage
from commissioning.rounds.models import RoundRole
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import Dot, Participant, WorkshopIssue
from tests.factories.commissioning import OrganisationFactory, UserFactory
from tests.factories.priorities import CandidateIssueFactory, WorkshopFactory


def at_workshop_stage(round_):
    """``round_`` moved on from set-up to the workshop stage (arrangement only)."""
    if round_.stage == Stage.SETUP:
        round_.stage = Stage.WORKSHOP
        round_.save(update_fields=["stage"])
    return round_


def workshop_with_issues(round_, *, issues=8, state=WorkshopState.VOTING, **fields):
    """A workshop on ``round_`` (moved to the workshop stage) with ``issues`` candidate issues on its wall."""
    at_workshop_stage(round_)
    workshop = WorkshopFactory(round=round_, state=state, **fields)
    for n in range(issues):
        issue = CandidateIssueFactory(round=round_, name=f"Issue {workshop.pk}.{n + 1:02d}")
        WorkshopIssue.objects.create(workshop=workshop, issue=issue)
    return workshop


def wall(workshop):
    return list(workshop.issues.order_by("name"))


def seat(workshop, sector=Sector.PUBLIC, **user_fields):
    """A board member of the workshop's round from an organisation in ``sector``, seated at the workshop."""
    organisation = OrganisationFactory(sector=sector)
    user = UserFactory(**user_fields)
    RoundRole.objects.create(round=workshop.round, user=user, role=Role.BOARD, organisation=organisation)
    return Participant.objects.create(workshop=workshop, user=user, organisation=organisation, sector=sector)


def put_dots(participant, *issues):
    """Dots written straight to the table (arrangement only: the service is what the tests exercise)."""
    dots = []
    stacks = {}
    for slot, issue in enumerate(issues, start=1):
        stacks[issue.pk] = stacks.get(issue.pk, 0) + 1
        dots.append(
            Dot(
                workshop=participant.workshop,
                participant=participant,
                issue=issue,
                slot=slot,
                stack_position=stacks[issue.pk],
            )
        )
    return Dot.objects.bulk_create(dots)
