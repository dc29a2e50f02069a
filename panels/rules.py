"""The django-rules permissions of every area of the panels stage (autodiscovered through this module)."""

from panels.brokering import rules as brokering_rules
from panels.contracts import rules as contracts_rules
from panels.decisions import rules as decisions_rules
from panels.letters import rules as letters_rules
from panels.meetings import rules as meetings_rules
from panels.membership import rules as membership_rules
from panels.scoring import pack_rules
from panels.scoring import rules as scoring_rules

__all__ = [
    "brokering_rules",
    "contracts_rules",
    "decisions_rules",
    "letters_rules",
    "meetings_rules",
    "membership_rules",
    "pack_rules",
    "scoring_rules",
]
