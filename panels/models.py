"""The models of every area of the panels stage, gathered for Django (the app's models module)."""

from panels.brokering.models import BrokeringParty, BrokeringRequest
from panels.contracts.models import (
    Contract,
    ContractCondition,
    ContractIndicator,
    ContractMilestone,
    ContractOutput,
    ContractVersion,
    Instalment,
    ReportDue,
)
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding, DecisionSettings
from panels.meetings.models import Attendee, Booking, FollowUp, MeetingQuestion, MeetingRecord, MeetingSlot
from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from panels.scoring.models import Criterion, LevelDescriptor, ModeratedScore, Recommendation, Score, ScoreSheet

__all__ = [
    "Contract",
    "ContractCondition",
    "ContractIndicator",
    "ContractMilestone",
    "ContractOutput",
    "ContractVersion",
    "Instalment",
    "ReportDue",
    "Attendee",
    "Booking",
    "BrokeringParty",
    "BrokeringRequest",
    "Criterion",
    "Decision",
    "DecisionCondition",
    "DecisionFunding",
    "DecisionSettings",
    "Declaration",
    "FollowUp",
    "LevelDescriptor",
    "MeetingQuestion",
    "MeetingRecord",
    "MeetingSlot",
    "ModeratedScore",
    "Panel",
    "PanelInvitation",
    "PanelMember",
    "Recommendation",
    "Score",
    "ScoreSheet",
]
