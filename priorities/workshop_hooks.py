"""What the priority workshop adds to commissioning's registry."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.enums import Role, Stage
from commissioning.registry import Summary, demo_seeder, document_builder, round_summary, stage_guard
from commissioning.rules import manages_round

from .models import CandidateIssue, Participant, Priority, Workshop
from .models.workshop import WorkshopState
from .selectors import workshop as selectors
from .services import workshop as services


@stage_guard(Stage.SPECIFICATION)
def priorities_confirmed(round_):
    if not Workshop.objects.filter(round=round_, state=WorkshopState.CONFIRMED).exists():
        return [_("Confirm the priorities at the priority workshop.")]
    if not Priority.objects.filter(round=round_).exists():
        return [_("The workshop's priorities are missing.")]
    return []


@round_summary(order=20)
def workshop_summary(round_, user):
    if manages_round(user, round_):
        count = Workshop.objects.filter(round=round_).count()
        summary = Summary(title=_("Priority workshop"), order=20)
        summary.lines.append(_("%(n)d workshops") % {"n": count} if count != 1 else _("1 workshop"))
        summary.links.append((_("Priority workshops"), reverse("workshop_list", args=[round_.pk])))
        return summary
    seats = Participant.objects.filter(workshop__round=round_, user=user).select_related("workshop")
    confirmed = Workshop.objects.filter(round=round_, state=WorkshopState.CONFIRMED)
    if not seats and not (confirmed.exists() and user.has_perm("priorities.view_evidence", round_)):
        return None
    summary = Summary(title=_("Priority workshop"), order=20)
    for seat in seats:
        if seat.workshop.state != WorkshopState.CONFIRMED:
            summary.links.append(
                (
                    _("Your dots at %(w)s") % {"w": seat.workshop},
                    reverse("workshop_vote", args=[round_.pk, seat.workshop_id]),
                )
            )
    for workshop in confirmed:
        summary.links.append(
            (_("Results of %(w)s") % {"w": workshop}, reverse("workshop_results", args=[round_.pk, workshop.pk]))
        )
    return summary


@document_builder(services.RESULTS_PDF_KIND)
def results_document(document):
    workshop = Workshop.objects.select_related("round").get(pk=document.object_id)
    selection = selectors.workshop_selection(workshop)
    keys = list(selectors.SECTOR_LABELS)
    lines = [
        {
            "rank": row.rank,
            "name": row.issue.name,
            "total": row.total,
            "sectors": [row.by_sector.get(key, 0) for key in keys],
            "status": selectors.STATUS_LABELS[status],
        }
        for row, status in selection.rows
    ]
    return "pdf/priorities/workshop_results.html", {
        "workshop": workshop,
        "tally": selection.tally,
        "lines": lines,
        "sector_columns": list(selectors.SECTOR_LABELS.items()),
        "tie_decisions": selectors.tie_decisions(workshop),
        "cross_cutting": selection.cross_cutting,
    }


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


@demo_seeder(order=20)
def seed_workshop(round_, *, stdout=None):
    from commissioning.services import move_round_to_stage

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

    workshop = Workshop.objects.filter(round=round_, title=DEMO_WORKSHOP).first()
    if workshop is None:
        if round_.stage != Stage.WORKSHOP:
            return
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
        wanted = [issues[name] for name, n in DEMO_DOTS if name in issues for _ in range(n)]
        participants = list(workshop.participants.order_by("user__email"))
        # Deal the dots round the room so that nobody gets two on one issue.
        for index, issue in enumerate(wanted):
            for offset in range(len(participants)):
                participant = participants[(index + offset) % len(participants)]
                if participant.dots.count() < 3 and not participant.dots.filter(issue=issue).exists():
                    services.place_dot(participant, issue.pk, by=participant.user)
                    break
        workshop = services.close_voting(workshop, by=officer)
    if workshop.state == WorkshopState.CLOSED:
        health = issues.get("health inequalities")
        if health and not round_.cross_cutting_themes.filter(issue=health).exists():
            services.make_cross_cutting(
                workshop,
                health,
                by=officer,
                rationale=(
                    "Health inequalities run through every other issue; "
                    "the board asked that every proposal address them."
                ),
                requirements="Show how the activity will reduce health inequalities in the priority neighbourhoods.",
            )
        services.confirm_results(workshop, by=officer)
    if stdout:
        workshop.refresh_from_db()
        stdout.write(
            f"Workshop: {workshop.title} ({workshop.get_state_display()}), {round_.priorities.count()} priorities"
        )
