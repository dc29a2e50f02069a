"""The demo round's workshops: a confirmed board workshop with its dots, and a practice one open for voting."""

import datetime

from commissioning.enums import Role, Stage
from commissioning.rounds.services import move_round_to_stage
from priorities.evidence.models import CandidateIssue
from priorities.workshop import services, voting
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import Workshop

# The demo: how the board's 30 dots fell (issue name, dots), Health inequalities seventh.
DEMO_DOTS = [
    ("worklessness", 6),
    ("crime and community safety", 5),
    ("young people", 4),
    ("educational attainment", 4),
    ("skills", 3),
    ("housing", 3),
    ("health inequalities", 2),
    ("environment", 1),
    ("older people", 1),
    ("transport", 1),
]

DEMO_WORKSHOP = "Board priority workshop"

DEMO_PRACTICE = "Practice workshop (try it live)"


def _demo_officer(round_):
    role = round_.roles.filter(role=Role.OFFICER).select_related("user").first()
    return role.user if role else None


def seed_workshop(round_, *, stdout=None):
    officer = _demo_officer(round_)
    issues = {issue.name.lower(): issue for issue in CandidateIssue.objects.filter(round=round_)}
    if officer is None or len(issues) < 6:
        if stdout:
            stdout.write("Workshop demo skipped: the round has no candidate issues yet.")
        return
    board = [role.user for role in round_.roles.filter(role=Role.BOARD).select_related("user").order_by("user__email")]
    if round_.stage == Stage.SETUP:
        move_round_to_stage(round_, Stage.WORKSHOP, by=officer)
        round_.refresh_from_db()

    practice = Workshop.objects.filter(round=round_, title=DEMO_PRACTICE).first()
    if practice is None and round_.stage == Stage.WORKSHOP:
        _seed_practice_workshop(round_, officer, issues, board)

    workshop = Workshop.objects.filter(round=round_, title=DEMO_WORKSHOP).first()
    if workshop is None:
        if round_.stage != Stage.WORKSHOP:
            return
        workshop = _seed_board_workshop(round_, officer, issues, board)
    if workshop.state == WorkshopState.CLOSED:
        _confirm_board_workshop(round_, workshop, officer, issues)
    if stdout:
        workshop.refresh_from_db()
        stdout.write(
            f"Workshop: {workshop.title} ({workshop.get_state_display()}), {round_.priorities.count()} priorities"
        )


def _seed_practice_workshop(round_, officer, issues, board):
    """A workshop open for voting, each board member with a join code."""
    practice = services.create_workshop(
        round_,
        by=officer,
        issues=list(issues.values()),
        title=DEMO_PRACTICE,
        date=datetime.date(2026, 12, 1),
        place="Council House, Coventry",
    )
    services.add_participants(practice, board, by=officer)
    for participant in practice.participants.all():
        services.issue_join_code(participant, by=officer)
    services.open_voting(practice, by=officer)


def _seed_board_workshop(round_, officer, issues, board):
    """The board's workshop with the demo's dots placed and voting closed."""
    workshop = services.create_workshop(
        round_,
        by=officer,
        issues=list(issues.values()),
        title=DEMO_WORKSHOP,
        date=datetime.date(2026, 11, 23),
        place="Council House, Coventry",
    )
    services.add_participants(workshop, board, by=officer)
    services.open_voting(workshop, by=officer)
    _deal_dots(workshop, issues)
    return services.close_voting(workshop, by=officer)


def _deal_dots(workshop, issues):
    """Deal the dots round the room so that nobody gets two on one issue."""
    wanted = [issues[name] for name, n in DEMO_DOTS if name in issues for _ in range(n)]
    participants = list(workshop.participants.order_by("user__email"))
    for index, issue in enumerate(wanted):
        for offset in range(len(participants)):
            participant = participants[(index + offset) % len(participants)]
            if participant.dots.count() < 3 and not participant.dots.filter(issue=issue).exists():
                voting.place_dot(participant, issue.pk, by=participant.user)
                break


def _confirm_board_workshop(round_, workshop, officer, issues):
    """Health inequalities made a cross-cutting theme, then the results confirmed."""
    health = issues.get("health inequalities")
    if health and not round_.cross_cutting_themes.filter(issue=health).exists():
        services.make_cross_cutting(
            workshop,
            health,
            by=officer,
            rationale=(
                "Health inequalities run through every other issue; the board asked that every proposal address them."
            ),
            requirements="Show how the activity will reduce health inequalities in the priority neighbourhoods.",
        )
    services.confirm_results(workshop, by=officer)
