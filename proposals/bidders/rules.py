"""Who may register an organisation to bid: anyone signed in, while the round is at the call for
proposals with a published specification. A confirmed email address is checked by the service
(and explained on the page), not here, so that the page can say what to do."""

import rules

from commissioning.rounds.models import round_of
from proposals.bidders.selectors import takes_registrations


@rules.predicate
def round_takes_registrations(user, obj=None):
    return takes_registrations(round_of(obj))


rules.add_perm("proposals.register_bidder", rules.is_authenticated & round_takes_registrations)
