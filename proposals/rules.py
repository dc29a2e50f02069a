"""The django-rules permissions of every area of the proposals stage (autodiscovered through this module)."""

from proposals.writing import rules as writing_rules

__all__ = ["writing_rules"]
