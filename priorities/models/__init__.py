from .evidence import CandidateIssue, SurveyResult
from .priorities import CrossCuttingTheme, Priority

__all__ = ["CandidateIssue", "SurveyResult", "Priority", "CrossCuttingTheme"]
