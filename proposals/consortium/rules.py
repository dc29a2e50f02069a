"""Who sees a bidder's dashboard: the people with a bidder's role in the round (registering an
organisation, or confirming a partnership, gives it). Managing the consortium is the lead's
(``proposals.manage_consortium`` in proposals.writing.rules)."""

import rules

from commissioning.rounds.rules import is_bidder

rules.add_perm("proposals.view_bidder_dashboard", is_bidder)
