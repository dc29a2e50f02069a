"""The models of every area of commissioning, gathered for Django (the app's models module)."""

from commissioning.accounts.models import User, UserManager
from commissioning.audit.models import AuditEntry
from commissioning.documents.models import Document
from commissioning.funding.models import FundingSource
from commissioning.imports.models import ImportJob
from commissioning.organisations.models import Organisation
from commissioning.outbox.models import OutgoingEmail
from commissioning.partnerships.models import Partnership, PartnershipMember
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from commissioning.rounds.models import Invitation, Round, RoundRole

__all__ = [
    "AuditEntry",
    "Document",
    "FundingSource",
    "ImportJob",
    "Indicator",
    "IndicatorReading",
    "Invitation",
    "Organisation",
    "OutgoingEmail",
    "Partnership",
    "PartnershipMember",
    "Round",
    "RoundRole",
    "StrategicOutcome",
    "User",
    "UserManager",
]
