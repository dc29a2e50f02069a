"""The django-rules permissions of every area of commissioning (autodiscovered through this module)."""

from commissioning.rounds import rules as rounds_rules

__all__ = ["rounds_rules"]
