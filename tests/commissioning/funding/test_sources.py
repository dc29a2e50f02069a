"""Officers add, change and remove the round's funding sources; every change is audited as a sentence;
only the round's officers may change them."""

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe_entries
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from commissioning.funding import services
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.partnerships.enums import PartnershipRole
from commissioning.partnerships.models import PartnershipMember
from tests.factories.commissioning import OrganisationFactory, RoundFactory, person_with_role
from tests.factories.decisions import DecisionFundingFactory, FundingSourceFactory

pytestmark = pytest.mark.django_db


def _post(organisation, kind="pooled", amounts=("5,000,000", "5,000,000", "5,000,000"), note=""):
    data = {"organisation": organisation.pk if organisation else "", "kind": kind, "note": note}
    data.update({f"amount_year_{number}": amount for number, amount in enumerate(amounts, start=1)})
    return data


def _sentences(round_):
    entries = AuditEntry.objects.filter(round=round_).order_by("pk")
    return [described.sentence for described in describe_entries(entries)]


def test_an_officer_adds_a_pooled_source_and_the_trail_says_so(client, round_, officer, council):
    client.force_login(officer)

    response = client.post(reverse("funding_source_create", args=[round_.pk]), _post(council, note="The agreement"))

    assert response.status_code == 302 and response["Location"] == reverse("funding", args=[round_.pk])
    source = FundingSource.objects.get(round=round_)
    assert (source.organisation, source.kind, source.amounts_pence, source.note) == (
        council,
        FundingKind.POOLED,
        [5_000_000_00] * 3,
        "The agreement",
    )
    assert _sentences(round_) == [
        "Olive Officer added Coventry City Council's pooled contribution of £5,000,000 a year for 3 years"
    ]


def test_an_officer_changes_a_source_year_by_year(client, round_, officer, council):
    source = FundingSourceFactory(round=round_, organisation=council)
    client.force_login(officer)

    client.post(
        reverse("funding_source_edit", args=[round_.pk, source.pk]),
        _post(council, amounts=("4,500,000", "5,000,000", "5,000,000.01")),
    )

    source.refresh_from_db()
    assert source.amounts_pence == [4_500_000_00, 5_000_000_00, 5_000_000_01]
    assert _sentences(round_) == [
        "Olive Officer changed Coventry City Council's pooled contribution: the amounts from £5,000,000 a year for "
        "3 years to year 1: £4,500,000, year 2: £5,000,000, year 3: £5,000,000.01"
    ]


def test_saving_a_source_unchanged_writes_no_entry(round_, officer, council):
    source = FundingSourceFactory(round=round_, organisation=council)

    services.save_funding_source(
        source, by=officer, organisation=council, kind="pooled", amounts_pence=source.amounts_pence
    )

    assert not AuditEntry.objects.exists()


def test_an_officer_removes_a_source(client, round_, officer, trust):
    source = FundingSourceFactory(
        round=round_, organisation=trust, kind=FundingKind.ALIGNED, amounts_pence=[250_000_00] * 3
    )
    client.force_login(officer)

    confirm = client.get(reverse("funding_source_remove", args=[round_.pk, source.pk])).content.decode()
    response = client.post(reverse("funding_source_remove", args=[round_.pk, source.pk]), follow=True)

    assert "Remove Coventry Primary Care Trust (aligned)?" in confirm
    assert not FundingSource.objects.exists()
    assert "Coventry Primary Care Trust (aligned) removed." in response.content.decode()
    assert _sentences(round_) == [
        "Olive Officer removed Coventry Primary Care Trust's aligned contribution of £250,000 a year for 3 years"
    ]


def test_a_source_paying_for_a_decision_cannot_be_removed(client):
    paid = DecisionFundingFactory(year=1)
    source = paid.source
    round_ = source.round
    person_with_role(round_, Role.OFFICER, full_name="Priya Shah")
    client.force_login(round_.roles.get(role=Role.OFFICER, user__full_name="Priya Shah").user)

    response = client.post(reverse("funding_source_remove", args=[round_.pk, source.pk]), follow=True)

    assert FundingSource.objects.filter(pk=source.pk).exists()
    page = response.content.decode()
    assert f"{source.organisation.name}&#x27;s pooled contribution pays for decisions already made" in page
    assert not AuditEntry.objects.filter(action="funding.source_removed").exists()


def test_a_source_cannot_give_less_than_decisions_draw_from_it(round_, officer):
    paid = DecisionFundingFactory(year=2, amount_pence=1_000_000)
    source = paid.source

    with pytest.raises(ApplicationError) as refused:
        services.save_funding_source(
            source,
            by=officer,
            organisation=source.organisation,
            kind="pooled",
            amounts_pence=[5_000_000_00, 999_999, 5_000_000_00],
        )

    assert refused.value.details == [
        "Year 2 (2028 to 2029): decisions already draw £10,000 from this source, so it cannot give less."
    ]
    source.refresh_from_db()
    assert source.amounts_pence[1] == source.round.annual_budget_pence


def test_an_agency_has_one_source_of_each_kind(client, round_, officer, council):
    FundingSourceFactory(round=round_, organisation=council)
    client.force_login(officer)

    response = client.post(reverse("funding_source_create", args=[round_.pk]), _post(council, note="Typed note"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Coventry City Council already has a pooled contribution to this round: change that one instead." in page
    assert "Typed note" in page and 'value="5,000,000"' in page
    assert FundingSource.objects.count() == 1


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        (("", "", ""), "Enter the amount the agency gives in at least one year"),
        (("0", "0", "0"), "Enter the amount the agency gives in at least one year"),
        (("five million", "1", "1"), "Enter an amount of money in pounds, like 5,000,000 or 1250.50."),
        (("-1", "1", "1"), "Enter an amount greater than £0."),
        (("1.001", "1", "1"), "Enter pounds and pence only"),
    ],
)
def test_bad_amounts_are_refused_with_a_message_and_kept(client, round_, officer, council, amounts, message):
    client.force_login(officer)

    response = client.post(reverse("funding_source_create", args=[round_.pk]), _post(council, amounts=amounts))

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'class="govuk-error-summary' in page
    assert f'value="{amounts[0]}"' in page or not amounts[0]
    assert not FundingSource.objects.exists()


def test_no_agency_or_kind_is_refused_with_messages(client, round_, officer):
    client.force_login(officer)

    response = client.post(reverse("funding_source_create", args=[round_.pk]), {"amount_year_1": "100"})

    page = response.content.decode()
    assert "Select the contributing agency" in page
    assert "Select whether the money is pooled or aligned" in page
    assert 'value="100"' in page


def test_the_form_offers_the_partnerships_organisations_first_and_explains_the_kinds(client, round_, officer, council):
    member = person_with_role(round_, Role.BOARD)
    PartnershipMember.objects.create(
        partnership=round_.partnership, user=member, role=PartnershipRole.BOARD, organisation=council
    )
    OrganisationFactory(name="Aardvark Trust")
    client.force_login(officer)

    page = client.get(reverse("funding_source_create", args=[round_.pk])).content.decode()

    ours = page.index("The partnership&#x27;s organisations")
    others = page.index("Other registered organisations")
    assert ours < page.index("Coventry City Council") < others < page.index("Aardvark Trust")
    assert "Paid into one pot that the partnership allocates." in page
    assert "Kept and spent by the agency itself, against the round&#x27;s outcomes." in page
    assert "Year 1 (2027 to 2028) (£)" in page and "Year 3 (2029 to 2030) (£)" in page


def test_the_edit_form_shows_the_source_as_it_is(client, round_, officer, council):
    source = FundingSourceFactory(round=round_, organisation=council, amounts_pence=[1_250_000_50, 0, 3], note="N1")
    client.force_login(officer)

    page = client.get(reverse("funding_source_edit", args=[round_.pk, source.pk])).content.decode()

    assert 'value="1250000.50"' in page and 'value="0.00"' in page and 'value="0.03"' in page
    assert "N1" in page


# Permissions: only the round's officers change the sources; the others taking part read them; bidders nothing.


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("officer", True),
        ("board", True),
        ("subgroup", True),
        ("panel", True),
        ("sponsor", True),
        ("bidder", False),
        ("outsider", False),
    ],
)
def test_the_funding_page_is_read_by_those_taking_part_never_by_bidders(client, round_, people, council, role, sees):
    FundingSourceFactory(round=round_, organisation=council, note="Secret agreement")
    client.force_login(people[role])

    response = client.get(reverse("funding", args=[round_.pk]))

    assert response.status_code == (200 if sees else 404)
    page = response.content.decode()
    assert ("Secret agreement" in page) == sees
    assert ("Add a funding source" in page) == (role == "officer")


@pytest.mark.parametrize("role", ["board", "subgroup", "panel", "sponsor", "bidder", "outsider"])
def test_only_officers_change_sources_and_a_forbidden_post_changes_nothing(
    client, round_, people, council, trust, role
):
    source = FundingSourceFactory(round=round_, organisation=council)
    client.force_login(people[role])
    create = reverse("funding_source_create", args=[round_.pk])
    edit = reverse("funding_source_edit", args=[round_.pk, source.pk])
    remove = reverse("funding_source_remove", args=[round_.pk, source.pk])

    answers = [client.get(create), client.get(edit), client.get(remove)]
    answers += [
        client.post(create, _post(trust, kind="aligned")),
        client.post(edit, _post(council, amounts=("1", "1", "1"))),
        client.post(remove),
    ]

    assert [answer.status_code for answer in answers] == [404] * 6
    unchanged = [(council.pk, [5_000_000_00] * 3)]
    assert list(FundingSource.objects.values_list("organisation", "amounts_pence")) == unchanged
    assert not AuditEntry.objects.exists()


def test_an_officer_of_another_round_cannot_reach_this_rounds_sources(client, round_, council):
    source = FundingSourceFactory(round=round_, organisation=council)
    elsewhere = RoundFactory()
    stranger = person_with_role(elsewhere, Role.OFFICER)
    client.force_login(stranger)

    answers = [
        client.get(reverse("funding", args=[round_.pk])),
        client.post(reverse("funding_source_edit", args=[round_.pk, source.pk]), _post(council, amounts=("1",) * 3)),
        # The source named beside the officer's own round.
        client.post(reverse("funding_source_edit", args=[elsewhere.pk, source.pk]), _post(council, amounts=("1",) * 3)),
        client.post(reverse("funding_source_remove", args=[elsewhere.pk, source.pk])),
    ]

    assert [answer.status_code for answer in answers] == [404] * 4
    source.refresh_from_db()
    assert source.amounts_pence == [5_000_000_00] * 3
