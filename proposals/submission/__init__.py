"""Submission: the deadline (and an officer's extension), submitting, withdrawing and the versions.

A proposal goes draft -> submitted (again and again before the deadline, each time a new immutable
ProposalVersion holding the whole proposal as JSON) -> withdrawn, or stays submitted once the
deadline in force has passed. Each version has its receipt: a PDF ("proposals.receipt") emailed
to the lead's contact through the outbox. Registers the receipt's builder and the audit sentences
of submissions, withdrawals and extensions; the areas above hear of each change through
``proposals.writing.events``.
"""
