"""Writes and stage transitions for what every stage shares."""

import functools
import logging
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .enums import STAGE_ORDER, Role, Stage
from .exceptions import ApplicationError, InvalidTransition, StageBlocked
from .models import AuditEntry, Invitation, Organisation, Round, RoundRole, User

logger = logging.getLogger(__name__)


def _jsonable(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj, fields):
    """The named fields of ``obj`` as JSON-ready values, for an audit entry's before/after."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


_AUDIT_FIELDS = [
    "round",
    "actor",
    "action",
    "summary",
    "content_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "created_at",
]


def audit_columns(action, *, actor_id, round_id=None, obj=None, before=None, after=None, summary=""):
    """An audit entry's column values by attribute name (``round_id``, ``actor_id``, ...), ready for
    ``audit_insert``: a write that runs on every vote builds no model instance for it."""
    return {
        "round_id": round_id,
        "actor_id": actor_id,
        "action": action,
        "summary": str(summary)[:500],
        "content_type_id": ContentType.objects.get_for_model(obj).pk if obj is not None else None,
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:300] if obj is not None else "",
        "before": _jsonable(before),
        "after": _jsonable(after),
        "created_at": timezone.now(),
    }


def audit_insert(columns, *, source=None, expressions=None):
    """The SQL and parameters of one INSERT that writes an entry's ``columns`` (``audit_columns``),
    returning its id and object id.

    With ``source`` (a FROM clause), each field named in ``expressions`` takes that SQL expression
    over it instead of the entry's own value: a statement that writes an object and its entry at
    once uses it for what only the database knows yet, such as the object's id.
    """
    sql, fields = _audit_statement(source, tuple(sorted((expressions or {}).items())))
    return sql, [field.get_db_prep_save(columns[field.attname], connection) for field in fields]


@functools.cache
def _audit_statement(source, expressions):
    """The INSERT's text and the fields that take parameters; the same for every entry alike."""
    quote = connection.ops.quote_name
    expressions = dict(expressions)
    fields = [AuditEntry._meta.get_field(name) for name in _AUDIT_FIELDS]
    values = [expressions.get(field.name, "%s") for field in fields]
    table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    if source:
        sql = f"INSERT INTO {table} ({columns}) SELECT {', '.join(values)} FROM {source}"  # noqa: S608 - model names
    else:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(values)})"  # noqa: S608 - names from the model
    return f"{sql} RETURNING id, {quote('object_id')}", [field for field in fields if field.name not in expressions]


def audit(action, *, by, round=None, obj=None, before=None, after=None, summary=""):
    """Record who did what, when, in one INSERT. Call inside the service's transaction; returns the entry."""
    columns = audit_columns(
        action,
        actor_id=by.pk if getattr(by, "is_authenticated", False) else None,
        round_id=round.pk if round is not None else None,
        obj=obj,
        before=before,
        after=after,
        summary=summary,
    )
    sql, params = audit_insert(columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0]
    entry = AuditEntry(pk=pk, **columns)
    entry._state.adding = False
    return entry


ROUND_FIELDS = ["name", "partnership", "place", "currency", "annual_budget_pence", "number_of_years", "start_date"]


@transaction.atomic
def create_round(*, by, **fields):
    """Create a round in set-up; its creator becomes its first officer."""
    round_ = Round.objects.create(**fields)
    RoundRole.objects.create(round=round_, user=by, role=Role.OFFICER)
    audit("round.created", by=by, round=round_, obj=round_, after=snapshot(round_, ROUND_FIELDS + ["stage"]))
    return round_


@transaction.atomic
def update_round(round_, *, by, **fields):
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    before = snapshot(round_, ROUND_FIELDS)
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.full_clean()
    round_.save()
    after = snapshot(round_, ROUND_FIELDS)
    if before != after:
        audit("round.updated", by=by, round=round_, obj=round_, before=before, after=after)
    return round_


def next_stage(stage):
    index = STAGE_ORDER.index(str(stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def stage_blockers(round_):
    """Why the round cannot yet enter its next stage (empty when it can)."""
    target = next_stage(round_.stage)
    return registry.blockers_for(round_, target) if target else []


@transaction.atomic
def move_round_to_stage(round_, stage, *, by, reason=""):
    """Move the round one stage forward, after every registered guard for that stage passes.

    Side effects: an audit entry. Raises InvalidTransition for a skip or a step back,
    StageBlocked (with each reason) when a guard is not met.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    stage = Stage(stage)
    if next_stage(round_.stage) != stage:
        raise InvalidTransition(
            _("The round is at “%(current)s”; it can only move on to the next stage.")
            % {"current": Stage(round_.stage).label}
        )
    reasons = registry.blockers_for(round_, stage)
    if reasons:
        raise StageBlocked(_("The round cannot move on to “%(stage)s” yet.") % {"stage": stage.label}, details=reasons)
    before = round_.stage
    round_.stage = stage
    round_.save(update_fields=["stage"])
    audit(
        "round.stage_changed",
        by=by,
        round=round_,
        obj=round_,
        before={"stage": before},
        after={"stage": round_.stage},
        summary=reason,
    )
    return round_


def advance_round(round_, *, by):
    target = next_stage(round_.stage)
    if target is None:
        raise InvalidTransition(_("The round is closed."))
    return move_round_to_stage(round_, target, by=by)


@transaction.atomic
def assign_role(round_, user, role, *, by, organisation=None):
    role_obj, created = RoundRole.objects.get_or_create(
        round=round_, user=user, role=role, defaults={"organisation": organisation}
    )
    if created:
        audit(
            "role.assigned",
            by=by,
            round=round_,
            obj=role_obj,
            after={"user": user.email, "role": role, "organisation": organisation},
        )
    if organisation is not None:
        user.organisations.add(organisation)
    return role_obj


@transaction.atomic
def remove_role(role_obj, *, by):
    """Take a role away. Side effect: an audit entry. A round always keeps one officer."""
    if role_obj.role == Role.OFFICER:
        # Locked so that two officers removing each other at once cannot leave the round with none.
        officers = list(
            RoundRole.objects.select_for_update().filter(round_id=role_obj.round_id, role=Role.OFFICER).order_by("pk")
        )
        if not any(officer.pk != role_obj.pk for officer in officers):
            raise ApplicationError(_("A round needs at least one officer."))
    audit(
        "role.removed",
        by=by,
        round=role_obj.round,
        obj=role_obj,
        before={"user": role_obj.user.email, "role": role_obj.role},
    )
    role_obj.delete()


ORGANISATION_FIELDS = [
    "name",
    "sector",
    "organisation_type",
    "charity_number",
    "company_number",
    "scottish_charity_number",
    "website",
]


def save_organisation(organisation, *, by):
    """Create or update an organisation (identifiers normalised by its form)."""
    with transaction.atomic():
        creating = organisation.pk is None
        before = None if creating else snapshot(Organisation.objects.get(pk=organisation.pk), ORGANISATION_FIELDS)
        organisation.full_clean()
        organisation.save()
        audit(
            "organisation.created" if creating else "organisation.updated",
            by=by,
            obj=organisation,
            before=before,
            after=snapshot(organisation, ORGANISATION_FIELDS),
        )
    return organisation


def invite_person(round_, *, by, email, role, full_name="", organisation=None):
    """Record an invitation and queue its email (commissioning.mail) after commit.

    Side effects: an audit entry and one email. Raises ApplicationError when the person
    already holds that role in the round.
    """
    from .mail import queue_email

    email = email.strip().lower()
    if RoundRole.objects.filter(round=round_, role=role, user__email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already %(role)s in this round.") % {"email": email, "role": Role(role).label}
        )
    with transaction.atomic():
        invitation = Invitation.objects.create(
            round=round_, email=email, full_name=full_name, role=role, organisation=organisation, invited_by=by
        )
        audit(
            "invitation.sent",
            by=by,
            round=round_,
            obj=invitation,
            after={"email": email, "role": role, "organisation": organisation},
        )
        queue_email(
            dedup_key=f"invitation:{invitation.pk}",
            to=email,
            template="emails/commissioning/invitation",
            context={"invitation": invitation, "round": round_, "inviter": by},
            round=round_,
        )
    return invitation


@transaction.atomic
def accept_invitation(invitation, *, user, by=None):
    """Give ``user`` the invited role; an invitation works once and before it expires."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ApplicationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise ApplicationError(_("This invitation has expired. Ask the partnership officer for a new one."))
    if user.email.lower() != invitation.email.lower():
        raise ApplicationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    if invitation.full_name and not user.full_name:
        user.full_name = invitation.full_name
        user.save(update_fields=["full_name"])
    assign_role(invitation.round, user, invitation.role, by=by or user, organisation=invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit("invitation.accepted", by=by or user, round=invitation.round, obj=invitation)
    return invitation


@transaction.atomic
def register_from_invitation(invitation, *, password, full_name=""):
    """Create the invited person's account and accept the invitation, together or not at all.

    The link itself proves the address, so the email is marked verified. Raises ApplicationError
    when the address already has an account (that person signs in first) or the invitation
    is used or expired; nothing is created then. Side effects: the audit entries of accept_invitation.
    """
    from allauth.account.models import EmailAddress

    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ApplicationError(_("You already have an account: sign in first, then open the link again."))
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name or invitation.full_name
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    accept_invitation(invitation, user=user)
    return user


OUTCOME_FIELDS = ["code", "title", "description"]
INDICATOR_FIELDS = [
    "outcome",
    "code",
    "name",
    "unit",
    "higher_is_better",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "source",
]


def _save_audited(obj, *, by, round_, fields, action):
    """Validate and save ``obj``, with an audit entry holding what changed (none when nothing did)."""
    model = type(obj)
    creating = obj.pk is None
    before = None if creating else snapshot(model.objects.select_for_update().get(pk=obj.pk), fields)
    obj.full_clean()
    obj.save()
    after = snapshot(obj, fields)
    if before != after:
        audit(
            f"{action}.{'created' if creating else 'updated'}", by=by, round=round_, obj=obj, before=before, after=after
        )
    return obj


@transaction.atomic
def save_outcome(outcome, *, by):
    """Create or update an outcome of the round's strategic plan.

    Side effects: an audit entry. Raises ApplicationError when another outcome of the round has the code.
    """
    from .models import StrategicOutcome

    outcome.code = outcome.code.strip().upper()
    taken = StrategicOutcome.objects.filter(round_id=outcome.round_id, code__iexact=outcome.code)
    if taken.exclude(pk=outcome.pk).exists():
        raise ApplicationError(_("Another outcome already has the code %(code)s.") % {"code": outcome.code})
    return _save_audited(outcome, by=by, round_=outcome.round, fields=OUTCOME_FIELDS, action="plan.outcome")


@transaction.atomic
def save_indicator(indicator, *, by):
    """Create or update a performance indicator of the round's strategic plan.

    Codes are unique across the round's whole plan, because readings name an indicator by its code alone.
    Side effects: an audit entry. Raises ApplicationError when the code is taken.
    """
    from .models import Indicator

    indicator.code = indicator.code.strip().upper()
    round_ = indicator.outcome.round
    taken = Indicator.objects.filter(outcome__round=round_, code__iexact=indicator.code)
    if taken.exclude(pk=indicator.pk).exists():
        raise ApplicationError(_("Another indicator already has the code %(code)s.") % {"code": indicator.code})
    return _save_audited(indicator, by=by, round_=round_, fields=INDICATOR_FIELDS, action="plan.indicator")
