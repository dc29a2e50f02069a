"""Who may read and write specifications, run the mailing list and answer questions.

Drafts are read by the people preparing the round (officers, board, every sub-group,
sponsors); only the priority's own sub-group and officers write them. Bidders, panels
and the public see a specification once it is published.
"""

import rules

from commissioning.enums import Role
from commissioning.rounds.rules import has_role, is_bidder, manages_round
from priorities.specifications.models import Specification, SubgroupMember
from priorities.workshop.models import Priority

sees_drafts = manages_round | has_role(Role.BOARD, Role.SUBGROUP, Role.SPONSOR)


def _priority_of(obj):
    if isinstance(obj, Specification):
        return obj.priority_id
    if isinstance(obj, Priority):
        return obj.pk
    return None


@rules.predicate
def is_priority_subgroup_member(user, obj=None):
    """On the sub-group of this very priority (and still holding the round's sub-group role)."""
    priority_id = _priority_of(obj)
    if priority_id is None or not getattr(user, "is_authenticated", False):
        return False
    if "_subgroup_priorities" not in user.__dict__:
        user.__dict__["_subgroup_priorities"] = frozenset(
            SubgroupMember.objects.filter(user=user).values_list("priority_id", flat=True)
        )
    return priority_id in user.__dict__["_subgroup_priorities"]


@rules.predicate
def is_published(user, obj=None):
    return isinstance(obj, Specification) and obj.is_public


writes_specification = manages_round | (has_role(Role.SUBGROUP) & is_priority_subgroup_member)

rules.add_perm("priorities.view_specification", is_published | sees_drafts)

rules.add_perm("priorities.view_specification_drafts", sees_drafts)

rules.add_perm("priorities.change_specification", writes_specification)

rules.add_perm("priorities.submit_specification", writes_specification)

rules.add_perm("priorities.approve_specification", manages_round)

rules.add_perm("priorities.publish_specification", manages_round)

rules.add_perm("priorities.amend_specification", manages_round)

rules.add_perm("priorities.manage_subgroups", manages_round)

rules.add_perm("priorities.view_send_log", manages_round)

rules.add_perm("priorities.manage_mailing_list", manages_round)

rules.add_perm("priorities.ask_question", is_bidder & is_published)

rules.add_perm("priorities.answer_question", manages_round)
