"""Reads by area; import from the submodule (priorities.selectors.evidence)."""
