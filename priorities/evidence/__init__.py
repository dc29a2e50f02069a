"""Evidence: the candidate issues for the workshop, linked to the plan's outcomes and
indicators, and the residents' survey. No states. Registers the workshop's guard (candidate
issues exist), its summary on the round's page and the demo's evidence."""
