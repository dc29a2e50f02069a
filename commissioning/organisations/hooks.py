"""What organisations add to the registry: how the audit trail reads their changes."""

from commissioning.organisations import sentences
from commissioning.registry import audit_sentences

audit_sentences(sentences.SENTENCES)
