"""Tools that know nothing of rounds, shared by every stage: domain errors, money, on-commit
queueing, prepared statements, SVG charts, CSV export and import, form and view mixins, template tags."""
