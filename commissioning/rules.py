"""The django-rules permissions of every area of commissioning (autodiscovered through this module)."""

from commissioning.partnerships import rules as partnerships_rules
from commissioning.rounds import rules as rounds_rules

__all__ = ["partnerships_rules", "rounds_rules"]
