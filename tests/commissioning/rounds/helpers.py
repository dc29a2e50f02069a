"""Helpers for the rounds' tests."""

from tests.factories.commissioning import IndicatorFactory, StrategicOutcomeFactory
from tests.factories.priorities import CandidateIssueFactory


def load_plan(round_):
    """Everything the registered guards ask for before the workshop: the plan and the candidate issues."""
    outcome = StrategicOutcomeFactory(round=round_)
    IndicatorFactory(outcome=outcome)
    CandidateIssueFactory(round=round_, outcome=outcome)
