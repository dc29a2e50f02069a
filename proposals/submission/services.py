"""Submitting and withdrawing a proposal, and an officer's extension of its deadline.

The deadline in force is the proposal's extension, else its specification's (``Proposal.deadline``);
the server refuses a submission or withdrawal at or after it. Submitting records an immutable
``ProposalVersion`` holding the whole proposal as JSON; changing a submitted proposal and submitting
again before the deadline records the next version. Each version gets its receipt: a PDF rendered
by the documents' task, attached to an email to the lead's contact through the outbox (one message
a version, however often a task runs). Areas above submission hear of each change through
``proposals.writing.events`` (registered in their hooks).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.dates import validate_deadline
from commissioning.common.errors import ApplicationError
from commissioning.common.links import absolute_url
from commissioning.documents.services import request_document
from commissioning.enums import STAGE_ORDER, Stage
from commissioning.outbox.services import queue_email
from proposals.submission.documents import RECEIPT_PDF
from proposals.submission.models import ProposalVersion
from proposals.submission.snapshot import content_of, load_for_snapshot, proposal_data
from proposals.writing import events
from proposals.writing.completeness import problems_of
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal
from proposals.writing.services import deadline_passed, when

REASON_MAX = 5000


class NotAllowed(ApplicationError):
    default_message = _("You cannot do that to this proposal.")


class DeadlinePassed(ApplicationError):
    default_message = _("The deadline for this proposal has passed.")


class ProposalWithdrawn(ApplicationError):
    default_message = _("This proposal was withdrawn, so it can no longer change.")


class ProposalIncomplete(ApplicationError):
    """A submission refused while the proposal lacks something; ``details`` holds each Problem."""

    default_message = _("The proposal is not complete yet: put right what is listed, then submit again.")


class NothingChanged(ApplicationError):
    default_message = _("Nothing has changed since the version you submitted, so there is nothing new to submit.")


def _locked(proposal):
    return Proposal.objects.select_for_update().select_related("round", "specification").get(pk=proposal.pk)


def _refuse_unless(user, permission, proposal, message):
    if not user.has_perm(permission, proposal):
        raise NotAllowed(message)


def _refuse_withdrawn(proposal):
    if proposal.state == ProposalState.WITHDRAWN:
        raise ProposalWithdrawn()


def submission_refusal(proposal, now=None):
    """Why ``proposal`` cannot be submitted (or withdrawn) now, whoever asks, or None: withdrawn,
    or its deadline passed. Views use it to offer the form only when the service would accept."""
    if proposal.state == ProposalState.WITHDRAWN:
        return str(ProposalWithdrawn.default_message)
    if deadline_passed(proposal, now):
        return _(
            "The deadline for this proposal was %(when)s (UK time). It has passed, so the proposal can no "
            "longer be submitted, changed or withdrawn."
        ) % {"when": when(proposal.deadline)}
    return None


def _refuse_late(proposal):
    if deadline_passed(proposal):
        raise DeadlinePassed(submission_refusal(proposal))


def lead_contact(proposal):
    """The lead organisation's contact in the consortium (who receives receipts and notices), or None."""
    return proposal.partners.filter(is_lead=True).first()


def _same_as_latest_version(proposal, data):
    latest = proposal.versions.order_by("-number").only("data").first()
    return latest is not None and content_of(latest.data) == content_of(data)


def unchanged_since_submitted(proposal):
    """Whether a submitted ``proposal`` still reads as its latest version (so there is nothing new
    to submit). Views use it to offer the button only when the service would accept it."""
    if proposal.state != ProposalState.SUBMITTED:
        return False
    return _same_as_latest_version(proposal, proposal_data(load_for_snapshot(proposal.pk)))


def submit_proposal(proposal, *, by):
    """Submit ``proposal`` for its lead organisation: a new immutable version of the whole proposal.

    Only the lead's people submit, before the deadline in force, a proposal not withdrawn and with
    nothing missing (``ProposalIncomplete`` carries each completeness Problem in ``details``); a
    submitted proposal is submitted again only once it has changed. The proposal row is locked.
    Side effects: a ProposalVersion, the proposal's version, state and submission fields, an audit
    entry ("proposal.submitted"), the receipt PDF requested and the receipt email recorded (sent
    after commit, once the PDF is ready), and the ``submitted`` event for the areas above.
    """
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless(by, "proposals.submit_proposal", locked, _("Only the lead organisation's people can submit."))
        _refuse_withdrawn(locked)
        _refuse_late(locked)
        full = load_for_snapshot(locked.pk)
        problems = problems_of(full)
        if problems:
            raise ProposalIncomplete(details=problems)
        data = proposal_data(full)
        if locked.state == ProposalState.SUBMITTED and _same_as_latest_version(locked, data):
            raise NothingChanged()
        before = {"state": locked.state, "version": locked.version}
        now = timezone.now()
        locked.version += 1
        version = ProposalVersion.objects.create(
            proposal=locked, number=locked.version, data=data, submitted_by=by, submitted_at=now
        )
        locked.state = ProposalState.SUBMITTED
        locked.submitted_at = now
        locked.submitted_by = by
        locked.save(update_fields=["version", "state", "submitted_at", "submitted_by", "updated_at"])
        audit(
            "proposal.submitted",
            by=by,
            round_=locked.round,
            obj=locked,
            before=before,
            after={"state": locked.state, "version": locked.version},
        )
        document = request_receipt(locked, version)
        _queue_receipt_email(locked, version, document)
        events.proposal_changed(locked, event=events.SUBMITTED)
    return locked


def request_receipt(proposal, version):
    """The receipt PDF of ``version`` (requested once; rendered by the documents' task)."""
    return request_document(
        subject=proposal,
        kind=RECEIPT_PDF,
        title=_("Receipt: %(title)s (version %(n)d)") % {"title": proposal.title, "n": version.number},
        version=version.number,
    )


def receipt_filename(proposal, number):
    return f"proposal-{proposal.pk}-receipt-v{number}.pdf"


def _queue_receipt_email(proposal, version, document):
    lead = lead_contact(proposal)
    if lead is None:
        return None
    args = [proposal.round_id, proposal.pk, version.number]
    return queue_email(
        dedup_key=f"proposal:{proposal.pk}:v{version.number}:receipt",
        to=lead.contact_email,
        template="emails/proposals/submission/receipt",
        context={
            "proposal": proposal,
            "version": version,
            "contact_name": lead.contact_name,
            "specification": proposal.specification,
            "submitted_at": when(version.submitted_at),
            "deadline": when(proposal.deadline) if proposal.deadline else "",
            "version_url": absolute_url(reverse("proposal_version", args=args)),
            "receipt_url": absolute_url(reverse("proposal_receipt", args=args)),
        },
        round_=proposal.round,
        attachment=document,
    )


def withdraw_proposal(proposal, *, by, reason):
    """The lead withdraws ``proposal`` before its deadline, giving a reason. It is read-only afterwards.

    Side effects: the state WITHDRAWN with when and why, an audit entry ("proposal.withdrawn"),
    and the ``withdrawn`` event for the areas above.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the proposal is withdrawn."))
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless(
            by, "proposals.withdraw_proposal", locked, _("Only the lead organisation's people can withdraw it.")
        )
        _refuse_withdrawn(locked)
        _refuse_late(locked)
        before = {"state": locked.state}
        locked.state = ProposalState.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason[:REASON_MAX]
        locked.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
        audit(
            "proposal.withdrawn",
            by=by,
            round_=locked.round,
            obj=locked,
            before=before,
            after={"state": locked.state},
            summary=reason,
        )
        events.proposal_changed(locked, event=events.WITHDRAWN)
    return locked


def call_is_over(proposal):
    """Whether the proposal's round has moved on from the call for proposals (deadlines are then settled)."""
    return STAGE_ORDER.index(proposal.round.stage) > STAGE_ORDER.index(Stage.CALL)


def extension_refusal(proposal, deadline):
    """Why ``deadline`` cannot be this proposal's extended deadline, or None."""
    if call_is_over(proposal):
        return _("The round has moved on from the call for proposals, so deadlines can no longer change.")
    original = proposal.specification.proposal_deadline
    if original is not None and deadline <= original:
        return _("An extension must end after the specification's deadline of %(when)s (UK time).") % {
            "when": when(original)
        }
    if deadline <= timezone.now():
        return _("An extension must end in the future.")
    try:
        validate_deadline(deadline, start=proposal.round.start_date)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def grant_extension(proposal, *, by, deadline, reason):
    """An officer gives ``proposal`` alone a later deadline, with a reason; granting again changes it.

    The new deadline falls after the specification's, in the future and within the plausible
    window of ``validate_deadline``. Side effects: the extension's fields, an audit entry
    ("proposal.extension_granted", or "proposal.extension_changed" when one stood), an email to
    the lead's contact, and the ``extended`` event.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason for the extension."))
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless(by, "proposals.grant_extension", locked, _("Only the round's officers grant extensions."))
        _refuse_withdrawn(locked)
        refusal = extension_refusal(locked, deadline)
        if refusal:
            raise ApplicationError(refusal)
        had_one = locked.extended_deadline is not None
        before = {"extended_deadline": locked.extended_deadline, "reason": locked.extension_reason}
        locked.extended_deadline = deadline
        locked.extension_reason = reason[:REASON_MAX]
        locked.extension_granted_by = by
        locked.extension_granted_at = timezone.now()
        locked.save(
            update_fields=[
                "extended_deadline",
                "extension_reason",
                "extension_granted_by",
                "extension_granted_at",
                "updated_at",
            ]
        )
        entry = audit(
            "proposal.extension_changed" if had_one else "proposal.extension_granted",
            by=by,
            round_=locked.round,
            obj=locked,
            before=before if had_one else None,
            after={"extended_deadline": deadline, "reason": locked.extension_reason},
            summary=reason,
        )
        _queue_extension_email(locked, entry, template="emails/proposals/submission/extension_granted")
        events.proposal_changed(locked, event=events.EXTENDED)
    return locked


def remove_extension(proposal, *, by, reason):
    """An officer removes the proposal's extension, with a reason: the specification's deadline is
    in force again. Side effects: an audit entry ("proposal.extension_removed"), an email to the
    lead's contact, and the ``extended`` event."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason for removing the extension."))
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless(by, "proposals.grant_extension", locked, _("Only the round's officers change extensions."))
        if locked.extended_deadline is None:
            raise ApplicationError(_("This proposal has no extension to remove."))
        if call_is_over(locked):
            raise ApplicationError(
                _("The round has moved on from the call for proposals, so deadlines can no longer change.")
            )
        before = {"extended_deadline": locked.extended_deadline, "reason": locked.extension_reason}
        locked.extended_deadline = None
        locked.extension_reason = ""
        locked.extension_granted_by = None
        locked.extension_granted_at = None
        locked.save(
            update_fields=[
                "extended_deadline",
                "extension_reason",
                "extension_granted_by",
                "extension_granted_at",
                "updated_at",
            ]
        )
        entry = audit(
            "proposal.extension_removed",
            by=by,
            round_=locked.round,
            obj=locked,
            before=before,
            after={"extended_deadline": None},
            summary=reason,
        )
        _queue_extension_email(locked, entry, template="emails/proposals/submission/extension_removed", reason=reason)
        events.proposal_changed(locked, event=events.EXTENDED)
    return locked


def _queue_extension_email(proposal, entry, *, template, reason=None):
    lead = lead_contact(proposal)
    if lead is None:
        return None
    return queue_email(
        dedup_key=f"proposal:{proposal.pk}:extension:{entry.pk}",
        to=lead.contact_email,
        template=template,
        context={
            "proposal": proposal,
            "contact_name": lead.contact_name,
            "deadline": when(proposal.deadline) if proposal.deadline else "",
            "reason": reason if reason is not None else proposal.extension_reason,
            "proposal_url": absolute_url(reverse("proposal_submit", args=[proposal.round_id, proposal.pk])),
        },
        round_=proposal.round,
    )
