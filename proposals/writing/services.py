"""Starting a proposal and saving its sections.

Every section saves on its own (``save_section``): the save names the section's revision it was
made from, and is refused (``EditConflict``) when someone else saved that section since, so two
people never silently overwrite each other. A proposal can change while it is a draft or
submitted, until its deadline (the specification's, or the officer's extension for it); a
withdrawn proposal never changes.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.dates import london
from commissioning.common.errors import ApplicationError
from proposals.bidders.models import Bidder
from proposals.writing import events
from proposals.writing.enums import PartnerState, ProposalState, Section
from proposals.writing.models import Proposal, ProposalPartner


class EditConflict(ApplicationError):
    default_message = _(
        "Someone else saved this section after you opened it. Your changes are below but are not saved: "
        "copy what you need, reload the section to see theirs, and save again."
    )


class ProposalReadOnly(ApplicationError):
    default_message = _("This proposal can no longer change.")


class CallClosed(ApplicationError):
    default_message = _("The deadline for proposals has passed.")


def when(moment):
    """'14 January 2027, 12:00', in Europe/London."""
    return london(moment)


def deadline_passed(proposal, now=None):
    deadline = proposal.deadline
    return deadline is not None and (now or timezone.now()) >= deadline


def editing_refusal(proposal, now=None):
    """Why ``proposal`` cannot change now, or None when it can."""
    if proposal.state == ProposalState.WITHDRAWN:
        return _("This proposal was withdrawn, so it can no longer change.")
    if deadline_passed(proposal, now):
        return _("The deadline for this proposal passed on %(when)s, so it can no longer change.") % {
            "when": when(proposal.deadline)
        }
    return None


def start_proposal(specification, *, by, lead_organisation, title):
    """Start a draft proposal answering ``specification``, led by ``lead_organisation``.

    The organisation must be one ``by`` acts for and registered as a bidder in the round; the
    specification must be published and its deadline not passed. The lead joins the consortium as
    its first, confirmed member, with ``by`` as its contact."""
    round_ = specification.round
    if not specification.is_public:
        raise ApplicationError(_("Proposals can only answer a published specification."))
    if specification.proposal_deadline is not None and timezone.now() >= specification.proposal_deadline:
        raise CallClosed(
            _("The deadline for proposals on this specification passed on %(when)s.")
            % {"when": when(specification.proposal_deadline)}
        )
    if not by.organisations.filter(pk=lead_organisation.pk).exists():
        raise ApplicationError(_("You can only start a proposal for an organisation you act for."))
    if not Bidder.objects.filter(round=round_, organisation=lead_organisation).exists():
        raise ApplicationError(
            _("%(organisation)s is not registered to bid in this round. Register it first.")
            % {"organisation": lead_organisation}
        )
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                round=round_,
                specification=specification,
                lead_organisation=lead_organisation,
                title=title,
                created_by=by,
            )
            ProposalPartner.objects.create(
                proposal=proposal,
                organisation=lead_organisation,
                organisation_name=lead_organisation.name,
                contact_name=by.full_name or by.email,
                contact_email=by.email,
                role_in_delivery=specification.lead_organisation_role
                or _("Finance, evaluation and partnership support on behalf of the partnership."),
                is_lead=True,
                state=PartnerState.CONFIRMED,
                invited_by=by,
                answered_by=by,
                answered_at=timezone.now(),
            )
            audit("proposal.started", by=by, round_=round_, obj=proposal, after={"title": title})
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(organisation)s already has a proposal for this specification: carry on with that one.")
            % {"organisation": lead_organisation}
        ) from exc
    return proposal


def save_section(proposal, section, *, by, revision, apply, audit_action=None, audit_after=None):
    """Save one section of ``proposal``: ``apply(locked_proposal)`` writes its fields and rows.

    The proposal row is locked while the section is written. Refused with ProposalReadOnly when the
    proposal cannot change (withdrawn, or past its deadline), and with EditConflict when the section
    was saved by someone else since ``revision`` (the revision the person's form was made from).
    ``audit_action`` (with ``audit_after``) records the save in the audit trail, for sections holding
    money. A submitted proposal's change is told to the areas above (``events.CHANGED``, after
    commit). Returns the proposal with the section's new revision.
    """
    section = Section(section)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().select_related("specification", "round").get(pk=proposal.pk)
        refusal = editing_refusal(locked)
        if refusal:
            raise ProposalReadOnly(refusal)
        if locked.revision_of(section) != int(revision):
            raise EditConflict()
        apply(locked)
        revisions = dict(locked.section_revisions or {})
        revisions[section.value] = int(revision) + 1
        locked.section_revisions = revisions
        locked.save()
        if audit_action:
            audit(audit_action, by=by, round_=locked.round, obj=locked, after=audit_after)
        if locked.state == ProposalState.SUBMITTED:
            events.proposal_changed(locked, event=events.CHANGED)
    return locked
