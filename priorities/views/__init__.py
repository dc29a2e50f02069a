"""Views by area: evidence, workshop, specifications, mailing list, clarifications."""
