"""Submission's pages for the walking tests (tests/walking/registry.py).

The proposal walked is led by an organisation the own round's bidder acts for, answers the round's
published specification, and was submitted twice (versions 1 and 2). The other round's proposal is
led by an organisation nobody of the own round acts for.
"""

import datetime

from django.utils import timezone

from proposals.submission.services import submit_proposal
from proposals.writing.models import BudgetLine
from tests.factories.commissioning import OrganisationFactory, UserFactory
from tests.factories.proposals import BidderFactory
from tests.proposals.helpers import complete_proposal
from tests.walking.registry import OFFICERS, thing, url

READERS = OFFICERS | {"bidder"}
LEAD = {"bidder", "superuser"}


@thing("submitted_proposal")
def _submitted_proposal(world, side):
    spec = world.get(side, "specification")
    organisation = OrganisationFactory(name=f"Hillfields Youth Trust ({side})")
    person = world.person("bidder") if side == "own" else UserFactory(full_name="Other lead")
    person.organisations.add(organisation)
    BidderFactory(round=spec.round, organisation=organisation)
    proposal = complete_proposal(spec, lead_person=person, lead_organisation=organisation)
    submit_proposal(proposal, by=person)
    BudgetLine.objects.filter(proposal=proposal, year=2).update(amount_pence=45_000_00)
    return submit_proposal(proposal, by=person)


def _reason(world, side):
    return {"reason": "Walked by someone who may not"}


def _extension(world, side):
    later = timezone.localtime(timezone.now() + datetime.timedelta(days=60))
    return {
        "deadline_day": later.day,
        "deadline_month": later.month,
        "deadline_year": later.year,
        "deadline_time": "12:00",
        "reason": "Walked by someone who may not",
    }


def _removal(world, side):
    return {"remove-reason": "Walked by someone who may not"}


url("proposal_submit", pk="submitted_proposal", allow=READERS)
url("proposal_withdraw", pk="submitted_proposal", allow=LEAD, data=_reason)
url("proposal_extension", pk="submitted_proposal", allow=OFFICERS, data=_extension)
url("proposal_extension_remove", pk="submitted_proposal", allow=OFFICERS, data=_removal)
url("proposal_versions", pk="submitted_proposal", allow=READERS)
url("proposal_version", pk="submitted_proposal", number=1, allow=READERS)
url("proposal_version_changes", pk="submitted_proposal", number=2, allow=READERS)
# Rendered by a task once the submission is committed: not there in a test transaction.
url("proposal_receipt", pk="submitted_proposal", number=1, allow=READERS, allowed_may_404=True)
