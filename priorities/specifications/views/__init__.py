"""Pages of the specifications area: specifications, clarification questions, the mailing list
and the public page of the call."""
