"""Reads of brokering: a panel's requests, and the requests addressed to the proposals a person's
organisations lead (a bidder sees nothing else of the panel)."""

from django.db.models import Prefetch

from panels.brokering.enums import Answer, RequestOutcome
from panels.brokering.models import BrokeringParty, BrokeringRequest
from panels.membership.enums import MemberRole
from panels.membership.models import Panel
from panels.membership.selectors import panel_proposals
from proposals.writing.models import ProposalPartner
from proposals.writing.rules import organisation_ids_of


def _with_parties(queryset):
    return queryset.select_related("panel__priority", "asked_by", "new_lead", "combined").prefetch_related(
        Prefetch(
            "parties",
            queryset=BrokeringParty.objects.select_related("proposal__lead_organisation", "answered_by").order_by(
                "proposal__title", "pk"
            ),
        )
    )


def requests_of(panel):
    """Every request of ``panel``, newest first, with its parties."""
    return _with_parties(BrokeringRequest.objects.filter(panel=panel))


def request_in(panel, pk):
    return requests_of(panel).filter(pk=pk).first()


def parties_for(user, round_):
    """The requests addressed to proposals whose lead ``user`` acts for, in ``round_``, newest first."""
    organisations = organisation_ids_of(user)
    if not organisations:
        return BrokeringParty.objects.none()
    return (
        BrokeringParty.objects.filter(request__panel__round=round_, proposal__lead_organisation_id__in=organisations)
        .select_related("request__panel__priority", "request__new_lead", "request__combined", "proposal")
        .order_by("-request__asked_at", "-pk")
    )


def party_for(user, round_, pk):
    return parties_for(user, round_).filter(pk=pk).first()


def waiting_parties_for(user):
    """Requests in any round still waiting for the answer of an organisation ``user`` acts for."""
    organisations = organisation_ids_of(user)
    if not organisations:
        return BrokeringParty.objects.none()
    return BrokeringParty.objects.filter(
        proposal__lead_organisation_id__in=organisations, answer=Answer.WAITING, request__outcome=RequestOutcome.WAITING
    ).select_related("request__panel__round", "proposal")


def addressable_proposals(panel):
    """The proposals a request may address: the panel's eligible, submitted proposals."""
    return panel_proposals(panel).select_related("lead_organisation").order_by("title", "pk")


def lead_contact_email(proposal):
    row = ProposalPartner.objects.filter(proposal=proposal, is_lead=True).only("contact_email").first()
    return row.contact_email if row else ""


def panels_brokered_by(user, round_):
    """The panels of ``round_`` whose requests ``user`` manages: every one for an officer, else those they chair."""
    panels = Panel.objects.filter(round=round_).select_related("priority", "round").order_by("priority__rank", "pk")
    if user.has_perm("panels.manage_panel", round_):
        return list(panels)
    if not getattr(user, "is_authenticated", False):
        return []
    return list(panels.filter(members__user=user, members__role=MemberRole.CHAIR))
