"""What changed between two versions, in words: field by field and row by row."""

import copy

import pytest

from proposals.submission.changes import changes_between, word_changes
from proposals.submission.services import submit_proposal
from proposals.writing.models import BudgetLine, Milestone, ProposalPartner, Risk

pytestmark = pytest.mark.django_db


def _texts(changes):
    return [str(change) for change in changes]


def test_budget_cell_change_reads_year_category_and_partner(proposal, lead):
    submit_proposal(proposal, by=lead)
    lead_partner = proposal.partners.get(is_lead=True)
    BudgetLine.objects.filter(partner=lead_partner, year=2).update(amount_pence=45_000_00)
    submit_proposal(proposal, by=lead)
    second, first = proposal.versions.order_by("-number")

    changes = changes_between(first.data, second.data)

    assert _texts(changes) == ["Budget: year 2, Staff, Hillfields Youth Trust: £40,000 → £45,000"]


def test_rows_added_removed_and_changed(proposal, lead):
    submit_proposal(proposal, by=lead)
    Milestone.objects.create(proposal=proposal, description="First cohort starts", month=6)
    Risk.objects.filter(proposal=proposal).update(impact="low")
    partner = ProposalPartner.objects.get(proposal=proposal, organisation_name="Coventry Careers Service")
    partner.role_in_delivery = "Careers advice every Friday."
    partner.save()
    submit_proposal(proposal, by=lead)
    second, first = proposal.versions.order_by("-number")

    texts = _texts(changes_between(first.data, second.data))

    assert texts == [
        "Lead and partner organisations: Coventry Careers Service, role in delivery: "
        "“Coventry Careers Service runs the weekly sessions in its neighbourhood.” → “Careers advice every Friday.”",
        "Milestones: “First cohort starts” (month 6) added",
        "Risks: “Mentors leave”, impact: “High” → “Low”",
    ]


def test_fields_and_removed_budget_cells_and_partners():
    old = {
        "fields": {"title": "Routes into work", "steering_group_places": 2},
        "partners": [
            {"id": 1, "organisation_name": "Hillfields Youth Trust", "state_label": "Confirmed"},
            {"id": 2, "organisation_name": "Wood End Community Centre", "state_label": "Confirmed"},
        ],
        "budget": [
            {
                "partner_id": 2,
                "partner": "Wood End Community Centre",
                "year": 1,
                "category": "capital",
                "category_label": "Capital",
                "amount_pence": 12_500_50,
            }
        ],
    }
    new = copy.deepcopy(old)
    new["fields"] = {"title": "Routes into good work", "steering_group_places": 3}
    new["partners"] = new["partners"][:1]
    new["budget"] = []

    assert _texts(changes_between(old, new)) == [
        "The activity and its outcome: Title of the activity: “Routes into work” → “Routes into good work”",
        "Lead and partner organisations: Wood End Community Centre removed",
        "Budget: year 1, Capital, Wood End Community Centre: £12,500.50 → £0",
        "Client group involvement: Places for client-group representatives on the steering group: 2 → 3",
    ]


def test_long_text_is_compared_word_by_word():
    before = " ".join(f"word{n}" for n in range(40)) + " mentors meet weekly in Hillfields."
    after = " ".join(f"word{n}" for n in range(40)) + " mentors meet twice a week in Hillfields and Foleshill."

    (change,) = changes_between({"fields": {"activity": before}}, {"fields": {"activity": after}})

    assert str(change) == "The activity and its outcome: The activity: changed"
    assert change.words == (
        ("gap", "…"),
        ("same", "word36 word37 word38 word39 mentors meet"),
        ("removed", "weekly"),
        ("added", "twice a week"),
        ("same", "in"),
        ("removed", "Hillfields."),
        ("added", "Hillfields and Foleshill."),
    )


def test_identical_versions_have_no_changes():
    data = {"fields": {"title": "Same"}, "budget": [], "partners": []}
    assert changes_between(data, copy.deepcopy(data)) == []
    assert word_changes("a b c", "a b c") == (("same", "a b c"),)


def test_indicators_themes_outputs_attachments_and_partner_sections_in_words():
    old = {
        "proposal": {"partner_sections": ["activity"]},
        "partners": [{"id": 7, "organisation_name": "Radford Residents Group", "state_label": "Invited"}],
        "indicators": [
            {
                "id": 3,
                "code": "NEET1",
                "name": "Young people not in work",
                "baseline_value": "14.500",
                "baseline_date": "2026-03-31",
                "baseline_source": "Annual population survey",
                "targets": {"1": "13.500", "2": "12.500"},
            }
        ],
        "themes": [{"id": 4, "title": "Health", "response": "Walking groups."}],
        "outputs": [{"id": 9, "description": "Young people mentored", "quantity": 120}],
        "attachments": [],
    }
    new = copy.deepcopy(old)
    new["proposal"]["partner_sections"] = ["activity", "budget"]
    new["partners"][0]["state_label"] = "Confirmed"
    new["indicators"][0]["baseline_date"] = "2026-06-30"
    new["indicators"][0]["targets"] = {"1": "13.500", "2": "12.000", "3": "11.000"}
    new["themes"][0]["response"] = "Walking groups and cooking classes."
    new["outputs"] = []
    new["attachments"] = [{"id": 1, "name": "letter.pdf", "kind_label": "Letter of support", "size": 2048}]

    assert _texts(changes_between(old, new)) == [
        "Lead and partner organisations: Sections partners may edit: The activity and its outcome → "
        "The activity and its outcome, Budget",
        "Lead and partner organisations: Radford Residents Group, state: “Invited” → “Confirmed”",
        "Indicators, baselines and targets: NEET1 Young people not in work, date of the baseline: "
        "31 March 2026 → 30 June 2026",
        "Indicators, baselines and targets: NEET1 Young people not in work, target in year 2: 12.500 → 12.000",
        "Indicators, baselines and targets: NEET1 Young people not in work, target in year 3: nothing → 11.000",
        "Cross-cutting themes: response to Health: “Walking groups.” → “Walking groups and cooking classes.”",
        "Outputs: “Young people mentored” removed",
        "Attachments: “letter.pdf” (letter of support, 2.0\xa0KB) added",
    ]
