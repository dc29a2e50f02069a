"""Views of the writing area: starting a proposal, the proposal page and its section pages."""
