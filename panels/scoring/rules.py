"""Who may do what in scoring: officers and the chair edit criteria; a member who may read a proposal
scores it; the chair moderates and recommends on proposals they have no interest in; officers and
the chair read the ranking."""

import rules

from commissioning.rounds.rules import manages_round
from panels.membership.rules import is_panel_chair, may_read_proposal

rules.add_perm("panels.edit_criteria", manages_round | is_panel_chair)
rules.add_perm("panels.view_ranking", manages_round | is_panel_chair)
rules.add_perm("panels.moderate_proposal", is_panel_chair & may_read_proposal)
