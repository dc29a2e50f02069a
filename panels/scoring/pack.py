"""The panel pack: one PDF per member, rendered in a Celery task, holding the proposals that member
may read (never one they declared an interest in), the criteria with their level descriptors, the
meeting timetable, the similar-proposals notes among those proposals, and a scoring grid.

Each pack is a Document of kind ``panels.pack`` whose subject is the PanelMember. A new version is
made when the member (or an officer) asks for a fresh one and whenever a declaration changes what
the member may see; a pack older than any of the member's declarations is never served.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.common.queue import enqueue_on_commit
from commissioning.documents.models import Document, DocumentStatus
from commissioning.documents.tasks import task_render_document
from commissioning.registry import Summary
from panels.meetings.models import MeetingSlot
from panels.membership.models import Declaration, PanelMember
from panels.membership.selectors import proposals_for_member
from panels.scoring.models import Criterion
from proposals.review.models import SimilarProposal
from proposals.submission.models import ProposalVersion
from proposals.submission.reading import read_version

KIND = "panels.pack"


def pack_title(member):
    return _("Panel pack for %(name)s, %(panel)s") % {
        "name": member.user.full_name or member.user.email,
        "panel": member.panel,
    }


def latest_pack(member):
    return (
        Document.objects.filter(
            kind=KIND, content_type=ContentType.objects.get_for_model(PanelMember), object_id=member.pk
        )
        .order_by("-version")
        .first()
    )


def is_stale(member, document):
    """Whether a declaration was made or changed since ``document`` was asked for: what the member
    may see may have changed, so it is not served."""
    return Declaration.objects.filter(member=member, updated_at__gte=document.requested_at).exists()


def servable_pack(member):
    """The member's pack if it is ready and still shows only what they may see, else None."""
    document = latest_pack(member)
    if document is None or document.status != DocumentStatus.READY or is_stale(member, document):
        return None
    return document


def request_pack(member, *, fresh=False):
    """The member's pack, a new version queued for rendering when there is none, when ``fresh``,
    when the last failed, or when a declaration changed since it was asked for. The member's row
    is locked so that two requests at once make one version. Side effect: the render task, queued
    after commit."""
    with transaction.atomic():
        member = PanelMember.objects.select_for_update().select_related("panel__round", "user").get(pk=member.pk)
        latest = latest_pack(member)
        if latest is not None and not fresh and latest.status != DocumentStatus.FAILED and not is_stale(member, latest):
            return latest
        document = Document.objects.create(
            round=member.panel.round,
            kind=KIND,
            content_type=ContentType.objects.get_for_model(PanelMember),
            object_id=member.pk,
            version=(latest.version + 1) if latest else 1,
            title=pack_title(member)[:300],
        )
        enqueue_on_commit(task_render_document, document_id=document.pk)
    return document


def rebuild_pack(member):
    """After a declaration changed what ``member`` may see: a new version of a pack they already
    have (none is made for a member who never asked for one)."""
    if latest_pack(member) is None:
        return None
    return request_pack(member, fresh=True)


def pack_summary(round_, user):
    """For a panel member: the link to their own pack on the round's page."""
    if not getattr(user, "is_authenticated", False):
        return None
    members = PanelMember.objects.filter(panel__round=round_, user=user).select_related("panel__priority")
    links = [
        (
            _("Your panel pack: %(panel)s") % {"panel": member.panel},
            reverse("panel_pack", args=[round_.pk, member.panel_id, member.pk]),
        )
        for member in members
    ]
    return Summary(title=_("Selection panels"), links=links) if links else None


def build_pack(document):
    """The template and context of a member's pack, read when it renders (so never older than the
    member's declarations at that moment)."""
    member = PanelMember.objects.select_related("panel__round", "panel__priority", "user").get(pk=document.object_id)
    panel = member.panel
    round_ = panel.round
    proposals = list(proposals_for_member(member).select_related("lead_organisation").order_by("title", "pk"))
    visible = {proposal.pk for proposal in proposals}
    latest = {}
    for version in ProposalVersion.objects.filter(proposal_id__in=visible).order_by("proposal_id", "-number"):
        latest.setdefault(version.proposal_id, version)
    entries = [
        {
            "proposal": proposal,
            "version": latest.get(proposal.pk),
            **(read_version(latest[proposal.pk].data, round_.number_of_years) if proposal.pk in latest else {}),
        }
        for proposal in proposals
    ]
    criteria = list(Criterion.objects.filter(panel=panel).prefetch_related("levels").order_by("order", "pk"))
    slots = [
        {
            "slot": slot,
            "proposal": booking.proposal if booking and booking.proposal_id in visible else None,
            "booked": booking is not None,
        }
        for slot in MeetingSlot.objects.filter(panel=panel).select_related("booking__proposal").order_by("starts_at")
        for booking in [getattr(slot, "booking", None)]
    ]
    titles = {proposal.pk: proposal.title for proposal in proposals}
    similar = [
        {"first": titles[row.proposal_id], "second": titles[row.other_id], "score": row.score, "reasons": row.reasons}
        for row in SimilarProposal.objects.filter(proposal_id__in=visible, other_id__in=visible).order_by("-score")
        if row.proposal_id < row.other_id
    ]
    return "pdf/panels/scoring/pack.html", {
        "member": member,
        "panel": panel,
        "round": round_,
        "entries": entries,
        "criteria": criteria,
        "scale": list(range(panel.scale_max + 1)),
        "slots": slots,
        "similar": similar,
        "years": round_.years,
        "made_at": timezone.now(),
    }
