"""The django-rules permissions of every area of the panels stage (autodiscovered through this module)."""

from panels.brokering import rules as brokering_rules
from panels.decisions import rules as decisions_rules
from panels.meetings import rules as meetings_rules
from panels.membership import rules as membership_rules
from panels.scoring import pack_rules
from panels.scoring import rules as scoring_rules

__all__ = ["brokering_rules", "decisions_rules", "meetings_rules", "membership_rules", "pack_rules", "scoring_rules"]
