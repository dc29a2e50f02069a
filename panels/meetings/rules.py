"""Who may do what with meetings.

Officers offer slots, assign, move or cancel any meeting. The lead organisation's people book,
move and see their own proposal's meeting and the follow-ups asked of it, nothing of any other.
The panel's members see the timetable, and record the meeting of a proposal they may read.
"""

import rules

from commissioning.rounds.rules import manages_round
from panels.membership.rules import may_read_proposal
from panels.membership.selectors import panel_of_proposal, reaches_panel
from proposals.writing.models import Proposal
from proposals.writing.rules import acts_for_lead


@rules.predicate
def meets_a_panel(user, obj=None):
    """A proposal the panel receives (submitted, eligible, its priority has a panel)."""
    return isinstance(obj, Proposal) and reaches_panel(obj) and panel_of_proposal(obj) is not None


rules.add_perm("panels.book_meeting", meets_a_panel & (manages_round | acts_for_lead))
rules.add_perm("panels.manage_meeting", meets_a_panel & manages_round)
rules.add_perm("panels.record_meeting", meets_a_panel & (manages_round | may_read_proposal))
rules.add_perm("panels.view_follow_ups", meets_a_panel & (manages_round | acts_for_lead))
