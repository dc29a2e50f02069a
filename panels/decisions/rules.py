"""Who may do what with decisions: the round's officers record them and read the decisions page; the
approver the round names (a second officer, or the chair of the board) approves; a contributing
agency's people follow what the round funds; a bidder reads only its own approved decisions (their
selector limits them)."""

import rules

from commissioning.rounds.models import round_of
from commissioning.rounds.rules import manages_round
from panels.decisions.enums import ApproverKind
from panels.decisions.models import DecisionSettings


@rules.predicate
def is_board_chair_approver(user, obj=None):
    """The chair of the board the round names as the approver of its decisions."""
    round_ = round_of(obj)
    if round_ is None or not getattr(user, "is_authenticated", False):
        return False
    return DecisionSettings.objects.filter(
        round=round_, approver_kind=ApproverKind.BOARD_CHAIR, board_chair=user
    ).exists()


@rules.predicate
def contributes_to_round(user, obj=None):
    """A person holding a role in the round for an agency that contributes money to it."""
    round_ = round_of(obj)
    if round_ is None or not getattr(user, "is_authenticated", False):
        return False
    return round_.funding_sources.filter(
        organisation__round_roles__round=round_, organisation__round_roles__user=user
    ).exists()


rules.add_perm("panels.decide", manages_round)
rules.add_perm("panels.view_decisions", manages_round | is_board_chair_approver)
rules.add_perm("panels.approve_decision", manages_round | is_board_chair_approver)
rules.add_perm("panels.view_agency_funding", manages_round | contributes_to_round)
