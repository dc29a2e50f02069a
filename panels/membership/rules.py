"""Who may do what on a selection panel.

Officers set up panels and see every declaration. A panel's members read and score only their
panel's eligible proposals, once they have declared about every one, and never one they have an
interest in (404). The chair also sees every declaration, moderates and recommends. Bidders see
nothing of a panel beyond their own meeting and the requests addressed to them.
"""

import rules

from commissioning.rounds.rules import manages_round
from panels.membership.enums import MemberRole
from panels.membership.models import Panel
from panels.membership.selectors import has_declared_all, has_interest, membership, panel_of_proposal, reaches_panel
from proposals.writing.models import Proposal


def _panel_of(obj):
    if isinstance(obj, Panel):
        return obj
    if isinstance(obj, Proposal):
        return panel_of_proposal(obj)
    return getattr(obj, "panel", None)


@rules.predicate
def is_panel_member(user, obj=None):
    return membership(user, _panel_of(obj)) is not None


@rules.predicate
def is_panel_chair(user, obj=None):
    member = membership(user, _panel_of(obj))
    return member is not None and member.role == MemberRole.CHAIR


@rules.predicate
def may_read_proposal(user, obj=None):
    """A member of the proposal's panel who has declared about every proposal and has no interest in this one."""
    if not isinstance(obj, Proposal) or not reaches_panel(obj):
        return False
    member = membership(user, _panel_of(obj))
    return member is not None and has_declared_all(member) and not has_interest(member, obj)


rules.add_perm("panels.manage_panel", manages_round)
rules.add_perm("panels.view_panel", manages_round | is_panel_member)
rules.add_perm("panels.view_declarations", manages_round | is_panel_chair)
rules.add_perm("panels.declare", is_panel_member)
rules.add_perm("panels.read_proposal", manages_round | may_read_proposal)
rules.add_perm("panels.score_proposal", may_read_proposal)
rules.add_perm("panels.moderate", is_panel_chair)
rules.add_perm("panels.recommend", is_panel_chair)
