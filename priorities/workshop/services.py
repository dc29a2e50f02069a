"""Writes and state changes of the priority workshop.

States: draft -> open for discussion -> voting open <-> voting closed -> results confirmed.
Every change here runs in a transaction, refuses what the rules do not allow with an
ApplicationError, and leaves an audit entry.
"""

from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning.audit.services import audit, snapshot
from commissioning.common.errors import ApplicationError
from commissioning.documents.services import request_document
from commissioning.enums import Role, Stage
from commissioning.rounds.models import RoundRole
from commissioning.rounds.services import move_round_to_stage
from priorities.workshop.enums import VotingMethod, WorkshopState
from priorities.workshop.models import (
    MAX_DOTS_PER_PARTICIPANT,
    MAX_PAPER_COUNT,
    CrossCuttingTheme,
    DiscussionGroup,
    PaperCount,
    Participant,
    Priority,
    TieDecision,
    Workshop,
    WorkshopIssue,
    new_join_code,
)
from priorities.workshop.tally import workshop_selection

RESULTS_PDF_KIND = "workshop_results"

WORKSHOP_FIELDS = [
    "title",
    "date",
    "place",
    "dots_per_participant",
    "allow_stacking",
    "priorities_to_select",
    "voting_method",
]

# Why each action is refused outside the states it starts from (ACTION_STATES); the state changes
# say the workshop's state instead.
_REFUSALS = {
    "set_up": gettext_lazy("The set-up can only change before voting opens."),
    "change_participants": gettext_lazy("The results are confirmed: the participants can no longer change."),
    "issue_codes": gettext_lazy("The results are confirmed: no more codes are needed."),
    "change_groups": gettext_lazy("The results are confirmed: the discussion groups can no longer change."),
    "count_paper": gettext_lazy("Counts can be entered once voting has opened, and until the results are confirmed."),
    "decide": gettext_lazy("Close voting before choosing the priorities."),
    "results_pdf": gettext_lazy("The results PDF is prepared once the results are confirmed."),
}


class WorkshopError(ApplicationError):
    default_message = _("That is not allowed in this workshop.")


class DotRefused(WorkshopError):
    """A dot that cannot be placed or removed."""


class SettingsRefused(WorkshopError):
    """A set-up the rules do not allow; ``field`` names the input it is about."""

    def __init__(self, message=None, *, field=None, details=None):
        self.field = field
        super().__init__(message, details=details)


def setup_refusal(round_):
    """Why a workshop cannot be set up for ``round_`` now, or None when it can."""
    if round_.stage != Stage.WORKSHOP:
        return _(
            "A workshop is set up while the round is at the “%(workshop)s” stage; this round is at “%(stage)s”."
        ) % {"workshop": Stage.WORKSHOP.label, "stage": Stage(round_.stage).label}
    return None


def settings_refusals(*, dots_per_participant, priorities_to_select, issue_count):
    """The set-up rules: {field name: message} for each broken one (``issue_count`` None when unchanged)."""
    refusals = {}
    if not 1 <= dots_per_participant <= MAX_DOTS_PER_PARTICIPANT:
        refusals["dots_per_participant"] = _("Dots per participant must be between 1 and %(max)d.") % {
            "max": MAX_DOTS_PER_PARTICIPANT
        }
    if priorities_to_select < 1:
        refusals["priorities_to_select"] = _("Select at least one priority.")
    elif issue_count and priorities_to_select > issue_count:
        refusals["priorities_to_select"] = ngettext(
            "You chose %(n)d priorities to select but only %(issues)d issue is on the wall.",
            "You chose %(n)d priorities to select but only %(issues)d issues are on the wall.",
            issue_count,
        ) % {"n": priorities_to_select, "issues": issue_count}
    return refusals


def title_taken(round_id, title, *, exclude_pk=None):
    return Workshop.objects.filter(round_id=round_id, title=title).exclude(pk=exclude_pk).exists()


def _locked(workshop):
    return Workshop.objects.select_for_update().select_related("round").get(pk=workshop.pk)


def refusal_for(workshop, action):
    """Why the workshop's state does not let ``action`` (a key of ACTION_STATES) start, or None: the
    message the service refuses with, which the views show in place of the action's form."""
    if workshop.allows(action):
        return None
    if action in _REFUSALS:
        return str(_REFUSALS[action])
    return _("The workshop is “%(state)s”; that cannot be done now.") % {"state": WorkshopState(workshop.state).label}


def _refuse_unless(workshop, action):
    refusal = refusal_for(workshop, action)
    if refusal:
        raise WorkshopError(refusal)


def _check_settings(*, dots_per_participant, priorities_to_select, issues):
    refusals = settings_refusals(
        dots_per_participant=dots_per_participant,
        priorities_to_select=priorities_to_select,
        issue_count=None if issues is None else len(issues),
    )
    if refusals:
        field, message = next(iter(refusals.items()))
        raise SettingsRefused(message, field=field)


def _set_issues(workshop, issues):
    for issue in issues:
        if issue.round_id != workshop.round_id:
            raise WorkshopError(_("Only this round's candidate issues can go on the wall."))
    wanted = {issue.pk for issue in issues}
    current = set(WorkshopIssue.objects.filter(workshop=workshop).values_list("issue_id", flat=True))
    WorkshopIssue.objects.filter(workshop=workshop, issue_id__in=current - wanted).delete()
    WorkshopIssue.objects.bulk_create([WorkshopIssue(workshop=workshop, issue_id=pk) for pk in wanted - current])
    return sorted(issue.name for issue in issues)


@transaction.atomic
def create_workshop(round_, *, by, issues, **fields):
    """Create a workshop in draft with ``issues`` on its wall, while the round is at the workshop stage.

    Side effects: an audit entry.
    """
    refusal = setup_refusal(round_)
    if refusal:
        raise WorkshopError(refusal)
    _check_settings(
        dots_per_participant=fields.get("dots_per_participant", 3),
        priorities_to_select=fields.get("priorities_to_select", 6),
        issues=issues,
    )
    if title_taken(round_.pk, fields.get("title")):
        raise SettingsRefused(_("This round already has a workshop with that title."), field="title")
    workshop = Workshop.objects.create(round=round_, **fields)
    names = _set_issues(workshop, issues)
    audit(
        "workshop.created",
        by=by,
        round_=round_,
        obj=workshop,
        after={**snapshot(workshop, WORKSHOP_FIELDS), "issues": names},
    )
    return workshop


@transaction.atomic
def update_workshop(workshop, *, by, issues=None, **fields):
    """Change the set-up while the workshop is in draft or open for discussion. Side effects: an audit entry."""
    workshop = _locked(workshop)
    _refuse_unless(workshop, "set_up")
    before = {**snapshot(workshop, WORKSHOP_FIELDS), "issues": sorted(i.name for i in workshop.issues.all())}
    _check_settings(
        dots_per_participant=fields.get("dots_per_participant", workshop.dots_per_participant),
        priorities_to_select=fields.get("priorities_to_select", workshop.priorities_to_select),
        issues=issues,
    )
    if "title" in fields and title_taken(workshop.round_id, fields["title"], exclude_pk=workshop.pk):
        raise SettingsRefused(_("This round already has a workshop with that title."), field="title")
    for name, value in fields.items():
        setattr(workshop, name, value)
    workshop.save()
    names = _set_issues(workshop, issues) if issues is not None else before["issues"]
    after = {**snapshot(workshop, WORKSHOP_FIELDS), "issues": names}
    if before != after:
        audit("workshop.updated", by=by, round_=workshop.round, obj=workshop, before=before, after=after)
    return workshop


def _board_seat(workshop, user):
    return (
        RoundRole.objects.filter(round_id=workshop.round_id, user=user, role=Role.BOARD)
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def add_participants(workshop, users, *, by):
    """Seat board members of the round, each with their organisation's sector. Side effects: audit entries."""
    workshop = _locked(workshop)
    _refuse_unless(workshop, "change_participants")
    added = []
    for user in users:
        seat = _board_seat(workshop, user)
        if seat is None:
            raise WorkshopError(_("%(person)s is not a board member of this round.") % {"person": user})
        if Participant.objects.filter(workshop=workshop, user=user).exists():
            continue
        organisation = seat.organisation
        participant = Participant.objects.create(
            workshop=workshop,
            user=user,
            organisation=organisation,
            sector=organisation.sector if organisation else "",
        )
        audit(
            "workshop.participant_added",
            by=by,
            round_=workshop.round,
            obj=participant,
            after={"user": user.email, "organisation": organisation, "sector": participant.sector},
        )
        added.append(participant)
    return added


@transaction.atomic
def remove_participant(participant, *, by):
    """Take a participant out; refused once they have placed dots, and once the results are confirmed.
    Side effects: an audit entry."""
    workshop = _locked(participant.workshop)
    _refuse_unless(workshop, "change_participants")
    participant = Participant.objects.select_for_update().select_related("user").get(pk=participant.pk)
    if participant.dots.exists():
        raise WorkshopError(_("%(person)s has placed dots and cannot be removed.") % {"person": participant.user})
    audit(
        "workshop.participant_removed",
        by=by,
        round_=workshop.round,
        obj=participant,
        before={"user": participant.user.email, "sector": participant.sector},
    )
    participant.delete()


def _unused_codes(count):
    """``count`` new join codes, different from each other and from every code in use."""
    codes = set()
    while len(codes) < count:
        wanted = {new_join_code() for _n in range(count - len(codes))} - codes
        codes |= wanted - set(Participant.objects.filter(join_code__in=wanted).values_list("join_code", flat=True))
    return list(codes)


@transaction.atomic
def issue_join_code(participant, *, by):
    """Give the participant a new code for this workshop; an earlier code stops working.

    Side effects: an audit entry.
    """
    participant = Participant.objects.select_for_update().select_related("workshop__round").get(pk=participant.pk)
    _refuse_unless(participant.workshop, "issue_codes")
    participant.join_code = _unused_codes(1)[0]
    participant.code_issued_at = timezone.now()
    participant.save(update_fields=["join_code", "code_issued_at"])
    audit("workshop.code_issued", by=by, round_=participant.workshop.round, obj=participant)
    return participant


@transaction.atomic
def issue_missing_join_codes(workshop, *, by):
    """Give a code to every participant of the workshop who has none yet; returns how many were issued.

    Codes already issued stay as they are, so cards already handed out keep working.
    Side effects: an audit entry per code issued.
    """
    workshop = _locked(workshop)
    _refuse_unless(workshop, "issue_codes")
    waiting = list(Participant.objects.filter(workshop=workshop, join_code__isnull=True).select_related("user"))
    now = timezone.now()
    for participant, code in zip(waiting, _unused_codes(len(waiting)), strict=True):
        participant.join_code, participant.code_issued_at = code, now
    Participant.objects.bulk_update(waiting, ["join_code", "code_issued_at"])
    for participant in waiting:
        audit("workshop.code_issued", by=by, round_=workshop.round, obj=participant)
    return len(waiting)


@transaction.atomic
def save_group(workshop, *, by, name, notes="", note_taker=None, members=(), group=None):
    """Create or change a discussion group (table), its note-taker, notes and members, until the results
    are confirmed. Side effects: an audit entry."""
    workshop = _locked(workshop)
    _refuse_unless(workshop, "change_groups")
    name = name.strip()
    if not name:
        raise WorkshopError(_("Give the group a name."))
    clash = DiscussionGroup.objects.filter(workshop=workshop, name=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise WorkshopError(_("There is already a group called %(name)s.") % {"name": name})
    before = None
    if group is None:
        group = DiscussionGroup(workshop=workshop)
    else:
        group = DiscussionGroup.objects.select_for_update().get(pk=group.pk, workshop=workshop)
        before = snapshot(group, ["name", "notes", "note_taker"])
    group.name, group.notes, group.note_taker = name, notes, note_taker
    group.save()
    member_ids = [member.pk for member in members]
    Participant.objects.filter(workshop=workshop, group=group).exclude(pk__in=member_ids).update(group=None)
    Participant.objects.filter(workshop=workshop, pk__in=member_ids).update(group=group)
    audit(
        "workshop.group_saved",
        by=by,
        round_=workshop.round,
        obj=group,
        before=before,
        after={**snapshot(group, ["name", "notes", "note_taker"]), "members": member_ids},
    )
    return group


def _change_state(workshop, *, by, allowed_from, to, action, extra_check=None):
    """Move ``workshop`` to ``to`` if its state lets the action ``allowed_from`` (a key of ACTION_STATES) start."""
    workshop = _locked(workshop)
    _refuse_unless(workshop, allowed_from)
    if extra_check:
        extra_check(workshop)
    before = workshop.state
    workshop.state = to
    workshop.save(update_fields=["state"])
    audit(action, by=by, round_=workshop.round, obj=workshop, before={"state": before}, after={"state": to})
    return workshop


def _has_wall_and_people(workshop):
    if not workshop.wall.exists():
        raise WorkshopError(_("Put at least one candidate issue on the wall first."))
    if not workshop.participants.exists():
        raise WorkshopError(_("Add the participants first."))


@transaction.atomic
def open_discussion(workshop, *, by):
    """Draft -> open for discussion. Side effects: an audit entry."""
    return _change_state(
        workshop,
        by=by,
        allowed_from="open_discussion",
        to=WorkshopState.DISCUSSION,
        action="workshop.discussion_opened",
        extra_check=_has_wall_and_people,
    )


def _round_in_workshop_stage(workshop):
    _has_wall_and_people(workshop)
    if workshop.round.stage != Stage.WORKSHOP:
        raise WorkshopError(
            _("Voting can only open while the round is at the “%(stage)s” stage.") % {"stage": Stage.WORKSHOP.label}
        )


@transaction.atomic
def open_voting(workshop, *, by):
    """Open voting (from draft, discussion, or reopening after a close). Needs the round at the workshop stage.

    Side effects: an audit entry.
    """
    return _change_state(
        workshop,
        by=by,
        allowed_from="open_voting",
        to=WorkshopState.VOTING,
        action="workshop.voting_opened",
        extra_check=_round_in_workshop_stage,
    )


@transaction.atomic
def close_voting(workshop, *, by):
    """Voting open -> voting closed: no more dots. Side effects: an audit entry."""
    return _change_state(
        workshop,
        by=by,
        allowed_from="close_voting",
        to=WorkshopState.CLOSED,
        action="workshop.voting_closed",
    )


@transaction.atomic
def set_tally_visibility(workshop, *, by, show):
    """Show the tally live, or hide it until the reveal. Side effects: an audit entry."""
    workshop = _locked(workshop)
    if workshop.show_tally != show:
        workshop.show_tally = show
        workshop.save(update_fields=["show_tally"])
        audit(
            "workshop.tally_shown" if show else "workshop.tally_hidden",
            by=by,
            round_=workshop.round,
            obj=workshop,
            before={"show_tally": not show},
            after={"show_tally": show},
        )
    return workshop


def lock_participant(participant):
    # Lock only the participant's row: each voter is serialised, voters never wait for each other.
    participant = (
        Participant.objects.select_for_update(of=("self",)).select_related("workshop__round").get(pk=participant.pk)
    )
    workshop = participant.workshop
    refuse_unless_voting(workshop.voting_method, workshop.state)
    return participant, workshop


class IssueCounts(NamedTuple):
    """The dots counted on the wall for one issue: a total, or counts per sector (None: not given)."""

    total: int | None = None
    by_sector: dict | None = None


@transaction.atomic
def record_paper_counts(workshop, counts, *, by):
    """Enter the dots counted on the wall: ``counts`` maps each issue to its ``IssueCounts``.

    Per-sector counts replace the issue's total (their sum is the issue's total). All or nothing:
    a refusal for any issue keeps every count as it was. Returns how many issues' counts changed.
    Side effects: an audit entry per changed issue, with its counts before and after.
    """
    workshop = _locked(workshop)
    if not workshop.is_paper:
        raise WorkshopError(_("This workshop votes on phones; its dots are counted automatically."))
    _refuse_unless(workshop, "count_paper")
    on_wall = set(WorkshopIssue.objects.filter(workshop=workshop).values_list("issue_id", flat=True))
    if any(issue.pk not in on_wall for issue in counts):
        raise WorkshopError(_("That issue is not on this workshop's wall."))
    existing = {}
    for count in PaperCount.objects.filter(workshop=workshop, issue__in=[issue.pk for issue in counts]):
        existing.setdefault(count.issue_id, {})[count.sector] = count
    changed = 0
    for issue, issue_counts in counts.items():
        changed += _record_issue_counts(workshop, issue, IssueCounts(*issue_counts), existing.get(issue.pk, {}), by=by)
    return changed


def _record_issue_counts(workshop, issue, counts, existing, *, by):
    """Write one issue's counts over its ``existing`` rows (by sector); False when nothing changed."""
    wanted = _wanted_paper_counts(issue, counts.total, counts.by_sector)
    before = {sector: count.dots for sector, count in existing.items()}
    if before == wanted:
        return False
    for sector, count in existing.items():
        if sector not in wanted:
            count.delete()
    for sector, dots in wanted.items():
        PaperCount.objects.update_or_create(
            workshop=workshop, issue=issue, sector=sector, defaults={"dots": dots, "updated_by": by}
        )
    audit(
        "workshop.paper_count_changed",
        by=by,
        round_=workshop.round,
        obj=workshop,
        before={"issue": issue.name, "counts": before},
        after={"issue": issue.name, "counts": wanted},
        summary=issue.name,
    )
    return True


def _wanted_paper_counts(issue, total, by_sector):
    """The counts to keep, by sector ("" for a total alone), refusing sector counts that miss the total."""
    by_sector = {sector: n for sector, n in (by_sector or {}).items() if n is not None}
    if by_sector:
        wanted = by_sector
        if total is not None and total != sum(by_sector.values()):
            raise WorkshopError(
                _("The sector counts for %(issue)s add up to %(sum)d, not %(total)d.")
                % {"issue": issue.name, "sum": sum(by_sector.values()), "total": total}
            )
    elif total is not None:
        wanted = {"": total}
    else:
        wanted = {}
    if any(n < 0 for n in wanted.values()):
        raise WorkshopError(_("A count cannot be negative."))
    if any(n > MAX_PAPER_COUNT for n in wanted.values()):
        raise WorkshopError(_("A count can be at most %(max)d.") % {"max": MAX_PAPER_COUNT})
    return wanted


def _deciding(workshop):
    workshop = _locked(workshop)
    _refuse_unless(workshop, "decide")
    return workshop


@transaction.atomic
def resolve_tie(workshop, *, by, chosen, reason):
    """Record which of the issues tied across the cut-off become priorities, and why.

    A decision already recorded for the same tie is changed in place (until the results are
    confirmed, which needs voting closed). Side effects: an audit entry, with the earlier choice
    and reason when it changes one.
    """
    workshop = _deciding(workshop)
    reason = (reason or "").strip()
    selection = workshop_selection(workshop)
    if not selection.has_tie:
        raise WorkshopError(_("There is no tie across the cut-off to resolve."))
    tied_ids = {row.issue.pk for row in selection.tied}
    chosen_ids = {issue.pk for issue in chosen}
    if not chosen_ids <= tied_ids:
        raise WorkshopError(_("Choose only among the tied issues."))
    if len(chosen_ids) != selection.places_for_tied:
        raise WorkshopError(_("Choose exactly %(n)d of the tied issues.") % {"n": selection.places_for_tied})
    if not reason:
        raise WorkshopError(_("Record the reason for the choice."))
    names = {row.issue.pk: row.issue.name for row in selection.tied}
    decision, before = selection.decision, None
    if decision is None:
        decision = TieDecision.objects.create(
            workshop=workshop, tied_dots=selection.tied[0].total, reason=reason, decided_by=by
        )
        decision.tied_issues.set(tied_ids)
    else:
        before = {
            "chosen": sorted(names[issue.pk] for issue in decision.chosen_issues.all()),
            "reason": decision.reason,
            "decided_by": str(decision.decided_by or ""),
        }
        decision.reason, decision.decided_by = reason, by
        decision.save(update_fields=["reason", "decided_by"])
    decision.chosen_issues.set(chosen_ids)
    after = {"chosen": sorted(names[pk] for pk in chosen_ids), "reason": reason}
    audit(
        "workshop.tie_changed" if before else "workshop.tie_resolved",
        by=by,
        round_=workshop.round,
        obj=workshop,
        before=before,
        after={"tied": sorted(names.values()), **after, "dots": decision.tied_dots},
        summary=reason,
    )
    return decision


@transaction.atomic
def make_cross_cutting(workshop, issue, *, by, rationale, requirements=""):
    """Make an issue that did not make the cut cross-cutting: every proposal must address it.

    Side effects: a CrossCuttingTheme for the round, an audit entry.
    """
    workshop = _deciding(workshop)
    rationale = (rationale or "").strip()
    if not rationale:
        raise WorkshopError(_("Record why the issue is cross-cutting."))
    selection = workshop_selection(workshop)
    if issue.pk not in {row.issue.pk for row in selection.tally.rows}:
        raise WorkshopError(_("That issue is not on this workshop's wall."))
    if issue.pk in selection.selected_ids:
        raise WorkshopError(_("%(issue)s is already one of the priorities.") % {"issue": issue.name})
    if CrossCuttingTheme.objects.filter(round_id=workshop.round_id, issue=issue).exists():
        raise WorkshopError(_("%(issue)s is already cross-cutting.") % {"issue": issue.name})
    theme = CrossCuttingTheme.objects.create(
        round_id=workshop.round_id,
        workshop=workshop,
        issue=issue,
        title=issue.name,
        rationale=rationale,
        requirements=(requirements or "").strip(),
        decided_by=by,
    )
    audit(
        "workshop.cross_cutting_added",
        by=by,
        round_=workshop.round,
        obj=theme,
        after=snapshot(theme, ["title", "rationale", "requirements"]),
        summary=issue.name,
    )
    return theme


@transaction.atomic
def remove_cross_cutting(theme, *, by):
    """Undo a cross-cutting decision before the results are confirmed. Side effects: an audit entry."""
    if theme.workshop_id is None:
        raise WorkshopError(_("That theme was not decided at a workshop."))
    workshop = _deciding(theme.workshop)
    audit(
        "workshop.cross_cutting_removed",
        by=by,
        round_=workshop.round,
        obj=theme,
        before=snapshot(theme, ["title", "rationale", "requirements"]),
    )
    theme.delete()


@transaction.atomic
def confirm_results(workshop, *, by):
    """Confirm the selection: create the round's priorities and move the round to specifications.

    Side effects: Priority rows (each linked to its issue and plan outcome), the round's stage
    change, audit entries, and the results PDF queued for rendering after commit.
    """
    workshop = _deciding(workshop)
    if workshop.round.stage != Stage.WORKSHOP:
        raise WorkshopError(_("The round is no longer at the “%(stage)s” stage.") % {"stage": Stage.WORKSHOP.label})
    if Priority.objects.filter(round_id=workshop.round_id).exists():
        raise WorkshopError(_("This round's priorities have already been chosen."))
    selection = workshop_selection(workshop)
    if selection.tie_unresolved:
        raise WorkshopError(_("Resolve the tie across the cut-off first."))
    if not selection.selected:
        raise WorkshopError(_("There are no issues to choose from."))
    priorities = [
        Priority(
            round_id=workshop.round_id,
            workshop=workshop,
            issue=row.issue,
            outcome_id=row.issue.outcome_id,
            title=row.issue.name,
            rank=position,
            dots=row.total,
        )
        for position, row in enumerate(selection.selected, start=1)
    ]
    Priority.objects.bulk_create(priorities)
    workshop.state = WorkshopState.CONFIRMED
    workshop.confirmed_at = timezone.now()
    workshop.confirmed_by = by
    workshop.save(update_fields=["state", "confirmed_at", "confirmed_by"])
    audit(
        "workshop.results_confirmed",
        by=by,
        round_=workshop.round,
        obj=workshop,
        before={"state": WorkshopState.CLOSED},
        after={
            "state": WorkshopState.CONFIRMED,
            "priorities": [(p.rank, p.title, p.dots) for p in priorities],
            "cross_cutting": sorted(theme.title for theme in selection.cross_cutting),
        },
    )
    move_round_to_stage(workshop.round, Stage.SPECIFICATION, by=by, reason=_("Workshop results confirmed."))
    request_results_pdf(workshop)
    return workshop


def request_results_pdf(workshop):
    """The results PDF of a confirmed workshop, queued for rendering after commit if not yet requested."""
    _refuse_unless(workshop, "results_pdf")
    return request_document(
        subject=workshop,
        kind=RESULTS_PDF_KIND,
        title=_("%(workshop)s: results") % {"workshop": workshop.title},
    )


def refuse_unless_voting(voting_method, state):
    """Dots go on and come off only by phone, and only while voting is open."""
    if voting_method == VotingMethod.PAPER:
        raise DotRefused(_("This workshop votes with paper dots on the walls."))
    if state != WorkshopState.VOTING:
        raise DotRefused(_("Voting is not open."))
