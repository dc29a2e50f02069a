"""The contract pages for the walking tests (tests/walking/registry.py).

Each round holds three contracts led by the organisation its bidder acts for (in the own round, the
bidder's own): a draft, one sent and awaiting acceptance, and one accepted. Officers read, edit, send and
vary; the lead's people read and accept; everyone else gets a 404.
"""

from commissioning.enums import Role
from panels.contracts import services
from panels.contracts.models import Contract
from panels.decisions import events
from tests.factories.decisions import DecisionFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.writing.walk import _bidding_organisation
from tests.walking.registry import OFFICERS, literal, thing, url

READERS = OFFICERS | {Role.BIDDER.value}
ACCEPTERS = {Role.BIDDER.value, "superuser"}


def _officer(world, side):
    return world.person("officer") if side == "own" else world.person("elsewhere")


def _contract(world, side, title):
    panel = PanelFactory(specification=published_specification(world.round(side)))
    proposal = eligible_proposal(panel, lead_organisation=_bidding_organisation(world, side), title=title)
    decision = DecisionFactory(proposal=proposal, approved=True)
    events.decision_approved(decision, by=_officer(world, side))
    return Contract.objects.get(proposal=proposal)


@thing("contract_draft")
def _draft(world, side):
    return _contract(world, side, "Mentoring (draft contract)")


@thing("contract_sent")
def _sent(world, side):
    contract = _contract(world, side, "Work tasters (contract sent)")
    services.send_version(contract.versions.get(), by=_officer(world, side))
    return contract


@thing("contract_accepted")
def _accepted(world, side):
    contract = _contract(world, side, "Youth hub (contract accepted)")
    version = services.send_version(contract.versions.get(), by=_officer(world, side))
    if side == "own":
        lead = world.person("bidder")
    else:
        lead = bidder_person(world.round(side), contract.lead_organisation, full_name="Other lead")
    services.accept_version(version, by=lead, ip_address="192.0.2.1")
    return contract


url("contract_list", allow=OFFICERS)
url("contract_detail", pk="contract_draft", allow=READERS)
url(
    "contract_terms",
    pk="contract_draft",
    allow=OFFICERS,
    data=lambda world, side: {"amount_1": "1", "amount_2": "1", "amount_3": "1"},
)
url("contract_indicators", pk="contract_draft", allow=OFFICERS)
for _section, _field in (
    ("conditions", "text"),
    ("milestones", "description"),
    ("outputs", "description"),
    ("instalments", "year"),
):
    url(
        f"contract_{_section}",
        pk="contract_draft",
        allow=OFFICERS,
        data=lambda world, side, section=_section, field=_field: {
            f"{section}-TOTAL_FORMS": "1",
            f"{section}-INITIAL_FORMS": "0",
            f"{section}-0-{field}": "Written by a stranger",
        },
    )
url("contract_send", pk="contract_draft", allow=OFFICERS)
url("contract_vary", pk="contract_accepted", allow=OFFICERS, data=lambda world, side: {"reason": "A stranger's"})
url("contract_version", pk="contract_accepted", number=literal(1), allow=READERS)
# Rendered by a task after commit: not there in a test transaction.
url("contract_pdf", pk="contract_sent", number=literal(1), allow=READERS, allowed_may_404=True)
url(
    "contract_accept",
    pk="contract_sent",
    number=literal(1),
    allow=ACCEPTERS,
    data=lambda world, side: {"confirm": "on"},
)
url("contract_take_back", pk="contract_sent", allow=OFFICERS, data=lambda world, side: {"reason": "A stranger's"})
