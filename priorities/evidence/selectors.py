"""Reads of the evidence behind the workshop: candidate issues, their indicators and the residents' survey."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from commissioning.plan.models import Indicator, IndicatorReading
from priorities.evidence.models import CandidateIssue, SurveyResult


def candidate_issues(round_):
    """The round's candidate issues with their outcome, indicators and survey results (newest first) loaded."""
    return (
        CandidateIssue.objects.filter(round=round_)
        .select_related("outcome")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
            Prefetch("survey_results", queryset=SurveyResult.objects.order_by("-survey_date")),
        )
        .order_by("name")
    )


def issue_with_evidence(round_, pk):
    """One issue of the round (404 otherwise) with its indicators and their readings loaded."""
    readings = IndicatorReading.objects.order_by("area", "date")
    queryset = (
        CandidateIssue.objects.filter(round=round_)
        .select_related("outcome")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("outcome")
                .prefetch_related(Prefetch("readings", queryset=readings))
                .order_by("code"),
            ),
            Prefetch("survey_results", queryset=SurveyResult.objects.order_by("-survey_date")),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def latest_survey_results(round_):
    """Each issue's most recent survey result, with its issue loaded."""
    latest = {}
    for result in (
        SurveyResult.objects.filter(round=round_).select_related("issue").order_by("issue_id", "-survey_date")
    ):
        latest.setdefault(result.issue_id, result)
    return list(latest.values())
