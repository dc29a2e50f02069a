"""The sponsor's own commitment: its named contact and its finance officer each confirm, in the
app, that the sponsor will consider mainstream funding if the activity succeeds (or decline with
a reason). A specification is approved only once both have confirmed.

Each person asked is one SponsorSignoff row; asking is done once per row, so a retry or a second
click never emails twice. A change to the sponsor's details supersedes the answers it affects and
asks again.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from commissioning.accounts.models import User
from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.enums import Role
from commissioning.outbox.services import queue_email
from commissioning.rounds.models import Invitation
from commissioning.rounds.selectors import round_officers
from commissioning.rounds.services import assign_role, record_invitation
from priorities.specifications.enums import SignoffRole, SignoffState
from priorities.specifications.models import Specification, SponsorSignoff
from priorities.specifications.selectors import current_signoffs

# The fields naming each person asked; a change to one of them asks that person again.
PERSON_FIELDS = {
    SignoffRole.CONTACT: ("sponsor_contact_name", "sponsor_contact_email"),
    SignoffRole.FINANCE: ("finance_officer_name", "finance_officer_email"),
}
# A change to what both of them confirm asks them both again.
SHARED_FIELDS = ("sponsor_organisation_id", "mainstreaming_commitment")


SPONSOR_FIELD_ORDER = [
    "sponsor_organisation_id",
    "mainstreaming_commitment",
    "sponsor_contact_name",
    "sponsor_contact_email",
    "finance_officer_name",
    "finance_officer_email",
]


def _changed_label(name):
    label = str(Specification._meta.get_field(name.removesuffix("_id")).verbose_name)
    return label[:1].lower() + label[1:]


def sponsor_details(spec):
    """The values a confirmation depends on, to compare before and after a change."""
    names = [*SHARED_FIELDS, *(name for pair in PERSON_FIELDS.values() for name in pair)]
    return {
        name: (getattr(spec, name) or "") if name != "sponsor_organisation_id" else spec.sponsor_organisation_id
        for name in names
    }


def _person(spec, role):
    name_field, email_field = PERSON_FIELDS[role]
    return getattr(spec, name_field).strip(), getattr(spec, email_field).strip().lower()


def missing_sponsor_details(spec):
    """What must be filled in before the sponsor's people can be asked (empty when ready)."""
    missing = []
    if not spec.sponsor_organisation_id:
        missing.append(_("Choose the public-sector sponsor."))
    if not spec.mainstreaming_commitment.strip():
        missing.append(_("Record the sponsor's commitment to consider mainstream funding."))
    if not spec.sponsor_contact_name.strip():
        missing.append(_("Name the sponsor's contact."))
    if not spec.sponsor_contact_email.strip():
        missing.append(_("Give the sponsor contact's email address."))
    if not spec.finance_officer_name.strip():
        missing.append(_("Name the sponsor's finance officer."))
    if not spec.finance_officer_email.strip():
        missing.append(_("Give the finance officer's email address."))
    return missing


def signoff_path(signoff):
    return reverse("sponsor_signoff", args=[signoff.specification.round_id, signoff.pk])


def _usable_invitation(spec, email):
    """An invitation this person was already sent as the sponsor's, still usable: asked again, they register once."""
    return (
        Invitation.objects.filter(
            round=spec.round,
            email__iexact=email,
            role=Role.SPONSOR,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def _ask(spec, role, *, by):
    """Record one person's sign-off and queue the one email asking them, after commit."""
    name, email = _person(spec, role)
    signoff = SponsorSignoff.objects.create(
        specification=spec,
        role=role,
        organisation=spec.sponsor_organisation,
        name=name,
        email=email,
        commitment=spec.mainstreaming_commitment,
        asked_by=by,
    )
    link = signoff_path(signoff)
    if not User.objects.filter(email__iexact=email).exists():
        # No account yet: the link registers them through an invitation, then opens the sign-off.
        signoff.invitation = _usable_invitation(spec, email) or record_invitation(
            spec.round, by=by, email=email, role=Role.SPONSOR, full_name=name, organisation=spec.sponsor_organisation
        )
        signoff.save(update_fields=["invitation"])
        link = reverse("invitation_accept", args=[signoff.invitation.token]) + "?" + urlencode({"next": link})
    audit(
        "specification.signoff_requested",
        by=by,
        round_=spec.round,
        obj=signoff,
        after={
            "role": role,
            "name": name,
            "email": email,
            "organisation": str(spec.sponsor_organisation),
            "specification": spec.title,
        },
    )
    queue_email(
        dedup_key=f"signoff:{signoff.pk}:request",
        to=email,
        template="emails/priorities/specifications/signoff_request",
        context={
            "signoff": signoff,
            "specification": spec,
            "round": spec.round,
            "link": absolute_url(link),
            "asked_by": by,
            "needs_account": signoff.invitation_id is not None,
        },
        round_=spec.round,
    )
    return signoff


def request_signoffs(spec, *, by):
    """Ask whoever has no standing answer (never asked, or declined) to confirm. Call with ``spec``
    locked, inside the caller's transaction.

    Side effects, per person asked: a SponsorSignoff row, an invitation when they have no account,
    an audit entry and one email. Raises ApplicationError when the sponsor's details are incomplete.
    """
    missing = missing_sponsor_details(spec)
    if missing:
        raise ApplicationError(_("The sponsor's people cannot be asked yet."), details=missing)
    current = current_signoffs(spec)
    asked = []
    for role in SignoffRole:
        standing = current.get(role)
        if standing is not None and standing.state != SignoffState.DECLINED:
            continue
        if standing is not None:
            standing.state = SignoffState.SUPERSEDED
            standing.save(update_fields=["state"])
        asked.append(_ask(spec, role, by=by))
    return asked


def ask_sponsor(spec, *, by):
    """An officer asks the sponsor's contact and finance officer now, before or after submission.

    Side effects: those of request_signoffs. Raises ApplicationError when everyone asked has
    already answered or is still to answer, so that nobody is emailed twice.
    """
    with transaction.atomic():
        spec = Specification.objects.select_for_update().select_related("round", "priority").get(pk=spec.pk)
        asked = request_signoffs(spec, by=by)
        if not asked:
            raise ApplicationError(_("Both have already been asked; nobody was emailed again."))
    return asked


def reset_signoffs(spec, before, *, by):
    """After ``spec``'s sponsor details changed from ``before`` (sponsor_details()), supersede the
    answers the change affects and ask those people again. Call with ``spec`` locked and saved.

    A change of sponsor or of the commitment affects both; a change of one person's name or email
    affects that person. Side effects: an audit entry when a standing answer is superseded, and
    those of request_signoffs for the people asked again (once the details are complete).
    """
    after = sponsor_details(spec)
    if after == before:
        return []
    changed = {name for name in after if after[name] != before.get(name)}
    roles = [role for role, fields in PERSON_FIELDS.items() if changed & set(SHARED_FIELDS) or changed & set(fields)]
    current = current_signoffs(spec)
    reset = [current[role] for role in roles if role in current]
    if not reset:
        return []
    for signoff in reset:
        signoff.state = SignoffState.SUPERSEDED
        signoff.save(update_fields=["state"])
    audit(
        "specification.signoffs_reset",
        by=by,
        round_=spec.round,
        obj=spec,
        before={"people": [signoff.who for signoff in reset]},
        after={"changed": [_changed_label(name) for name in SPONSOR_FIELD_ORDER if name in changed]},
    )
    if missing_sponsor_details(spec):
        return []  # asked again once the details are complete (at submission, or by an officer)
    return request_signoffs(spec, by=by)


def confirmation_refusal(spec):
    """Why ``spec`` cannot yet be approved for want of the sponsor's confirmations, or None."""
    current = current_signoffs(spec)
    waiting = []
    for role in SignoffRole:
        signoff = current.get(role)
        if signoff is None:
            name, _email = _person(spec, role)
            waiting.append(_("%(name)s (%(role)s, not asked yet)") % {"name": name or "–", "role": role.label.lower()})
        elif signoff.state == SignoffState.DECLINED:
            waiting.append(_("%(name)s (%(role)s, who declined)") % {"name": signoff.name, "role": role.label.lower()})
        elif signoff.state == SignoffState.PENDING:
            waiting.append(_("%(name)s (%(role)s)") % {"name": signoff.name, "role": role.label.lower()})
    if not waiting:
        return None
    return _("The sponsor's commitment is still to be confirmed by %(people)s.") % {"people": _(" and ").join(waiting)}


def _locked_signoff(signoff):
    return (
        SponsorSignoff.objects.select_for_update(of=("self",))
        .select_related("specification__round", "specification__priority", "organisation")
        .get(pk=signoff.pk)
    )


def answer_refusal(signoff):
    """Why the sign-off's state does not let it be confirmed or declined now, or None: the service's
    own check, which the sign-off page reads before it accepts an answer."""
    if signoff.state == SignoffState.PENDING:
        return None
    if signoff.state == SignoffState.SUPERSEDED:
        return _("The sponsor's details changed after you were asked, so this request no longer stands.")
    return _("This has already been answered (%(state)s).") % {"state": signoff.get_state_display().lower()}


def _check_answerable(signoff, user):
    refusal = answer_refusal(signoff)
    if refusal:
        raise InvalidTransition(refusal)
    if not signoff.email or user.email.lower() != signoff.email.lower():
        raise ApplicationError(
            _("Only %(name)s, signed in as %(email)s, can answer this.")
            % {"name": signoff.name, "email": signoff.email}
        )


def _tell_officers(spec, *, template, key, **context):
    link = absolute_url(reverse("specification_detail", args=[spec.round_id, spec.priority_id]))
    for role in round_officers(spec.round):
        queue_email(
            dedup_key=f"specification:{spec.pk}:{key}:{role.user_id}",
            to=role.user.email,
            template=template,
            context={"specification": spec, "round": spec.round, "link": link, "person": role.user, **context},
            round_=spec.round,
        )


def confirm_signoff(signoff, *, by):
    """The person asked confirms the sponsor's commitment.

    Side effects: the sign-off is confirmed (who, when); they take the sponsor role in the round for
    their organisation; an audit entry; when both have now confirmed, an email to each officer.
    """
    with transaction.atomic():
        signoff = _locked_signoff(signoff)
        _check_answerable(signoff, by)
        spec = signoff.specification
        signoff.state = SignoffState.CONFIRMED
        signoff.answered_by = by
        signoff.answered_at = timezone.now()
        signoff.save(update_fields=["state", "answered_by", "answered_at"])
        assign_role(spec.round, by, Role.SPONSOR, by=by, organisation=signoff.organisation)
        audit(
            "specification.signoff_confirmed",
            by=by,
            round_=spec.round,
            obj=signoff,
            before={"state": SignoffState.PENDING},
            after={"state": signoff.state, "role": signoff.role, "who": signoff.who, "specification": spec.title},
        )
        if confirmation_refusal(spec) is None:
            _tell_officers(
                spec,
                template="emails/priorities/specifications/signoffs_confirmed",
                key=f"signoffs_confirmed:{signoff.pk}",
            )
    return signoff


def decline_signoff(signoff, *, by, reason):
    """The person asked declines, saying why.

    Side effects: the sign-off is declined (who, when, why); an audit entry; an email with the
    reason to each of the round's officers. The specification cannot be approved until an officer
    asks again (after the sub-group changes the sponsor's details, or as it stands).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why you cannot confirm the commitment."))
    with transaction.atomic():
        signoff = _locked_signoff(signoff)
        _check_answerable(signoff, by)
        spec = signoff.specification
        signoff.state = SignoffState.DECLINED
        signoff.answered_by = by
        signoff.answered_at = timezone.now()
        signoff.reason = reason
        signoff.save(update_fields=["state", "answered_by", "answered_at", "reason"])
        audit(
            "specification.signoff_declined",
            by=by,
            round_=spec.round,
            obj=signoff,
            before={"state": SignoffState.PENDING},
            after={"state": signoff.state, "role": signoff.role, "who": signoff.who, "specification": spec.title},
            summary=reason,
        )
        _tell_officers(
            spec,
            template="emails/priorities/specifications/signoff_declined",
            key=f"signoff_declined:{signoff.pk}",
            signoff=signoff,
            reason=reason,
        )
    return signoff
