from .evidence import CandidateIssue, SurveyResult
from .mailing import Announcement, Subscriber
from .priorities import CrossCuttingTheme, Priority
from .specifications import Question, Specification, SpecificationFollower, SpecificationVersion, SubgroupMember

__all__ = [
    "CandidateIssue",
    "SurveyResult",
    "Priority",
    "CrossCuttingTheme",
    "Specification",
    "SpecificationVersion",
    "SubgroupMember",
    "Question",
    "SpecificationFollower",
    "Subscriber",
    "Announcement",
]
