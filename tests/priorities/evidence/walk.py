"""The evidence pages for the walking tests (tests/walking/registry.py)."""

from tests.factories.priorities import CandidateIssueFactory, SurveyResultFactory
from tests.walking.registry import EVIDENCE, OFFICERS, thing, url


@thing("issue")
def _issue(world, side):
    issue = CandidateIssueFactory(round=world.round(side), outcome=world.get(side, "outcome"))
    SurveyResultFactory(issue=issue)
    return issue


url("evidence_issues", allow=EVIDENCE)
url("evidence_issue_create", allow=OFFICERS)
url("evidence_issue", pk="issue", allow=EVIDENCE)
url("evidence_issue_edit", pk="issue", allow=OFFICERS)
url("evidence_import_issues", allow=OFFICERS)
url("evidence_import_survey", allow=OFFICERS)
