"""Who may do what with contracts: officers read and edit every contract of their round and send it; the
people of the lead organisation and of its confirmed partners read theirs; only the lead's people accept."""

import rules

from commissioning.rounds.rules import manages_round
from proposals.writing.rules import acts_for_confirmed_partner, acts_for_lead

rules.add_perm("panels.view_contract", manages_round | acts_for_lead | acts_for_confirmed_partner)
rules.add_perm("panels.change_contract", manages_round)
rules.add_perm("panels.accept_contract", acts_for_lead)
