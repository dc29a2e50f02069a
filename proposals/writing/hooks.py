"""The writing area's registrations: how the audit trail reads it."""

from commissioning.registry import audit_sentences
from proposals.writing import sentences, sentences_sections

audit_sentences(sentences.SENTENCES)
audit_sentences(sentences_sections.SENTENCES)
