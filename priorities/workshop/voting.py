"""The ballot's hot path: placing and taking back a dot, one read and one write each."""

import functools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.audit.models import AuditEntry
from commissioning.audit.services import audit
from commissioning.common.db import fetch_all, fetch_one
from priorities.evidence.models import CandidateIssue
from priorities.workshop.models import (
    MAX_DOTS_PER_PARTICIPANT,
    Dot,
    Participant,
    Workshop,
    WorkshopIssue,
)
from priorities.workshop.services import DotRefused, lock_participant, refuse_unless_voting

# Placing a dot is the busiest write in the product (a room of phones at once), so its statements
# are written out in SQL: one read, then one write of the dot with its audit entry.
#
# The limits are held by the database, not by a lock: the dot's ``slot`` (1..dots per participant)
# is unique per participant, and its ``stack_position`` is unique per participant and issue. Two
# simultaneous requests from one phone that pick the same free slot cannot both insert it; the
# loser's insert does nothing, and it reads again and takes the next free slot, or is refused.
_BALLOT_SQL = (
    "SELECT p.id, p.user_id, w.round_id, w.state, w.voting_method, w.dots_per_participant, w.allow_stacking, "
    "ci.id, ci.name, d.slot, d.issue_id, d.stack_position "
    "FROM {participant} p JOIN {workshop} w ON w.id = p.workshop_id "
    "LEFT JOIN {workshopissue} wi ON wi.workshop_id = w.id AND wi.issue_id = %s "
    "LEFT JOIN {candidateissue} ci ON ci.id = wi.issue_id "
    "LEFT JOIN {dot} d ON d.participant_id = p.id "
    "WHERE p.workshop_id = %s AND (p.user_id = %s OR p.id = %s)"
)

_INSERT_DOT_SQL = (
    "INSERT INTO {dot} (workshop_id, participant_id, issue_id, slot, stack_position, placed_at) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id"
)

# The audit entry's columns in the order the dot's statement writes them; its object id is the new dot's.
_DOT_AUDIT_FIELDS = [
    "round",
    "actor",
    "action",
    "summary",
    "content_type",
    "object_id",
    "object_repr",
    "after",
    "created_at",
]


@dataclass(frozen=True)
class Seat:
    """A voter's seat, named without loading it: the seat of their own account, or the one they
    joined with a code (the account's own seat wins when there are both). With ``round_id``,
    a seat at a workshop of another round counts as no seat."""

    workshop_id: int
    user_id: int | None = None
    participant_id: int | None = None
    round_id: int | None = None

    @classmethod
    def of(cls, participant):
        return cls(workshop_id=participant.workshop_id, participant_id=participant.pk)


class NoSeat(DotRefused):
    default_message = _("You are not a participant in this workshop.")


@dataclass
class _Ballot:
    participant_id: int
    user_id: int
    round_id: int
    limit: int
    allow_stacking: bool
    issue: CandidateIssue
    placed: list


@functools.cache
def _sql(template):
    names = {
        model._meta.model_name: connection.ops.quote_name(model._meta.db_table)
        for model in (Participant, Workshop, WorkshopIssue, CandidateIssue, Dot)
    }
    return template.format(**names)


def _read_ballot(seat, issue_id):
    """The seat, its workshop, the issue (if it is on the wall) and the seat's dots, in one statement."""
    rows = fetch_all(_sql(_BALLOT_SQL), [issue_id, seat.workshop_id, seat.user_id, seat.participant_id])
    own = [row for row in rows if seat.user_id is not None and row[1] == seat.user_id]
    rows = own or rows
    if not rows or (seat.round_id is not None and rows[0][2] != seat.round_id):
        raise NoSeat()
    participant_id, user_id, round_id, state, method, limit, stacking, issue_pk, issue_name = rows[0][:9]
    refuse_unless_voting(method, state)
    if issue_pk is None:
        raise DotRefused(_("That issue is not on this workshop's wall."))
    placed = [row[9:] for row in rows if row[9] is not None]
    issue = CandidateIssue(pk=issue_pk, name=issue_name)
    return _Ballot(participant_id, user_id, round_id, limit, stacking, issue, placed)


def _next_dot(ballot):
    """The slot and stack position the next dot takes, or a refusal."""
    limit, issue, placed = ballot.limit, ballot.issue, ballot.placed
    if len(placed) >= limit:
        raise DotRefused(
            ngettext(
                "You have placed your dot. Take it back to place it elsewhere.",
                "You have placed all %(limit)d of your dots. Take one back to place it elsewhere.",
                limit,
            )
            % {"limit": limit}
        )
    on_issue = sorted(position for _slot, issue_pk, position in placed if issue_pk == issue.pk)
    if on_issue and not ballot.allow_stacking:
        raise DotRefused(
            _("You already have a dot on %(issue)s, and only one dot may go on each issue.") % {"issue": issue.name}
        )
    used = {slot for slot, _issue, _position in placed}
    slot = min(n for n in range(1, limit + 1) if n not in used)
    position = min(n for n in range(1, len(on_issue) + 2) if n not in on_issue)
    return slot, position


def place_dot(seat, issue_id, *, by=None):
    """Place one of a participant's dots on an issue. ``seat`` is a Participant or a Seat; ``by``
    defaults to the seat's own account.

    One read, then one write of the dot and its audit entry together (on PostgreSQL a single
    statement; elsewhere two, in a transaction). Returns the dot, with ``dots_left`` and
    ``dots_limit`` set. Side effects: an audit entry.
    """
    if isinstance(seat, Participant):
        seat = Seat.of(seat)
    # Each lost race means another of this person's dots went in, so a few reads always settle it.
    for _attempt in range(MAX_DOTS_PER_PARTICIPANT + 1):
        ballot = _read_ballot(seat, issue_id)
        slot, position = _next_dot(ballot)
        dot = Dot(
            workshop_id=seat.workshop_id,
            participant_id=ballot.participant_id,
            issue=ballot.issue,
            slot=slot,
            stack_position=position,
            placed_at=timezone.now(),
        )
        entry = _dot_audit_columns(dot, ballot, actor_id=by.pk if by is not None else ballot.user_id)
        if _insert_dot(dot, entry):
            break
    else:
        raise DotRefused(_("That dot could not be placed. Please try again."))
    dot._state.adding = False
    dot.dots_left = ballot.limit - len(ballot.placed) - 1
    dot.dots_limit = ballot.limit
    return dot


def _dot_audit_columns(dot, ballot, *, actor_id):
    """The dot's audit entry as column values by attribute name: a write that runs on every vote
    builds no model instance for it."""
    return {
        "round_id": ballot.round_id,
        "actor_id": actor_id,
        "action": "workshop.dot_placed",
        "summary": ballot.issue.name[:500],
        "content_type_id": ContentType.objects.get_for_model(Dot).pk,
        "object_id": "",
        "object_repr": str(dot)[:300],
        "after": {"participant": ballot.participant_id, "issue": ballot.issue.pk, "slot": dot.slot},
        "created_at": timezone.now(),
    }


@functools.cache
def dot_with_audit_entry_sql():
    """One statement that inserts a dot and, selecting from what that insert returns, its audit
    entry: a dot that lost its race inserts nothing, so neither is written.

    Returns the SQL and the audit entry's fields whose values follow the dot's as parameters (the
    entry's object id is the new dot's, taken inside the statement). It returns the entry's id and
    object id.
    """
    quote = connection.ops.quote_name
    fields = [AuditEntry._meta.get_field(name) for name in _DOT_AUDIT_FIELDS]
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join("CAST(new_dot.id AS varchar)" if field.name == "object_id" else "%s" for field in fields)
    sql = (
        f"WITH new_dot AS ({_sql(_INSERT_DOT_SQL)}) "  # noqa: S608 - names from the models
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({columns}) SELECT {values} FROM new_dot "
        f"RETURNING id, {quote('object_id')}"
    )
    return sql, [field for field in fields if field.name != "object_id"]


def _insert_dot(dot, entry):
    """Write the dot and its audit entry (``_dot_audit_columns``), or neither when the slot or stack
    place was just taken."""
    values = [dot.workshop_id, dot.participant_id, dot.issue_id, dot.slot, dot.stack_position]
    values.append(connection.ops.adapt_datetimefield_value(dot.placed_at))
    if connection.vendor == "postgresql":
        sql, audit_fields = dot_with_audit_entry_sql()
        audit_params = [field.get_db_prep_save(entry[field.attname], connection) for field in audit_fields]
        row = fetch_one(sql, [*values, *audit_params])
        if row is None:
            return False
        dot.pk = int(row[1])
        return True
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_sql(_INSERT_DOT_SQL), values)
            row = cursor.fetchone()
        if row is None:
            return False
        dot.pk = row[0]
        AuditEntry.objects.create(**{**entry, "object_id": str(dot.pk)})
    return True


@transaction.atomic
def remove_dot(participant, issue_id, *, by):
    """Take back one of the participant's dots from an issue; returns the dot, with ``dots_left`` set.

    Side effects: an audit entry.
    """
    participant, workshop = lock_participant(participant)
    dot = (
        Dot.objects.filter(participant=participant, issue_id=issue_id)
        .select_related("issue")
        .order_by("-stack_position")
        .first()
    )
    if dot is None:
        raise DotRefused(_("You have no dot on that issue."))
    audit(
        "workshop.dot_removed",
        by=by,
        round_=workshop.round,
        obj=dot,
        before={"participant": participant.pk, "issue": dot.issue_id, "slot": dot.slot},
        summary=dot.issue.name,
    )
    dot.delete()
    dot.dots_limit = workshop.dots_per_participant
    dot.dots_left = dot.dots_limit - Dot.objects.filter(participant=participant).count()
    return dot
