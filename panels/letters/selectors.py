"""Reads of letters: a decision's letter versions, their recipients and messages, a round's letters
for its officers and a bidder's own letters."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from commissioning.documents.models import Document
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from panels.decisions.enums import DecisionStatus
from panels.decisions.models import Decision
from panels.scoring.models import ModeratedScore
from proposals.writing.enums import PartnerState
from proposals.writing.models import ProposalPartner
from proposals.writing.rules import organisation_ids_of

KIND = "panels.letter"


def letter_documents(decision_ids):
    """Every letter version of the decisions ``decision_ids``, each decision's newest first."""
    return Document.objects.filter(
        kind=KIND, content_type=ContentType.objects.get_for_model(Decision), object_id__in=list(decision_ids)
    ).order_by("object_id", "-version")


def letters_of(decision):
    return list(letter_documents([decision.pk]))


def letter_version(decision, version):
    return letter_documents([decision.pk]).filter(version=version).first()


def recipients(proposal):
    """The lead's contact, then each confirmed partner's contact (ProposalPartner rows), each address once."""
    partners = ProposalPartner.objects.filter(
        Q(is_lead=True) | Q(is_lead=False, state=PartnerState.CONFIRMED), proposal=proposal
    ).order_by("-is_lead", "organisation_name", "pk")
    seen, found = set(), []
    for partner in partners:
        address = partner.contact_email.strip().lower()
        if address and address not in seen:
            seen.add(address)
            found.append(partner)
    return found


def letter_emails(document):
    """The messages that carry ``document`` (one per recipient)."""
    return OutgoingEmail.objects.filter(attachment=document, dedup_key__startswith=f"letter:{document.pk}:").order_by(
        "pk"
    )


def email_summary(documents):
    """{document id: (messages, sent, last sent at)} for ``documents``, in one query."""
    summary = {}
    rows = OutgoingEmail.objects.filter(
        attachment__in=[document.pk for document in documents], dedup_key__startswith="letter:"
    ).values_list("attachment_id", "status", "sent_at")
    for attachment_id, status, sent_at in rows:
        total, sent, last = summary.get(attachment_id, (0, 0, None))
        if status == EmailStatus.SENT:
            sent += 1
            last = max(filter(None, [last, sent_at]), default=None)
        summary[attachment_id] = (total + 1, sent, last)
    return summary


def moderated_scores(proposal):
    """The panel's consensus on each criterion of ``proposal``, in the criteria's order."""
    return list(
        ModeratedScore.objects.filter(proposal=proposal)
        .select_related("criterion__panel")
        .order_by("criterion__order", "criterion__pk")
    )


def approved_decisions(round_):
    """The round's approved decisions with their proposals, by priority and title."""
    return (
        Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED)
        .select_related("proposal__specification__priority", "proposal__lead_organisation")
        .order_by("proposal__specification__priority__title", "proposal__title", "pk")
    )


def bidder_letter_decisions(user, round_):
    """The approved decisions on proposals of ``round_`` whose lead or confirmed partner ``user`` acts for."""
    organisations = organisation_ids_of(user)
    if not organisations:
        return Decision.objects.none()
    confirmed = ProposalPartner.objects.filter(
        organisation_id__in=organisations, state=PartnerState.CONFIRMED, is_lead=False
    ).values("proposal_id")
    return (
        Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED)
        .filter(Q(proposal__lead_organisation_id__in=organisations) | Q(proposal_id__in=confirmed))
        .select_related("proposal")
        .order_by("proposal__title", "pk")
    )
