import pytest

from priorities.evidence.csv_imports import SurveyResultImport
from priorities.evidence.models import SurveyResult
from tests.factories.priorities import CandidateIssueFactory
from tests.priorities.evidence.test_evidence import refused_details


@pytest.mark.django_db
def test_survey_sample_size_past_the_bound_is_refused_by_row(round_, officer):
    CandidateIssueFactory(round=round_, name="Worklessness")
    text = f"issue,share_percent,sample_size,survey_date\nWorklessness,41.2,{2**31},2026-06-30\n"

    _, details = refused_details(SurveyResultImport(by=officer, round_=round_), text)

    assert details == ["Row 2, column “sample_size”: Enter a whole number no more than 10000000."]
    assert not SurveyResult.objects.exists()
