from .evidence import CandidateIssue, SurveyResult
from .mailing import Announcement, Subscriber
from .priorities import CrossCuttingTheme, Priority
from .specifications import Question, Specification, SpecificationFollower, SpecificationVersion, SubgroupMember
from .workshop import DiscussionGroup, Dot, PaperCount, Participant, TieDecision, Workshop, WorkshopIssue

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
    "Workshop",
    "WorkshopIssue",
    "DiscussionGroup",
    "Participant",
    "Dot",
    "PaperCount",
    "TieDecision",
]
