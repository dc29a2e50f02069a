"""Letters' pages for the walking tests (tests/walking/registry.py).

Each round has a proposal whose decision is approved and whose letter is made (synchronously, as the
demo's seeder makes one); in the own round, the bidder acts for the proposal's lead organisation.
"""

from panels.letters.services import make_letter
from tests.factories.decisions import DecisionFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import published_specification
from tests.panels.letters.helpers import DUE
from tests.walking.registry import OFFICERS, thing, url


@thing("letter_proposal")
def _proposal(world, side):
    panel = PanelFactory(specification=published_specification(world.round(side)))
    proposal = eligible_proposal(panel, title=f"Letter proposal of the {side} round")
    if side == "own":
        world.person("bidder").organisations.add(proposal.lead_organisation)
    decision = DecisionFactory(proposal=proposal, approved=True)
    decision.conditions.create(text="Sign the partnership agreement", due_date=DUE)
    make_letter(decision)
    return proposal


CONSORTIUM = {"bidder"}

url("letter_detail", proposal_pk="letter_proposal", allow=OFFICERS | CONSORTIUM)
url("letter_remake", proposal_pk="letter_proposal", allow=OFFICERS)
url("letter_pdf", proposal_pk="letter_proposal", version=1, allow=OFFICERS | CONSORTIUM)
url("letters_list", round_pk=lambda world, side: world.get(side, "letter_proposal").round_id, allow=OFFICERS)
