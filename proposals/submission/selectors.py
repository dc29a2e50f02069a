"""Reads for submission: a proposal its reader may see, and its versions."""

from django.contrib.contenttypes.models import ContentType

from commissioning.documents.models import Document
from proposals.submission.documents import RECEIPT_PDF
from proposals.submission.models import ProposalVersion
from proposals.writing.selectors import proposals_visible_to


def proposal_visible_to(user, round_, pk):
    """The proposal ``pk`` of ``round_`` if ``user`` may read it, else None."""
    return (
        proposals_visible_to(user, round_)
        .select_related("specification__round", "lead_organisation", "extension_granted_by", "submitted_by")
        .filter(pk=pk)
        .first()
    )


def versions_of(proposal):
    """The proposal's versions, newest first, without their JSON (a list shows who and when)."""
    return (
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("submitted_by")
        .defer("data")
        .order_by("-number")
    )


def version_of(proposal, number):
    """One version with its JSON, or None."""
    return ProposalVersion.objects.filter(proposal=proposal, number=number).select_related("submitted_by").first()


def receipt_of(proposal, number):
    """The receipt Document of version ``number`` (whatever its status), or None."""
    return Document.objects.filter(
        kind=RECEIPT_PDF,
        content_type=ContentType.objects.get_for_model(proposal),
        object_id=proposal.pk,
        version=number,
    ).first()
