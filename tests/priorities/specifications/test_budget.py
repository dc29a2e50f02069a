"""The round's budget against its specifications: drafts always save; submission, approval and
amendment are refused beyond the budget, counting only submitted, approved and published
specifications; a round's budget and years cannot fall below what they already allocate."""

import pytest
from django.core import mail
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError, BudgetExceeded
from commissioning.enums import Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import Round
from commissioning.rounds.services import update_round
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Specification
from priorities.specifications.services import budget
from priorities.specifications.services import specifications as services
from tests.factories.commissioning import PASSWORD, RoundFactory
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import approved, confirm_all, published, written

pytestmark = pytest.mark.django_db

MILLION = 1_000_000_00


@pytest.fixture
def round_(db):
    """£1,000,000 a year for three years from April 2027."""
    return RoundFactory(annual_budget_pence=MILLION, number_of_years=3)


def _priority(round_):
    return PriorityFactory(round=round_, issue__round=round_)


def _submitted(round_, by, **overrides):
    return services.submit_specification(written(_priority(round_), by, **overrides), by=by)


def test_a_draft_saves_whatever_it_allocates(round_, officer):
    _submitted(round_, officer, annual_pence=MILLION)

    spec = written(_priority(round_), officer, annual_pence=2 * MILLION)

    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT
    assert spec.allocations_pence == [2 * MILLION] * 3
    assert spec.versions.count() == 1


def test_submission_exactly_at_the_budget_is_accepted(round_, officer):
    _submitted(round_, officer, annual_pence=600_000_00)

    spec = _submitted(round_, officer, annual_pence=400_000_00)

    assert spec.state == SpecificationState.SUBMITTED
    assert budget.allocated(round_) == [MILLION] * 3


def test_submission_a_penny_over_names_the_year_and_the_amount(round_, officer):
    _submitted(round_, officer, annual_pence=600_000_00)
    spec = written(_priority(round_), officer, allocations_pence=[400_000_00, 400_000_01, 400_000_00])
    mail.outbox.clear()

    with pytest.raises(BudgetExceeded) as raised:
        services.submit_specification(spec, by=officer)

    assert raised.value.message == "The maximum allocation is over the round's budget in 1 year."
    assert raised.value.details == [
        "Year 2 (2028 to 2029) would be £0.01 over the round's budget of £1,000,000 a year. Other specifications "
        "already hold £600,000 that year, so this one can have at most £400,000 that year."
    ]
    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT
    assert not AuditEntry.objects.filter(action="specification.submitted", object_id=str(spec.pk)).exists()


def test_the_refusal_names_the_example_year_and_amount(officer):
    round_ = RoundFactory(annual_budget_pence=MILLION, number_of_years=2)
    _submitted(round_, officer, allocations_pence=[500_000_00, 950_000_00])
    spec = written(_priority(round_), officer, allocations_pence=[100_000_00, 100_000_00])

    with pytest.raises(BudgetExceeded) as raised:
        services.submit_specification(spec, by=officer)

    assert raised.value.details[0].startswith(
        "Year 2 (2028 to 2029) would be £50,000 over the round's budget of £1,000,000 a year."
    )


def test_drafts_of_other_specifications_are_not_counted(round_, officer):
    written(_priority(round_), officer, annual_pence=MILLION)

    spec = _submitted(round_, officer, annual_pence=MILLION)

    assert spec.state == SpecificationState.SUBMITTED


def test_a_returned_specification_is_not_counted(round_, officer):
    returned = _submitted(round_, officer, annual_pence=MILLION)
    services.return_to_draft(returned, by=officer, reason="Check the milestones.")

    spec = _submitted(round_, officer, annual_pence=MILLION)

    assert spec.state == SpecificationState.SUBMITTED
    assert budget.allocated(round_) == [MILLION] * 3
    with pytest.raises(BudgetExceeded):
        services.submit_specification(returned, by=officer)


def test_approved_and_published_specifications_are_counted(round_, officer):
    approved(_priority(round_), officer, annual_pence=300_000_00)
    published(_priority(round_), officer, annual_pence=300_000_00)
    spec = written(_priority(round_), officer, annual_pence=400_000_01)

    with pytest.raises(BudgetExceeded):
        services.submit_specification(spec, by=officer)
    services.save_specification(spec.priority, by=officer, fields={"allocations_pence": [400_000_00] * 3})
    assert services.submit_specification(spec, by=officer).state == SpecificationState.SUBMITTED


def test_approval_checks_the_budget_again(round_, officer):
    spec = _submitted(round_, officer, annual_pence=MILLION)
    confirm_all(spec)
    Round.objects.filter(pk=round_.pk).update(annual_budget_pence=900_000_00)  # changed outside the app

    with pytest.raises(BudgetExceeded) as raised:
        services.approve_specification(spec, by=officer)

    assert [detail.split(" would be ")[0] for detail in raised.value.details] == [
        "Year 1 (2027 to 2028)",
        "Year 2 (2028 to 2029)",
        "Year 3 (2029 to 2030)",
    ]
    spec.refresh_from_db()
    assert spec.state == SpecificationState.SUBMITTED


def test_an_amendment_over_the_budget_is_refused_and_nothing_is_announced(round_, officer):
    _submitted(round_, officer, annual_pence=500_000_00)
    spec = published(_priority(round_), officer, annual_pence=500_000_00)
    versions = spec.versions.count()

    with pytest.raises(BudgetExceeded) as raised:
        services.amend_specification(
            spec, by=officer, fields={"allocations_pence": [500_000_00, 600_000_00, 500_000_00]}, note="More money"
        )

    assert raised.value.details[0].startswith("Year 2 (2028 to 2029) would be £100,000 over")
    spec.refresh_from_db()
    assert spec.allocations_pence == [500_000_00] * 3
    assert spec.versions.count() == versions
    assert spec.announcements.filter(kind="amended").count() == 0


# The round's own budget and years


def test_lowering_the_budget_below_what_is_allocated_is_refused(round_, officer):
    _submitted(round_, officer, allocations_pence=[600_000_00, 800_000_00, 600_000_00])

    with pytest.raises(ApplicationError) as raised:
        update_round(round_, by=officer, annual_budget_pence=750_000_00)

    assert raised.value.details == [
        "Year 2 (2028 to 2029): the specifications already allocate £800,000, £50,000 more than a budget of "
        "£750,000 a year."
    ]
    round_.refresh_from_db()
    assert round_.annual_budget_pence == MILLION
    assert not AuditEntry.objects.filter(action="round.updated").exists()


def test_lowering_the_budget_to_exactly_what_is_allocated_is_saved_and_audited(round_, officer):
    _submitted(round_, officer, allocations_pence=[600_000_00, 800_000_00, 600_000_00])
    written(_priority(round_), officer, annual_pence=MILLION)  # a draft holds nothing

    update_round(round_, by=officer, annual_budget_pence=800_000_00)

    round_.refresh_from_db()
    assert round_.annual_budget_pence == 800_000_00
    entry = AuditEntry.objects.get(action="round.updated")
    assert (entry.before["annual_budget_pence"], entry.after["annual_budget_pence"]) == (MILLION, 800_000_00)


def test_shortening_the_round_while_a_later_year_is_allocated_is_refused(round_, officer):
    published(_priority(round_), officer, annual_pence=300_000_00)

    with pytest.raises(ApplicationError) as raised:
        update_round(round_, by=officer, number_of_years=2)

    assert raised.value.details == [
        "The round cannot be shortened to 2 years: its specifications already allocate £300,000 in year 3."
    ]
    round_.refresh_from_db()
    assert round_.number_of_years == 3


def test_shortening_the_round_leaves_no_hidden_year_in_a_total(client, round_, officer):
    spec = published(_priority(round_), officer, allocations_pence=[300_000_00, 300_000_00, 0])
    draft = written(_priority(round_), officer, annual_pence=300_000_00)

    update_round(round_, by=officer, number_of_years=2)

    round_.refresh_from_db()
    spec = Specification.objects.get(pk=spec.pk)
    draft = Specification.objects.get(pk=draft.pk)
    assert draft.allocations_pence == [300_000_00] * 3  # kept as typed, but never counted
    assert draft.total_allocation_pence == 600_000_00
    assert draft.total_allocation_display == "£600,000 over two years"
    assert budget.allocated(round_) == [300_000_00, 300_000_00]
    assert client.login(email=officer.email, password=PASSWORD)
    page = client.get(reverse("specification_detail", args=[round_.pk, draft.priority_id])).content.decode()
    assert "In all: £600,000 over two years" in page
    assert "£900,000" not in page
    assert "year 3" not in page
    page = client.get(reverse("specification_detail", args=[round_.pk, spec.priority_id])).content.decode()
    assert "£300,000 in year 1 (2027 to 2028)" in page
    assert "£300,000 in year 2 (2028 to 2029)" in page
    assert "In all: £600,000 over two years" in page


def test_the_round_edit_page_shows_the_refusal_and_keeps_what_was_typed(client, round_, officer):
    _submitted(round_, officer, annual_pence=MILLION)
    assert client.login(email=officer.email, password=PASSWORD)

    response = client.post(
        reverse("round_edit", args=[round_.pk]),
        {
            "name": "Renamed round",
            "place": round_.place,
            "annual_budget": "900,000",
            "number_of_years": "3",
            "start_date": "2027-04-01",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "The round&#x27;s details were not changed." in content
    assert (
        "Year 1 (2027 to 2028): the specifications already allocate £1,000,000, £100,000 more than a budget of "
        "£900,000 a year." in content
    )
    assert 'value="Renamed round"' in content
    round_.refresh_from_db()
    assert (round_.name, round_.annual_budget_pence) != ("Renamed round", 900_000_00)
    assert Specification.objects.get().state == SpecificationState.SUBMITTED


def test_amounts_say_their_period_on_public_pages_and_in_emails(
    client, round_, officer, django_capture_on_commit_callbacks
):
    Round.objects.filter(pk=round_.pk).update(stage=Stage.SPECIFICATION)
    SubscriberFactory(round=round_, email="reader@example.org", status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(_priority(round_), officer, allocations_pence=[400_000_00, 400_000_00, 200_000_00])

    page = client.get(reverse("specification_detail", args=[round_.pk, spec.priority_id])).content.decode()
    public_key = Round.objects.get(pk=round_.pk).public_key
    call = client.get(reverse("call_public", args=[public_key])).content.decode()
    home = client.get(reverse("home")).content.decode()
    email = OutgoingEmail.objects.get(to_email="reader@example.org")

    assert "£400,000 in year 1 (2027 to 2028)" in page
    assert "£200,000 in year 3 (2029 to 2030)" in page
    assert "In all: £1,000,000 over three years" in page
    assert "£1,000,000 over three years" in call
    assert "£1,000,000 a year, £3,000,000 over three years" in home
    assert "Maximum allocation: £1,000,000 over three years" in email.body_text
