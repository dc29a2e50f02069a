"""The city's strategic plan: outcomes, their performance indicators and readings over time,
entered on pages or imported from CSV. Registers the workshop's guard (the plan has outcomes
and indicators) and the plan's summary on the round's page."""
