import csv
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.documents.models import Document
from commissioning.enums import Role, Sector, Stage
from commissioning.rounds import services as round_services
from priorities.evidence.models import CandidateIssue
from priorities.workshop import services
from priorities.workshop.enums import VotingMethod, WorkshopState
from priorities.workshop.models import Dot, PaperCount, Priority
from tests.factories.commissioning import person_with_role
from tests.pdf import needs_pdftotext, pdf_text
from tests.priorities.workshop.helpers import put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


def _url(name, workshop, *extra):
    return reverse(name, args=[workshop.round_id, workshop.pk, *extra])


def test_ballot_shows_own_dots_and_never_another_participants(client, round_):
    workshop = workshop_with_issues(round_)
    workshop.show_tally = False
    workshop.save()
    issues = wall(workshop)
    me, other = seat(workshop), seat(workshop)
    put_dots(me, issues[0])
    put_dots(other, issues[5], issues[6])
    client.force_login(me.user)

    content = client.get(_url("workshop_vote", workshop)).content.decode()

    assert "2 of 3 dots left" in content
    assert content.count("Your dot is here") == 1
    assert f'id="remove-{issues[0].pk}"' in content
    assert f'id="remove-{issues[5].pk}"' not in content
    assert other.user.full_name not in content


def test_ballot_shows_only_the_tally_of_others_when_it_is_shown(client, round_):
    workshop = workshop_with_issues(round_)
    issues = wall(workshop)
    me, other = seat(workshop), seat(workshop)
    put_dots(other, issues[5])
    client.force_login(me.user)

    content = client.get(_url("workshop_vote", workshop)).content.decode()

    assert 'data-total="1"' in content
    assert f'id="remove-{issues[5].pk}"' not in content
    assert other.user.full_name not in content


def test_place_dot_by_plain_form_redirects_with_a_message(client, round_):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    issue = wall(workshop)[1]
    client.force_login(me.user)

    response = client.post(_url("workshop_dot_place", workshop), {"issue": issue.pk}, follow=True)

    assert list(Dot.objects.values_list("participant_id", "issue_id")) == [(me.pk, issue.pk)]
    assert f"Dot placed on {issue.name}. 2 of 3 dots left." in response.content.decode()


def test_fourth_dot_by_htmx_is_refused_with_a_message(client, round_):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    issues = wall(workshop)
    put_dots(me, *issues[:3])
    client.force_login(me.user)

    response = client.post(_url("workshop_dot_place", workshop), {"issue": issues[3].pk}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert content.startswith('<div id="ballot">')
    assert "placed all 3 of your dots" in content
    assert Dot.objects.count() == 3


@pytest.mark.parametrize("value", ["", "abc", "-1", "999999", "99999999999999999999999", "1.5"])
def test_place_dot_with_a_bad_issue_changes_nothing(client, round_, value):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    client.force_login(me.user)

    response = client.post(_url("workshop_dot_place", workshop), {"issue": value}, follow=True)

    assert response.status_code == 200
    assert "not on this workshop" in response.content.decode()
    assert not Dot.objects.exists()


def test_ballot_is_404_for_people_without_a_seat(client, round_, people):
    workshop = workshop_with_issues(round_)
    issue = wall(workshop)[0]
    for key, user in people.items():
        client.force_login(user)
        assert client.get(_url("workshop_vote", workshop)).status_code == 404, key
        assert client.post(_url("workshop_dot_place", workshop), {"issue": issue.pk}).status_code == 404, key
    assert not Dot.objects.exists()


def test_dot_through_another_rounds_address_is_404_and_changes_nothing(client, round_, officer):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    other_round = round_services.create_round(
        by=officer,
        name="Another round",
        partnership=round_.partnership,
        place="C",
        annual_budget_pence=100,
        number_of_years=1,
        start_date=round_.start_date,
    )
    client.force_login(me.user)

    url = reverse("workshop_dot_place", args=[other_round.pk, workshop.pk])
    response = client.post(url, {"issue": wall(workshop)[0].pk})

    assert response.status_code == 404
    assert not Dot.objects.exists()


def test_dot_without_a_seat_or_sign_in_goes_to_the_join_page(client, round_):
    workshop = workshop_with_issues(round_)

    response = client.post(_url("workshop_dot_place", workshop), {"issue": wall(workshop)[0].pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_join")
    assert not Dot.objects.exists()


def test_join_code_opens_that_participants_ballot_only(client, round_, officer):
    workshop = workshop_with_issues(round_)
    other_workshop = workshop_with_issues(round_, title="Another")
    me = services.issue_join_code(seat(workshop), by=officer)
    seat(other_workshop)

    response = client.post(reverse("workshop_join"), {"code": me.join_code.lower()}, follow=True)
    client.post(_url("workshop_dot_place", workshop), {"issue": wall(workshop)[0].pk})

    assert f"You are voting as {me.user}" in response.content.decode()
    assert Dot.objects.get().participant == me
    assert client.get(_url("workshop_vote", other_workshop)).status_code == 302
    assert client.get(_url("workshop_detail", workshop)).status_code == 302  # not signed in


def test_wrong_join_code_is_refused_on_the_page(client, round_):
    response = client.post(reverse("workshop_join"), {"code": "NOPE1234"})

    assert "That code does not match" in response.content.decode()


def test_join_codes_are_refused_for_a_while_after_too_many_wrong_ones(client, round_, officer):
    cache.clear()
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(10):
        client.post(reverse("workshop_join"), {"code": "WRONG234"})

    response = client.post(reverse("workshop_join"), {"code": me.join_code})

    assert "Too many wrong codes" in response.content.decode()
    assert "workshop_seats" not in client.session
    cache.clear()


def test_projector_fragment_shows_counts_per_sector_without_names(client, round_, officer):
    workshop = workshop_with_issues(round_)
    issues = wall(workshop)
    voter = seat(workshop, Sector.VOLUNTARY)
    put_dots(voter, issues[2], issues[3], issues[4])
    client.force_login(officer)

    content = client.get(_url("workshop_projector_tally", workshop)).content.decode()

    assert "1 of 1 participant has placed all their dots" in content
    assert f'data-issue="{issues[2].name}" data-total="1"' in content
    # A lone voter's sector is not shown while voting is open (test_ballot_privacy).
    assert "app-sector--other" in content
    assert "app-sector--voluntary" not in content
    assert voter.user.full_name not in content


def test_projector_is_404_for_board_members(client, round_):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    client.force_login(me.user)

    assert client.get(_url("workshop_projector_tally", workshop)).status_code == 404
    assert client.get(_url("workshop_detail", workshop)).status_code == 302  # sent to their ballot


def test_officer_page_shows_everyones_ballot(client, round_, officer):
    workshop = workshop_with_issues(round_)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[6])
    client.force_login(officer)

    content = client.get(_url("workshop_detail", workshop)).content.decode()

    assert issues[6].name in content.split("Participants and their dots")[1]


def test_state_post_by_board_member_changes_nothing(client, round_):
    workshop = workshop_with_issues(round_)
    me = seat(workshop)
    client.force_login(me.user)

    response = client.post(_url("workshop_state", workshop), {"action": "close_voting"})

    assert response.status_code == 404
    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.VOTING


def test_paper_counts_form_keeps_bad_input_and_explains(client, round_, officer):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER)
    seat(workshop)
    first, second = wall(workshop)[:2]
    client.force_login(officer)

    response = client.post(_url("workshop_paper", workshop), {f"total_{first.pk}": "three", f"total_{second.pk}": "-2"})

    content = response.content.decode()
    assert "Enter a whole number" in content
    assert "A count cannot be negative" in content
    assert 'value="three"' in content
    assert not PaperCount.objects.exists()


def test_paper_counts_over_the_expected_total_show_a_warning(client, round_, officer):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER)
    seat(workshop)
    first = wall(workshop)[0]
    client.force_login(officer)

    response = client.post(_url("workshop_paper", workshop), {f"total_{first.pk}": "5"}, follow=True)

    assert PaperCount.objects.get().dots == 5
    assert "The counts add up to 5 dots, but 3 dots were handed out (1 participant with 3 each)." in (
        response.content.decode()
    )


def _seeded(round_, issues, voters):
    workshop = workshop_with_issues(round_, issues=issues)
    wall_issues = wall(workshop)
    for n in range(voters):
        put_dots(seat(workshop), *[wall_issues[(n + k) % issues] for k in range(3)])
    return workshop


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["workshop_vote", "workshop_projector_tally", "workshop_results", "workshop_detail"])
def test_page_queries_do_not_grow_with_issues_participants_or_dots(client, round_, officer, name):
    small = _seeded(round_, issues=6, voters=1)
    large = _seeded(round_, issues=15, voters=12)
    # Warm what outlives a request (the content types that documents are looked up by, the session), as an
    # earlier test would have done in a full run: only what each request costs is counted.
    client.force_login(small.participants.first().user if name == "workshop_vote" else officer)
    assert client.get(_url(name, small)).status_code == 200
    counts = []
    for workshop in (small, large):
        user = workshop.participants.first().user if name == "workshop_vote" else officer
        client.force_login(user)
        counts.append(_queries(client, _url(name, workshop)))

    assert counts[0] == counts[1]


@needs_pdftotext
def test_confirming_renders_a_results_pdf_with_the_ranking(client, round_, officer, django_capture_on_commit_callbacks):
    workshop = workshop_with_issues(round_, issues=7, priorities_to_select=2)
    issues = wall(workshop)
    put_dots(seat(workshop, Sector.PUBLIC), issues[3], issues[4], issues[0])
    put_dots(seat(workshop, Sector.COMMUNITY), issues[3], issues[5], issues[4])
    put_dots(seat(workshop, Sector.PRIVATE), issues[3], issues[6], issues[1])
    workshop.state = WorkshopState.CLOSED
    workshop.save()
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("workshop_confirm", workshop))

    document = Document.objects.get(kind=services.RESULTS_PDF_KIND)
    text = pdf_text(document)
    assert workshop.title in text
    assert issues[3].name in text and issues[4].name in text
    assert "1 of 3 participants" not in text
    assert "3 of 3 participants have placed all their dots" in text
    assert re.search(rf"1\s+{re.escape(issues[3].name)}\s+3\s+1\s+1\s+0\s+1\s+0\s+Priority", text)
    assert re.search(rf"2\s+{re.escape(issues[4].name)}\s+2\s+1\s+0\s+0\s+1\s+0\s+Priority", text)
    assert list(Priority.objects.values_list("title", "dots")) == [(issues[3].name, 3), (issues[4].name, 2)]
    round_.refresh_from_db()
    assert round_.stage == Stage.SPECIFICATION
    page = client.get(_url("workshop_results", workshop)).content.decode()
    assert "Download the results (PDF)" in page


def test_results_are_404_for_board_members_until_confirmed(client, round_):
    workshop = workshop_with_issues(round_, state=WorkshopState.CLOSED)
    board = person_with_role(round_, Role.BOARD)
    client.force_login(board)

    assert client.get(_url("workshop_results", workshop)).status_code == 404
    assert client.get(_url("workshop_results_csv", workshop)).status_code == 404


def test_results_csv_lists_ranked_issues(client, round_, officer):
    workshop = workshop_with_issues(round_, issues=6, priorities_to_select=2, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop, Sector.PUBLIC), issues[2], issues[1], issues[0])
    put_dots(seat(workshop, Sector.PUBLIC), issues[2], issues[1], issues[3])
    client.force_login(officer)

    response = client.get(_url("workshop_results_csv", workshop))
    rows = response.content.decode("utf-8-sig").splitlines()

    assert response.content.startswith("\ufeff".encode())  # so that Excel reads it as UTF-8
    assert rows[0].startswith("Rank,Issue,Dots,Public")
    assert rows[1] == f"1,{issues[1].name},2,2,0,0,0,0,Priority"
    assert rows[2] == f"1,{issues[2].name},2,2,0,0,0,0,Priority"


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.example")', "+1+2", "-3", "@SUM(A1)", "\tTab"])
def test_results_csv_keeps_an_issue_name_that_starts_like_a_formula_as_text(client, round_, officer, name):
    workshop = workshop_with_issues(round_, issues=2, priorities_to_select=1)
    issues = wall(workshop)
    CandidateIssue.objects.filter(pk=issues[0].pk).update(name=name)
    put_dots(seat(workshop, Sector.PUBLIC), issues[0])
    client.force_login(officer)

    content = client.get(_url("workshop_results_csv", workshop)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))

    assert rows[1][:3] == ["1", "'" + name, "1"]


def test_board_sees_results_once_confirmed_with_the_pdf_shown_as_being_prepared(
    client, round_, officer, django_capture_on_commit_callbacks
):
    workshop = workshop_with_issues(round_, issues=6, priorities_to_select=1, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    put_dots(seat(workshop), issues[4], issues[0], issues[1])
    put_dots(seat(workshop), issues[4], issues[2], issues[3])
    board = person_with_role(round_, Role.BOARD)
    with django_capture_on_commit_callbacks(execute=False):
        services.confirm_results(workshop, by=officer)
    client.force_login(board)

    page = client.get(_url("workshop_results", workshop)).content.decode()
    fragment = client.get(_url("workshop_results_pdf_status", workshop)).content.decode()

    assert f'data-issue="{issues[4].name}" data-total="2"' in page
    assert "The results PDF is being prepared." in page
    assert 'hx-trigger="every 2s"' in fragment
    assert client.get(_url("workshop_results_pdf", workshop)).status_code == 404


def test_asking_for_the_results_pdf_before_confirmation_is_refused_on_the_page(client, round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.CLOSED)
    client.force_login(officer)

    response = client.post(_url("workshop_results_pdf", workshop), follow=True)

    assert "The results PDF is prepared once the results are confirmed." in response.content.decode()
    assert not Document.objects.exists()


def test_wrong_join_codes_lock_that_browser_only_not_everyone_at_the_address(client, round_, officer):
    cache.clear()
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(10):
        client.post(reverse("workshop_join"), {"code": "WRONG234"})

    neighbour = Client()  # the next phone on the venue's Wi-Fi: the same address
    response = neighbour.post(reverse("workshop_join"), {"code": me.join_code}, follow=True)

    assert f"You are voting as {me.user}" in response.content.decode()
    assert "Too many wrong codes" in client.post(reverse("workshop_join"), {"code": me.join_code}).content.decode()
    cache.clear()


def test_a_room_of_200_on_one_network_each_mistyping_a_code_can_still_join(round_, officer):
    cache.clear()
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(200):
        assert "That code does not match" in (
            Client(REMOTE_ADDR="192.0.2.10").post(reverse("workshop_join"), {"code": "WRONG234"}).content.decode()
        )

    response = Client(REMOTE_ADDR="192.0.2.10").post(reverse("workshop_join"), {"code": me.join_code}, follow=True)

    assert f"You are voting as {me.user}" in response.content.decode()
    cache.clear()


def test_wrong_join_codes_from_one_address_are_limited_across_browsers(settings, round_, officer):
    cache.clear()
    settings.FAILURES_PER_CLIENT = 5
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(5):
        Client(REMOTE_ADDR="192.0.2.66").post(reverse("workshop_join"), {"code": "WRONG234"})

    refused = Client(REMOTE_ADDR="192.0.2.66").post(reverse("workshop_join"), {"code": me.join_code})
    elsewhere = Client(REMOTE_ADDR="192.0.2.67").post(reverse("workshop_join"), {"code": me.join_code}, follow=True)

    assert "Too many wrong codes" in refused.content.decode()
    assert f"You are voting as {me.user}" in elsewhere.content.decode()
    cache.clear()


@pytest.mark.parametrize(("proxies", "joins"), [(0, False), (1, True)])
def test_join_limits_per_client_trust_the_forwarded_header_only_behind_a_trusted_proxy(
    settings, round_, officer, proxies, joins
):
    cache.clear()
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.FAILURES_PER_CLIENT = 3
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(3):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7").post(
            reverse("workshop_join"), {"code": "WRONG234"}
        )

    other_person = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.5")
    response = other_person.post(reverse("workshop_join"), {"code": me.join_code}, follow=True)

    assert (f"You are voting as {me.user}" in response.content.decode()) is joins
    cache.clear()
