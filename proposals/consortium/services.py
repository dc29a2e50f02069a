"""The consortium: the lead invites partner organisations by email, changes their roles or removes them
and chooses the sections partners may edit; a partner's contact confirms or declines through the
link. Submission needs at least the specification's minimum of confirmed organisations, the lead
counting (``consortium_problems``).

Each invitation email is recorded in the outbox under its own key, so that a retry or a second
click never sends it twice; sending it again is allowed once an hour.
"""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.accounts.models import User
from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.services import queue_email
from commissioning.rounds.models import Invitation
from commissioning.rounds.services import assign_role, record_invitation
from priorities.specifications.rules import has_confirmed_email
from proposals.bidders.selectors import bidder_of
from proposals.bidders.services import register_bidder
from proposals.consortium.selectors import confirmed_count, consortium_open
from proposals.writing.enums import LEAD_ONLY_SECTIONS, PartnerState, Section
from proposals.writing.models import Proposal, ProposalPartner

RESEND_AFTER = timedelta(hours=1)
INVITATION_TEMPLATE = "emails/proposals/consortium/invitation"


class ConsortiumClosed(InvalidTransition):
    default_message = _("The consortium can no longer change: the proposal is withdrawn or its deadline has passed.")


def partner_sections_choices():
    """The sections the lead may open to its partners: every section but the lead's own."""
    return [(section.value, section.label) for section in Section if section not in LEAD_ONLY_SECTIONS]


def consortium_problems(proposal):
    """What stops ``proposal`` being submitted for want of partners (empty when nothing does), such as
    "2 of the 3 organisations needed have confirmed"."""
    needed = proposal.specification.minimum_partners
    confirmed = confirmed_count(proposal)
    if confirmed >= needed:
        return []
    return [
        ngettext(
            "%(confirmed)d of the %(needed)d organisation needed has confirmed (the lead counting).",
            "%(confirmed)d of the %(needed)d organisations needed have confirmed (the lead counting).",
            needed,
        )
        % {"confirmed": confirmed, "needed": needed}
    ]


def _locked_proposal(proposal):
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("round", "specification__priority", "lead_organisation")
        .get(pk=proposal.pk)
    )


def _check_open(proposal):
    if not consortium_open(proposal):
        raise ConsortiumClosed


def invitation_path(partner):
    return reverse("consortium_invitation", args=[partner.token])


def _usable_invitation(round_, email):
    return (
        Invitation.objects.filter(
            round=round_, email__iexact=email, role=Role.BIDDER, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def _invitation_emails(partner):
    return OutgoingEmail.objects.filter(dedup_key__startswith=f"consortium:partner:{partner.pk}:invitation:")


def _email_invitation(partner, *, by):
    """Queue the email inviting ``partner``'s contact (number n+1 of its invitations), after commit. A
    contact without an account is sent through a round invitation that registers them on the way."""
    proposal = partner.proposal
    link = invitation_path(partner)
    needs_account = not User.objects.filter(email__iexact=partner.contact_email).exists()
    if needs_account:
        invitation = _usable_invitation(proposal.round, partner.contact_email) or record_invitation(
            proposal.round, by=by, email=partner.contact_email, role=Role.BIDDER, full_name=partner.contact_name
        )
        link = reverse("invitation_accept", args=[invitation.token]) + "?" + urlencode({"next": link})
    number = _invitation_emails(partner).count() + 1
    return queue_email(
        dedup_key=f"consortium:partner:{partner.pk}:invitation:{number}",
        to=partner.contact_email,
        template=INVITATION_TEMPLATE,
        context={
            "partner": partner,
            "proposal": proposal,
            "specification": proposal.specification,
            "round": proposal.round,
            "lead": proposal.lead_organisation,
            "invited_by": by,
            "link": absolute_url(link),
            "needs_account": needs_account,
        },
        round_=proposal.round,
        secret=True,
    )


def _new_token():
    return secrets.token_urlsafe(32)


def add_partner(proposal, *, by, organisation_name, contact_name, contact_email, role_in_delivery):
    """The lead invites an organisation into the consortium.

    Side effects: a ProposalPartner (invited, with a random token); a round invitation when its contact
    has no account; an audit entry; one email to the contact with the link. Raises ApplicationError when
    the consortium is closed or that address already has an invitation standing in this proposal.
    """
    contact_email = contact_email.strip().lower()
    with transaction.atomic():
        proposal = _locked_proposal(proposal)
        _check_open(proposal)
        standing = ProposalPartner.objects.filter(proposal=proposal, contact_email__iexact=contact_email).exclude(
            state=PartnerState.DECLINED
        )
        if standing.exists():
            raise ApplicationError(
                _("%(email)s has already been invited to this consortium.") % {"email": contact_email}
            )
        partner = ProposalPartner.objects.create(
            proposal=proposal,
            organisation_name=organisation_name.strip(),
            contact_name=contact_name.strip(),
            contact_email=contact_email,
            role_in_delivery=role_in_delivery.strip(),
            token=_new_token(),
            invited_by=by,
        )
        audit(
            "consortium.partner_invited",
            by=by,
            round_=proposal.round,
            obj=partner,
            after={
                "proposal": proposal.title,
                "organisation": partner.organisation_name,
                "contact": partner.contact_name,
                "email": contact_email,
                "role_in_delivery": partner.role_in_delivery,
            },
        )
        _email_invitation(partner, by=by)
    return partner


def _locked_partner(partner):
    return (
        ProposalPartner.objects.select_for_update(of=("self",))
        .select_related("proposal__round", "proposal__specification__priority", "proposal__lead_organisation")
        .get(pk=partner.pk)
    )


def resend_invitation(partner, *, by):
    """The lead sends the invitation again, at most once an hour.

    Side effects: an audit entry and one more email with the same link. Raises ApplicationError when
    the partner has answered, the consortium is closed or the last email went less than an hour ago.
    """
    with transaction.atomic():
        partner = _locked_partner(partner)
        _check_open(partner.proposal)
        if partner.is_lead or partner.state != PartnerState.INVITED:
            raise InvalidTransition(_("Only an invitation still waiting for its answer can be sent again."))
        last = _invitation_emails(partner).order_by("-created_at").values_list("created_at", flat=True).first()
        if last is not None and timezone.now() - last < RESEND_AFTER:
            minutes = max(1, int((last + RESEND_AFTER - timezone.now()).total_seconds() // 60) + 1)
            raise ApplicationError(
                ngettext(
                    "The invitation was sent less than an hour ago. You can send it again in %(n)d minute.",
                    "The invitation was sent less than an hour ago. You can send it again in %(n)d minutes.",
                    minutes,
                )
                % {"n": minutes}
            )
        audit(
            "consortium.invitation_resent",
            by=by,
            round_=partner.proposal.round,
            obj=partner,
            after={"proposal": partner.proposal.title, "email": partner.contact_email},
        )
        _email_invitation(partner, by=by)
    return partner


def change_role(partner, *, by, role_in_delivery):
    """The lead changes an organisation's role in delivery (its own too). Side effect: an audit entry."""
    role_in_delivery = role_in_delivery.strip()
    with transaction.atomic():
        partner = _locked_partner(partner)
        _check_open(partner.proposal)
        if partner.state == PartnerState.DECLINED:
            raise InvalidTransition(_("This organisation declined: its role can no longer change."))
        before = partner.role_in_delivery
        if before == role_in_delivery:
            return partner
        partner.role_in_delivery = role_in_delivery
        partner.save(update_fields=["role_in_delivery"])
        audit(
            "consortium.role_changed",
            by=by,
            round_=partner.proposal.round,
            obj=partner,
            before={"role_in_delivery": before},
            after={"role_in_delivery": role_in_delivery, "proposal": partner.proposal.title},
        )
    return partner


def remove_partner(partner, *, by):
    """The lead takes an organisation out of the consortium (never the lead itself).

    Side effects: the row goes, with its budget cells and its link; an audit entry.
    """
    with transaction.atomic():
        partner = _locked_partner(partner)
        proposal = partner.proposal
        _check_open(proposal)
        if partner.is_lead:
            raise ApplicationError(_("The lead organisation cannot be removed from its own consortium."))
        audit(
            "consortium.partner_removed",
            by=by,
            round_=proposal.round,
            obj=partner,
            before={
                "proposal": proposal.title,
                "organisation": partner.organisation_name,
                "state": partner.state,
                "email": partner.contact_email,
            },
        )
        partner.delete()


def set_partner_sections(proposal, *, by, sections):
    """The lead chooses the sections its confirmed partners may edit. Side effect: an audit entry."""
    allowed = {value for value, _label in partner_sections_choices()}
    chosen = [section.value for section in Section if section.value in set(sections)]
    if set(sections) - allowed:
        raise ApplicationError(_("Partners cannot be given the lead's own sections."))
    with transaction.atomic():
        proposal = _locked_proposal(proposal)
        _check_open(proposal)
        before = list(proposal.partner_sections or [])
        if before == chosen:
            return proposal
        proposal.partner_sections = chosen
        proposal.save(update_fields=["partner_sections", "updated_at"])
        audit(
            "consortium.partner_sections_changed",
            by=by,
            round_=proposal.round,
            obj=proposal,
            before={"sections": [str(Section(value).label) for value in before if value in Section.values]},
            after={"sections": [str(Section(value).label) for value in chosen]},
        )
    return proposal


def _check_answerable(partner, by):
    if partner.is_lead or partner.state != PartnerState.INVITED:
        raise InvalidTransition(
            _("This invitation has already been answered (%(state)s).") % {"state": partner.get_state_display().lower()}
        )
    _check_open(partner.proposal)
    if not has_confirmed_email(by):
        raise ApplicationError(_("Confirm your email address before you answer the invitation."))


def _tell_lead(partner, *, key):
    """Email the lead's contact, and whoever sent the invitation, of the partner's answer."""
    proposal = partner.proposal
    lead_row = ProposalPartner.objects.filter(proposal=proposal, is_lead=True).first()
    recipients = []
    for email in (lead_row.contact_email if lead_row else "", partner.invited_by.email if partner.invited_by else ""):
        if email and email.lower() not in recipients:
            recipients.append(email.lower())
    link = absolute_url(reverse("consortium_partners", args=[proposal.round_id, proposal.pk]))
    for email in recipients:
        queue_email(
            dedup_key=f"consortium:partner:{partner.pk}:{key}:{email}",
            to=email,
            template="emails/proposals/consortium/answered",
            context={"partner": partner, "proposal": proposal, "round": proposal.round, "link": link},
            round_=proposal.round,
        )


def confirm_partnership(partner, *, by, organisation=None, organisation_fields=None, details=None):
    """The invited contact confirms, for ``organisation`` (one they act for) or a new one made from
    ``organisation_fields``. An organisation not yet registered in the round is registered with
    ``details`` (the bidders' registration).

    Side effects: those of register_bidder when it registers; ``by`` takes the bidder role in the round;
    the partner row confirmed (organisation, who, when); an audit entry; an email to the lead. Raises
    ApplicationError when the invitation is answered, the consortium closed, or the organisation is
    already in this consortium.
    """
    with transaction.atomic():
        partner = _locked_partner(partner)
        proposal = partner.proposal
        _check_answerable(partner, by)
        if organisation is not None and not by.organisations.filter(pk=organisation.pk).exists():
            raise ApplicationError(_("You can answer only for an organisation you act for."))
        if (
            organisation is not None
            and ProposalPartner.objects.filter(proposal=proposal, organisation=organisation).exists()
        ):
            raise ApplicationError(_already_in(organisation, proposal))
        if organisation is None or bidder_of(proposal.round, organisation) is None:
            if details is None:
                raise ApplicationError(_("Give the organisation's address and main contact to register it to bid."))
            bidder = register_bidder(
                proposal.round,
                by=by,
                organisation=organisation,
                organisation_fields=organisation_fields,
                details=details,
            )
            organisation = bidder.organisation
        else:
            assign_role(proposal.round, by, Role.BIDDER, by=by, organisation=organisation)
        partner.organisation = organisation
        partner.state = PartnerState.CONFIRMED
        partner.answered_by = by
        partner.answered_at = timezone.now()
        try:
            with transaction.atomic():
                partner.save(update_fields=["organisation", "state", "answered_by", "answered_at"])
        except IntegrityError as error:
            raise ApplicationError(_already_in(organisation, proposal)) from error
        audit(
            "consortium.partner_confirmed",
            by=by,
            round_=proposal.round,
            obj=partner,
            before={"state": PartnerState.INVITED},
            after={"state": partner.state, "organisation": organisation.name, "proposal": proposal.title},
        )
        _tell_lead(partner, key="confirmed")
    return partner


def _already_in(organisation, proposal):
    return _("%(organisation)s is already in the consortium of “%(title)s”: an organisation joins it once.") % {
        "organisation": organisation,
        "title": proposal.title,
    }


def decline_partnership(partner, *, by, reason):
    """The invited contact declines, saying why. Side effects: the row declined (who, when, why); an audit
    entry; an email to the lead with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why your organisation declines."))
    with transaction.atomic():
        partner = _locked_partner(partner)
        _check_answerable(partner, by)
        partner.state = PartnerState.DECLINED
        partner.answered_by = by
        partner.answered_at = timezone.now()
        partner.decline_reason = reason
        partner.save(update_fields=["state", "answered_by", "answered_at", "decline_reason"])
        audit(
            "consortium.partner_declined",
            by=by,
            round_=partner.proposal.round,
            obj=partner,
            before={"state": PartnerState.INVITED},
            after={"state": partner.state, "proposal": partner.proposal.title},
            summary=reason,
        )
        _tell_lead(partner, key="declined")
    return partner
