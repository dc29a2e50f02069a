"""Brokering pages: the panel asks and withdraws; each lead's people see and answer only the
requests addressed to their proposals; everyone else gets a 404 and changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.brokering.models import BrokeringParty, BrokeringRequest
from proposals.writing.enums import ProposalState
from tests.factories.commissioning import UserFactory
from tests.factories.panels import PanelFactory, PanelMemberFactory, eligible_proposal
from tests.factories.proposals import bidder_person
from tests.panels.brokering.helpers import Setting

pytestmark = pytest.mark.django_db


def _request(setting, kind=RequestKind.INVOLVE, proposals=None):
    request = BrokeringRequest.objects.create(
        panel=setting.panel,
        kind=kind,
        what="Involve the careers service.",
        why="Young people need careers advice.",
        asked_by=setting.chair,
        new_lead=setting.first.lead_organisation if kind == RequestKind.MERGE else None,
    )
    for proposal in proposals or [setting.first, setting.second]:
        request.parties.create(proposal=proposal)
    return request


def _panel_urls(setting, request):
    args = [setting.round.pk, setting.panel.pk]
    return [
        reverse("brokering_list", args=args),
        reverse("brokering_ask", args=args),
        reverse("brokering_detail", args=[*args, request.pk]),
        reverse("brokering_withdraw", args=[*args, request.pk]),
    ]


@pytest.fixture
def setting():
    return Setting()


def test_the_panel_pages_open_for_the_chair_and_officers_only(client, setting):
    request = _request(setting)
    outsiders = [setting.expert, setting.first_person, setting.board, UserFactory()]

    for person in (setting.chair, setting.officer):
        client.force_login(person)
        for url in _panel_urls(setting, request):
            assert client.get(url).status_code == 200, url
    for person in outsiders:
        client.force_login(person)
        for url in _panel_urls(setting, request):
            assert client.get(url).status_code == 404, (person, url)


def test_a_request_of_another_panel_is_not_found_through_this_one(client, setting):
    other = Setting()
    foreign = _request(other)
    client.force_login(setting.chair)

    url = reverse("brokering_detail", args=[setting.round.pk, setting.panel.pk, foreign.pk])
    assert client.get(url).status_code == 404
    url = reverse("brokering_detail", args=[setting.round.pk, other.panel.pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_the_chair_asks_for_a_merge_through_the_form(client, setting):
    client.force_login(setting.chair)
    url = reverse("brokering_ask", args=[setting.round.pk, setting.panel.pk])

    page = client.get(url + "?kind=merge")
    assert "Mentoring in Hillfields, led by Hillfields Youth Trust" in page.content.decode()
    response = client.post(
        url,
        {
            "kind": "merge",
            "proposals": [setting.first.pk, setting.second.pk],
            "what": "Merge into one programme.",
            "why": "Same young people.",
            "new_lead": setting.second.lead_organisation.pk,
        },
    )

    request = BrokeringRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("brokering_detail", args=[setting.round.pk, setting.panel.pk, request.pk])
    assert request.kind == RequestKind.MERGE and request.new_lead == setting.second.lead_organisation
    assert set(request.parties.values_list("proposal_id", flat=True)) == {setting.first.pk, setting.second.pk}
    detail = client.get(response.url).content.decode()
    assert "Foleshill Futures" in detail and "Not yet answered" in detail


def test_bad_input_names_the_field_and_keeps_what_was_typed(client, setting):
    client.force_login(setting.chair)
    url = reverse("brokering_ask", args=[setting.round.pk, setting.panel.pk])

    response = client.post(
        url, {"kind": "merge", "proposals": [setting.first.pk], "what": "Merge them all", "why": "", "new_lead": "x"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose two or more proposals to merge." in body
    assert "Merge them all" in body
    assert not BrokeringRequest.objects.exists()
    response = client.post(url, {"kind": "merge", "proposals": ["999999", "abc"], "what": "x", "why": "y"})
    assert response.status_code == 200
    assert not BrokeringRequest.objects.exists()


def test_forbidden_posts_change_nothing(client, setting):
    request = _request(setting)
    party = request.parties.get(proposal=setting.second)
    args = [setting.round.pk, setting.panel.pk]

    for person in (setting.expert, setting.first_person, setting.board):
        client.force_login(person)
        assert client.post(reverse("brokering_ask", args=args), {"kind": "involve"}).status_code == 404
        withdraw = reverse("brokering_withdraw", args=[*args, request.pk])
        assert client.post(withdraw, {"note": "Gone"}).status_code == 404
    for person in (setting.chair, setting.officer, setting.first_person):
        client.force_login(person)
        answer = reverse("brokering_answer", args=[setting.round.pk, party.pk])
        assert client.post(answer, {"consent": "no", "comment": "Not ours"}).status_code == 404

    request.refresh_from_db()
    party.refresh_from_db()
    assert request.outcome == RequestOutcome.WAITING
    assert party.answer == Answer.WAITING
    assert BrokeringRequest.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="brokering.").exists()


def test_the_chair_withdraws_a_waiting_request_and_then_cannot_again(client, setting):
    request = _request(setting)
    client.force_login(setting.chair)
    url = reverse("brokering_withdraw", args=[setting.round.pk, setting.panel.pk, request.pk])

    assert "Say why the panel withdraws" in client.post(url, {"note": ""}).content.decode()
    response = client.post(url, {"note": "Not needed any more."})

    request.refresh_from_db()
    assert response.status_code == 302
    assert request.outcome == RequestOutcome.WITHDRAWN
    assert client.get(url).status_code == 302  # closed: the form is no longer offered
    assert client.post(url, {"note": "Again"}).status_code == 302
    request.refresh_from_db()
    assert request.outcome_note == "Not needed any more."


def test_bidders_see_only_the_requests_addressed_to_their_proposals(client, setting):
    third = eligible_proposal(setting.panel, title="Sport for all")
    mine = _request(setting, proposals=[setting.second])
    not_mine = _request(setting, proposals=[setting.first, third])
    elsewhere_panel = PanelFactory()
    elsewhere = BrokeringRequest.objects.create(
        panel=elsewhere_panel, kind=RequestKind.INVOLVE, what="Secret ask", why="Secret why"
    )
    elsewhere.parties.create(proposal=eligible_proposal(elsewhere_panel, title="Elsewhere proposal"))
    client.force_login(setting.second_person)

    inbox = client.get(reverse("brokering_inbox", args=[setting.round.pk])).content.decode()
    assert "Work tasters in Foleshill" in inbox
    assert "Sport for all" not in inbox and "Mentoring in Hillfields" not in inbox
    my_party = mine.parties.get()
    assert client.get(reverse("brokering_answer", args=[setting.round.pk, my_party.pk])).status_code == 200
    for party in (*not_mine.parties.all(), *elsewhere.parties.all()):
        assert client.get(reverse("brokering_answer", args=[setting.round.pk, party.pk])).status_code == 404
        assert client.get(reverse("brokering_answer", args=[party.request.panel.round_id, party.pk])).status_code == 404
    # Another person of a bidder organisation in the round, and a panel member, see none of them.
    for person in (bidder_person(setting.round), PanelMemberFactory(panel=setting.panel).user):
        client.force_login(person)
        assert client.get(reverse("brokering_answer", args=[setting.round.pk, my_party.pk])).status_code == 404


def test_the_leads_consent_through_the_page_and_the_merge_is_made(client, setting):
    request = _request(setting, kind=RequestKind.MERGE)
    first = request.parties.get(proposal=setting.first)
    second = request.parties.get(proposal=setting.second)

    client.force_login(setting.first_person)
    home = client.get(reverse("home")).content.decode()
    assert reverse("brokering_answer", args=[setting.round.pk, first.pk]) in home
    url = reverse("brokering_answer", args=[setting.round.pk, first.pk])
    assert "Say why your organisation declines." in client.post(url, {"consent": "no", "comment": ""}).content.decode()
    assert client.post(url, {"consent": "yes", "comment": "We will lead."}).status_code == 302
    client.force_login(setting.second_person)
    url = reverse("brokering_answer", args=[setting.round.pk, second.pk])
    client.post(url, {"consent": "yes", "comment": ""})

    request.refresh_from_db()
    assert request.outcome == RequestOutcome.AGREED
    assert request.combined.state == ProposalState.SUBMITTED
    page = client.get(url).content.decode()
    assert "submitted and eligible" in page
    assert "This request is closed: agreed." in page
    assert client.post(url, {"consent": "no", "comment": "Changed our mind"}).status_code == 302
    assert BrokeringParty.objects.get(pk=second.pk).answer == Answer.CONSENTED
    client.force_login(setting.chair)
    detail = client.get(reverse("brokering_detail", args=[setting.round.pk, setting.panel.pk, request.pk]))
    assert "Mentoring in Hillfields and Work tasters in Foleshill" in detail.content.decode()
    assert "Read the combined proposal" not in detail.content.decode()  # the chair reads it once declared
    client.force_login(setting.officer)
    detail = client.get(reverse("brokering_detail", args=[setting.round.pk, setting.panel.pk, request.pk]))
    assert reverse("proposal_detail", args=[setting.round.pk, request.combined.pk]) in detail.content.decode()
    assert client.get(reverse("proposal_detail", args=[setting.round.pk, setting.first.pk])).status_code == 200


def test_the_panel_list_keeps_its_query_count(client, setting, django_assert_num_queries):
    _request(setting)
    client.force_login(setting.chair)
    url = reverse("brokering_list", args=[setting.round.pk, setting.panel.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        _request(setting)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_round_page_links_the_chair_and_officers_to_brokering_and_each_member_to_their_pack(client, setting):
    brokering = reverse("brokering_list", args=[setting.round.pk, setting.panel.pk])
    round_page = reverse("round_detail", args=[setting.round.pk])

    for person, sees_brokering in ((setting.chair, True), (setting.officer, True), (setting.expert, False)):
        client.force_login(person)
        body = client.get(round_page).content.decode()
        assert (brokering in body) is sees_brokering
    member = setting.panel.members.get(user=setting.expert)
    assert reverse("panel_pack", args=[setting.round.pk, setting.panel.pk, member.pk]) in body
    client.force_login(setting.second_person)
    _request(setting, proposals=[setting.second])
    body = client.get(round_page).content.decode()
    assert brokering not in body
    assert reverse("brokering_inbox", args=[setting.round.pk]) in body
