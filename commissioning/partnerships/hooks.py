"""What partnerships add to the registry: how the audit trail reads their actions."""

from commissioning.partnerships import sentences
from commissioning.registry import audit_sentences

audit_sentences(sentences.SENTENCES)
