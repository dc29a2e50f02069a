"""The lead chooses which sections its confirmed partners may write."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from priorities.specifications.models import Specification
from proposals.writing.enums import PartnerState
from proposals.writing.forms import PartnerSectionsForm
from proposals.writing.models import Proposal
from proposals.writing.services import set_partner_sections
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db


def url(proposal):
    return reverse("proposal_partner_sections", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk})


@pytest.fixture
def cast():
    proposal = ProposalFactory()
    round_ = proposal.round
    confirmed = ProposalPartnerFactory(proposal=proposal)
    invited = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    rival = ProposalFactory(specification=proposal.specification)
    return {
        "proposal": proposal,
        "lead": bidder_person(round_, proposal.lead_organisation),
        "partner": bidder_person(round_, confirmed.organisation),
        "invited": bidder_person(round_, invited.organisation),
        "rival": bidder_person(round_, rival.lead_organisation),
        "officer": person_with_role(round_, Role.OFFICER),
        "board": person_with_role(round_, Role.BOARD),
        "outsider": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def test_lead_opens_sections_to_partners_from_the_proposal_page(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    page = client.get(reverse("proposal_detail", args=[proposal.round_id, proposal.pk])).content.decode()
    assert f'action="{url(proposal)}"' in page

    response = client.post(url(proposal), {"sections": ["budget", "activity"]})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.partner_sections == ["activity", "budget"]
    entry = AuditEntry.objects.get(action="proposal.partner_sections_changed")
    assert (entry.before, entry.after) == ({"sections": []}, {"sections": ["activity", "budget"]})


def test_the_partners_section_stays_the_leads_own(cast):
    proposal = set_partner_sections(cast["proposal"], by=cast["lead"], sections=["partners", "risks"])
    assert proposal.partner_sections == ["risks"]
    assert "partners" not in dict(PartnerSectionsForm().fields["sections"].choices)


def test_a_partner_then_writes_the_opened_section(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    client.post(url(proposal), {"sections": ["evaluation"]})
    client.force_login(cast["partner"])

    response = client.post(
        reverse("proposal_section", args=[proposal.round_id, proposal.pk, "evaluation"]),
        {"revision": 0, "evaluation_plan": "Written by the partner."},
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.evaluation_plan == "Written by the partner."


@pytest.mark.parametrize("who", ["partner", "invited", "rival", "officer", "board", "outsider", "superuser"])
def test_nobody_but_the_lead_reaches_it_and_their_post_changes_nothing(client, cast, who):
    proposal = cast["proposal"]
    client.force_login(cast[who])

    assert client.get(url(proposal)).status_code == 404
    assert client.post(url(proposal), {"sections": ["activity"]}).status_code == 404
    page = client.get(reverse("proposal_detail", args=[proposal.round_id, proposal.pk]))
    assert url(proposal) not in page.content.decode()

    proposal.refresh_from_db()
    assert proposal.partner_sections == []
    assert not AuditEntry.objects.filter(action="proposal.partner_sections_changed").exists()


def test_a_hostile_choice_is_refused_with_a_message(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    response = client.post(url(proposal), {"sections": ["nonsense", "\x00"]})
    assert response.status_code == 200
    assert "Select" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.partner_sections == []


def test_after_the_deadline_nothing_changes(client, cast):
    proposal = cast["proposal"]
    Specification.objects.filter(pk=proposal.specification_id).update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
    )
    client.force_login(cast["lead"])

    response = client.post(url(proposal), {"sections": ["activity"]})

    assert "The deadline for this proposal passed on" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).partner_sections == []
