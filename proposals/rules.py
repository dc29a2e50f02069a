"""The django-rules permissions of every area of the proposals stage (autodiscovered through this module)."""

from proposals.bidders import rules as bidders_rules
from proposals.consortium import rules as consortium_rules
from proposals.writing import rules as writing_rules

__all__ = ["bidders_rules", "consortium_rules", "writing_rules"]
