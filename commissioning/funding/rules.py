"""Who sees and changes a round's funding sources and budget summaries."""

import rules

from commissioning.enums import Role
from commissioning.rounds.rules import has_role, is_admin, is_officer

# The round's money is read by those who run it and take part in it, never by bidders.
sees_funding = is_officer | is_admin | has_role(Role.BOARD, Role.SUBGROUP, Role.PANEL, Role.SPONSOR)

rules.add_perm("commissioning.view_funding", sees_funding)

rules.add_perm("commissioning.change_funding", is_officer | is_admin)
