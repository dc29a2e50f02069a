"""Who may do what in a round. Rights come from a person's roles in that round.

``round_of`` finds the round of any object that has one, so the same predicates
serve every model of every stage.
"""

import rules

from commissioning.enums import Role
from commissioning.partnerships.selectors import is_partnership_officer
from commissioning.rounds.models import round_of
from commissioning.rounds.selectors import roles_in


def has_role(*wanted):
    names = "_or_".join(wanted)

    @rules.predicate(name=f"is_{names}")
    def predicate(user, obj=None):
        return bool(roles_in(user, round_of(obj)) & set(wanted))

    return predicate


is_officer = has_role(Role.OFFICER)

is_bidder = has_role(Role.BIDDER)


@rules.predicate
def is_in_round(user, obj=None):
    return bool(roles_in(user, round_of(obj)))


@rules.predicate
def leads_its_partnership(user, obj=None):
    """An officer of the partnership the round belongs to: they follow every round it runs."""
    round_ = round_of(obj)
    return round_ is not None and is_partnership_officer(user, round_.partnership)


is_admin = rules.is_superuser

manages_round = is_officer | is_admin

# Evidence is studied by everyone taking part: board, sub-groups, panels, sponsors.
sees_evidence = manages_round | has_role(Role.BOARD, Role.SUBGROUP, Role.PANEL, Role.SPONSOR)

rules.add_perm("commissioning.view_round", is_in_round | leads_its_partnership | is_admin)

rules.add_perm("commissioning.change_round", manages_round)

rules.add_perm("commissioning.advance_round", manages_round)

rules.add_perm("commissioning.manage_people", manages_round)

rules.add_perm("commissioning.view_people", manages_round)

rules.add_perm("commissioning.view_audit", manages_round)

rules.add_perm("commissioning.view_plan", sees_evidence)

rules.add_perm("commissioning.change_plan", manages_round)

rules.add_perm("commissioning.view_outbox", manages_round)


@rules.predicate
def is_officer_anywhere(user, obj=None):
    return getattr(user, "is_authenticated", False) and user.round_roles.filter(role=Role.OFFICER).exists()


# Organisations are shared across rounds; officers of any round and staff keep them.
rules.add_perm("commissioning.manage_organisations", is_officer_anywhere | rules.is_staff | is_admin)
