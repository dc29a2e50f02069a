"""What submission adds to the round: the receipt PDF's builder and how the audit trail reads
submissions, withdrawals and extensions."""

from commissioning.registry import audit_sentences, document_builder
from proposals.submission import documents, sentences

document_builder(documents.RECEIPT_PDF)(documents.build_receipt_pdf)
audit_sentences(sentences.SENTENCES)
