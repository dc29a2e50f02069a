"""Who reads a proposal's letter: the people of its lead organisation and of its confirmed partners,
and the round's officers; nobody else. The permission's object is the proposal."""

import rules

from commissioning.rounds.rules import manages_round
from proposals.writing.rules import acts_for_confirmed_partner, acts_for_lead

rules.add_perm("panels.view_letter", manages_round | acts_for_lead | acts_for_confirmed_partner)
rules.add_perm("panels.list_letters", manages_round)
rules.add_perm("panels.remake_letter", manages_round)
