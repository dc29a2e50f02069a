"""The models of every area of the priorities stage, gathered for Django (the app's models module)."""

from priorities.evidence.models import CandidateIssue, SurveyResult
from priorities.specifications.models import (
    Announcement,
    Question,
    Specification,
    SpecificationFollower,
    SpecificationVersion,
    SponsorSignoff,
    SubgroupMember,
    Subscriber,
)
from priorities.workshop.models import (
    CrossCuttingTheme,
    DiscussionGroup,
    Dot,
    PaperCount,
    Participant,
    Priority,
    TieDecision,
    Workshop,
    WorkshopIssue,
)

__all__ = [
    "Announcement",
    "CandidateIssue",
    "CrossCuttingTheme",
    "DiscussionGroup",
    "Dot",
    "PaperCount",
    "Participant",
    "Priority",
    "Question",
    "Specification",
    "SpecificationFollower",
    "SpecificationVersion",
    "SponsorSignoff",
    "SubgroupMember",
    "Subscriber",
    "SurveyResult",
    "TieDecision",
    "Workshop",
    "WorkshopIssue",
]
