"""The pooled sources against the round's budget, year by year, and the budget summaries on the round's,
the funding and the specifications' pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.enums import Role
from commissioning.funding import selectors
from commissioning.funding.models import FundingKind
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.decisions import FundingSourceFactory
from tests.factories.proposals import published_specification

pytestmark = pytest.mark.django_db

BUDGET = 5_000_000_00


def _pooled(round_, amounts, organisation=None):
    return FundingSourceFactory(round=round_, organisation=organisation or OrganisationFactory(), amounts_pence=amounts)


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# The per-year check at its boundaries.


def test_pooled_sources_equal_to_the_budget_agree(round_):
    _pooled(round_, [BUDGET] * 3)

    assert selectors.pooled_mismatches(round_) == []


def test_two_pooled_sources_add_up(round_):
    _pooled(round_, [BUDGET - 1_000_000_00] * 3)
    _pooled(round_, [1_000_000_00] * 3)

    assert selectors.pooled_mismatches(round_) == []


def test_one_penny_short_is_named_with_its_year(round_):
    _pooled(round_, [BUDGET, BUDGET - 1, BUDGET])

    assert selectors.pooled_mismatches(round_) == [
        "In year 2 (2028 to 2029), pooled sources give £4,999,999.99 but the round's budget is £5,000,000: £0.01 short."
    ]


def test_one_penny_over_is_named_with_its_year(round_):
    _pooled(round_, [BUDGET + 1, BUDGET, BUDGET])

    assert selectors.pooled_mismatches(round_) == [
        "In year 1 (2027 to 2028), pooled sources give £5,000,000.01 but the round's budget is £5,000,000: "
        "£0.01 more than the budget."
    ]


def test_a_source_for_fewer_years_than_the_round_leaves_the_last_years_short(round_):
    _pooled(round_, [BUDGET, BUDGET])

    assert selectors.pooled_mismatches(round_) == [
        "In year 3 (2029 to 2030), pooled sources give £0 but the round's budget is £5,000,000: £5,000,000 short."
    ]


def test_every_year_that_disagrees_is_named(round_):
    _pooled(round_, [4_500_000_00, 4_500_000_00, BUDGET])

    short = "pooled sources give £4,500,000 but the round's budget is £5,000,000: £500,000 short."
    assert selectors.pooled_mismatches(round_) == [
        f"In year 1 (2027 to 2028), {short}",
        f"In year 2 (2028 to 2029), {short}",
    ]


def test_aligned_money_is_not_counted_against_the_budget(round_):
    _pooled(round_, [BUDGET] * 3)
    FundingSourceFactory(round=round_, kind=FundingKind.ALIGNED, amounts_pence=[250_000_00] * 3)

    assert selectors.pooled_mismatches(round_) == []


def test_with_no_pooled_source_there_is_nothing_to_disagree(round_):
    FundingSourceFactory(round=round_, kind=FundingKind.ALIGNED, amounts_pence=[1] * 3)

    assert selectors.pooled_mismatches(round_) == []


def test_the_round_page_and_the_funding_page_say_where_they_disagree(client, round_, officer):
    _pooled(round_, [BUDGET, 4_500_000_00, BUDGET])
    client.force_login(officer)
    expected = (
        "In year 2 (2028 to 2029), pooled sources give £4,500,000 but the round's budget is £5,000,000: £500,000 short."
    )

    for name in ("round_detail", "funding"):
        page = _text(client.get(reverse(name, args=[round_.pk])).content.decode()).replace("&#x27;", "'")
        assert "The pooled funding sources do not match the round's budget:" in page
        assert expected in page


def test_no_warning_where_they_agree(client, round_, officer):
    _pooled(round_, [BUDGET] * 3)
    client.force_login(officer)

    for name in ("round_detail", "funding"):
        assert "do not match the round" not in client.get(reverse(name, args=[round_.pk])).content.decode()


# The budget summary.


def test_the_summary_uses_the_rounds_budget_while_no_pooled_source_is_recorded(round_, money_use):
    allocated, committed = money_use
    allocated.by_round[round_.pk] = {1: 3_000_000_00, 2: 1_000_000_00}
    committed.by_round[round_.pk] = {1: 2_000_000_00}

    summary = selectors.budget_summary(round_)

    assert summary.basis == selectors.Basis.BUDGET
    assert "No pooled funding source is recorded yet" in summary.basis_text
    assert [(r.available_pence, r.allocated_pence, r.committed_pence, r.left_pence) for r in summary.years] == [
        (BUDGET, 3_000_000_00, 2_000_000_00, 2_000_000_00),
        (BUDGET, 1_000_000_00, 0, 4_000_000_00),
        (BUDGET, 0, 0, BUDGET),
    ]


def test_the_summary_counts_the_pooled_sources_and_shows_aligned_money_apart(round_, money_use, council, trust):
    allocated, _committed = money_use
    allocated.by_round[round_.pk] = {3: 4_000_000_01}
    _pooled(round_, [4_000_000_00] * 3, organisation=council)
    FundingSourceFactory(round=round_, organisation=trust, kind=FundingKind.ALIGNED, amounts_pence=[250_000_00] * 3)

    summary = selectors.budget_summary(round_)

    assert summary.basis == selectors.Basis.POOLED
    assert summary.basis_text == "Available: the pooled funding sources (Coventry City Council)."
    assert [r.available_pence for r in summary.years] == [4_000_000_00] * 3
    assert summary.years[2].left_pence == -1 and summary.years[2].is_over
    assert [(str(s.organisation), s.amounts) for s in summary.aligned] == [
        ("Coventry Primary Care Trust", [250_000_00] * 3)
    ]
    assert [pence for _year, pence in summary.aligned_years] == [250_000_00] * 3


def test_the_round_page_shows_the_money_year_by_year(client, round_, officer, money_use, council, trust):
    allocated, committed = money_use
    allocated.by_round[round_.pk] = {1: 3_000_000_00}
    committed.by_round[round_.pk] = {1: 1_250_000_00}
    _pooled(round_, [BUDGET] * 3, organisation=council)
    FundingSourceFactory(round=round_, organisation=trust, kind=FundingKind.ALIGNED, amounts_pence=[250_000_00] * 3)
    client.force_login(officer)

    page = _text(client.get(reverse("round_detail", args=[round_.pk])).content.decode()).replace("&#x27;", "'")

    assert "The round's money" in page and "2 funding sources" in page
    assert (
        "Year 1 (2027 to 2028) £5,000,000 in year 1 (2027 to 2028) £3,000,000 in year 1 (2027 to 2028) "
        "£1,250,000 in year 1 (2027 to 2028) £2,000,000 in year 1 (2027 to 2028)"
    ) in page
    assert (
        "All years £15,000,000 over three years £3,000,000 over three years £1,250,000 over three years "
        "£12,000,000 over three years"
    ) in page
    assert "Coventry Primary Care Trust: £750,000 over three years" in page
    assert "Aligned money: £250,000 in year 2 (2028 to 2029)" in page


@pytest.mark.parametrize("role", ["bidder"])
def test_bidders_never_see_the_rounds_money(client, round_, money_use, role):
    allocated, _committed = money_use
    allocated.by_round[round_.pk] = {1: 1_234_567_00}
    _pooled(round_, [BUDGET] * 3)
    client.force_login(person_with_role(round_, Role.BIDDER))

    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert "£1,234,567" not in page and "funding source" not in page
    assert allocated.calls == 0


def test_the_specification_page_shows_its_own_money(client, money_use):
    spec = published_specification(allocations_pence=[1_000_000_00, 1_000_000_00, 500_000_00])
    round_ = spec.round
    _pooled(round_, [BUDGET] * 3)
    allocated, committed = money_use
    allocated.by_round[round_.pk] = {1: 4_000_000_00}
    allocated.by_specification[spec.pk] = {1: 900_000_00, 3: 600_000_00}
    committed.by_specification[spec.pk] = {1: 900_000_00}
    officer = round_.roles.filter(role=Role.OFFICER).first().user
    client.force_login(officer)

    page = _text(
        client.get(reverse("specification_detail", args=[round_.pk, spec.priority_id])).content.decode()
    ).replace("&#x27;", "'")

    assert "The specification's money, year by year" in page
    assert "Available: the specification's maximum allocation." in page
    assert (
        "Year 1 (2027 to 2028) £1,000,000 in year 1 (2027 to 2028) £900,000 in year 1 (2027 to 2028) "
        "£900,000 in year 1 (2027 to 2028) £100,000 in year 1 (2027 to 2028)"
    ) in page
    assert "Over -£100,000 in year 3 (2029 to 2030)" in page
    assert "£4,000,000" not in page  # the round's allocation is not this specification's


def test_the_public_reading_a_specification_sees_no_money_summary(client, money_use):
    spec = published_specification()
    client.force_login(person_with_role(spec.round, Role.BIDDER))

    page = client.get(reverse("specification_detail", args=[spec.round_id, spec.priority_id])).content.decode()

    assert "year by year" not in page
    assert money_use[0].calls == 0


# A constant number of queries, whatever the number of sources.


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["funding", "round_detail"])
def test_the_pages_read_the_sources_in_a_constant_number_of_queries(client, round_, officer, money_use, name):
    client.force_login(officer)
    url = reverse(name, args=[round_.pk])
    _pooled(round_, [BUDGET] * 3)
    one = _queries(client, url)
    for _ in range(6):
        _pooled(round_, [1] * 3)
        FundingSourceFactory(round=round_, kind=FundingKind.ALIGNED, amounts_pence=[2] * 3)

    assert _queries(client, url) == one


def test_the_summary_reads_the_sources_once(round_, money_use):
    """One query for the sources however many there are; the stages' own money sources add a fixed number."""
    _pooled(round_, [1] * 3)
    with CaptureQueriesContext(connection) as one_source:
        selectors.budget_summary(round_)
    for _ in range(4):
        _pooled(round_, [1] * 3)
    allocated, committed = money_use

    with CaptureQueriesContext(connection) as five_sources:
        selectors.budget_summary(round_)

    assert len(five_sources) == len(one_source)
    # The sources are read once; the stages' money may join them (to leave aligned money out), in a fixed number.
    assert sum('FROM "commissioning_fundingsource"' in query["sql"] for query in five_sources.captured_queries) == 1
    assert (allocated.calls, committed.calls) == (2, 2)
