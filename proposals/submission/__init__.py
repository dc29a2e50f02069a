"""Submission: the deadline (and an officer's extension), submitting, withdrawing and the versions.

Submitting records an immutable version of the whole proposal and sends the lead a receipt.
"""
