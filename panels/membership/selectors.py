"""Reads of panel membership: who sits on which panel, what each member has declared, and the
proposals a member may read (their panel's eligible proposals, once every one is declared, less
those they have an interest in)."""

from panels.membership.models import Declaration, Panel, PanelMember
from proposals.review.selectors import eligible_proposals
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal


def panel_of_proposal(proposal):
    """The panel that receives ``proposal`` (its priority's), or None."""
    return Panel.objects.filter(priority_id=proposal.specification.priority_id).first()


def membership(user, panel):
    """``user``'s PanelMember row on ``panel`` (cached on the user for the request), or None."""
    if not getattr(user, "is_authenticated", False) or panel is None:
        return None
    cache = user.__dict__.setdefault("_panel_memberships", {})
    if panel.pk not in cache:
        cache[panel.pk] = PanelMember.objects.filter(panel=panel, user=user).select_related("panel").first()
    return cache[panel.pk]


def panel_proposals(panel):
    """The proposals the panel receives: the eligible submitted proposals of its priority."""
    return eligible_proposals(panel.round).filter(specification__priority_id=panel.priority_id)


def reaches_panel(proposal):
    """Whether ``proposal`` is one a panel receives: submitted and found eligible."""
    return proposal.state == ProposalState.SUBMITTED and proposal.eligibility == Eligibility.ELIGIBLE


def interested_proposal_ids(member):
    """The proposals ``member`` has declared an interest in."""
    return set(Declaration.objects.filter(member=member, has_interest=True).values_list("proposal_id", flat=True))


def undeclared_proposals(member):
    """The panel's proposals ``member`` has still to declare about."""
    return panel_proposals(member.panel).exclude(declarations__member=member)


def has_declared_all(member):
    return not undeclared_proposals(member).exists()


def proposals_for_member(member):
    """The proposals whose content ``member`` may read: none until they have declared about every
    proposal of the panel; then every one but those they have an interest in."""
    if member is None or not has_declared_all(member):
        return Proposal.objects.none()
    return panel_proposals(member.panel).exclude(pk__in=interested_proposal_ids(member))


def has_interest(member, proposal):
    return Declaration.objects.filter(member=member, proposal=proposal, has_interest=True).exists()
