"""The priority workshop: the wall of issues, participants and their join codes, discussion
groups, dots (on phones, or paper counts), the tally, ties across the cut-off, the chosen
priorities and cross-cutting themes. States: draft -> open for discussion -> voting open <->
voting closed -> results confirmed. Registers the specifications' guard (priorities confirmed),
its summary, the results PDF and the demo's workshops."""
