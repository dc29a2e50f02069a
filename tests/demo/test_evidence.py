"""The demo's evidence: the plan's outcomes and indicators with readings, and the candidate issues."""

from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from priorities.evidence.models import CandidateIssue, SurveyResult


def test_demo_evidence_has_outcomes_indicators_readings_and_issues_with_survey_results(demo_round):
    indicators = Indicator.objects.count()
    issues = CandidateIssue.objects.filter(round=demo_round)
    assert StrategicOutcome.objects.count() == 6 and indicators >= 12 and issues.count() == 12
    assert IndicatorReading.objects.exclude(area="").exists()
    assert IndicatorReading.objects.count() > indicators * 5
    assert SurveyResult.objects.count() >= issues.count()
    assert set(issues.values_list("name", flat=True)) >= {
        "Worklessness",
        "Crime and community safety",
        "Health inequalities",
        "Skills",
    }
    assert all(issue.survey_results.exists() for issue in issues)
