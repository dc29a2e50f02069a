"""The consortium and the bidder's dashboard, for the walking tests (tests/walking/registry.py).

The own round's bidder acts for the lead organisation of the proposal walked; its other partner is
invited and waits for its answer. The other round's proposal is led by an organisation nobody of
the own round acts for.
"""

from proposals.bidders.models import Bidder
from proposals.writing.enums import PartnerState
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory
from tests.walking.registry import EVERYONE, OFFICERS, thing, url

LEAD = frozenset({"bidder", "superuser"})


@thing("consortium_proposal")
def _proposal(world, side):
    spec = world.get(side, "specification")
    organisation = OrganisationFactory(name=f"Walking lead {side}")
    if side == "own":
        world.person("bidder").organisations.add(organisation)
    Bidder.objects.create(
        round=world.round(side),
        organisation=organisation,
        address="1 Walk Street",
        postcode="CV1 5RR",
        contact_name="Lead contact",
        contact_email=f"lead-{side}@example.org",
    )
    return ProposalFactory(specification=spec, lead_organisation=organisation, title=f"Walking proposal {side}")


@thing("consortium_partner")
def _partner(world, side):
    return ProposalPartnerFactory(
        proposal=world.get(side, "consortium_proposal"),
        organisation=None,
        organisation_name=f"Invited partner {side}",
        state=PartnerState.INVITED,
    )


def _new_partner(world, side):
    return {
        "organisation_name": "Another partner",
        "contact_name": "Pat Partner",
        "contact_email": "pat@example.org",
        "role_in_delivery": "Runs the sessions.",
    }


url("bidder_dashboard", allow=LEAD)
url(
    "consortium_partners",
    proposal_pk="consortium_proposal",
    allow=OFFICERS | {"bidder"},
    data=_new_partner,
)
url(
    "consortium_partner_sections",
    proposal_pk="consortium_proposal",
    allow=LEAD,
    data=lambda world, side: {"sections": ["activity", "budget"]},
)
url(
    "consortium_partner_role",
    proposal_pk="consortium_proposal",
    partner_pk="consortium_partner",
    allow=LEAD,
    data=lambda world, side: {"role_in_delivery": "A changed role."},
)
url("consortium_partner_remove", proposal_pk="consortium_proposal", partner_pk="consortium_partner", allow=LEAD)
url("consortium_partner_resend", proposal_pk="consortium_proposal", partner_pk="consortium_partner", allow=LEAD)
url("consortium_invitation", token="consortium_partner.token", allow=EVERYONE, scoped=False)
