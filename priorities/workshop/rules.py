"""Who may do what at a priority workshop.

Voting is not a rule here: a ballot belongs to one participant, found from the signed-in
account or from the workshop code kept in the session (see priorities.views.workshop).
"""

import rules

from commissioning.rounds.rules import manages_round, sees_evidence
from priorities.workshop.enums import WorkshopState


@rules.predicate
def is_confirmed(user, workshop=None):
    return workshop is not None and getattr(workshop, "state", None) == WorkshopState.CONFIRMED


@rules.predicate
def is_participant(user, workshop=None):
    if workshop is None or not getattr(user, "is_authenticated", False):
        return False
    return workshop.participants.filter(user=user).exists()


rules.add_perm("priorities.add_workshop", manages_round)

rules.add_perm("priorities.view_workshop_list", sees_evidence)

rules.add_perm("priorities.manage_workshop", manages_round)

rules.add_perm("priorities.view_workshop", manages_round | is_participant | (is_confirmed & sees_evidence))

rules.add_perm("priorities.view_workshop_results", manages_round | (is_confirmed & sees_evidence))
