"""Specifications: one outcome-based specification per priority, written by its sub-group,
versioned, approved and published to the mailing list, with clarification questions answered
to all and the public page of the call. States: draft -> submitted for approval -> approved ->
published -> published (amended). On submission the sponsor's contact and finance officer are each
asked to confirm the sponsor's commitment (a sign-off: waiting -> confirmed or declined; superseded
when the sponsor's details change); approval waits for both. Registers the call's guard (every
priority has a published specification), its summary, the open calls listed on the home page, the
sponsor's panel on its people's home page, the specification PDF and the demo's specifications."""
