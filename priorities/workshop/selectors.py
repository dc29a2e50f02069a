"""Reads for the priority workshop: what each person may see, the tally, the ranking and the selection.

Every function here runs a fixed number of queries, whatever the number of issues,
participants or dots, so that the voting page, the projector and the results stay fast.
"""

from django.db.models import Count, Prefetch, Q

from commissioning.plan.models import Indicator
from commissioning.rounds.rules import manages_round
from priorities.evidence.models import CandidateIssue
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Dot,
    Participant,
    TieDecision,
    Workshop,
)


def workshops_in(round_):
    return Workshop.objects.filter(round=round_).order_by("-date", "title")


def workshops_visible_to(user, round_):
    """Officers see every workshop of the round; others the ones they take part in, or whose results are confirmed."""
    if manages_round(user, round_):
        return workshops_in(round_)
    return workshops_in(round_).filter(Q(participants__user=user) | Q(state=WorkshopState.CONFIRMED)).distinct()


def participant_for(user, workshop_pk):
    """The user's seat in the workshop, with the workshop loaded, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    # order_by(): one seat at most, so skip the default ordering's joins (this runs on every dot).
    seats = Participant.objects.select_related("workshop", "user").filter(workshop_id=workshop_pk, user=user)
    return seats.order_by().first()


def participant_by_id(participant_pk, workshop_pk):
    return (
        Participant.objects.select_related("workshop", "user")
        .filter(pk=participant_pk, workshop_id=workshop_pk)
        .order_by()
        .first()
    )


def normalised_code(code):
    """The join code as typed, without spaces and dashes and in capitals, or None when it cannot be one
    (a NUL byte, a wrong length): such a code is answered without asking the database."""
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if len(code) != JOIN_CODE_LENGTH or not set(code) <= set(JOIN_CODE_ALPHABET):
        return None
    return code


def participant_for_code(code):
    code = normalised_code(code)
    if code is None:
        return None
    return Participant.objects.select_related("workshop", "user").filter(join_code=code).first()


def codes_near(code):
    """The join codes given out that ``code`` is one slip from: one character different, or two
    neighbouring characters swapped. A wrong code near a real one is a mistyping of it or a guess at it
    by someone who has seen most of it. One query; none for a code that cannot be one."""
    code = normalised_code(code)
    if code is None:
        return []
    near = {code[:i] + char + code[i + 1 :] for i in range(len(code)) for char in JOIN_CODE_ALPHABET}
    near |= {code[:i] + code[i + 1] + code[i] + code[i + 2 :] for i in range(len(code) - 1)}
    near.discard(code)
    return sorted(Participant.objects.filter(join_code__in=near).values_list("join_code", flat=True))


def wall_issues(workshop):
    """The issues on the workshop's wall, with what the evidence pages show about them loaded."""
    return (
        CandidateIssue.objects.filter(workshops=workshop)
        .select_related("outcome")
        .prefetch_related(
            "survey_results",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
        )
        .order_by("name")
    )


def participants(workshop):
    """Everyone taking part, with their organisation, group and number of dots placed."""
    return (
        Participant.objects.filter(workshop=workshop)
        .select_related("user", "organisation", "group")
        .annotate(dots_placed=Count("dots"))
        .order_by("user__full_name", "user__email")
    )


def own_dots(participant):
    """{issue id: number of the participant's dots on it}."""
    counts = {}
    for issue_id in Dot.objects.filter(participant=participant).values_list("issue_id", flat=True):
        counts[issue_id] = counts.get(issue_id, 0) + 1
    return counts


def all_ballots(workshop):
    """For officers only: every participant's dots, as {participant id: [issue names]}."""
    ballots = {}
    for participant_id, name in (
        Dot.objects.filter(workshop=workshop)
        .order_by("participant", "slot")
        .values_list("participant_id", "issue__name")
    ):
        ballots.setdefault(participant_id, []).append(name)
    return ballots


def tie_decisions(workshop):
    return (
        TieDecision.objects.filter(workshop=workshop)
        .select_related("decided_by")
        .prefetch_related("tied_issues", "chosen_issues")
    )
