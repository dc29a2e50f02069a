"""What writing adds to the round: how the audit trail reads its sections' changes."""

from commissioning.registry import audit_sentences
from proposals.writing import sentences_sections

audit_sentences(sentences_sections.SENTENCES)
