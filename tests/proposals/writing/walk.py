"""The writing area's pages for the walking tests (tests/walking/registry.py).

Each round's proposal is led by an organisation registered as a bidder in that round; the own
round's bidder acts for it. Officers read a proposal; only its consortium writes it.
"""

from proposals.bidders.models import Bidder
from proposals.writing.attachments import add_attachment
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import BidderFactory, ProposalFactory, published_specification
from tests.proposals.writing.files import PDF, upload
from tests.walking.registry import OFFICERS, SIGNED_IN, literal, thing, url


def _bidding_organisation(world, side):
    """The organisation the own round's bidder acts for (made when it has none), registered in the round."""
    round_ = world.round(side)
    if side == "own":
        person = world.person("bidder")
        organisation = person.organisations.order_by("pk").first()
        if organisation is None:
            organisation = OrganisationFactory()
            person.organisations.add(organisation)
    else:
        organisation = OrganisationFactory()
    if not Bidder.objects.filter(round=round_, organisation=organisation).exists():
        BidderFactory(round=round_, organisation=organisation)
    return organisation


@thing("proposal")
def _proposal(world, side):
    return ProposalFactory(
        specification=published_specification(world.round(side)),
        lead_organisation=_bidding_organisation(world, side),
        activity="Weekly mentoring.",
    )


def _specification(world, side):
    return world.get(side, "proposal").specification_id


READERS = OFFICERS | {"bidder"}

url("proposal_start", specification_pk=_specification, allow=SIGNED_IN)
url("proposal_detail", pk="proposal", allow=READERS)
url(
    "proposal_section",
    pk="proposal",
    section=literal("activity"),
    allow=READERS,
    data=lambda world, side: {"revision": 0, "title": "Taken over", "activity": "Changed by a stranger"},
)


# The sections made of rows and files (budget, indicators, milestones, risks, attachments) share
# proposal_section above; their own URLs act on one attachment.


@thing("attachment")
def _attachment(world, side):
    proposal = world.get(side, "proposal")
    by = world.person("bidder" if side == "own" else "elsewhere")
    return add_attachment(proposal, by=by, kind="constitution", upload=upload("constitution.pdf", PDF))


url("proposal_attachment", pk="proposal", attachment_pk="attachment", allow=READERS)
url("proposal_attachment_remove", pk="proposal", attachment_pk="attachment", allow={"bidder"})
