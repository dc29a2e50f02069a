"""The django-rules permissions of every area of commissioning (autodiscovered through this module)."""

from commissioning.funding import rules as funding_rules
from commissioning.partnerships import rules as partnerships_rules
from commissioning.rounds import rules as rounds_rules

__all__ = ["funding_rules", "partnerships_rules", "rounds_rules"]
