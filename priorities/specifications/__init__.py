"""Specifications: one outcome-based specification per priority, written by its sub-group,
versioned, approved and published to the mailing list, with clarification questions answered
to all and the public page of the call. States: draft -> submitted for approval -> approved ->
published -> published (amended). Registers the call's guard (every priority has a published
specification), its summary, the open calls listed on the home page, the specification PDF and
the demo's specifications."""
