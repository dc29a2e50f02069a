"""Writes and transitions by area; import from the submodule (priorities.services.workshop)."""
