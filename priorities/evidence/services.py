"""Writes of the evidence behind the workshop: candidate issues and the residents' survey,
by form and by CSV import."""

from django.db import transaction
from django.utils.translation import gettext as _

from commissioning.audit.services import audit, snapshot
from commissioning.common.errors import ApplicationError
from priorities.evidence.models import CandidateIssue

ISSUE_FIELDS = ["name", "description", "outcome"]


def _issue_state(issue, indicators):
    return {**snapshot(issue, ISSUE_FIELDS), "indicators": sorted(i.code for i in indicators)}


@transaction.atomic
def save_candidate_issue(issue, *, by, indicators=()):
    """Create or update a candidate issue and set its indicators.

    Side effects: an audit entry when anything changed. Raises ApplicationError for a name
    another issue of the round has, or an outcome or indicator from another partnership's plan.
    """
    round_ = issue.round
    issue.name = issue.name.strip()
    indicators = list(indicators)
    plan = round_.partnership_id
    if issue.outcome.partnership_id != plan or any(i.outcome.partnership_id != plan for i in indicators):
        raise ApplicationError(_("Choose outcomes and indicators of this round's plan."))
    taken = CandidateIssue.objects.filter(round=round_, name__iexact=issue.name).exclude(pk=issue.pk)
    if taken.exists():
        raise ApplicationError(_("Another candidate issue is already called “%(name)s”.") % {"name": issue.name})
    creating = issue.pk is None
    before = None
    if not creating:
        current = CandidateIssue.objects.select_for_update().get(pk=issue.pk)
        before = _issue_state(current, current.indicators.all())
    issue.full_clean(validate_unique=False)
    issue.save()
    issue.indicators.set(indicators)
    after = _issue_state(issue, indicators)
    if before != after:
        audit(
            "evidence.issue_created" if creating else "evidence.issue_updated",
            by=by,
            round_=round_,
            obj=issue,
            before=before,
            after=after,
        )
    return issue
