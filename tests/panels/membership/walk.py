"""The membership pages for the walking tests (tests/walking/registry.py).

Each round has a panel for a published specification of its own, with an eligible proposal led by
the organisation the round's bidder acts for (a bidder sees nothing of it on a panel page). The own
round's panel person chairs the own panel and has declared no interest in that proposal; an expert
sits beside them. Another priority of each round has no panel yet.
"""

from panels.membership.enums import MemberRole
from panels.membership.services import invite_member
from proposals.writing.attachments import store_attachment
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.factories.priorities import PriorityFactory
from tests.factories.proposals import published_specification
from tests.proposals.writing.files import PDF, upload
from tests.proposals.writing.walk import _bidding_organisation
from tests.walking.registry import NOBODY, OFFICERS, thing, url

MEMBERS = frozenset({"panel"})


@thing("panel")
def _panel(world, side):
    panel = PanelFactory(specification=published_specification(world.round(side)))
    proposal = eligible_proposal(panel, lead_organisation=_bidding_organisation(world, side), title=f"Panel {side}")
    if side == "own":
        chair = PanelMemberFactory(panel=panel, user=world.person("panel"), role=MemberRole.CHAIR)
        declare(chair, proposal)
    return panel


@thing("panel_proposal")
def _panel_proposal(world, side):
    return world.get(side, "panel").priority.specification.proposals.get()


@thing("panel_seat")
def _panel_seat(world, side):
    return PanelMemberFactory(panel=world.get(side, "panel"), role=MemberRole.EXPERT)


@thing("panel_priority")
def _panel_priority(world, side):
    return PriorityFactory(issue__round=world.round(side), title=f"Without a panel ({side})")


def _member_data(world, side):
    return {"email": world.person("outsider").email, "role": MemberRole.EXPERT}


def _declaration_data(world, side):
    return {"has_interest": "yes", "nature": "financial", "description": "Paid by the lead."}


url("panel_list", allow=OFFICERS)
url("panel_set_up", priority_pk="panel_priority", allow=OFFICERS, data=lambda world, side: {})
url("panel_detail", pk="panel", allow=OFFICERS | MEMBERS)
url("panel_member_add", pk="panel", allow=OFFICERS, data=_member_data)
url("panel_member_remove", pk="panel", member_pk="panel_seat", allow=OFFICERS, data=lambda world, side: {})
url("panel_interests", pk="panel", allow=MEMBERS)
url("panel_declare", pk="panel", proposal_pk="panel_proposal", allow=MEMBERS, data=_declaration_data)
# The chair sees every declaration of the panel.
url("panel_declarations", pk="panel", allow=OFFICERS | MEMBERS)
url("panel_reading", pk="panel", allow=MEMBERS)
url("panel_proposal", pk="panel", proposal_pk="panel_proposal", allow=OFFICERS | MEMBERS)


@thing("panel_offer")
def _panel_offer(world, side):
    """A seat offered by email to someone nobody in the world is, not yet accepted."""
    officer = world.person("officer" if side == "own" else "elsewhere")
    return invite_member(world.get(side, "panel"), email=f"invited-{side}@example.org", role="expert", by=officer)


# Only the person who accepted the seat's invitation takes it: nobody in the world has.
url("panel_join", pk="panel", seat_pk="panel_offer", allow=NOBODY, data=lambda world, side: {})


@thing("panel_attachment")
def _panel_attachment(world, side):
    """A submitted proposal's file (stored directly: its consortium can no longer attach one)."""
    proposal = world.get(side, "panel_proposal")
    return store_attachment(
        proposal,
        by=None,
        kind="constitution",
        upload=upload("constitution.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
    )


url(
    "panel_attachment",
    proposal_pk="panel_proposal",
    attachment_pk="panel_attachment",
    allow=OFFICERS | MEMBERS,
)
