"""The writing area's registrations: how the audit trail reads it."""

from commissioning.registry import audit_sentences
from proposals.writing import sentences

audit_sentences(sentences.SENTENCES)
