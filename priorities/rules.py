"""The django-rules permissions of every area of the priorities stage (autodiscovered through this module)."""

from priorities.evidence import rules as evidence_rules
from priorities.specifications import rules as specifications_rules
from priorities.workshop import rules as workshop_rules

__all__ = ["evidence_rules", "specifications_rules", "workshop_rules"]
