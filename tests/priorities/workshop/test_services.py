import pytest

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role, Sector, Stage
from commissioning.rounds.services import move_round_to_stage
from priorities.workshop import services, voting
from priorities.workshop.enums import VotingMethod, WorkshopState
from priorities.workshop.models import CrossCuttingTheme, Dot, PaperCount, Priority, TieDecision
from priorities.workshop.services import IssueCounts
from priorities.workshop.tally import workshop_selection, workshop_tally
from tests.factories.commissioning import person_with_role
from tests.factories.priorities import CandidateIssueFactory
from tests.priorities.workshop.helpers import at_workshop_stage, put_dots, seat, wall, workshop_with_issues

pytestmark = pytest.mark.django_db


def test_place_dot_records_the_dot_and_an_audit_entry(round_, officer):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    issue = wall(workshop)[0]

    dot = voting.place_dot(participant, issue.pk, by=participant.user)

    assert list(Dot.objects.values_list("participant_id", "issue_id", "slot")) == [(participant.pk, issue.pk, 1)]
    entry = AuditEntry.objects.get(action="workshop.dot_placed")
    assert entry.actor == participant.user
    assert entry.round == round_
    assert entry.object_id == str(dot.pk)
    assert entry.after["issue"] == issue.pk


def test_place_dot_beyond_the_limit_is_refused(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    issues = wall(workshop)
    for issue in issues[:3]:
        voting.place_dot(participant, issue.pk, by=participant.user)

    with pytest.raises(services.DotRefused, match="placed all 3 of your dots"):
        voting.place_dot(participant, issues[3].pk, by=participant.user)

    assert Dot.objects.filter(participant=participant).count() == 3
    assert AuditEntry.objects.filter(action="workshop.dot_placed").count() == 3


def test_second_dot_on_one_issue_is_refused_when_stacking_is_off(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    issue = wall(workshop)[0]
    voting.place_dot(participant, issue.pk, by=participant.user)

    with pytest.raises(services.DotRefused, match="only one dot may go on each issue"):
        voting.place_dot(participant, issue.pk, by=participant.user)

    assert Dot.objects.count() == 1


def test_stacking_allows_several_dots_on_one_issue_up_to_the_limit(round_):
    workshop = workshop_with_issues(round_, allow_stacking=True)
    participant = seat(workshop)
    issue = wall(workshop)[0]

    for _ in range(3):
        voting.place_dot(participant, issue.pk, by=participant.user)

    assert list(Dot.objects.order_by("slot").values_list("slot", "stack_position")) == [(1, 1), (2, 2), (3, 3)]
    with pytest.raises(services.DotRefused):
        voting.place_dot(participant, issue.pk, by=participant.user)


@pytest.mark.parametrize(
    "state", [WorkshopState.DRAFT, WorkshopState.DISCUSSION, WorkshopState.CLOSED, WorkshopState.CONFIRMED]
)
def test_place_dot_is_refused_while_voting_is_not_open(round_, state):
    workshop = workshop_with_issues(round_, state=state)
    participant = seat(workshop)

    with pytest.raises(services.DotRefused, match="Voting is not open"):
        voting.place_dot(participant, wall(workshop)[0].pk, by=participant.user)

    assert not Dot.objects.exists()


def test_remove_dot_is_refused_while_voting_is_closed(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    issue = wall(workshop)[0]
    put_dots(participant, issue)
    workshop.state = WorkshopState.CLOSED
    workshop.save()

    with pytest.raises(services.DotRefused, match="Voting is not open"):
        voting.remove_dot(participant, issue.pk, by=participant.user)

    assert Dot.objects.count() == 1


def test_place_dot_on_an_issue_not_on_the_wall_is_refused(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    elsewhere = CandidateIssueFactory(round=round_, name="Not on the wall")

    with pytest.raises(services.DotRefused, match="not on this workshop's wall"):
        voting.place_dot(participant, elsewhere.pk, by=participant.user)

    assert not Dot.objects.exists()


def test_place_dot_in_a_paper_workshop_is_refused(round_):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER)
    participant = seat(workshop)

    with pytest.raises(services.DotRefused, match="paper dots"):
        voting.place_dot(participant, wall(workshop)[0].pk, by=participant.user)


def test_remove_dot_frees_its_slot_for_another_issue(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    first, second, third, fourth = wall(workshop)[:4]
    for issue in (first, second, third):
        voting.place_dot(participant, issue.pk, by=participant.user)

    voting.remove_dot(participant, second.pk, by=participant.user)
    voting.place_dot(participant, fourth.pk, by=participant.user)

    assert dict(Dot.objects.values_list("issue_id", "slot")) == {first.pk: 1, fourth.pk: 2, third.pk: 3}
    removed = AuditEntry.objects.get(action="workshop.dot_removed")
    assert removed.before["issue"] == second.pk


def test_remove_dot_without_a_dot_on_the_issue_is_refused(round_):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)

    with pytest.raises(services.DotRefused, match="no dot on that issue"):
        voting.remove_dot(participant, wall(workshop)[0].pk, by=participant.user)


def test_state_changes_run_in_order_and_are_audited(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)
    seat(workshop)

    services.open_discussion(workshop, by=officer)
    services.open_voting(workshop, by=officer)
    services.close_voting(workshop, by=officer)
    services.open_voting(workshop, by=officer)

    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.VOTING
    entries = AuditEntry.objects.filter(action__startswith="workshop.").order_by("created_at", "id")
    assert [(e.action, e.before["state"], e.after["state"], e.actor) for e in entries] == [
        ("workshop.discussion_opened", "draft", "discussion", officer),
        ("workshop.voting_opened", "discussion", "voting", officer),
        ("workshop.voting_closed", "voting", "closed", officer),
        ("workshop.voting_opened", "closed", "voting", officer),
    ]


def test_open_voting_needs_the_round_at_the_workshop_stage(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DISCUSSION)
    seat(workshop)
    round_.stage = Stage.SETUP
    round_.save()

    with pytest.raises(services.WorkshopError, match="while the round is at"):
        services.open_voting(workshop, by=officer)

    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.DISCUSSION
    assert not AuditEntry.objects.filter(action="workshop.voting_opened").exists()


def test_open_discussion_needs_participants(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)

    with pytest.raises(services.WorkshopError, match="Add the participants"):
        services.open_discussion(workshop, by=officer)


@pytest.mark.parametrize("state", [WorkshopState.DRAFT, WorkshopState.DISCUSSION, WorkshopState.CONFIRMED])
def test_close_voting_is_refused_unless_voting_is_open(round_, officer, state):
    workshop = workshop_with_issues(round_, state=state)

    with pytest.raises(services.WorkshopError):
        services.close_voting(workshop, by=officer)

    workshop.refresh_from_db()
    assert workshop.state == state


def test_update_workshop_is_refused_once_voting_has_opened(round_, officer):
    workshop = workshop_with_issues(round_)

    with pytest.raises(services.WorkshopError, match="before voting opens"):
        services.update_workshop(workshop, by=officer, dots_per_participant=5)

    workshop.refresh_from_db()
    assert workshop.dots_per_participant == 3


def test_create_workshop_puts_the_issues_on_the_wall(round_, officer):
    at_workshop_stage(round_)
    issues = [CandidateIssueFactory(round=round_) for _ in range(7)]

    workshop = services.create_workshop(
        round_, by=officer, issues=issues, title="Board workshop", date="2026-11-23", place="Council House"
    )

    assert set(workshop.issues.all()) == set(issues)
    assert (workshop.dots_per_participant, workshop.allow_stacking, workshop.priorities_to_select) == (3, False, 6)
    assert AuditEntry.objects.get(action="workshop.created").after["issues"] == sorted(i.name for i in issues)


def test_create_workshop_refuses_more_priorities_than_issues(round_, officer):
    at_workshop_stage(round_)
    issues = [CandidateIssueFactory(round=round_) for _ in range(3)]

    with pytest.raises(services.WorkshopError, match="only 3 issues"):
        services.create_workshop(round_, by=officer, issues=issues, title="W", date="2026-11-23", place="Here")


def test_add_participants_takes_the_sector_of_the_board_members_organisation(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)
    member = seat(workshop, Sector.COMMUNITY)
    member.delete()

    (participant,) = services.add_participants(workshop, [member.user], by=officer)

    assert participant.sector == Sector.COMMUNITY
    assert participant.organisation == member.organisation
    assert AuditEntry.objects.filter(action="workshop.participant_added").count() == 1


def test_add_participants_refuses_someone_who_is_not_on_the_board(round_, officer):
    workshop = workshop_with_issues(round_, state=WorkshopState.DRAFT)
    bidder = person_with_role(round_, Role.BIDDER)

    with pytest.raises(services.WorkshopError, match="not a board member"):
        services.add_participants(workshop, [bidder], by=officer)

    assert not workshop.participants.exists()


def test_remove_participant_with_dots_is_refused(round_, officer):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)
    put_dots(participant, wall(workshop)[0])

    with pytest.raises(services.WorkshopError, match="has placed dots"):
        services.remove_participant(participant, by=officer)

    assert workshop.participants.count() == 1


def test_issue_join_code_replaces_the_earlier_code(round_, officer):
    workshop = workshop_with_issues(round_)
    participant = seat(workshop)

    first = services.issue_join_code(participant, by=officer).join_code
    second = services.issue_join_code(participant, by=officer).join_code

    participant.refresh_from_db()
    assert participant.join_code == second != first
    assert len(second) == 8
    assert AuditEntry.objects.filter(action="workshop.code_issued").count() == 2


def test_tally_splits_dots_by_sector_and_counts_turnout(round_):
    # Once voting has closed; while it is open, sectors of one voter are pooled (test_ballot_privacy).
    workshop = workshop_with_issues(round_, state=WorkshopState.CLOSED)
    issues = wall(workshop)
    public, community, idle = seat(workshop, Sector.PUBLIC), seat(workshop, Sector.COMMUNITY), seat(workshop)
    put_dots(public, issues[0], issues[1], issues[2])
    put_dots(community, issues[0], issues[3])

    tally = workshop_tally(workshop)

    top = tally.rows[0]
    assert top.issue == issues[0]
    assert top.by_sector == {"public": 1, "community": 1}
    assert [(s.sector, s.dots) for s in top.segments] == [("public", 1), ("community", 1)]
    assert (tally.participants, tally.complete, tally.total_dots, tally.expected_dots) == (3, 1, 5, 9)
    assert idle.dots.count() == 0


def _paper_workshop(round_, participants=2):
    workshop = workshop_with_issues(round_, voting_method=VotingMethod.PAPER, issues=8)
    for _ in range(participants):
        seat(workshop)
    return workshop


def test_paper_counts_record_before_after_who_and_when(round_, officer):
    workshop = _paper_workshop(round_)
    issue = wall(workshop)[0]

    services.record_paper_counts(workshop, {issue: IssueCounts(total=4)}, by=officer)
    services.record_paper_counts(workshop, {issue: IssueCounts(by_sector={"public": 2, "private": 3})}, by=officer)

    assert dict(PaperCount.objects.filter(issue=issue).values_list("sector", "dots")) == {"public": 2, "private": 3}
    first, second = AuditEntry.objects.filter(action="workshop.paper_count_changed").order_by("id")
    assert (first.before["counts"], first.after["counts"]) == ({}, {"": 4})
    assert (second.before["counts"], second.after["counts"]) == ({"": 4}, {"public": 2, "private": 3})
    assert second.actor == officer and second.created_at is not None
    assert workshop_tally(workshop).rows[0].total == 5


def test_paper_counts_refuse_negative_numbers(round_, officer):
    workshop = _paper_workshop(round_)
    issue = wall(workshop)[0]

    with pytest.raises(services.WorkshopError, match="cannot be negative"):
        services.record_paper_counts(workshop, {issue: IssueCounts(total=-1)}, by=officer)

    assert not PaperCount.objects.exists()
    assert not AuditEntry.objects.filter(action="workshop.paper_count_changed").exists()


def test_paper_counts_refuse_sector_counts_that_do_not_add_up_to_the_total(round_, officer):
    workshop = _paper_workshop(round_)
    issue = wall(workshop)[0]

    with pytest.raises(services.WorkshopError, match="add up to 3, not 4"):
        services.record_paper_counts(
            workshop, {issue: IssueCounts(total=4, by_sector={"public": 1, "private": 2})}, by=officer
        )

    assert not PaperCount.objects.exists()


def test_paper_totals_over_participants_times_dots_are_flagged(round_, officer):
    workshop = _paper_workshop(round_, participants=2)
    issues = wall(workshop)

    services.record_paper_counts(
        workshop, {issues[0]: IssueCounts(total=5), issues[1]: IssueCounts(total=3)}, by=officer
    )

    tally = workshop_tally(workshop)
    assert (tally.total_dots, tally.expected_dots, tally.totals_disagree) == (8, 6, True)


def test_paper_counts_are_refused_for_a_phone_workshop(round_, officer):
    workshop = workshop_with_issues(round_)

    with pytest.raises(services.WorkshopError, match="counted automatically"):
        services.record_paper_counts(workshop, {wall(workshop)[0]: IssueCounts(total=2)}, by=officer)


def _paper_counts_table():
    return sorted(PaperCount.objects.values_list("issue_id", "sector", "dots"))


def test_paper_counts_for_several_issues_are_saved_together_with_an_entry_each(round_, officer):
    workshop = _paper_workshop(round_)
    first, second, third = wall(workshop)[:3]

    changed = services.record_paper_counts(
        workshop,
        {
            first: IssueCounts(total=2),
            second: IssueCounts(by_sector={"public": 1, "voluntary": 3}),
            third: IssueCounts(),
        },
        by=officer,
    )

    assert changed == 2
    assert _paper_counts_table() == sorted([(first.pk, "", 2), (second.pk, "public", 1), (second.pk, "voluntary", 3)])
    entries = AuditEntry.objects.filter(action="workshop.paper_count_changed").order_by("id")
    assert [(entry.summary, entry.after["counts"]) for entry in entries] == [
        (first.name, {"": 2}),
        (second.name, {"public": 1, "voluntary": 3}),
    ]


@pytest.mark.parametrize("refused", ["negative", "not_on_the_wall"])
def test_paper_counts_refused_for_a_later_issue_change_nothing(round_, officer, refused):
    workshop = _paper_workshop(round_)
    first, second, third = wall(workshop)[:3]
    services.record_paper_counts(workshop, {first: IssueCounts(total=1), second: IssueCounts(total=1)}, by=officer)
    before, entries_before = _paper_counts_table(), AuditEntry.objects.count()
    counts = {first: IssueCounts(total=5), second: IssueCounts(by_sector={"public": 4})}
    if refused == "negative":
        counts[third] = IssueCounts(total=-2)
    else:
        counts[CandidateIssueFactory(round=round_)] = IssueCounts(total=2)

    with pytest.raises(services.WorkshopError):
        services.record_paper_counts(workshop, counts, by=officer)

    assert _paper_counts_table() == before
    assert AuditEntry.objects.count() == entries_before


def _closed_with_dots(round_, pattern, *, places=3):
    """A closed workshop whose issues got ``pattern`` dots each (issue order = wall order)."""
    workshop = workshop_with_issues(round_, issues=len(pattern), priorities_to_select=places, allow_stacking=True)
    issues = wall(workshop)
    workshop.dots_per_participant = max(pattern) or 1
    workshop.save()
    for issue, n in zip(issues, pattern, strict=True):
        if n:
            put_dots(seat(workshop), *([issue] * n))
    workshop.state = WorkshopState.CLOSED
    workshop.save()
    return workshop, issues


def test_selection_takes_the_top_issues_when_there_is_no_tie(round_):
    workshop, issues = _closed_with_dots(round_, [5, 4, 3, 2, 1])

    selection = workshop_selection(workshop)

    assert [row.issue for row in selection.selected] == issues[:3]
    assert not selection.has_tie


def test_tie_across_the_cut_off_blocks_confirmation_until_resolved(round_, officer):
    workshop, issues = _closed_with_dots(round_, [5, 4, 2, 2, 1])

    selection = workshop_selection(workshop)
    assert selection.tie_unresolved
    assert {row.issue for row in selection.tied} == {issues[2], issues[3]}
    assert selection.places_for_tied == 1
    with pytest.raises(services.WorkshopError, match="Resolve the tie"):
        services.confirm_results(workshop, by=officer)
    assert not Priority.objects.exists()

    services.resolve_tie(workshop, by=officer, chosen=[issues[3]], reason="Fits the plan's outcome better.")

    selection = workshop_selection(workshop)
    assert [row.issue for row in selection.selected] == [issues[0], issues[1], issues[3]]
    decision = TieDecision.objects.get()
    assert decision.reason == "Fits the plan's outcome better."
    assert AuditEntry.objects.get(action="workshop.tie_resolved").after["chosen"] == [issues[3].name]


def test_resolve_tie_refuses_the_wrong_number_or_a_missing_reason(round_, officer):
    workshop, issues = _closed_with_dots(round_, [5, 4, 2, 2, 1])

    with pytest.raises(services.WorkshopError, match="exactly 1"):
        services.resolve_tie(workshop, by=officer, chosen=[issues[2], issues[3]], reason="Both")
    with pytest.raises(services.WorkshopError, match="Choose only among the tied"):
        services.resolve_tie(workshop, by=officer, chosen=[issues[4]], reason="Why not")
    with pytest.raises(services.WorkshopError, match="Record the reason"):
        services.resolve_tie(workshop, by=officer, chosen=[issues[2]], reason="  ")

    assert not TieDecision.objects.exists()


def test_make_cross_cutting_records_the_rationale(round_, officer):
    workshop, issues = _closed_with_dots(round_, [5, 4, 3, 2, 1])

    theme = services.make_cross_cutting(
        workshop, issues[4], by=officer, rationale="Every activity affects health.", requirements="Show it."
    )

    assert (theme.round, theme.issue, theme.workshop, theme.decided_by) == (round_, issues[4], workshop, officer)
    assert theme.rationale == "Every activity affects health."
    assert AuditEntry.objects.filter(action="workshop.cross_cutting_added").count() == 1


def test_make_cross_cutting_refuses_a_selected_issue_or_no_rationale(round_, officer):
    workshop, issues = _closed_with_dots(round_, [5, 4, 3, 2, 1])

    with pytest.raises(services.WorkshopError, match="already one of the priorities"):
        services.make_cross_cutting(workshop, issues[0], by=officer, rationale="Because")
    with pytest.raises(services.WorkshopError, match="Record why"):
        services.make_cross_cutting(workshop, issues[4], by=officer, rationale="")

    assert not CrossCuttingTheme.objects.exists()


def test_confirm_results_creates_priorities_and_moves_the_round_to_specifications(
    round_, officer, django_capture_on_commit_callbacks
):
    workshop, issues = _closed_with_dots(round_, [5, 4, 3, 2, 1])

    with django_capture_on_commit_callbacks(execute=False):
        services.confirm_results(workshop, by=officer)

    priorities = list(Priority.objects.order_by("rank"))
    assert [(p.rank, p.issue, p.outcome, p.dots, p.workshop) for p in priorities] == [
        (1, issues[0], issues[0].outcome, 5, workshop),
        (2, issues[1], issues[1].outcome, 4, workshop),
        (3, issues[2], issues[2].outcome, 3, workshop),
    ]
    round_.refresh_from_db()
    workshop.refresh_from_db()
    assert round_.stage == Stage.SPECIFICATION
    assert workshop.state == WorkshopState.CONFIRMED
    assert workshop.confirmed_by == officer
    assert AuditEntry.objects.filter(action="round.stage_changed", after__stage="specification").exists()


def test_confirm_results_is_refused_before_voting_closes(round_, officer):
    workshop = workshop_with_issues(round_)

    with pytest.raises(services.WorkshopError, match="Close voting"):
        services.confirm_results(workshop, by=officer)

    assert not Priority.objects.exists()


def test_round_cannot_enter_specifications_without_confirmed_priorities(round_, officer):
    workshop_with_issues(round_)

    with pytest.raises(ApplicationError) as error:
        move_round_to_stage(round_, Stage.SPECIFICATION, by=officer)

    assert any("priorities" in reason for reason in error.value.details)
    round_.refresh_from_db()
    assert round_.stage == Stage.WORKSHOP


def test_a_seat_named_by_account_and_by_code_places_the_dot_on_the_accounts_own_seat(round_, officer):
    workshop = workshop_with_issues(round_)
    mine, joined_with_code = seat(workshop), seat(workshop)
    issue = wall(workshop)[0]

    dot = voting.place_dot(
        voting.Seat(workshop_id=workshop.pk, user_id=mine.user_id, participant_id=joined_with_code.pk),
        issue.pk,
    )

    assert Dot.objects.get().participant == mine
    assert (dot.dots_left, dot.dots_limit) == (2, 3)
    assert AuditEntry.objects.get(action="workshop.dot_placed").actor == mine.user


def test_a_seat_in_another_workshop_is_no_seat(round_):
    workshop = workshop_with_issues(round_)
    other = workshop_with_issues(round_, title="Another")
    me = seat(other)

    with pytest.raises(voting.NoSeat):
        voting.place_dot(voting.Seat(workshop_id=workshop.pk, participant_id=me.pk), wall(workshop)[0].pk)
    assert not Dot.objects.exists()
