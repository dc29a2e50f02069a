"""Reads for the consortium and the bidder's dashboard, limited to what a person may see."""

from django.db.models import Q
from django.utils import timezone

from commissioning.common.tokens import is_token
from commissioning.enums import Role
from commissioning.rounds.models import RoundRole
from priorities.specifications.models import Question
from priorities.specifications.selectors import published_specifications
from proposals.writing.completeness import PREFETCH as COMPLETENESS_PREFETCH
from proposals.writing.enums import PartnerState, ProposalState
from proposals.writing.models import Proposal, ProposalPartner
from proposals.writing.rules import organisation_ids_of
from proposals.writing.selectors import proposals_visible_to


def consortium_open(proposal, now=None):
    """Whether the consortium may still change: a draft, or submitted, before the deadline in force."""
    if proposal.state not in (ProposalState.DRAFT, ProposalState.SUBMITTED):
        return False
    deadline = proposal.deadline
    return deadline is None or (now or timezone.now()) < deadline


def proposal_for(user, round_, pk):
    """Proposal ``pk`` of ``round_`` if ``user`` may read it, with what the partners page shows; else None."""
    return (
        proposals_visible_to(user, round_)
        .select_related("specification__round", "specification__priority")
        .filter(pk=pk)
        .first()
    )


def partners_of(proposal):
    """The consortium, lead first, with who answered loaded."""
    return ProposalPartner.objects.filter(proposal=proposal).select_related("organisation", "answered_by")


def partner_in(proposal, pk):
    return partners_of(proposal).filter(pk=pk).first()


def confirmed_count(proposal):
    """The organisations that have confirmed they are in the consortium, the lead counting."""
    return ProposalPartner.objects.filter(proposal=proposal, state=PartnerState.CONFIRMED, is_lead=False).count() + 1


def partner_for_token(token):
    """The invitation a link's token names, with what its page shows; None for a token of the wrong shape
    (checked before any query) or one that names nothing."""
    if not is_token(token):
        return None
    return (
        ProposalPartner.objects.select_related(
            "proposal__round__partnership",
            "proposal__specification__priority",
            "proposal__lead_organisation",
            "organisation",
            "answered_by",
        )
        .filter(token=token, is_lead=False)
        .first()
    )


def _invitations_for(user):
    if not getattr(user, "is_authenticated", False):
        return ProposalPartner.objects.none()
    mine = Q(contact_email__iexact=user.email)
    organisations = organisation_ids_of(user)
    if organisations:
        mine |= Q(organisation_id__in=organisations)
    return (
        ProposalPartner.objects.filter(mine, state=PartnerState.INVITED, is_lead=False)
        .exclude(proposal__state=ProposalState.WITHDRAWN)
        .select_related("proposal__lead_organisation", "proposal__specification__priority", "proposal__round")
        .order_by("proposal__round_id", "invited_at", "pk")
    )


def invitations_waiting(user, round_=None):
    """Invitations to join a consortium waiting for ``user``'s answer: sent to their address, or to an
    organisation they act for."""
    invitations = _invitations_for(user)
    if round_ is not None:
        invitations = invitations.filter(proposal__round=round_)
    return invitations


def my_proposals(user, round_):
    """The round's proposals of the organisations ``user`` acts for, as lead or confirmed partner, each with
    ``as_lead`` set and what its completeness reads loaded."""
    organisations = organisation_ids_of(user)
    if not organisations:
        return []
    proposals = (
        Proposal.objects.filter(round=round_)
        .filter(
            Q(lead_organisation_id__in=organisations)
            | Q(partners__organisation_id__in=organisations, partners__state=PartnerState.CONFIRMED)
        )
        .select_related("lead_organisation", "specification__priority", "specification__round", "round")
        .prefetch_related(*COMPLETENESS_PREFETCH, "specification__indicators")
        .distinct()
        .order_by("specification__priority__rank", "title", "pk")
    )
    result = list(proposals)
    for proposal in result:
        proposal.as_lead = proposal.lead_organisation_id in organisations
    return result


def open_specifications(round_):
    return published_specifications(round_)


def answers_followed(user, round_):
    """The published answers to clarification questions on the specifications ``user`` follows in ``round_``."""
    return (
        Question.objects.filter(round=round_, specification__followers__user=user, answered_at__isnull=False)
        .select_related("specification__priority")
        .order_by("-answered_at", "-pk")
    )


def bidding_rounds(user):
    """The rounds ``user`` bids in (a bidder's role), newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        role.round
        for role in RoundRole.objects.filter(user=user, role=Role.BIDDER)
        .select_related("round")
        .order_by("-round__start_date", "-round_id")
    ]
