"""Who brokers: the panel's chair and the round's officers ask and withdraw; the people of an
addressed proposal's lead organisation answer (a bidder sees only the requests addressed to them)."""

import rules

from commissioning.rounds.rules import manages_round
from panels.membership.rules import is_panel_chair
from proposals.writing.rules import acts_for_lead

rules.add_perm("panels.broker", manages_round | is_panel_chair)
rules.add_perm("panels.answer_brokering", acts_for_lead)
