"""Setting up selection panels, their members, and each member's declarations of interest.

Every change is audited. ``declare`` runs the callbacks of ``events`` when a member declares an
interest, inside its transaction (scoring sets aside that member's scores of the proposal).
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from commissioning.accounts.models import User
from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from commissioning.common.links import absolute_url
from commissioning.enums import Role
from commissioning.outbox.services import queue_email
from commissioning.rounds.services import assign_role, record_invitation
from panels.membership import events
from panels.membership.enums import InterestNature, MemberRole
from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from panels.membership.selectors import panel_proposals


def set_up_refusal(priority):
    """Why the panel of ``priority`` cannot be set up now, or None."""
    if Panel.objects.filter(priority=priority).exists():
        return _("The priority “%(title)s” already has its panel.") % {"title": priority.title}
    return None


@transaction.atomic
def set_up_panel(priority, *, by):
    """Set up the selection panel of ``priority`` (one per priority). Side effect: an audit entry."""
    refusal = set_up_refusal(priority)
    if refusal:
        raise ApplicationError(refusal)
    try:
        with transaction.atomic():
            panel = Panel.objects.create(round_id=priority.round_id, priority=priority)
    except IntegrityError as error:
        raise ApplicationError(
            _("The priority “%(title)s” already has its panel.") % {"title": priority.title}
        ) from error
    audit("panel.set_up", by=by, round_=priority.round, obj=panel, after={"priority": priority.title})
    return panel


def _chair_refusal(panel):
    chair = PanelMember.objects.filter(panel=panel, role=MemberRole.CHAIR).select_related("user").first()
    return _("The panel already has a chair: %(person)s. A panel has one chair; remove them first to change it.") % {
        "person": chair.user if chair else _("someone else")
    }


def add_member(panel, user, *, role, by, organisation=None):
    """Put ``user`` on ``panel`` as chair, expert or voluntary and community member, from ``organisation``.

    The person gets the round's panel role. Side effects: audit entries; an email to the person
    (after commit) with a link to their panel. A panel has one chair (the database holds it too).
    """
    with transaction.atomic():
        # Locked so that two officers adding a chair at once get the message, not an error.
        panel = Panel.objects.select_for_update().select_related("round", "priority").get(pk=panel.pk)
        if PanelMember.objects.filter(panel=panel, user=user).exists():
            raise ApplicationError(_("%(person)s is already on this panel.") % {"person": user})
        if role == MemberRole.CHAIR and PanelMember.objects.filter(panel=panel, role=MemberRole.CHAIR).exists():
            raise ApplicationError(_chair_refusal(panel))
        try:
            with transaction.atomic():
                member = PanelMember.objects.create(
                    panel=panel, user=user, role=role, organisation=organisation, added_by=by
                )
        except IntegrityError as error:
            raise ApplicationError(_chair_refusal(panel)) from error
        assign_role(panel.round, user, Role.PANEL, by=by, organisation=organisation)
        audit(
            "panel.member_added",
            by=by,
            round_=panel.round,
            obj=member,
            after={
                "priority": panel.priority.title,
                "user": user.email,
                "role": role,
                "organisation": str(organisation) if organisation else "",
            },
        )
        queue_email(
            dedup_key=f"panel-member:{member.pk}:added",
            to=user.email,
            template="emails/panels/membership/member_added",
            context={
                "panel": panel,
                "priority": panel.priority,
                "round": panel.round,
                "person": user,
                "role": MemberRole(role).label,
                "by": by,
                "link": absolute_url(reverse("panel_interests", args=[panel.round_id, panel.pk])),
            },
            round_=panel.round,
        )
    return member


def invite_member(panel, *, email, role, by, full_name="", organisation=None):
    """Offer a seat on ``panel`` to someone without an account, through the round's invitation.

    Side effects: the invitation's audit entry and this one; one email (after commit) whose link
    registers them and brings them to take their seat. Someone with an account is added instead.
    """
    email = email.strip().lower()
    with transaction.atomic():
        panel = Panel.objects.select_for_update().select_related("round", "priority").get(pk=panel.pk)
        if User.objects.filter(email__iexact=email).exists():
            raise ApplicationError(_("%(email)s already has an account: add them to the panel.") % {"email": email})
        if PanelInvitation.objects.filter(panel=panel, invitation__email__iexact=email, seated=None).exists():
            raise ApplicationError(_("%(email)s is already invited to this panel.") % {"email": email})
        if role == MemberRole.CHAIR and (
            PanelMember.objects.filter(panel=panel, role=MemberRole.CHAIR).exists()
            or PanelInvitation.objects.filter(
                panel=panel, role=MemberRole.CHAIR, seated=None, invitation__expires_at__gt=timezone.now()
            ).exists()
        ):
            raise ApplicationError(_chair_refusal(panel))
        invitation = record_invitation(
            panel.round, by=by, email=email, role=Role.PANEL, full_name=full_name, organisation=organisation
        )
        seat = PanelInvitation.objects.create(panel=panel, invitation=invitation, role=role, organisation=organisation)
        audit(
            "panel.member_invited",
            by=by,
            round_=panel.round,
            obj=seat,
            after={"priority": panel.priority.title, "email": email, "role": role},
        )
        join = reverse("panel_join", args=[panel.round_id, panel.pk, seat.pk])
        link = reverse("invitation_accept", args=[invitation.token]) + "?" + urlencode({"next": join})
        queue_email(
            dedup_key=f"panel-invitation:{seat.pk}",
            to=email,
            template="emails/panels/membership/invited",
            context={
                "panel": panel,
                "priority": panel.priority,
                "round": panel.round,
                "full_name": full_name,
                "role": MemberRole(role).label,
                "by": by,
                "link": absolute_url(link),
                "expires_at": invitation.expires_at,
            },
            round_=panel.round,
            secret=True,
        )
    return seat


def take_seat(seat, *, user):
    """``user``, who accepted the invitation ``seat`` was offered through, takes their seat on the panel.

    Side effects: those of ``add_member`` (by the invitation's sender). Returns the PanelMember."""
    with transaction.atomic():
        seat = PanelInvitation.objects.select_for_update().select_related("invitation", "panel").get(pk=seat.pk)
        if seat.seated_id is not None:
            raise ApplicationError(_("You have already taken this seat."))
        if seat.invitation.accepted_by_id != user.pk:
            raise ApplicationError(_("Accept the invitation to the round first."))
        member = add_member(
            seat.panel, user, role=seat.role, organisation=seat.organisation, by=seat.invitation.invited_by or user
        )
        seat.seated = member
        seat.save(update_fields=["seated"])
    return member


def removal_refusal(member):
    """Why ``member`` cannot be taken off the panel, or None: a member who has scored stays, their
    scores being part of the panel's record."""
    if member.score_sheets.exists():
        return _("%(person)s has already scored proposals; their scores stay part of the panel's record.") % {
            "person": member.user
        }
    return None


def remove_member(member, *, by):
    """Take ``member`` off their panel, with their declarations. Side effect: an audit entry.

    A member who has scored stays: their scores belong to the panel's record."""
    with transaction.atomic():
        member = (
            PanelMember.objects.select_for_update()
            .select_related("panel__round", "panel__priority", "user")
            .get(pk=member.pk)
        )
        refusal = removal_refusal(member)
        if refusal:
            raise ApplicationError(refusal)
        audit(
            "panel.member_removed",
            by=by,
            round_=member.panel.round,
            obj=member,
            before={"priority": member.panel.priority.title, "user": member.user.email, "role": member.role},
        )
        member.delete()


def change_refusal(declaration):
    """Why ``declaration`` (or None) can no longer change, or None: a declared interest stays declared."""
    if declaration is not None and declaration.has_interest:
        return _(
            "You have declared an interest in this proposal; it stays declared. "
            "Ask the round's officer if it was a mistake."
        )
    return None


def declaration_refusal(member, proposal, *, has_interest, nature, description):
    """Why this declaration cannot be made, or None."""
    if not panel_proposals(member.panel).filter(pk=proposal.pk).exists():
        return _("This proposal is not one your panel receives.")
    if has_interest and nature not in InterestNature.values:
        return _("Choose the nature of the interest.")
    if has_interest and not description.strip():
        return _("Describe the interest.")
    return None


def declare(member, proposal, *, has_interest, nature="", description="", by):
    """Record ``member``'s declaration about ``proposal``: no interest, or an interest with its nature.

    An interest takes effect at once: the member no longer reads the proposal, and the callbacks
    of ``events`` run in this transaction (scoring sets aside the member's scores of it). A
    declared interest stays declared. Side effect: an audit entry. Returns the declaration.
    """
    description = (description or "").strip()
    nature = nature if has_interest else ""
    refusal = declaration_refusal(member, proposal, has_interest=has_interest, nature=nature, description=description)
    if refusal:
        raise ApplicationError(refusal)
    with transaction.atomic():
        member = PanelMember.objects.select_for_update().select_related("panel__round", "user").get(pk=member.pk)
        existing = Declaration.objects.select_for_update().filter(member=member, proposal=proposal).first()
        if not has_interest and (refusal := change_refusal(existing)):
            raise ApplicationError(refusal)
        before = None
        if existing is None:
            declaration = Declaration.objects.create(
                member=member, proposal=proposal, has_interest=has_interest, nature=nature, description=description
            )
        else:
            before = {
                "has_interest": existing.has_interest,
                "nature": existing.nature,
                "description": existing.description,
            }
            existing.has_interest, existing.nature, existing.description = has_interest, nature, description
            existing.save(update_fields=["has_interest", "nature", "description", "updated_at"])
            declaration = existing
        after = {
            "proposal": proposal.title,
            "user": member.user.email,
            "has_interest": has_interest,
            "nature": nature,
            "description": description,
        }
        audit(
            "panel.interest_declared" if has_interest else "panel.no_interest_declared",
            by=by,
            round_=member.panel.round,
            obj=declaration,
            before=before,
            after=after,
        )
        if has_interest and (before is None or not before["has_interest"]):
            events.interest_declared(declaration, by=by)
    return declaration
