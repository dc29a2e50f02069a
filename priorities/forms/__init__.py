"""Forms by area; import from the submodule (priorities.forms.workshop)."""
