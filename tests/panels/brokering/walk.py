"""The brokering pages for the walking tests (tests/walking/registry.py).

Each round has a panel with two eligible proposals and a merge request addressed to both. In the own
round the panel person chairs the panel and one proposal is led by the organisation the bidder acts
for: the bidder sees that request only, and answers it.
"""

from commissioning.enums import Role
from panels.brokering.enums import RequestKind
from panels.brokering.models import BrokeringRequest
from panels.membership.enums import MemberRole
from panels.membership.models import PanelMember
from tests.factories.commissioning import UserFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import published_specification
from tests.proposals.writing.walk import _bidding_organisation
from tests.walking.registry import OFFICERS, thing, url

PANEL_PEOPLE = OFFICERS | {Role.PANEL.value}


@thing("brokering_panel")
def _panel(world, side):
    panel = PanelFactory(specification=published_specification(world.round(side)))
    chair = world.person("panel") if side == "own" else UserFactory(full_name="Other chair")
    PanelMember.objects.create(panel=panel, user=chair, role=MemberRole.CHAIR)
    return panel


@thing("brokering_request")
def _request(world, side):
    panel = world.get(side, "brokering_panel")
    mine = eligible_proposal(panel, lead_organisation=_bidding_organisation(world, side), title="Mentoring")
    other = eligible_proposal(panel, title="Work tasters")
    request = BrokeringRequest.objects.create(
        panel=panel,
        kind=RequestKind.MERGE,
        what="Merge the two programmes.",
        why="They serve the same young people.",
        asked_by=world.person("officer"),
        new_lead=mine.lead_organisation,
    )
    request.parties.create(proposal=mine)
    request.parties.create(proposal=other)
    return request


@thing("brokering_party")
def _party(world, side):
    """The party of the proposal the (own round's) bidder's organisation leads."""
    return world.get(side, "brokering_request").parties.order_by("pk").first()


def _panel_of_request(world, side):
    return world.get(side, "brokering_request").panel_id


url("brokering_list", panel_pk="brokering_panel", allow=PANEL_PEOPLE)
url(
    "brokering_ask",
    panel_pk="brokering_panel",
    allow=PANEL_PEOPLE,
    data=lambda world, side: {"kind": "involve", "what": "Involve them", "why": "Because"},
)
url("brokering_detail", panel_pk=_panel_of_request, pk="brokering_request", allow=PANEL_PEOPLE)
url(
    "brokering_withdraw",
    panel_pk=_panel_of_request,
    pk="brokering_request",
    allow=PANEL_PEOPLE,
    data=lambda world, side: {"note": "Withdrawn by a stranger"},
)
url("brokering_inbox", allow={Role.BIDDER.value, "superuser"})
url(
    "brokering_answer",
    pk="brokering_party",
    allow={Role.BIDDER.value},
    data=lambda world, side: {"consent": "yes", "comment": "Consented by a stranger"},
)


@thing("brokering_pack_member")
def _pack_member(world, side):
    """The panel's chair as the member whose pack is walked (the panel person, in the own round)."""
    return PanelMember.objects.get(panel=world.get(side, "brokering_panel"), role=MemberRole.CHAIR)


def _panel_of_member(world, side):
    return world.get(side, "brokering_pack_member").panel_id


url("panel_pack", panel_pk=_panel_of_member, member_pk="brokering_pack_member", allow=PANEL_PEOPLE)
# Served once rendered by a task after commit: not there in a test transaction.
url(
    "panel_pack_pdf",
    panel_pk=_panel_of_member,
    member_pk="brokering_pack_member",
    allow=PANEL_PEOPLE,
    allowed_may_404=True,
)
