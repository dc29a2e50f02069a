"""The consortium's pages: the lead manages, partners and officers read, nobody else reaches anything
of it by any URL or id; the invitation's link; the bidder's dashboard and home panel."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from priorities.specifications.models import Question, Specification, SpecificationFollower
from proposals.consortium.views.dashboard import time_left
from proposals.writing.enums import PartnerState
from proposals.writing.models import ProposalPartner
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person, published_specification
from tests.walking.world import snapshot

pytestmark = pytest.mark.django_db

NEW_PARTNER = {
    "organisation_name": "Hillfields Youth Trust",
    "contact_name": "Joe Bloggs",
    "contact_email": "joe@partner.example.org",
    "role_in_delivery": "Runs the weekly drop-in sessions.",
}


@pytest.fixture
def proposal():
    return ProposalFactory(title="Youth into work", activity="A secret plan for the activity.")


@pytest.fixture
def lead(proposal):
    return bidder_person(proposal.round, proposal.lead_organisation, full_name="Lena Lead")


def _urls(proposal, partner):
    args = [proposal.round_id, proposal.pk]
    return {
        "partners": reverse("consortium_partners", args=args),
        "sections": reverse("consortium_partner_sections", args=args),
        "role": reverse("consortium_partner_role", args=[*args, partner.pk]),
        "remove": reverse("consortium_partner_remove", args=[*args, partner.pk]),
        "resend": reverse("consortium_partner_resend", args=[*args, partner.pk]),
    }


def test_bidder_a_reaches_nothing_of_bidder_b_s_consortium_and_its_posts_change_nothing(client, proposal, lead):
    rival_proposal = ProposalFactory(specification=proposal.specification, title="Rival bid")
    rival_partner = ProposalPartnerFactory(
        proposal=rival_proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Rival partner"
    )
    rival_lead_row = rival_proposal.partners.get(is_lead=True)
    client.force_login(lead)
    before = snapshot()

    for partner in (rival_partner, rival_lead_row):
        for name, url in _urls(rival_proposal, partner).items():
            assert client.get(url).status_code in (404, 405), name
            assert client.post(url, {**NEW_PARTNER, "sections": ["activity"]}).status_code == 404, name
    # Their own round and proposal, with the rival's partner id: still nothing.
    own = _urls(proposal, rival_partner)
    for name in ("role", "remove", "resend"):
        assert client.get(own[name]).status_code in (404, 405), name
        assert client.post(own[name], {"role_in_delivery": "Mine now"}).status_code == 404, name

    assert snapshot() == before
    dashboard = client.get(reverse("bidder_dashboard", args=[proposal.round_id])).content.decode()
    assert "Rival bid" not in dashboard
    assert "Youth into work" in dashboard


def test_a_confirmed_partner_and_an_officer_read_the_consortium_but_cannot_change_it(client, proposal, lead):
    partner = ProposalPartnerFactory(proposal=proposal)
    partner_person = bidder_person(proposal.round, partner.organisation)
    officer = person_with_role(proposal.round, Role.OFFICER)
    urls = _urls(proposal, partner)

    for person in (partner_person, officer):
        client.force_login(person)
        page = client.get(urls["partners"]).content.decode()
        assert partner.organisation.name in page
        assert "Invite a partner organisation" not in page
        before = snapshot()
        assert client.post(urls["partners"], NEW_PARTNER).status_code == 404
        assert client.post(urls["sections"], {"sections": ["activity"]}).status_code == 404
        assert client.post(urls["role"], {"role_in_delivery": "Changed"}).status_code == 404
        assert client.post(urls["remove"]).status_code == 404
        assert snapshot() == before


def test_the_lead_invites_a_partner_from_the_page_and_it_is_emailed_once(client, proposal, lead):
    client.force_login(lead)
    url = reverse("consortium_partners", args=[proposal.round_id, proposal.pk])

    response = client.post(url, NEW_PARTNER)
    again = client.post(url, NEW_PARTNER)

    assert response.status_code == 302
    partner = ProposalPartner.objects.get(proposal=proposal, is_lead=False)
    emails = OutgoingEmail.objects.filter(to_email="joe@partner.example.org")
    assert list(emails.values_list("subject", flat=True)) == [
        f"{proposal.lead_organisation.name} invites you to join the consortium of “Youth into work”"
    ]
    assert partner.token in emails.get().body_text
    assert "joe@partner.example.org has already been invited to this consortium." in again.content.decode()
    page = client.get(url).content.decode()
    assert "1 of the 3 organisations that" in page
    assert "Send the invitation again" in page


def test_the_lead_changes_a_role_and_the_sections_partners_edit(client, proposal, lead):
    client.force_login(lead)
    lead_row = proposal.partners.get(is_lead=True)

    client.post(
        reverse("consortium_partner_role", args=[proposal.round_id, proposal.pk, lead_row.pk]),
        {"role_in_delivery": "Finance, evaluation and support."},
    )
    client.post(
        reverse("consortium_partner_sections", args=[proposal.round_id, proposal.pk]),
        {"sections": ["budget", "risks"]},
    )
    refused = client.post(
        reverse("consortium_partner_sections", args=[proposal.round_id, proposal.pk]), {"sections": ["partners"]}
    )

    lead_row.refresh_from_db()
    proposal.refresh_from_db()
    assert lead_row.role_in_delivery == "Finance, evaluation and support."
    assert proposal.partner_sections == ["budget", "risks"]
    assert refused.status_code == 302


def test_the_invitation_shows_what_is_asked_but_not_the_proposal_s_content(client, proposal, lead):
    partner = ProposalPartnerFactory(
        proposal=proposal,
        state=PartnerState.INVITED,
        organisation=None,
        organisation_name="Hillfields Youth Trust",
        role_in_delivery="Runs the Saturday club.",
    )
    url = reverse("consortium_invitation", args=[partner.token])

    page = client.get(url).content.decode()

    assert "Youth into work" in page
    assert proposal.lead_organisation.name in page
    assert proposal.specification.title in page
    assert "Runs the Saturday club." in page
    assert "A secret plan for the activity." not in page
    assert f"{reverse('account_login')}?next=" in page
    assert client.get("/consortium/invitations/not-a-real-token-but-shaped/").status_code == 404


def test_a_partner_confirms_from_the_link_for_a_new_organisation(client, proposal, lead):
    partner = ProposalPartnerFactory(
        proposal=proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Hillfields Youth Trust"
    )
    contact = UserFactory()
    client.force_login(contact)

    response = client.post(
        reverse("consortium_invitation", args=[partner.token]),
        {
            "confirm": "1",
            "choose-organisation": "new",
            "organisation-name": "Hillfields Youth Trust",
            "organisation-sector": "voluntary",
            "organisation-organisation_type": "charity",
            "bidder-address": "3 Wood End Road",
            "bidder-postcode": "cv2 1aa",
            "bidder-contact_name": "Joe Bloggs",
            "bidder-contact_email": "joe@example.org",
        },
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.state, partner.organisation.name, partner.answered_by) == (
        PartnerState.CONFIRMED,
        "Hillfields Youth Trust",
        contact,
    )
    page = client.get(response["Location"]).content.decode()
    assert "is confirmed as a partner" in page
    assert "Confirm the partnership" not in page


def test_an_organisation_in_the_consortium_already_is_told_so_on_the_page(client, proposal, lead):
    partner = ProposalPartnerFactory(
        proposal=proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Someone"
    )
    client.force_login(lead)

    response = client.post(
        reverse("consortium_invitation", args=[partner.token]),
        {"confirm": "1", "choose-organisation": str(proposal.lead_organisation_id)},
    )

    assert response.status_code == 200
    assert "is already in the consortium of “Youth into work”" in response.content.decode()
    partner.refresh_from_db()
    assert partner.state == PartnerState.INVITED


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (12 * 86400 + 5, "12 days left"),
        (86400, "1 day left"),
        (5 * 3600 + 9, "5 hours left"),
        (59, "1 minute left"),
        (0, "Closed"),
    ],
)
def test_time_left_in_words(seconds, words):
    now = timezone.now()
    assert time_left(now + datetime.timedelta(seconds=seconds), now) == words


def _dashboard_world(rows):
    round_ = published_specification().round
    organisation = OrganisationFactory()
    person = bidder_person(round_, organisation)
    for n in range(rows):
        spec = published_specification(round_)
        ProposalFactory(specification=spec, lead_organisation=organisation, title=f"Lead bid {n}")
        as_partner = ProposalFactory(specification=spec, title=f"Partner bid {n}")
        ProposalPartnerFactory(proposal=as_partner, organisation=organisation)
        ProposalPartnerFactory(
            proposal=ProposalFactory(specification=spec, title=f"Invited to {n}"),
            organisation=None,
            organisation_name="Us",
            contact_email=person.email,
            state=PartnerState.INVITED,
        )
        SpecificationFollower.objects.create(specification=spec, user=person)
        Question.objects.create(
            round=round_,
            specification=spec,
            text=f"Question {n}?",
            answer=f"Answer {n}.",
            answered_at=timezone.now(),
        )
    return round_, person


def _open_dashboard(client, rows):
    round_, person = _dashboard_world(rows)
    client.force_login(person)
    url = reverse("bidder_dashboard", args=[round_.pk])
    client.get(url)  # the session and the caches warmed, as for any page after the first
    return url


def test_the_dashboard_shows_everything_of_mine_in_a_constant_number_of_queries(client, django_assert_num_queries):
    url = _open_dashboard(client, 1)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    queries = len(one_row)  # read now: the log is a bounded queue that the next rows' creation moves on
    url = _open_dashboard(client, 4)

    with django_assert_num_queries(queries):
        page = client.get(url).content.decode()

    for n in range(4):
        assert f"Lead bid {n}" in page
        assert f"Partner bid {n}" in page
        assert f"Invited to {n}" in page
        assert f"Answer {n}." in page
    assert "39 days left" in page
    assert page.count("sections to finish") == 8


def test_the_dashboard_shows_deadlines_in_london_time(client):
    spec = published_specification()
    Specification.objects.filter(pk=spec.pk).update(
        proposal_deadline=datetime.datetime(2099, 7, 1, 11, 0, tzinfo=datetime.UTC),
        question_deadline=datetime.datetime(2099, 6, 1, 11, 0, tzinfo=datetime.UTC),
    )
    person = bidder_person(spec.round)
    client.force_login(person)

    page = client.get(reverse("bidder_dashboard", args=[spec.round_id])).content.decode()

    assert "1 July 2099, 12:00" in page


def test_the_home_page_leads_a_bidder_to_the_dashboard_and_an_invitation(client, proposal, lead):
    invited = UserFactory(email="joe@partner.example.org")
    ProposalPartnerFactory(
        proposal=proposal,
        state=PartnerState.INVITED,
        organisation=None,
        organisation_name="Hillfields",
        contact_email="joe@partner.example.org",
    )

    client.force_login(lead)
    lead_home = client.get(reverse("home")).content.decode()
    client.force_login(invited)
    invited_home = client.get(reverse("home")).content.decode()

    assert reverse("bidder_dashboard", args=[proposal.round_id]) in lead_home
    assert f"{proposal.lead_organisation.name} invites you to join “Youth into work”" in invited_home


def test_a_confirmed_partner_is_offered_the_proposal_and_the_dashboard_from_the_link(client, proposal, lead):
    partner = ProposalPartnerFactory(proposal=proposal, state=PartnerState.CONFIRMED)
    contact = bidder_person(proposal.round, partner.organisation)
    proposal_url = reverse("proposal_detail", args=[proposal.round_id, proposal.pk])
    client.force_login(contact)

    page = client.get(reverse("consortium_invitation", args=[partner.token])).content.decode()

    assert f'<a class="govuk-link" href="{proposal_url}">Read the proposal</a>' in page
    assert reverse("bidder_dashboard", args=[proposal.round_id]) in page
    assert client.get(proposal_url).status_code == 200


def test_someone_else_opening_a_confirmed_link_is_not_offered_the_proposal(client, proposal, lead):
    partner = ProposalPartnerFactory(proposal=proposal, state=PartnerState.CONFIRMED)
    client.force_login(UserFactory())

    page = client.get(reverse("consortium_invitation", args=[partner.token])).content.decode()

    assert "Read the proposal" not in page
    assert reverse("proposal_detail", args=[proposal.round_id, proposal.pk]) not in page
    assert reverse("bidder_dashboard", args=[proposal.round_id]) not in page


def test_the_partners_page_leads_back_to_the_proposal(client, proposal, lead):
    client.force_login(lead)

    page = client.get(reverse("consortium_partners", args=[proposal.round_id, proposal.pk])).content.decode()

    detail = reverse("proposal_detail", args=[proposal.round_id, proposal.pk])
    assert f'<a class="govuk-breadcrumbs__link" href="{detail}">Youth into work</a>' in page


def test_the_dashboard_offers_to_start_a_proposal_beside_the_specification_s_title(client):
    spec = published_specification()
    client.force_login(bidder_person(spec.round))

    page = client.get(reverse("bidder_dashboard", args=[spec.round_id])).content.decode()

    table = page[page.index('id="specifications"') :]
    first_cell = table[table.index('<td class="govuk-table__cell">') : table.index("</td>")]
    assert reverse("proposal_start", args=[spec.round_id, spec.pk]) in first_cell
    assert "Start a proposal" in first_cell
    assert table[: table.index("</thead>")].count("<th ") == 3


def test_the_partners_page_shows_each_organisation_as_a_card_with_its_answer_and_actions(client, proposal, lead):
    invited = ProposalPartnerFactory(
        proposal=proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Wood End Centre"
    )
    client.force_login(lead)

    page = client.get(reverse("consortium_partners", args=[proposal.round_id, proposal.pk])).content.decode()

    cards = page[page.index('<div id="consortium">') :]
    card = cards[cards.index("Wood End Centre") :]
    card = card.split('<div class="govuk-summary-card">')[0]
    assert "<table" not in cards[: cards.index('id="invite"')]
    assert "Invited" in card
    assert reverse("consortium_partner_remove", args=[proposal.round_id, proposal.pk, invited.pk]) in card
    assert reverse("consortium_partner_resend", args=[proposal.round_id, proposal.pk, invited.pk]) in card


def test_the_dashboard_shows_each_proposal_as_a_card_with_its_state(client, proposal, lead):
    client.force_login(lead)

    page = client.get(reverse("bidder_dashboard", args=[proposal.round_id])).content.decode()

    card = page[page.index('<div id="proposals">') :].split("</dl>")[0]
    assert reverse("proposal_detail", args=[proposal.round_id, proposal.pk]) in card
    assert "Youth into work" in card
    assert "Draft" in card
    assert "Lead" in card
    assert "<table" not in card


def test_the_invitation_offers_the_name_the_lead_gave_the_organisation(client, proposal, lead):
    partner = ProposalPartnerFactory(
        proposal=proposal, state=PartnerState.INVITED, organisation=None, organisation_name="Wood End Centre"
    )
    client.force_login(UserFactory())

    page = client.get(reverse("consortium_invitation", args=[partner.token])).content.decode()

    (name_input,) = re.findall(r'<input[^>]*name="organisation-name"[^>]*>', page)
    assert 'value="Wood End Centre"' in name_input
