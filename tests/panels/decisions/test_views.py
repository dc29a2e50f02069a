"""Decisions' pages: what each person sees and may change, hostile values, refused POSTs that change
nothing, the export, and query counts that do not grow with the proposals listed."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from commissioning.rounds.models import RoundRole
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding, DecisionSettings
from panels.decisions.services import Condition, approve_decision, record_decision
from panels.scoring.models import ModeratedScore
from panels.scoring.selectors import criteria_of
from panels.scoring.services import ensure_default_criteria
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import ProposalPartnerFactory, bidder_person
from tests.panels.decisions.helpers import POUND, aligned, award_round, pooled

pytestmark = pytest.mark.django_db

SOON = datetime.date.today() + datetime.timedelta(days=90)


def _record_url(proposal):
    return reverse("decisions_record", args=[proposal.round_id, proposal.pk])


def _approve_url(proposal):
    return reverse("decisions_approve", args=[proposal.round_id, proposal.pk])


def _form(**overrides):
    data = {
        "kind": "fund",
        "reasons": "Ranked first, with a committed sponsor.",
        "feedback": "Keep residents at the centre.",
        "amount_1": "30,000",
        "amount_2": "30000",
        "amount_3": "£20,000.50",
    }
    data.update(overrides)
    return data


def _fund(setup, proposal, pounds, **kwargs):
    return record_decision(
        proposal,
        kind=kwargs.pop("kind", DecisionKind.FUND),
        reasons=kwargs.pop("reasons", "Ranked first."),
        feedback=kwargs.pop("feedback", "Well argued."),
        amounts=[p * POUND for p in pounds],
        by=setup.officer,
        **kwargs,
    )


def test_the_decision_form_shows_the_recommendation_and_the_requested_amounts_as_defaults(client):
    setup = award_round()
    proposal = setup.proposals[0]
    panel = setup.panel
    ensure_default_criteria(panel)
    for criterion in criteria_of(panel):
        ModeratedScore.objects.create(proposal=proposal, criterion=criterion, value=3, rationale="Agreed.")
    client.force_login(setup.officer)

    page = client.get(_record_url(proposal)).content.decode()

    assert "The panel liked proposal 1." in page
    assert "Moderated weighted total: 75.0 out of 100." in page
    assert "£40,000 in year 1 (2027 to 2028)" in page
    assert 'name="amount_1" value="40000.00"' in page
    assert "Requested: £40,000. The amount funded may be less." in page


def test_an_officer_records_a_negotiated_amount_split_across_sources_with_a_condition(client):
    setup = award_round()
    council, health = pooled(setup.round, 500_000), aligned(setup.round, 10_000)
    proposal = setup.proposals[0]
    client.force_login(setup.officer)
    data = _form(
        kind="fund_with_conditions",
        condition_0_text="A signed partnership agreement.",
        condition_0_due_day=str(SOON.day),
        condition_0_due_month=str(SOON.month),
        condition_0_due_year=str(SOON.year),
        **{
            f"source_{council.pk}_1": "25000",
            f"source_{health.pk}_1": "5000",
            f"source_{council.pk}_2": "30000",
            f"source_{council.pk}_3": "20000.50",
        },
    )

    response = client.post(_record_url(proposal), data, follow=True)

    assert "The decision is saved. It now waits for approval." in response.content.decode()
    decision = Decision.objects.get(proposal=proposal)
    assert decision.amounts_pence == [30_000_00, 30_000_00, 20_000_50]
    assert decision.decided_by == setup.officer
    assert list(DecisionCondition.objects.values_list("text", "due_date")) == [
        ("A signed partnership agreement.", SOON)
    ]
    assert sorted(DecisionFunding.objects.values_list("source_id", "year", "amount_pence")) == sorted(
        [(council.pk, 1, 25_000_00), (health.pk, 1, 5_000_00), (council.pk, 2, 30_000_00), (council.pk, 3, 20_000_50)]
    )
    assert AuditEntry.objects.filter(action="decisions.recorded", actor=setup.officer).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount_2": "lots"}, "Enter an amount of money in pounds, like 5,000,000 or 1250.50."),
        ({"amount_2": "-5"}, "Enter £0 or more."),
        ({"amount_2": ""}, "Enter the amount funded in year 2."),
        ({"amount_1": "0", "amount_2": "0", "amount_3": "0"}, "Enter an amount funded in at least one year."),
        ({"kind": "fund_everything"}, "Select the decision from the list"),
        ({"reasons": ""}, "Enter the reasons"),
        ({"kind": "fund_with_conditions"}, "Enter at least one condition, with the date by which it must be met."),
        ({"condition_0_text": "Sign the agreement."}, "Enter the date by which condition 1 must be met."),
        (
            {
                "condition_0_text": "Late.",
                "condition_0_due_day": "1",
                "condition_0_due_month": "1",
                "condition_0_due_year": "2020",
            },
            "The date for condition 1 must be today or later.",
        ),
        ({"amount_3": "100000.01"}, "£0.01 over its maximum allocation of £100,000."),
        ({"amount_1": "1" * 40}, "Enter a smaller amount."),
    ],
)
def test_hostile_values_give_a_message_keep_what_was_typed_and_save_nothing(client, overrides, message):
    setup = award_round()
    client.force_login(setup.officer)
    data = _form(**overrides)

    response = client.post(_record_url(setup.proposals[0]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"')
    assert "Ranked first, with a committed sponsor." in page or overrides.get("reasons") == ""
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="decisions.").exists()


def test_a_split_that_does_not_add_up_is_refused_on_the_page(client):
    setup = award_round()
    council = pooled(setup.round, 500_000)
    client.force_login(setup.officer)
    data = _form(**{f"source_{council.pk}_1": "30000", f"source_{council.pk}_2": "1", f"source_{council.pk}_3": "0"})

    page = client.post(_record_url(setup.proposals[0]), data).content.decode()

    assert "Year 2 (2028 to 2029): the funding sources pay £1, but the amount funded is £30,000." in page
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", [Role.BOARD, Role.PANEL, Role.SPONSOR, Role.BIDDER])
def test_people_who_are_not_officers_cannot_decide_and_their_post_changes_nothing(client, role):
    setup = award_round()
    decision = _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    client.force_login(person_with_role(setup.round, role))

    for name in ("decisions_list", "decisions_csv", "decisions_settings"):
        assert client.get(reverse(name, args=[setup.round.pk])).status_code == 404
    assert client.get(_record_url(setup.proposals[0])).status_code == 404
    assert client.post(_record_url(setup.proposals[0]), _form(amount_1="1")).status_code == 404
    assert client.post(_approve_url(setup.proposals[0])).status_code == 404
    assert (
        client.post(reverse("decisions_settings", args=[setup.round.pk]), {"approver_kind": "board_chair"}).status_code
        == 404
    )

    decision.refresh_from_db()
    assert (decision.status, decision.amounts_pence) == (DecisionStatus.AWAITING_APPROVAL, [1_000_00] * 3)
    assert not DecisionSettings.objects.exists()


def test_an_officer_of_another_round_gets_404_for_this_rounds_decision(client):
    setup, other = award_round(), award_round()
    _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    client.force_login(other.officer)

    assert client.get(_record_url(setup.proposals[0])).status_code == 404
    assert client.get(_approve_url(setup.proposals[0])).status_code == 404
    wrong_round = reverse("decisions_record", args=[other.round.pk, setup.proposals[0].pk])
    assert client.get(wrong_round).status_code == 404


def test_the_second_officer_approves_from_the_approval_page_but_the_recorder_cannot(client):
    setup = award_round()
    _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])
    client.force_login(setup.officer)

    page = client.get(_approve_url(setup.proposals[0])).content.decode()
    assert "A second officer approves a decision: not the one who recorded it." in page
    assert "Approve the decision</button>" not in page
    response = client.post(_approve_url(setup.proposals[0]), follow=True)
    assert "A second officer approves a decision" in response.content.decode()
    assert Decision.objects.get().status == DecisionStatus.AWAITING_APPROVAL

    client.force_login(setup.second)
    response = client.post(_approve_url(setup.proposals[0]), follow=True)
    assert "The decision is approved." in response.content.decode()
    assert Decision.objects.get().approved_by == setup.second


def test_the_named_board_chair_approves_and_officers_choose_them(client):
    setup = award_round()
    chair = person_with_role(setup.round, Role.BOARD, full_name="Chris Chair")
    client.force_login(setup.officer)
    settings_url = reverse("decisions_settings", args=[setup.round.pk])
    page = client.post(settings_url, {"approver_kind": "board_chair"}).content.decode()
    assert "Choose the chair of the board." in page
    outsider = person_with_role(award_round().round, Role.BOARD)
    page = client.post(settings_url, {"approver_kind": "board_chair", "board_chair": outsider.pk}).content.decode()
    assert "Choose one of the round&#x27;s board members." in page
    assert not DecisionSettings.objects.exists()

    client.post(settings_url, {"approver_kind": "board_chair", "board_chair": chair.pk})
    assert DecisionSettings.objects.get().approver_kind == ApproverKind.BOARD_CHAIR
    _fund(setup, setup.proposals[0], [1_000, 1_000, 1_000])

    client.force_login(chair)
    assert "Read and approve" in client.get(reverse("decisions_list", args=[setup.round.pk])).content.decode()
    client.post(_approve_url(setup.proposals[0]))
    assert Decision.objects.get().approved_by == chair


def test_the_decisions_page_lists_priorities_ranked_with_money_and_totals(client):
    setup = award_round(proposals=2)
    ensure_default_criteria(setup.panel)
    for criterion in criteria_of(setup.panel):
        ModeratedScore.objects.create(proposal=setup.proposals[1], criterion=criterion, value=4, rationale="Best.")
    decision = _fund(setup, setup.proposals[1], [35_000, 35_000, 35_000])
    approve_decision(decision, by=setup.second)
    client.force_login(setup.officer)

    page = client.get(reverse("decisions_list", args=[setup.round.pk])).content.decode()

    assert page.index("1. Proposal 2") < page.index("2. Proposal 1")
    assert "100.0 out of 100" in page
    assert "Funded £35,000 in year 1 (2027 to 2028)" in page
    assert "Asked £40,000 in year 1 (2027 to 2028)" in page
    assert "£65,000 in year 1 (2027 to 2028)" in page  # left of the specification's maximum
    assert "£4,999,965,000" not in page
    assert "£4,965,000 in year 1 (2027 to 2028)" in page  # left of the round's money
    assert "app-no-print" in page


def test_the_decisions_page_counts_aligned_money_beside_the_allocation_not_in_it(client):
    setup = award_round(proposals=1)
    pot = pooled(setup.round, 1_000_000)
    health = aligned(setup.round, 50_000)
    split = {(pot.pk, y): 25_000 * POUND for y in (1, 2, 3)} | {(health.pk, y): 10_000 * POUND for y in (1, 2, 3)}
    approve_decision(_fund(setup, setup.proposals[0], [35_000] * 3, funding=split), by=setup.second)
    client.force_login(setup.officer)

    page = client.get(reverse("decisions_list", args=[setup.round.pk])).content.decode()

    assert "Funded from the round's money (approved and awaiting)" in page
    assert "£25,000 in year 1 (2027 to 2028)" in page  # of the round's money
    assert "£75,000 in year 1 (2027 to 2028)" in page  # left of the specification's maximum of £100,000
    assert "Aligned money also pays for these proposals:" in page
    assert "£10,000 in year 3 (2029 to 2030)." in page
    assert "It is not counted against the maximum allocation" in page
    assert "Funded £35,000 in year 1 (2027 to 2028)" in page  # the proposal's own row: all it is given


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_decisions_page_and_export_keep_their_query_count_with_more_proposals(client):
    counts = []
    for n in (2, 6):
        setup = award_round(proposals=n, maximum=(900_000, 900_000, 900_000))
        for proposal in setup.proposals:
            _fund(setup, proposal, [1_000, 1_000, 1_000])
        client.force_login(setup.officer)
        counts.append(
            (
                _page_queries(client, reverse("decisions_list", args=[setup.round.pk])),
                _page_queries(client, reverse("decisions_csv", args=[setup.round.pk])),
            )
        )

    assert counts[0] == counts[1]


def test_the_csv_export_gives_pounds_with_their_year_and_text_that_cannot_run(client):
    setup = award_round()
    setup.proposals[0].title = "=HYPERLINK(1)"
    setup.proposals[0].save()
    _fund(setup, setup.proposals[0], [30_000, 30_000, 20_000])
    client.force_login(setup.officer)

    response = client.get(reverse("decisions_csv", args=[setup.round.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Requested in Year 1 (2027 to 2028) (£)" in rows[0]
    assert "Funded in Year 3 (2029 to 2030) (£)" in rows[0]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Proposal"] == "'=HYPERLINK(1)"
    assert row["Funded in Year 3 (2029 to 2030) (£)"] == "20000.00"
    assert row["Requested in Year 3 (2029 to 2030) (£)"] == "40000.00"
    assert row["Status"] == "Awaiting approval"


def test_a_bidder_sees_their_own_decision_only_once_approved_and_never_anothers(client):
    setup = award_round(proposals=2)
    first, second = setup.proposals
    partner_org = OrganisationFactory()
    ProposalPartnerFactory(proposal=first, organisation=partner_org)
    lead = bidder_person(setup.round, organisation=first.lead_organisation)
    partner = bidder_person(setup.round, organisation=partner_org)
    rival = bidder_person(setup.round, organisation=second.lead_organisation)
    decision = _fund(
        setup,
        first,
        [30_000, 30_000, 30_000],
        kind=DecisionKind.FUND_WITH_CONDITIONS,
        conditions=[Condition("Name a safeguarding lead.", SOON)],
        feedback="Strong links with the youth service.",
    )
    record_decision(
        second, kind=DecisionKind.DO_NOT_FUND, reasons="No sponsor.", feedback="Find a sponsor.", by=setup.officer
    )
    url = reverse("decisions_bidder", args=[setup.round.pk, first.pk])
    dashboard = reverse("bidder_dashboard", args=[setup.round.pk])

    client.force_login(lead)
    assert client.get(url).status_code == 404
    assert "The decision on your proposal" not in client.get(dashboard).content.decode()

    approve_decision(decision, by=setup.second)
    approve_decision(Decision.objects.get(proposal=second), by=setup.second)
    for person in (lead, partner):
        client.force_login(person)
        page = client.get(url).content.decode()
        assert "Fund with conditions" in page
        assert "Strong links with the youth service." in page
        assert "Name a safeguarding lead." in page
        assert "£30,000 in year 2 (2028 to 2029)" in page
        assert "Find a sponsor." not in page
    assert f"The decision on your proposal: {first.title}" in client.get(dashboard).content.decode()

    client.force_login(rival)
    assert client.get(url).status_code == 404
    page = client.get(reverse("decisions_bidder", args=[setup.round.pk, second.pk])).content.decode()
    assert "Find a sponsor." in page
    assert "Strong links with the youth service." not in page


def test_each_agency_sees_what_its_contribution_pays_for_and_others_get_404(client):
    setup = award_round()
    council, health = pooled(setup.round, 500_000), aligned(setup.round, 10_000)
    decision = _fund(
        setup,
        setup.proposals[0],
        [30_000, 30_000, 30_000],
        funding={
            (council.pk, 1): 25_000_00,
            (health.pk, 1): 5_000_00,
            (council.pk, 2): 30_000_00,
            (council.pk, 3): 30_000_00,
        },
    )
    url = reverse("decisions_agency", args=[setup.round.pk])
    health_person = person_with_role(setup.round, Role.SPONSOR)
    RoundRole.objects.filter(user=health_person).update(organisation=health.organisation)
    bystander = person_with_role(setup.round, Role.BOARD)

    client.force_login(health_person)
    page = client.get(url).content.decode()
    assert "No decision to fund has been approved yet." in page
    assert "Proposal 1" not in page

    approve_decision(decision, by=setup.second)
    page = client.get(url).content.decode()
    assert "What Coventry Health Board (aligned) pays for" in page
    assert "£5,000 in year 1 (2027 to 2028)" in page
    assert "Coventry Pooled Fund" not in page
    assert "Proposal 1" in page

    client.force_login(setup.officer)
    page = client.get(url).content.decode()
    assert "What Coventry Pooled Fund (pooled) pays for" in page
    assert "£475,000 in year 1 (2027 to 2028)" in page  # the council's contribution left

    client.force_login(bystander)
    assert client.get(url).status_code == 404


def test_the_round_page_links_to_decisions_for_officers_only(client):
    setup = award_round()
    client.force_login(setup.officer)
    page = client.get(reverse("round_detail", args=[setup.round.pk])).content.decode()
    assert reverse("decisions_list", args=[setup.round.pk]) in page
    assert reverse("decisions_settings", args=[setup.round.pk]) in page

    client.force_login(person_with_role(setup.round, Role.BOARD))
    page = client.get(reverse("round_detail", args=[setup.round.pk])).content.decode()
    assert reverse("decisions_list", args=[setup.round.pk]) not in page


def test_changing_an_approved_decision_on_the_page_needs_a_reason_and_a_new_approval(client):
    setup = award_round()
    decision = _fund(setup, setup.proposals[0], [30_000, 30_000, 30_000])
    approve_decision(decision, by=setup.second)
    client.force_login(setup.officer)

    page = client.get(_record_url(setup.proposals[0])).content.decode()
    assert "Reason for changing the approved decision" in page
    assert 'name="amount_2" value="30000.00"' in page
    page = client.post(_record_url(setup.proposals[0]), _form()).content.decode()
    assert "Enter the reason for changing the approved decision" in page.replace("&#x27;", "'")
    assert Decision.objects.get().status == DecisionStatus.APPROVED

    client.post(_record_url(setup.proposals[0]), _form(change_reason="The lead found match funding."))

    decision.refresh_from_db()
    assert (decision.version, decision.status) == (2, DecisionStatus.AWAITING_APPROVAL)
    assert decision.amounts_pence == [30_000_00, 30_000_00, 20_000_50]
    assert AuditEntry.objects.get(action="decisions.changed").summary == "The lead found match funding."


def test_the_agency_page_and_a_bidders_decision_keep_their_query_count_with_more_decisions(client):
    counts = []
    for n in (1, 4):
        setup = award_round(proposals=n, maximum=(900_000, 900_000, 900_000))
        council = pooled(setup.round, 500_000)
        lead = bidder_person(setup.round, organisation=setup.proposals[0].lead_organisation)
        for proposal in setup.proposals:
            decision = _fund(
                setup, proposal, [1_000, 1_000, 1_000], funding={(council.pk, y): 1_000_00 for y in (1, 2, 3)}
            )
            approve_decision(decision, by=setup.second)
        client.force_login(setup.officer)
        agency = _page_queries(client, reverse("decisions_agency", args=[setup.round.pk]))
        client.force_login(lead)
        bidder = _page_queries(client, reverse("decisions_bidder", args=[setup.round.pk, setup.proposals[0].pk]))
        counts.append((agency, bidder))

    assert counts[0] == counts[1]


def test_someone_signed_out_is_sent_to_sign_in_for_a_bidders_decision(client):
    setup = award_round()
    approve_decision(_fund(setup, setup.proposals[0], [1_000, 1_000, 1_000]), by=setup.second)

    response = client.get(reverse("decisions_bidder", args=[setup.round.pk, setup.proposals[0].pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_home_page_lists_the_decisions_waiting_for_the_persons_approval(client):
    setup = award_round(proposals=3, maximum=(900_000, 900_000, 900_000))
    for proposal in setup.proposals[:1]:
        _fund(setup, proposal, [1_000, 1_000, 1_000])
    client.force_login(setup.second)
    few = _page_queries(client, reverse("home"))
    for proposal in setup.proposals[1:]:
        _fund(setup, proposal, [1_000, 1_000, 1_000])
    many = _page_queries(client, reverse("home"))
    page = client.get(reverse("home")).content.decode()

    assert few == many
    assert "Decisions waiting for your approval" in page
    assert _approve_url(setup.proposals[2]) in page

    client.force_login(setup.officer)
    assert "Decisions waiting for your approval" not in client.get(reverse("home")).content.decode()

    chair = person_with_role(setup.round, Role.BOARD, full_name="Chris Chair")
    DecisionSettings.objects.create(round=setup.round, approver_kind=ApproverKind.BOARD_CHAIR, board_chair=chair)
    client.force_login(setup.second)
    assert "Decisions waiting for your approval" not in client.get(reverse("home")).content.decode()
    client.force_login(chair)
    assert _approve_url(setup.proposals[0]) in client.get(reverse("home")).content.decode()
