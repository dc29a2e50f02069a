import logging

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning import registry
from commissioning.accounts.models import User
from commissioning.audit.services import audit, snapshot
from commissioning.common.dates import validate_round_start
from commissioning.common.errors import ApplicationError, InvalidTransition, StageBlocked
from commissioning.enums import STAGE_ORDER, Role, Stage
from commissioning.outbox.services import queue_email
from commissioning.partnerships import selectors as partnership_selectors
from commissioning.partnerships import services as partnership_services
from commissioning.partnerships.enums import PartnershipRole
from commissioning.rounds.models import Invitation, Round, RoundRole

logger = logging.getLogger(__name__)

ROUND_FIELDS = [
    "name",
    "partnership",
    "place",
    "currency",
    "annual_budget_pence",
    "number_of_years",
    "start_date",
    "questions_from_bidders_only",
]


# A role in a round that also makes a person part of the partnership, for its later rounds.
PARTNERSHIP_ROLES = {Role.OFFICER: PartnershipRole.OFFICER, Role.BOARD: PartnershipRole.BOARD}


def _check_start(start):
    try:
        validate_round_start(start)
    except ValidationError as error:
        raise ApplicationError(error.messages[0]) from None


@transaction.atomic
def create_round(*, by, partnership, officer=None, **fields):
    """Create a round of ``partnership`` in set-up, with ``officer`` (its creator if none is chosen) as its officer.

    The round starts with the partnership's people: each board member is given the board role
    in it. It uses the partnership's strategic plan and mailing list. Side effects: audit entries.
    """
    if "start_date" in fields:
        _check_start(fields["start_date"])
    round_ = Round.objects.create(partnership=partnership, **fields)
    audit("round.created", by=by, round_=round_, obj=round_, after=snapshot(round_, ROUND_FIELDS + ["stage"]))
    assign_role(round_, officer or by, Role.OFFICER, by=by)
    for member in partnership_selectors.board_members(partnership):
        assign_role(round_, member.user, Role.BOARD, by=by, organisation=member.organisation)
    return round_


@transaction.atomic
def update_round(round_, *, by, **fields):
    """Change the round's details. Side effects: an audit entry with the values before and after.

    Raises ValidationError for values the round cannot hold, and ApplicationError (with each
    reason) when a later stage refuses the change: a budget or a number of years below what
    its specifications already allocate, say. The round's row stays locked meanwhile, so no
    allocation can slip in between the check and the change.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    before = snapshot(round_, ROUND_FIELDS)
    if "start_date" in fields and fields["start_date"] != round_.start_date:
        _check_start(fields["start_date"])
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.full_clean()
    reasons = registry.round_change_refusals(round_)
    if reasons:
        raise ApplicationError(_("The round's details were not changed."), details=reasons)
    round_.save()
    after = snapshot(round_, ROUND_FIELDS)
    if before != after:
        audit("round.updated", by=by, round_=round_, obj=round_, before=before, after=after)
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
        round_=round_,
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
            round_=round_,
            obj=role_obj,
            after={"user": user.email, "role": role, "organisation": organisation},
        )
    if organisation is not None:
        user.organisations.add(organisation)
    if role in PARTNERSHIP_ROLES:
        partnership_services.add_member(
            round_.partnership, user, PARTNERSHIP_ROLES[role], by=by, organisation=organisation, round_=round_
        )
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
        round_=role_obj.round,
        obj=role_obj,
        before={"user": role_obj.user.email, "role": role_obj.role},
    )
    role_obj.delete()


def record_invitation(round_, *, by, email, role, full_name="", organisation=None):
    """Record an invitation (and its audit entry) without emailing it: for a caller that sends
    its own message with the invitation's link in it. Returns the invitation."""
    email = email.strip().lower()
    invitation = Invitation.objects.create(
        round=round_, email=email, full_name=full_name, role=role, organisation=organisation, invited_by=by
    )
    audit(
        "invitation.sent",
        by=by,
        round_=round_,
        obj=invitation,
        after={"email": email, "role": role, "organisation": organisation},
    )
    return invitation


def invite_person(round_, *, by, email, role, full_name="", organisation=None):
    """Record an invitation and queue its email (commissioning.mail) after commit.

    Side effects: an audit entry and one email. Raises ApplicationError when the person
    already holds that role in the round.
    """
    email = email.strip().lower()
    if RoundRole.objects.filter(round=round_, role=role, user__email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already %(role)s in this round.") % {"email": email, "role": Role(role).label}
        )
    with transaction.atomic():
        invitation = record_invitation(
            round_, by=by, email=email, role=role, full_name=full_name, organisation=organisation
        )
        queue_email(
            dedup_key=f"invitation:{invitation.pk}",
            to=email,
            template="emails/commissioning/rounds/invitation",
            context={"invitation": invitation, "round": round_, "inviter": by},
            round_=round_,
            secret=True,
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
    audit("invitation.accepted", by=by or user, round_=invitation.round, obj=invitation)
    return invitation


@transaction.atomic
def register_from_invitation(invitation, *, password, full_name=""):
    """Create the invited person's account and accept the invitation, together or not at all.

    The link itself proves the address, so the email is marked verified. Raises ApplicationError
    when the address already has an account (that person signs in first) or the invitation
    is used or expired; nothing is created then. Side effects: the audit entries of accept_invitation.
    """
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ApplicationError(_("You already have an account: sign in first, then open the link again."))
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name or invitation.full_name
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    accept_invitation(invitation, user=user)
    return user
