"""Who has a member's panel pack: that member, and the round's officers; nobody else (not the chair)."""

import rules

from commissioning.rounds.rules import manages_round


@rules.predicate
def is_that_member(user, member=None):
    return member is not None and getattr(user, "pk", None) == member.user_id


@rules.predicate
def manages_members_round(user, member=None):
    return member is not None and manages_round(user, member.panel)


rules.add_perm("panels.view_pack", is_that_member | manages_members_round)
