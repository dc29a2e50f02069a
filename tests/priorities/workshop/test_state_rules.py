"""The workshop's pages offer a form, and accept its POST, only in the states its service accepts
(ACTION_STATES), for a superuser (whom every rule lets through) as for an officer; otherwise they
redirect with the service's reason and nothing changes."""

import html

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Sector
from priorities.workshop import services
from priorities.workshop.enums import ACTION_STATES, VotingMethod, WorkshopState
from priorities.workshop.models import CrossCuttingTheme, DiscussionGroup, PaperCount, Participant, TieDecision
from tests.factories.commissioning import person_with_role
from tests.priorities.workshop.helpers import seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db

STATES = list(WorkshopState)
CONFIRMED_REASON = "The results are confirmed: the discussion groups can no longer change."


@pytest.fixture(params=["superuser", "officer"])
def person(request, django_user_model, officer):
    if request.param == "officer":
        return officer
    return django_user_model.objects.create_superuser(email="root@example.org", password="x" * 12)


def _url(name, workshop, *extra):
    return reverse(name, args=[workshop.round_id, workshop.pk, *extra])


def _arranged(round_, state, **fields):
    """A workshop in ``state`` with a participant (no dots yet, no code) and a discussion group."""
    title = f"Board workshop ({fields.get('voting_method', VotingMethod.PHONES)})"
    workshop = workshop_with_issues(round_, issues=4, state=state, title=title, **fields)
    participant = seat(workshop, full_name="Sam Seated")
    group = DiscussionGroup.objects.create(workshop=workshop, name="Table 1")
    return workshop, participant, group


def _everything(workshop):
    """What any of the refused POSTs could change."""
    workshop.refresh_from_db()
    return {
        "state": workshop.state,
        "audit": AuditEntry.objects.count(),
        "groups": list(DiscussionGroup.objects.values_list("name", "notes")),
        "participants": list(Participant.objects.values_list("pk", "join_code", "group_id")),
        "paper": PaperCount.objects.count(),
        "ties": TieDecision.objects.count(),
        "themes": CrossCuttingTheme.objects.count(),
    }


def test_every_workshop_action_has_states_it_starts_from():
    assert all(set(states) <= set(STATES) and states for states in ACTION_STATES.values())


@pytest.mark.parametrize("state", STATES)
def test_the_pages_offer_only_what_the_state_allows(client, round_, person, state):
    workshop, participant, group = _arranged(round_, state)
    paper, *_ = _arranged(round_, state, voting_method=VotingMethod.PAPER)
    client.force_login(person)

    detail = client.get(_url("workshop_detail", workshop)).content.decode()
    participants = client.get(_url("workshop_participants", workshop)).content.decode()
    cards = client.get(_url("workshop_cards", workshop)).content.decode()
    counts = client.get(_url("workshop_paper", paper)).content.decode()
    choose = client.get(_url("workshop_choose", workshop)).content.decode()
    group_form = client.get(_url("workshop_group_edit", workshop, group.pk))

    before_confirmation = state != WorkshopState.CONFIRMED
    assert ("Add a discussion group" in detail) is before_confirmation
    assert (_url("workshop_group_edit", workshop, group.pk) in detail) is before_confirmation
    assert ('name="users"' in participants) is before_confirmation
    assert (_url("workshop_participant_remove", workshop, participant.pk) in participants) is before_confirmation
    assert (_url("workshop_participant_code", workshop, participant.pk) in participants) is before_confirmation
    assert ("Issue 1 code" in cards) is before_confirmation
    assert ('name="total_' in counts) is (state in (WorkshopState.VOTING, WorkshopState.CLOSED))
    assert (_url("workshop_confirm", workshop) in choose) is (state == WorkshopState.CLOSED)
    assert ('value="open_discussion"' in detail) is (state == WorkshopState.DRAFT)
    assert ('value="close_voting"' in detail) is (state == WorkshopState.VOTING)
    assert ('value="open_voting"' in detail) is (state in ACTION_STATES["open_voting"])
    if before_confirmation:
        assert group_form.status_code == 200 and 'name="notes"' in group_form.content.decode()
    else:
        assert group_form.status_code == 302 and group_form.url == _url("workshop_detail", workshop)


def _refused_posts(workshop, participant, group, issue):
    """(action, URL, data, the page it redirects to) for every form of the workshop."""
    detail = _url("workshop_detail", workshop)
    people = _url("workshop_participants", workshop)
    choose = _url("workshop_choose", workshop)
    return [
        ("set_up", _url("workshop_edit", workshop), {"title": "Renamed"}, detail),
        ("change_groups", _url("workshop_group_create", workshop), {"name": "Table 9"}, detail),
        ("change_groups", _url("workshop_group_edit", workshop, group.pk), {"name": "Renamed", "notes": "x"}, detail),
        ("change_participants", people, {"users": [participant.user_id]}, people),
        ("change_participants", _url("workshop_participant_remove", workshop, participant.pk), {}, people),
        ("issue_codes", _url("workshop_participant_code", workshop, participant.pk), {}, people),
        ("issue_codes", _url("workshop_cards", workshop), {}, _url("workshop_cards", workshop)),
        ("count_paper", _url("workshop_paper", workshop), {f"total_{issue.pk}": "5"}, _url("workshop_paper", workshop)),
        ("decide", _url("workshop_tie", workshop), {"chosen": [issue.pk], "reason": "Because."}, choose),
        ("decide", _url("workshop_cross_cutting", workshop), {"issue": issue.pk, "rationale": "Because."}, choose),
        ("decide", _url("workshop_confirm", workshop), {}, choose),
        ("open_discussion", _url("workshop_state", workshop), {"action": "open_discussion"}, detail),
        ("close_voting", _url("workshop_state", workshop), {"action": "close_voting"}, detail),
        ("open_voting", _url("workshop_state", workshop), {"action": "open_voting"}, detail),
        ("results_pdf", _url("workshop_results_pdf", workshop), {}, _url("workshop_results", workshop)),
    ]


@pytest.mark.parametrize("state", STATES)
def test_a_post_the_state_does_not_allow_is_refused_with_the_reason_and_changes_nothing(client, round_, person, state):
    workshop, participant, group = _arranged(round_, state, voting_method=VotingMethod.PAPER)
    person_with_role(round_, Role.BOARD, full_name="Late Arrival")
    client.force_login(person)
    refused = [
        case
        for case in _refused_posts(workshop, participant, group, wall(workshop)[0])
        if state not in ACTION_STATES[case[0]]
    ]
    before = _everything(workshop)

    for action, url, data, back in refused:
        response = client.post(url, data)
        page = client.get(response.url).content.decode() if response.status_code == 302 else ""

        assert (response.status_code, response.url) == (302, back), (action, url)
        assert html.escape(services.refusal_for(workshop, action)) in page, (action, url)
        assert _everything(workshop) == before, (action, url)
    assert refused  # every state refuses something


def test_the_reason_is_the_services_own(client, round_, officer):
    workshop, _participant, group = _arranged(round_, WorkshopState.CONFIRMED)
    client.force_login(officer)

    response = client.post(_url("workshop_group_edit", workshop, group.pk), {"name": "Renamed"}, follow=True)

    assert CONFIRMED_REASON in response.content.decode()
    assert DiscussionGroup.objects.get().name == "Table 1"


def test_groups_change_until_the_results_are_confirmed(client, round_, officer):
    workshop, participant, group = _arranged(round_, WorkshopState.CLOSED)
    client.force_login(officer)

    client.post(
        _url("workshop_group_edit", workshop, group.pk),
        {"name": "Table 1", "notes": "Housing came up twice.", "members": [participant.pk]},
    )

    assert DiscussionGroup.objects.get().notes == "Housing came up twice."
    assert Participant.objects.get().group == group


def test_a_participant_is_not_removed_once_the_results_are_confirmed(round_, officer):
    workshop = workshop_with_issues(round_, issues=2, state=WorkshopState.CONFIRMED)
    participant = seat(workshop, sector=Sector.PUBLIC)

    with pytest.raises(services.WorkshopError, match="the participants can no longer change"):
        services.remove_participant(participant, by=officer)
    assert Participant.objects.filter(pk=participant.pk).exists()
