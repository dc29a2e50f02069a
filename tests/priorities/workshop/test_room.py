"""The workshop's rules around the room: when a workshop can be set up, the set-up's field errors,
changing a tie decision until confirmation, join cards, the projector's and ballot's live parts,
and plurals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Sector, Stage
from priorities.workshop import services, voting
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import Participant, TieDecision, Workshop
from tests.factories.commissioning import person_with_role
from tests.factories.priorities import CandidateIssueFactory
from tests.priorities.workshop.helpers import at_workshop_stage, put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


def _url(name, workshop, *extra):
    return reverse(name, args=[workshop.round_id, workshop.pk, *extra])


def _form(issues, **overrides):
    return {
        "title": "Board workshop",
        "date": "2026-11-23",
        "place": "Council House",
        "issues": [issue.pk for issue in issues],
        "dots_per_participant": "3",
        "priorities_to_select": "6",
        "voting_method": "phones",
        **overrides,
    }


# When a workshop can be set up


@pytest.mark.parametrize("stage", [Stage.SETUP, Stage.SPECIFICATION])
def test_create_workshop_is_refused_outside_the_workshop_stage(round_, officer, stage):
    round_.stage = stage
    round_.save()
    issues = [CandidateIssueFactory(round=round_) for _ in range(6)]

    with pytest.raises(services.WorkshopError, match="while the round is at the “Priority workshop” stage"):
        services.create_workshop(round_, by=officer, issues=issues, title="W", date="2026-11-23", place="Here")

    assert not Workshop.objects.exists()
    assert not AuditEntry.objects.filter(action="workshop.created").exists()


def test_set_up_page_says_why_not_before_the_workshop_stage_and_a_post_creates_nothing(client, round_, officer):
    issues = [CandidateIssueFactory(round=round_) for _ in range(6)]
    client.force_login(officer)

    page = client.get(reverse("workshop_create", args=[round_.pk])).content.decode()
    posted = client.post(reverse("workshop_create", args=[round_.pk]), _form(issues)).content.decode()
    listing = client.get(reverse("workshop_list", args=[round_.pk])).content.decode()

    reason = "A workshop is set up while the round is at the “Priority workshop” stage; this round is at “Set-up”."
    assert reason in page and reason in posted and reason in listing
    assert 'name="title"' not in page
    assert reverse("workshop_create", args=[round_.pk]) not in listing
    assert not Workshop.objects.exists()


def test_set_up_rules_show_against_their_inputs(client, round_, officer):
    at_workshop_stage(round_)
    issues = [CandidateIssueFactory(round=round_) for _ in range(3)]
    workshop_with_issues(round_, title="Board workshop", issues=1)
    client.force_login(officer)

    response = client.post(reverse("workshop_create", args=[round_.pk]), _form(issues))

    errors = response.context["form"].errors
    assert errors["title"] == ["This round already has a workshop with that title."]
    assert errors["priorities_to_select"] == ["You chose 6 priorities to select but only 3 issues are on the wall."]
    assert "__all__" not in errors
    content = response.content.decode()
    assert 'href="#id_priorities_to_select"' in content and 'href="#id_title"' in content
    assert 'value="Council House"' in content
    assert Workshop.objects.count() == 1


def test_set_up_rule_for_one_issue_is_in_the_singular(client, round_, officer):
    at_workshop_stage(round_)
    issue = CandidateIssueFactory(round=round_)
    client.force_login(officer)

    response = client.post(reverse("workshop_create", args=[round_.pk]), _form([issue], priorities_to_select="2"))

    assert response.context["form"].errors["priorities_to_select"] == [
        "You chose 2 priorities to select but only 1 issue is on the wall."
    ]


def test_changing_the_set_up_keeps_the_title_rule_against_the_title(client, round_, officer):
    workshop_with_issues(round_, title="Taken", state=WorkshopState.DRAFT)
    workshop = workshop_with_issues(round_, title="Mine", issues=6, state=WorkshopState.DRAFT)
    client.force_login(officer)

    response = client.post(_url("workshop_edit", workshop), _form(wall(workshop), title="Taken"))

    assert response.context["form"].errors["title"] == ["This round already has a workshop with that title."]
    workshop.refresh_from_db()
    assert workshop.title == "Mine"


# Tie decisions until confirmation


def _tied(round_):
    """A closed workshop choosing 2 priorities: one issue ahead, three tied at 1 dot for the last place."""
    workshop = workshop_with_issues(round_, issues=5, priorities_to_select=2, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[0], issues[1], issues[2])
    put_dots(seat(workshop), issues[0])
    return workshop, issues


def test_a_recorded_tie_decision_can_be_changed_until_confirmation(round_, officer, django_capture_on_commit_callbacks):
    workshop, issues = _tied(round_)
    other = person_with_role(round_, Role.OFFICER, full_name="Oona Other")
    services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="Closest to the plan.")

    services.resolve_tie(workshop, by=other, chosen=[issues[2]], reason="The board changed its mind.")

    decision = TieDecision.objects.get()
    assert list(decision.chosen_issues.all()) == [issues[2]]
    assert (decision.reason, decision.decided_by) == ("The board changed its mind.", other)
    entry = AuditEntry.objects.get(action="workshop.tie_changed")
    assert entry.before == {"chosen": [issues[1].name], "reason": "Closest to the plan.", "decided_by": "Olive Officer"}
    assert entry.after["chosen"] == [issues[2].name] and entry.actor == other

    with django_capture_on_commit_callbacks(execute=False):
        services.confirm_results(workshop, by=officer)
    with pytest.raises(services.WorkshopError):
        services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="Too late.")
    assert list(TieDecision.objects.get().chosen_issues.all()) == [issues[2]]
    assert list(workshop.round.priorities.values_list("title", flat=True)) == [issues[0].name, issues[2].name]


def test_choose_page_offers_to_change_a_recorded_decision_and_the_change_shows(client, round_, officer):
    workshop, issues = _tied(round_)
    services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="Closest to the plan.")
    client.force_login(officer)

    response = client.get(_url("workshop_choose", workshop))
    page = response.content.decode()
    assert "Change the decision" in page
    assert "Closest to the plan.</textarea>" in page
    assert response.context["tie_form"]["chosen"].value() == [issues[1].pk]

    response = client.post(
        _url("workshop_tie", workshop), {"chosen": [issues[2].pk], "reason": "Fewer services there."}, follow=True
    )

    assert "The decision on the tie is changed and the reason recorded." in response.content.decode()
    assert list(TieDecision.objects.get().chosen_issues.all()) == [issues[2]]
    assert "Decided by Olive Officer: Fewer services there." in response.content.decode()
    assert "These issues have 1 dot each. 1 place is left." in response.content.decode()


def test_choose_page_after_confirmation_says_when_and_by_whom(
    client, round_, officer, django_capture_on_commit_callbacks
):
    workshop, issues = _tied(round_)
    services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="Closest to the plan.")
    with django_capture_on_commit_callbacks(execute=False):
        services.confirm_results(workshop, by=officer)
    Workshop.objects.filter(pk=workshop.pk).update(
        confirmed_at=datetime.datetime(2026, 7, 1, 12, 5, tzinfo=datetime.UTC)
    )
    client.force_login(officer)

    page = client.get(_url("workshop_choose", workshop)).content.decode()

    assert "The priorities were confirmed on 1 July 2026 at 13:05 by Olive Officer." in page
    assert "The priorities are chosen once voting has closed." not in page
    assert "Change the decision" not in page and "Record the decision" not in page


# Join cards


def test_issuing_missing_codes_keeps_the_ones_handed_out_and_audits_each(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DISCUSSION)
    first = services.issue_join_code(seat(workshop), by=officer)
    others = [seat(workshop) for _ in range(4)]

    issued = services.issue_missing_join_codes(workshop, by=officer)

    codes = dict(Participant.objects.values_list("pk", "join_code"))
    assert issued == 4
    assert codes[first.pk] == first.join_code
    assert len(set(codes.values())) == 5 and None not in codes.values()
    assert AuditEntry.objects.filter(action="workshop.code_issued").count() == 5
    assert {entry.object_id for entry in AuditEntry.objects.filter(action="workshop.code_issued")} == {
        str(p.pk) for p in [first, *others]
    }
    assert services.issue_missing_join_codes(workshop, by=officer) == 0


def test_codes_are_not_issued_once_the_results_are_confirmed(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.CONFIRMED)
    seat(workshop)

    with pytest.raises(services.WorkshopError, match="no more codes"):
        services.issue_missing_join_codes(workshop, by=officer)

    assert not Participant.objects.filter(join_code__isnull=False).exists()


def _cards_queries(client, workshop):
    with CaptureQueriesContext(connection) as captured:
        content = client.get(_url("workshop_cards", workshop)).content.decode()
    return len(captured), content


def test_cards_page_shows_every_code_and_qr_code_in_the_same_queries_for_one_or_twenty(client, round_, officer):
    one = workshop_with_issues(round_, title="One", state=WorkshopState.DISCUSSION)
    seat(one)
    twenty = workshop_with_issues(round_, title="Twenty", state=WorkshopState.DISCUSSION)
    for _ in range(20):
        seat(twenty)
    services.issue_missing_join_codes(one, by=officer)
    client.force_login(officer)
    client.post(_url("workshop_cards", twenty))
    client.get(_url("workshop_cards", one))

    small, _content = _cards_queries(client, one)
    large, content = _cards_queries(client, twenty)

    assert small == large
    codes = list(twenty.participants.values_list("join_code", flat=True))
    assert len(codes) == 20
    for code in codes:
        assert f'data-code="{code}">{code[:4]} {code[4:]}</p>' in content
        assert f"code={code}" not in content  # the link is drawn into the QR code, not written out
    assert content.count("<svg") == 20
    assert "20 cards to print and cut out." in content


def test_cards_page_offers_to_issue_the_missing_codes(client, round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DISCUSSION)
    seat(workshop, full_name="Nadia Nocode")
    client.force_login(officer)

    page = client.get(_url("workshop_cards", workshop)).content.decode()
    response = client.post(_url("workshop_cards", workshop), follow=True)

    assert "1 participant has no code yet: Nadia Nocode." in page
    assert "Issue 1 code" in page
    assert "1 code issued." in response.content.decode()
    assert "1 card to print and cut out." in response.content.decode()


def test_cards_are_404_for_everyone_but_officers_and_a_post_issues_nothing(client, round_):
    workshop = workshop_with_issues(round_, state=WorkshopState.DISCUSSION)
    participant = seat(workshop)
    for role in [Role.BOARD, Role.SUBGROUP, Role.PANEL, Role.BIDDER, Role.SPONSOR]:
        client.force_login(person_with_role(round_, role))
        assert client.get(_url("workshop_cards", workshop)).status_code == 404
        assert client.post(_url("workshop_cards", workshop)).status_code == 404
    client.force_login(participant.user)
    assert client.get(_url("workshop_cards", workshop)).status_code == 404

    assert not Participant.objects.filter(join_code__isnull=False).exists()


# The projector's and the ballot's live parts


def test_projector_controls_answer_no_content_until_the_state_changes(client, round_, officer):
    workshop = workshop_with_issues(round_)
    client.force_login(officer)
    url = _url("workshop_projector_controls", workshop)

    unchanged = client.get(url, {"shown": "voting-shown"}, headers={"HX-Request": "true"})
    services.close_voting(workshop, by=officer)
    changed = client.get(url, {"shown": "voting-shown"}, headers={"HX-Request": "true"})

    assert unchanged.status_code == 204 and unchanged.content == b""
    content = changed.content.decode()
    assert "Reopen voting" in content and "Close voting" not in content
    assert "?shown=closed-shown" in content


def test_projector_page_stands_alone_with_the_controls(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=12)
    client.force_login(officer)

    content = client.get(_url("workshop_projector", workshop)).content.decode()

    assert "app-header" not in content and "govuk-breadcrumbs" not in content and "govuk-footer" not in content
    assert 'style="--columns: 2; --rows: 6"' in content
    assert "Close voting" in content and "Hide the tally" in content
    assert '<meta http-equiv="refresh" content="5">' in content


@pytest.mark.parametrize("name", ["workshop_projector", "workshop_projector_controls"])
def test_projector_queries_do_not_grow_with_issues_or_participants(client, round_, officer, name):
    small = workshop_with_issues(round_, title="Small", issues=2)
    put_dots(seat(small), *wall(small)[:2])
    large = workshop_with_issues(round_, title="Large", issues=20)
    for n in range(20):
        put_dots(seat(large, Sector.VOLUNTARY), *wall(large)[n % 18 : n % 18 + 3])
    client.force_login(officer)
    client.get(_url(name, small))

    counts = []
    for workshop in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(name, workshop)).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_ballot_answers_no_content_while_voting_has_not_opened_then_the_open_ballot(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=3, state=WorkshopState.DISCUSSION)
    me = seat(workshop)
    client.force_login(me.user)
    url = _url("workshop_vote", workshop)

    page = client.get(url).content.decode()
    waiting = client.get(url, {"shown": "discussion"}, headers={"HX-Request": "true"})
    services.open_voting(workshop, by=officer)
    opened = client.get(url, {"shown": "discussion"}, headers={"HX-Request": "true"}).content.decode()

    assert "The facilitator has not opened voting yet" in page
    assert 'hx-trigger="every 2s"' in page and "Place a dot" not in page
    assert waiting.status_code == 204
    assert "Voting is open. Place your dots." in opened
    assert opened.count(">Place a dot<") == 3
    assert "hx-trigger" not in opened


def test_ballot_offers_no_place_button_where_a_dot_cannot_go(client, round_):
    workshop = workshop_with_issues(round_, issues=4)
    issues = wall(workshop)
    me = seat(workshop)
    put_dots(me, issues[0])
    client.force_login(me.user)

    one_placed = client.get(_url("workshop_vote", workshop)).content.decode()
    voting.place_dot(me, issues[1].pk)
    voting.place_dot(me, issues[2].pk)
    all_placed = client.get(_url("workshop_vote", workshop)).content.decode()

    assert f'id="place-{issues[0].pk}"' not in one_placed
    assert all(f'id="place-{issue.pk}"' in one_placed for issue in issues[1:])
    assert 'id="place-' not in all_placed
    assert all(f'id="remove-{issue.pk}"' in all_placed for issue in issues[:3])
    assert "All your dots are placed. To move one, take it back first." in all_placed


def test_ballot_with_stacking_offers_another_dot_on_an_issue_until_none_are_left(client, round_):
    workshop = workshop_with_issues(round_, issues=2, allow_stacking=True)
    issues = wall(workshop)
    me = seat(workshop)
    put_dots(me, issues[0], issues[0])
    client.force_login(me.user)

    content = client.get(_url("workshop_vote", workshop)).content.decode()

    assert f'id="place-{issues[0].pk}"' in content and f'id="place-{issues[1].pk}"' in content
    assert "2 of your dots are here" in content


# Plurals


def test_one_dot_workshop_speaks_in_the_singular(client, round_):
    workshop = workshop_with_issues(round_, issues=3, dots_per_participant=1)
    issues = wall(workshop)
    me = seat(workshop)
    client.force_login(me.user)

    before = client.get(_url("workshop_vote", workshop)).content.decode()
    placed = client.post(_url("workshop_dot_place", workshop), {"issue": issues[0].pk}, follow=True).content.decode()
    with pytest.raises(services.DotRefused) as refusal:
        voting.place_dot(me, issues[1].pk)

    assert "1 of 1 dot left" in before
    assert "Place your dot on the issue you think matters most." in before
    assert f"Dot placed on {issues[0].name}. 0 of 1 dot left." in placed
    client.force_login(person_with_role(round_, Role.OFFICER))
    projector = client.get(_url("workshop_projector_tally", workshop)).content.decode()
    assert "1 of 1 participant has placed their dot" in projector
    assert refusal.value.message == "You have placed your dot. Take it back to place it elsewhere."


def test_three_dot_workshop_speaks_in_the_plural(round_):
    workshop = workshop_with_issues(round_, issues=4)
    issues = wall(workshop)
    me = seat(workshop)
    put_dots(me, *issues[:3])

    with pytest.raises(services.DotRefused) as refusal:
        voting.place_dot(me, issues[3].pk)

    assert refusal.value.message == "You have placed all 3 of your dots. Take one back to place it elsewhere."


def test_results_page_says_tied_at_one_dot(client, round_, officer, django_capture_on_commit_callbacks):
    workshop, issues = _tied(round_)
    services.resolve_tie(workshop, by=officer, chosen=[issues[1]], reason="Closest to the plan.")
    client.force_login(officer)

    page = client.get(_url("workshop_results", workshop)).content.decode()

    assert "Tied at 1 dot, decided by Olive Officer" in page
    assert str(TieDecision.objects.get()).endswith(": tie at 1 dot")
    assert "1 dots" not in page
