"""The django-rules permissions of every area of the panels stage (autodiscovered through this module)."""

from panels.meetings import rules as meetings_rules
from panels.membership import rules as membership_rules
from panels.scoring import rules as scoring_rules

__all__ = ["meetings_rules", "membership_rules", "scoring_rules"]
