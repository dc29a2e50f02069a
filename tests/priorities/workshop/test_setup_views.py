import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Sector
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import CrossCuttingTheme, DiscussionGroup, Participant, TieDecision, Workshop
from tests.factories.commissioning import person_with_role
from tests.factories.priorities import CandidateIssueFactory
from tests.priorities.workshop.helpers import at_workshop_stage, put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


def _url(name, workshop, *extra):
    return reverse(name, args=[workshop.round_id, workshop.pk, *extra])


def test_officer_sets_up_a_workshop_through_the_form(client, round_, officer):
    at_workshop_stage(round_)
    issues = [CandidateIssueFactory(round=round_) for _ in range(6)]
    client.force_login(officer)
    assert "Candidate issues on the wall" in client.get(reverse("workshop_create", args=[round_.pk])).content.decode()

    response = client.post(
        reverse("workshop_create", args=[round_.pk]),
        {
            "title": "Board workshop",
            "date": "2026-11-23",
            "place": "Council House",
            "issues": [issue.pk for issue in issues],
            "dots_per_participant": "3",
            "priorities_to_select": "6",
            "voting_method": "phones",
        },
    )

    workshop = Workshop.objects.get()
    assert response.url == _url("workshop_participants", workshop)
    assert set(workshop.issues.all()) == set(issues)
    assert workshop.state == WorkshopState.DRAFT


def test_workshop_form_keeps_input_and_explains_bad_numbers(client, round_, officer):
    at_workshop_stage(round_)
    issue = CandidateIssueFactory(round=round_)
    client.force_login(officer)

    response = client.post(
        reverse("workshop_create", args=[round_.pk]),
        {
            "title": "Board workshop",
            "date": "2026-11-23",
            "place": "Council House",
            "issues": [issue.pk],
            "dots_per_participant": "three",
            "priorities_to_select": "6",
            "voting_method": "phones",
        },
    )

    content = response.content.decode()
    assert "Enter a whole number" in content
    assert 'value="Board workshop"' in content
    assert not Workshop.objects.exists()


def test_officer_adds_board_members_and_issues_a_code_card_with_a_qr_code(client, round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)
    member = seat(workshop, Sector.PRIVATE)
    member.delete()
    client.force_login(officer)

    client.post(_url("workshop_participants", workshop), {"users": [member.user.pk]})
    participant = Participant.objects.get()
    response = client.post(_url("workshop_participant_code", workshop, participant.pk), follow=True)

    participant.refresh_from_db()
    content = response.content.decode()
    assert participant.sector == Sector.PRIVATE
    assert f"{participant.join_code[:4]} {participant.join_code[4:]}" in content
    assert "<svg" in content and f"code={participant.join_code}" in content


def test_officer_saves_a_discussion_group_with_notes(client, round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DISCUSSION)
    participant = seat(workshop)
    client.force_login(officer)
    assert client.get(_url("workshop_group_create", workshop)).status_code == 200

    client.post(
        _url("workshop_group_create", workshop),
        {"name": "Table 1", "notes": "Jobs first.", "note_taker": officer.pk, "members": [participant.pk]},
    )

    group = DiscussionGroup.objects.get()
    assert (group.name, group.notes, group.note_taker) == ("Table 1", "Jobs first.", officer)
    assert list(group.members.all()) == [participant]
    assert "Jobs first." in client.get(_url("workshop_detail", workshop)).content.decode()


def test_facilitator_resolves_a_tie_and_makes_an_issue_cross_cutting_on_the_page(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=6, priorities_to_select=2, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[0], issues[1], issues[2])
    client.force_login(officer)
    page = client.get(_url("workshop_choose", workshop)).content.decode()
    assert "Tie at the cut-off" in page

    client.post(
        _url("workshop_tie", workshop), {"chosen": [issues[1].pk, issues[2].pk], "reason": "Closest to the plan."}
    )
    client.post(_url("workshop_cross_cutting", workshop), {"issue": issues[5].pk, "rationale": "Everywhere."})

    decision = TieDecision.objects.get()
    assert set(decision.chosen_issues.all()) == {issues[1], issues[2]}
    assert CrossCuttingTheme.objects.get().issue == issues[5]
    page = client.get(_url("workshop_choose", workshop)).content.decode()
    assert "Closest to the plan." in page
    assert "Confirm the priorities" in page


def test_tie_form_without_a_reason_shows_an_error(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=6, priorities_to_select=2, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[0], issues[1], issues[2])
    client.force_login(officer)

    response = client.post(_url("workshop_tie", workshop), {"chosen": [issues[2].pk], "reason": ""})

    assert "Record the reason for the choice." in response.content.decode()
    assert not TieDecision.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "workshop_detail",
        "workshop_edit",
        "workshop_participants",
        "workshop_projector",
        "workshop_choose",
        "workshop_group_create",
    ],
)
def test_officer_pages_are_404_for_every_other_role(client, round_, name):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)
    for role in [Role.BOARD, Role.SUBGROUP, Role.PANEL, Role.BIDDER, Role.SPONSOR]:
        client.force_login(person_with_role(round_, role))
        assert client.get(_url(name, workshop)).status_code == 404, role


def test_forbidden_posts_leave_the_workshop_unchanged(client, round_):
    workshop = workshop_with_issues(round_, issues=6, state=WorkshopState.CLOSED)
    participant = seat(workshop)
    client.force_login(person_with_role(round_, Role.SPONSOR))

    client.post(_url("workshop_confirm", workshop))
    client.post(_url("workshop_tally_visibility", workshop), {"show": "no"})
    client.post(_url("workshop_participant_code", workshop, participant.pk))
    client.post(_url("workshop_cross_cutting", workshop), {"issue": wall(workshop)[5].pk, "rationale": "x"})

    workshop.refresh_from_db()
    participant.refresh_from_db()
    assert (workshop.state, workshop.show_tally, participant.join_code) == (WorkshopState.CLOSED, True, None)
    assert not CrossCuttingTheme.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="workshop.").exists()


def test_workshop_list_shows_board_members_only_their_workshops(client, round_, officer):
    mine = workshop_with_issues(round_, title="Mine")
    workshop_with_issues(round_, title="Elsewhere")
    me = seat(mine)
    client.force_login(me.user)

    content = client.get(reverse("workshop_list", args=[round_.pk])).content.decode()

    assert "Mine" in content
    assert "Elsewhere" not in content


def test_round_page_links_officers_to_workshops_and_voters_to_their_ballot(client, round_, officer):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)

    client.force_login(officer)
    officer_page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    client.force_login(me.user)
    voter_page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert f'href="{reverse("workshop_list", args=[round_.pk])}"' in officer_page
    assert _url("workshop_vote", workshop) in voter_page
    assert f'href="{reverse("workshop_list", args=[round_.pk])}"' not in voter_page


def test_officer_changes_the_set_up_before_voting_and_it_is_audited(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=7, state=WorkshopState.DRAFT)
    keep = wall(workshop)[:6]
    client.force_login(officer)
    assert "Change the workshop" in client.get(_url("workshop_edit", workshop)).content.decode()

    client.post(
        _url("workshop_edit", workshop),
        {
            "title": workshop.title,
            "date": "2026-11-24",
            "place": "Central Library",
            "issues": [issue.pk for issue in keep],
            "dots_per_participant": "4",
            "allow_stacking": "on",
            "priorities_to_select": "6",
            "voting_method": "phones",
        },
    )

    workshop.refresh_from_db()
    assert (workshop.place, workshop.dots_per_participant, workshop.allow_stacking) == ("Central Library", 4, True)
    assert set(workshop.issues.all()) == set(keep)
    entry = AuditEntry.objects.get(action="workshop.updated")
    assert (entry.before["dots_per_participant"], entry.after["dots_per_participant"]) == (3, 4)


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "line"), [(1, "1 workshop"), (2, "2 workshops")])
def test_round_page_counts_workshops_in_the_singular_and_the_plural(client, round_, officer, count, line):
    for _n in range(count):
        workshop_with_issues(round_, issues=1)
    client.force_login(officer)

    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert line in page
    if count == 1:
        assert "1 workshops" not in page


@pytest.mark.parametrize(
    ("state", "offered"),
    [
        (WorkshopState.DRAFT, True),
        (WorkshopState.DISCUSSION, True),
        (WorkshopState.VOTING, False),
        (WorkshopState.CLOSED, False),
        (WorkshopState.CONFIRMED, False),
    ],
)
def test_the_set_up_form_is_offered_only_when_the_service_accepts_it(client, round_, state, offered, django_user_model):
    """Even a superuser, whom every rule lets through, meets the service's state rule on the page."""
    workshop = workshop_with_issues(round_, issues=3, state=state, title="Board workshop")
    superuser = django_user_model.objects.create_superuser(email="root@example.org", password="x" * 12)
    client.force_login(superuser)

    page = client.get(_url("workshop_edit", workshop))
    posted = client.post(_url("workshop_edit", workshop), {"title": "Renamed"}, follow=True)

    if offered:
        assert page.status_code == 200 and 'name="title"' in page.content.decode()
    else:
        assert page.status_code == 302 and page.url == _url("workshop_detail", workshop)
        assert "The set-up can only change before voting opens." in posted.content.decode()
    workshop.refresh_from_db()
    assert workshop.title == "Board workshop"
    assert not AuditEntry.objects.filter(action="workshop.updated").exists()


def test_participants_cannot_be_added_once_the_results_are_confirmed(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=3, state=WorkshopState.CONFIRMED)
    person_with_role(round_, Role.BOARD, full_name="Late Arrival")
    client.force_login(officer)

    page = client.get(_url("workshop_participants", workshop)).content.decode()

    assert "The results are confirmed, so nobody more can take part." in page
    assert 'name="users"' not in page
