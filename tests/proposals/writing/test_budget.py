"""The budget table: amounts typed in pounds for each year, organisation and cost category, their
totals, the check against the specification's maximum, and its save (audited with the totals)."""

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from proposals.writing.completeness import load_for_checking, problems_of
from proposals.writing.enums import CostCategory, PartnerState
from proposals.writing.forms_budget import BudgetForm, cell_name
from proposals.writing.models import BudgetLine
from proposals.writing.saving import save_budget
from proposals.writing.services import EditConflict
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db

MAXIMUM = 1_000_000_00  # the published specification's maximum allocation in each of its three years


@pytest.fixture
def proposal():
    proposal = ProposalFactory(title="Routes into work", lead_organisation=OrganisationFactory(name="Hillfields Trust"))
    assert proposal.specification.allocations_in_round() == [MAXIMUM] * 3
    return proposal


@pytest.fixture
def partner(proposal):
    return ProposalPartnerFactory(proposal=proposal, organisation=OrganisationFactory(name="Wood End Works"))


@pytest.fixture
def lead_partner(proposal):
    return proposal.partners.get(is_lead=True)


def form_for(proposal, data):
    return BudgetForm(data=data, proposal=proposal)


def test_the_table_has_a_cell_for_each_year_organisation_and_category_lead_first(proposal, partner, lead_partner):
    ProposalPartnerFactory(proposal=proposal, state=PartnerState.DECLINED)

    form = BudgetForm(proposal=proposal)
    table = form.table()

    assert [year.year.label for year in table.years] == [
        "Year 1 (2027 to 2028)",
        "Year 2 (2028 to 2029)",
        "Year 3 (2029 to 2030)",
    ]
    assert [row.partner for row in table.years[0].rows] == [lead_partner, partner]
    assert len(form.fields) == 3 * 2 * len(CostCategory)
    assert form[cell_name(1, partner.pk, "staff")].label == "Staff for Wood End Works in year 1 (2027 to 2028)"


def test_pounds_are_read_with_commas_and_pound_signs_and_blank_is_nothing(proposal, lead_partner):
    form = form_for(
        proposal,
        {
            cell_name(1, lead_partner.pk, "staff"): "£12,500.50",
            cell_name(1, lead_partner.pk, "running"): " 1,000 ",
            cell_name(2, lead_partner.pk, "capital"): ".5",
        },
    )

    assert form.is_valid(), form.errors
    cells = {key: pence for key, pence in form.cells().items() if pence}
    assert cells == {
        (lead_partner.pk, 1, "staff"): 12_500_50,
        (lead_partner.pk, 1, "running"): 1_000_00,
        (lead_partner.pk, 2, "capital"): 50,
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "Staff for Hillfields Trust in year 2 (2028 to 2029) cannot be a negative amount"),
        (
            "twelve",
            "Staff for Hillfields Trust in year 2 (2028 to 2029) must be an amount in pounds, like 12,500 or 1250.50",
        ),
        (
            "1e5",
            "Staff for Hillfields Trust in year 2 (2028 to 2029) must be an amount in pounds, like 12,500 or 1250.50",
        ),
        (
            "NaN",
            "Staff for Hillfields Trust in year 2 (2028 to 2029) must be an amount in pounds, like 12,500 or 1250.50",
        ),
        (
            "12,50",
            "Staff for Hillfields Trust in year 2 (2028 to 2029) must be an amount in pounds, like 12,500 or 1250.50",
        ),
        (
            "10.505",
            "Staff for Hillfields Trust in year 2 (2028 to 2029) must have no more than 2 numbers after the "
            "decimal point",
        ),
        ("100000000.01", "Staff for Hillfields Trust in year 2 (2028 to 2029) must be £100,000,000 or less"),
        ("9" * 40, "Staff for Hillfields Trust in year 2 (2028 to 2029) must be £100,000,000 or less"),
    ],
)
def test_a_bad_cell_is_refused_with_a_message_naming_it(proposal, lead_partner, typed, message):
    name = cell_name(2, lead_partner.pk, "staff")
    form = form_for(proposal, {name: typed, cell_name(1, lead_partner.pk, "running"): "250"})

    assert not form.is_valid()
    assert form.errors == {name: [message]}
    # What was typed stays, and the other cells still count in the totals.
    assert form[name].value() == typed
    assert form.table().years[0].total == 250_00


def test_totals_per_row_column_year_and_in_all(proposal, partner, lead_partner):
    form = form_for(
        proposal,
        {
            cell_name(1, lead_partner.pk, "staff"): "100",
            cell_name(1, lead_partner.pk, "running"): "20.50",
            cell_name(1, partner.pk, "staff"): "30",
            cell_name(3, partner.pk, "evaluation"): "5",
        },
    )

    table = form.table()

    first = table.years[0]
    assert [row.total for row in first.rows] == [120_50, 30_00]
    assert [total for _category, total in first.category_totals] == [130_00, 20_50, 0, 0, 0]
    assert [year.total for year in table.years] == [150_50, 0, 5_00]
    assert table.total == 155_50
    assert table.problems == []


def test_exactly_the_maximum_is_fine_and_a_penny_over_is_named(proposal, lead_partner):
    at_maximum = form_for(proposal, {cell_name(1, lead_partner.pk, "staff"): "1,000,000"})
    over = form_for(
        proposal,
        {cell_name(1, lead_partner.pk, "staff"): "1,000,000", cell_name(1, lead_partner.pk, "capital"): "0.01"},
    )

    assert at_maximum.is_valid() and at_maximum.table().problems == []
    assert over.is_valid()
    table = over.table()
    assert (table.years[0].over, table.years[1].over) == (1, 0)
    assert table.problems == [
        "£1,000,000.01 in year 1 (2027 to 2028) is £0.01 over the maximum allocation of "
        "£1,000,000 in year 1 (2027 to 2028)."
    ]


def test_saving_replaces_the_budget_and_audits_the_totals_even_over_the_maximum(proposal, partner, lead_partner):
    person = bidder_person(proposal.round, proposal.lead_organisation, full_name="Amira Khan")
    BudgetLine.objects.create(proposal=proposal, partner=partner, year=2, category="staff", amount_pence=7)
    declined = ProposalPartnerFactory(proposal=proposal, state=PartnerState.DECLINED)
    cells = {
        (lead_partner.pk, 1, "staff"): MAXIMUM + 1,
        (partner.pk, 3, "running"): 2_000_00,
        (partner.pk, 2, "staff"): 0,
        (declined.pk, 1, "staff"): 5_00,
        (lead_partner.pk, 4, "staff"): 9_00,
    }

    saved = save_budget(proposal, by=person, revision=0, cells=cells)

    assert saved.revision_of("budget") == 1
    assert sorted(BudgetLine.objects.values_list("partner_id", "year", "category", "amount_pence")) == sorted(
        [(lead_partner.pk, 1, "staff", MAXIMUM + 1), (partner.pk, 3, "running", 2_000_00)]
    )
    entry = AuditEntry.objects.get(action="proposal.budget_saved")
    assert entry.after == {"per_year_pence": [MAXIMUM + 1, 0, 2_000_00], "total_pence": MAXIMUM + 1 + 2_000_00}
    assert describe(entry).sentence.startswith("Amira Khan saved the budget of “Routes into work”")


def test_a_budget_saved_from_an_old_revision_is_refused_and_changes_nothing(proposal, lead_partner):
    person = bidder_person(proposal.round, proposal.lead_organisation)
    save_budget(proposal, by=person, revision=0, cells={(lead_partner.pk, 1, "staff"): 100})

    with pytest.raises(EditConflict):
        save_budget(proposal, by=person, revision=0, cells={(lead_partner.pk, 1, "staff"): 999})

    assert list(BudgetLine.objects.values_list("amount_pence", flat=True)) == [100]
    assert AuditEntry.objects.filter(action="proposal.budget_saved").count() == 1


def test_cells_of_a_partner_that_declined_count_neither_on_the_page_nor_in_completeness(proposal, lead_partner):
    declined = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    BudgetLine.objects.create(proposal=proposal, partner=lead_partner, year=1, category="staff", amount_pence=MAXIMUM)
    BudgetLine.objects.create(proposal=proposal, partner=declined, year=1, category="staff", amount_pence=5_00)
    declined.state = PartnerState.DECLINED
    declined.save(update_fields=["state"])

    checked = load_for_checking(proposal.pk)

    assert BudgetForm(proposal=checked).table().years[0].total == MAXIMUM
    assert [problem for problem in problems_of(checked) if problem.section == "budget"] == []
