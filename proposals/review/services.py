"""The officers' review: eligibility decisions, exports of the proposal list and the similar-proposal finder."""

import logging
import tempfile
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from commissioning.common.queue import enqueue_on_commit
from commissioning.rounds.models import Round
from proposals.review import exports, selectors
from proposals.review.models import ExportFormat, ExportStatus, ProposalExport, SimilarProposal
from proposals.review.tasks import task_find_similar_proposals, task_run_export
from proposals.writing.enums import Eligibility, PartnerState, ProposalState
from proposals.writing.models import Proposal

logger = logging.getLogger(__name__)

# An export claimed this long ago by a worker that then died is taken up again.
STALE_AFTER = timedelta(minutes=15)


class ReviewError(ApplicationError):
    default_message = gettext_lazy("That cannot be done to this proposal.")


# Eligibility


def decide_eligibility(proposal, *, eligible, reason, by):
    """Record an officer's decision that a submitted proposal is eligible or not, with its reason.

    A decision can be changed with a new reason; each one is audited. Drafts and withdrawn
    proposals are refused. Side effects: the audit entry ``proposal.eligibility_decided``."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Enter the reason for the decision."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
        if proposal.state != ProposalState.SUBMITTED:
            raise ReviewError(
                _("Only a submitted proposal can be found eligible or not eligible; this one is “%(state)s”.")
                % {"state": proposal.get_state_display()}
            )
        decision = Eligibility.ELIGIBLE if eligible else Eligibility.NOT_ELIGIBLE
        before = {"eligibility": proposal.eligibility, "reason": proposal.eligibility_reason}
        proposal.eligibility = decision
        proposal.eligibility_reason = reason
        proposal.eligibility_decided_by = by
        proposal.eligibility_decided_at = timezone.now()
        proposal.save(
            update_fields=["eligibility", "eligibility_reason", "eligibility_decided_by", "eligibility_decided_at"]
        )
        audit(
            "proposal.eligibility_decided",
            by=by,
            round_=proposal.round,
            obj=proposal,
            before=before,
            after={"eligibility": decision, "reason": reason},
            summary=reason,
        )
    return proposal


# Similar proposals


def queue_similarity(round_):
    """Queue the similar-proposal finder for ``round_`` once the transaction commits: called when a
    proposal is submitted, changed after submission or withdrawn."""
    enqueue_on_commit(task_find_similar_proposals, round_id=round_.pk)


def _candidate(proposal, candidate_class, neighbourhoods_of):
    organisations = {}
    for partner in proposal.partners.all():
        if partner.state != PartnerState.CONFIRMED and not partner.is_lead:
            continue
        if partner.organisation_id is not None:
            organisations[f"org:{partner.organisation_id}"] = partner.organisation.name
        else:
            organisations[f"name:{partner.organisation_name.casefold().strip()}"] = partner.organisation_name
    return candidate_class(
        pk=proposal.pk,
        priority=proposal.specification.priority_id,
        text="\n".join((proposal.title, proposal.activity, proposal.how_outcome)),
        organisations=organisations,
        neighbourhoods=neighbourhoods_of(proposal.neighbourhoods),
    )


def _score(value):
    return Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def find_similar_proposals(round_):
    """Find, for each submitted proposal of ``round_``, its most similar other submitted proposals,
    and replace the round's similar-proposal rows with them in one transaction.

    The comparison runs with nothing locked; the round's row is locked while its rows are replaced,
    so two runs at once write one after the other. Returns the number of rows written."""
    from proposals.review.similarity import (  # noqa: PLC0415 -- slow import (scikit-learn), kept out of web start-up
        Candidate,
        find_similar,
        neighbourhoods_of,
    )

    candidates = [
        _candidate(proposal, Candidate, neighbourhoods_of)
        for proposal in selectors.submitted_for_similarity(round_).iterator(2000)
    ]
    matches = find_similar(candidates)
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        # Only proposals still submitted: one withdrawn while the finder ran is left out.
        still = set(Proposal.objects.filter(round=round_, state=ProposalState.SUBMITTED).values_list("pk", flat=True))
        SimilarProposal.objects.filter(proposal__round=round_).delete()
        SimilarProposal.objects.bulk_create(
            (
                SimilarProposal(
                    proposal_id=match.proposal,
                    other_id=match.other,
                    score=_score(match.score),
                    same_priority=match.same_priority,
                    reasons=match.reasons,
                )
                for match in matches
                if match.proposal in still and match.other in still
            ),
            batch_size=2000,
        )
    return SimilarProposal.objects.filter(proposal__round=round_).count()


# Exports


def request_export(round_, *, export_format, by):
    """Start an export of the round's proposal list in ``export_format`` (csv or xlsx).

    Side effects: the export is stored, waiting; its task is queued after commit (the sweep runs it
    if the broker is down)."""
    if export_format not in ExportFormat.values:
        raise ReviewError(_("Choose CSV or Excel."))
    export = ProposalExport.objects.create(round=round_, format=export_format, requested_by=by)
    enqueue_on_commit(task_run_export, export_id=export.pk)
    return export


def _claim(export_id):
    """Take the export for this worker; False when another has it or it has finished. While an
    export runs, ``finished_at`` holds the time of its latest progress, so a dead worker's is seen."""
    now = timezone.now()
    claimable = Q(status=ExportStatus.PENDING) | Q(status=ExportStatus.RUNNING, finished_at__lt=now - STALE_AFTER)
    return bool(
        ProposalExport.objects.filter(claimable, pk=export_id).update(
            status=ExportStatus.RUNNING, rows_done=0, finished_at=now
        )
    )


def run_export(export_id):
    """Write one export's file, reporting its progress as it goes. Safe to run twice: an export
    already taken by another worker is left alone.

    Side effects: the export's file in private storage, its progress and its status."""
    if not _claim(export_id):
        return None
    export = ProposalExport.objects.select_related("round").get(pk=export_id)
    round_ = export.round
    total = Proposal.objects.filter(round=round_).count()
    ProposalExport.objects.filter(pk=export_id).update(rows_total=total)

    def progress(done):
        ProposalExport.objects.filter(pk=export_id).update(rows_done=done, finished_at=timezone.now())

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    try:
        if export.format == ExportFormat.CSV:
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as handle:
                exports.write_csv(round_, handle, progress=progress)
                handle.seek(0)
                export.file.save(f"proposals-{round_.pk}-{stamp}.csv", File(handle), save=False)
        else:
            with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
                exports.write_xlsx(round_, handle.name, progress=progress)
                handle.seek(0)
                export.file.save(f"proposals-{round_.pk}-{stamp}.xlsx", File(handle), save=False)
    except Exception:
        logger.exception("export %s failed", export_id)
        ProposalExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED,
            error=_("The export failed because of a problem on our side. Try again later."),
            finished_at=timezone.now(),
        )
    else:
        ProposalExport.objects.filter(pk=export_id).update(
            status=ExportStatus.READY, file=export.file.name, finished_at=timezone.now()
        )
    return ProposalExport.objects.get(pk=export_id)


def run_waiting_exports(*, older_than_seconds=30):
    """The sweep for exports whose task never ran (broker down when asked for) or whose worker died."""
    now = timezone.now()
    ids = list(
        ProposalExport.objects.filter(
            Q(status=ExportStatus.PENDING, requested_at__lt=now - timedelta(seconds=older_than_seconds))
            | Q(status=ExportStatus.RUNNING, finished_at__lt=now - STALE_AFTER)
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        run_export(pk)
    return len(ids)
