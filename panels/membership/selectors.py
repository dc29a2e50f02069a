"""Reads of panel membership: who sits on which panel, what each member has declared, and the
proposals a member may read (their panel's eligible proposals, once every one is declared, less
those they have an interest in)."""

from django.db import models
from django.db.models.functions import Coalesce

from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from priorities.specifications.models import SubgroupMember
from priorities.workshop.models import Priority
from proposals.review.selectors import eligible_proposals
from proposals.writing.completeness import PREFETCH
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal, ProposalPartner


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


def round_priorities_with_panels(round_):
    """The round's priorities in rank order, each with ``panel_or_none`` and its ``member_count``."""
    priorities = list(Priority.objects.filter(round=round_).order_by("rank", "pk"))
    panels = {
        panel.priority_id: panel
        for panel in Panel.objects.filter(round=round_).annotate(member_count=models.Count("members"))
    }
    for priority in priorities:
        priority.panel_or_none = panels.get(priority.pk)
    return priorities


def round_panel(round_, pk):
    """The panel ``pk`` of ``round_`` with its priority, or None."""
    return Panel.objects.filter(round=round_, pk=pk).select_related("priority", "round").first()


def panel_members(panel):
    return (
        PanelMember.objects.filter(panel=panel)
        .select_related("user", "organisation")
        .order_by("role", "user__full_name", "user__email")
    )


def subgroup_picks(panel):
    """The priority's sub-group members not yet on its panel: quick picks for the officer."""
    return (
        SubgroupMember.objects.filter(priority_id=panel.priority_id)
        .exclude(user__panel_memberships__panel=panel)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def panel_declarations(panel):
    """Every declaration of ``panel``'s members, with the member and the proposal."""
    return (
        Declaration.objects.filter(member__panel=panel)
        .select_related("member__user", "proposal")
        .order_by("proposal__title", "proposal__pk", "member__user__full_name")
    )


def proposals_to_declare(member):
    """The panel's proposals for ``member``'s declarations page: names only (title, lead, partners'
    names), each with ``declaration`` (``member``'s, or None)."""
    proposals = list(
        panel_proposals(member.panel)
        .select_related("lead_organisation")
        .prefetch_related(models.Prefetch("partners", queryset=ProposalPartner.objects.order_by("organisation_name")))
        .order_by("title", "pk")
    )
    declarations = {d.proposal_id: d for d in Declaration.objects.filter(member=member)}
    for proposal in proposals:
        proposal.declaration = declarations.get(proposal.pk)
    return proposals


def panel_proposal_for_declaring(member, pk):
    """One of the panel's proposals, for ``member`` to declare about (names only), or None."""
    return panel_proposals(member.panel).select_related("lead_organisation").filter(pk=pk).first()


def readable_proposal(panel, pk):
    """The panel's proposal ``pk`` with everything its content shows, or None."""
    return (
        panel_proposals(panel)
        .filter(pk=pk)
        .select_related(
            "specification__round", "specification__sponsor_organisation", "round__partnership", "lead_organisation"
        )
        .prefetch_related(*PREFETCH)
        .first()
    )


def memberships_of(user):
    """``user``'s panel seats, with their panel, priority and round."""
    if not getattr(user, "is_authenticated", False):
        return PanelMember.objects.none()
    return (
        PanelMember.objects.filter(user=user)
        .select_related("panel__priority", "panel__round")
        .order_by("panel__round", "panel__priority__rank")
    )


def seats_with_waiting(user):
    """``user``'s panel seats, each annotated with ``waiting``: the panel's proposals they have still to
    declare about (one query, whatever the number of seats)."""
    undeclared = (
        Proposal.objects.filter(
            state=ProposalState.SUBMITTED,
            eligibility=Eligibility.ELIGIBLE,
            round_id=models.OuterRef("panel__round_id"),
            specification__priority_id=models.OuterRef("panel__priority_id"),
        )
        .exclude(
            models.Exists(
                Declaration.objects.filter(
                    member_id=models.OuterRef(models.OuterRef("pk")), proposal_id=models.OuterRef("pk")
                )
            )
        )
        .order_by()
        .values("round_id")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return memberships_of(user).annotate(waiting=Coalesce(models.Subquery(undeclared), 0))


def panel_counts(round_):
    """The round's panels with their member counts, for the round's page."""
    return list(
        Panel.objects.filter(round=round_)
        .select_related("priority")
        .annotate(member_count=models.Count("members", distinct=True))
        .order_by("priority__rank")
    )


def seats_waiting(user):
    """The seats ``user`` was invited to, has accepted the round's invitation for, and not yet taken."""
    if not getattr(user, "is_authenticated", False):
        return PanelInvitation.objects.none()
    return PanelInvitation.objects.filter(invitation__accepted_by=user, seated=None).select_related(
        "panel__priority", "panel__round"
    )


def seat_waiting_for(user, round_, panel_pk, pk):
    """One seat waiting for ``user`` on the panel ``panel_pk`` of ``round_``, or None."""
    return seats_waiting(user).filter(panel__round=round_, panel_id=panel_pk, pk=pk).first()


def pending_invitations(panel):
    """The seats of ``panel`` offered by email and not yet taken."""
    return PanelInvitation.objects.filter(panel=panel, seated=None).select_related("invitation").order_by("created_at")


def panel_proposal_in_round(round_, pk):
    """The proposal ``pk`` of ``round_`` when a panel receives it (submitted and eligible), or None."""
    return eligible_proposals(round_).filter(pk=pk).first()
