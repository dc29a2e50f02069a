"""Writes of the specifications area, split by action: writing and approving specifications,
the mailing list and announcements, clarification questions."""
