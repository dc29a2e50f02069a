"""The django-rules permissions of every area of the panels stage (autodiscovered through this module)."""

from panels.membership import rules as membership_rules

__all__ = ["membership_rules"]
