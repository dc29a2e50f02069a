"""Rounds: created and edited through the pages, moved one stage at a time behind the
registered guards, every change in the audit trail."""

import datetime

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import InvalidTransition, StageBlocked
from commissioning.enums import Role, Stage
from commissioning.rounds import services
from commissioning.rounds.models import Round, RoundRole
from tests.commissioning.rounds.helpers import load_plan
from tests.factories.commissioning import PartnershipFactory, StrategicOutcomeFactory, UserFactory

GOOD = {
    "name": "Neighbourhood renewal 2027",
    "place": "Coventry",
    "annual_budget": "£5,000,000",
    "number_of_years": "3",
    "start_date_day": "1",
    "start_date_month": "4",
    "start_date_year": "2027",
}


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, full_name="Sam Staff")


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Coventry Partnership", place="Coventry")


def create_url(partnership):
    return reverse("partnership_round_create", args=[partnership.pk])


@pytest.mark.django_db
def test_round_advance_moves_one_stage_with_audit_entry(client, round_, officer):
    load_plan(round_)
    client.force_login(officer)

    response = client.post(reverse("round_advance", args=[round_.pk]), follow=True)

    round_.refresh_from_db()
    assert round_.stage == Stage.WORKSHOP
    entry = AuditEntry.objects.get(action="round.stage_changed")
    assert entry.actor == officer
    assert entry.round == round_
    assert entry.before == {"stage": "setup"}
    assert entry.after == {"stage": "workshop"}
    assert entry.object_id == str(round_.pk)
    content = response.content.decode()
    assert "The round has moved on to “Priority workshop”." in content
    assert 'aria-current="step"' in content


@pytest.mark.parametrize("target", [Stage.CALL, Stage.CLOSED, Stage.SETUP, Stage.WORKSHOP])
@pytest.mark.django_db
def test_round_skip_or_step_back_is_refused(round_, officer, target):
    Round.objects.filter(pk=round_.pk).update(stage=Stage.WORKSHOP)

    with pytest.raises(InvalidTransition) as error:
        services.move_round_to_stage(round_, target, by=officer)

    assert "it can only move on to the next stage" in error.value.message
    round_.refresh_from_db()
    assert round_.stage == Stage.WORKSHOP
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()


@pytest.mark.django_db
def test_round_closed_cannot_advance(round_, officer):
    Round.objects.filter(pk=round_.pk).update(stage=Stage.CLOSED)
    round_.refresh_from_db()

    with pytest.raises(InvalidTransition, match="The round is closed."):
        services.advance_round(round_, by=officer)


@pytest.mark.django_db
def test_round_guard_reasons_shown_on_round_page(client, round_, officer):
    client.force_login(officer)

    before = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    StrategicOutcomeFactory(round=round_)
    after_outcome = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert "Before the round can move on:" in before
    assert "Add the strategic plan&#x27;s outcomes." in before
    assert "Move on to “Priority workshop”" not in before
    assert "Add performance indicators to the strategic plan." in after_outcome


@pytest.mark.django_db
def test_round_advance_blocked_by_guard_shows_reasons_and_changes_nothing(client, round_, officer):
    client.force_login(officer)

    response = client.post(reverse("round_advance", args=[round_.pk]), follow=True)

    content = response.content.decode()
    assert "The round cannot move on to “Priority workshop” yet." in content
    assert "Add the strategic plan&#x27;s outcomes." in content
    round_.refresh_from_db()
    assert round_.stage == Stage.SETUP
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()


@pytest.mark.django_db
def test_round_advance_blocked_shows_every_reason_as_an_error(client, round_, officer):
    StrategicOutcomeFactory(round=round_)
    reasons = services.stage_blockers(round_)
    client.force_login(officer)

    response = client.post(reverse("round_advance", args=[round_.pk]), follow=True)

    assert len(reasons) > 1
    assert [str(message) for message in response.context["messages"]] == [
        "The round cannot move on to “Priority workshop” yet.",
        *reasons,
    ]


@pytest.mark.django_db
def test_round_advance_service_reports_each_blocker(round_, officer):
    StrategicOutcomeFactory(round=round_)

    with pytest.raises(StageBlocked) as error:
        services.advance_round(round_, by=officer)

    assert "Add performance indicators to the strategic plan." in error.value.details
    assert "Add the strategic plan's outcomes." not in error.value.details


@pytest.mark.django_db
def test_round_created_through_page_makes_creator_officer(client, staff, partnership):
    client.force_login(staff)

    response = client.post(create_url(partnership), {**GOOD, "officer": staff.pk}, follow=True)

    round_ = Round.objects.get(name="Neighbourhood renewal 2027")
    assert round_.annual_budget_pence == 5_000_000_00
    assert round_.start_date == datetime.date(2027, 4, 1)
    assert round_.stage == Stage.SETUP
    assert RoundRole.objects.filter(round=round_, user=staff, role=Role.OFFICER).exists()
    entry = AuditEntry.objects.get(action="round.created")
    assert entry.actor == staff
    assert entry.after["annual_budget_pence"] == 5_000_000_00
    content = response.content.decode()
    assert "Round created. You are its partnership officer." in content
    assert "£5,000,000 a year (£15,000,000 over three years)" in content
    assert "1 April 2027" in content


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("annual_budget", "abc", "Enter an amount of money in pounds, like 5,000,000 or 1250.50."),
        ("annual_budget", "-5", "Enter an amount greater than £0."),
        ("annual_budget", "0", "Enter an amount greater than £0."),
        (
            "annual_budget",
            "12.345",
            "Enter pounds and pence only, with no more than 2 numbers after the decimal point.",
        ),
        ("annual_budget", "", "Enter the annual budget"),
        ("name", "", "Enter the round&#x27;s name"),
        ("number_of_years", "0", "A round lasts at least 1 year."),
        ("number_of_years", "11", "A round lasts at most 10 years."),
        ("number_of_years", "two", "Enter the number of years as a whole number, like 3."),
        ("start_date_day", "31", "The start date must be a real date"),
        ("start_date_month", "", "The start date must include a month"),
        ("start_date_year", "27", "Year must include 4 numbers"),
    ],
)
@pytest.mark.django_db
def test_round_create_with_bad_input_shows_message_and_keeps_values(client, staff, partnership, field, typed, message):
    client.force_login(staff)

    response = client.post(create_url(partnership), {**GOOD, "officer": staff.pk, field: typed})

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    if typed:
        assert f'value="{typed}"' in content
    if field != "name":
        assert 'value="Neighbourhood renewal 2027"' in content
    assert 'value="Coventry"' in content
    assert not Round.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_round_edit_page_shows_current_values(client, round_, officer):
    client.force_login(officer)

    content = client.get(reverse("round_edit", args=[round_.pk])).content.decode()

    assert 'name="start_date_day" value="1"' in content
    assert 'name="start_date_month" value="4"' in content
    assert 'name="start_date_year" value="2027"' in content
    assert "For example, 1 4 2027" in content
    assert 'value="5000000.00"' in content
    assert f'value="{round_.name}"' in content


@pytest.mark.django_db
def test_round_edit_saves_with_audit_before_and_after(client, round_, officer):
    client.force_login(officer)

    response = client.post(
        reverse("round_edit", args=[round_.pk]), {**GOOD, "annual_budget": "4,250,000.50", "number_of_years": "5"}
    )

    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.annual_budget_pence, round_.number_of_years) == (425_000_050, 5)
    entry = AuditEntry.objects.get(action="round.updated")
    assert entry.actor == officer
    assert entry.before["annual_budget_pence"] == 5_000_000_00
    assert entry.after["annual_budget_pence"] == 425_000_050
    assert entry.before["number_of_years"] == 3
    assert entry.after["number_of_years"] == 5
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "£4,250,000.50 a year (£21,250,002.50 over five years)" in page


@pytest.mark.django_db
def test_round_edit_without_change_writes_no_audit_entry(client, round_, officer):
    client.force_login(officer)
    unchanged = {
        "name": round_.name,
        "place": round_.place,
        "annual_budget": "5000000",
        "number_of_years": "3",
        "start_date": "2027-04-01",
    }

    client.post(reverse("round_edit", args=[round_.pk]), unchanged)

    assert not AuditEntry.objects.filter(action="round.updated").exists()


@pytest.mark.django_db
def test_round_edit_with_bad_input_keeps_values_and_round_unchanged(client, round_, officer):
    client.force_login(officer)
    original_name = round_.name

    response = client.post(
        reverse("round_edit", args=[round_.pk]), {**GOOD, "name": "Renamed", "number_of_years": "11"}
    )

    content = response.content.decode()
    assert "A round lasts at most 10 years." in content
    assert 'value="Renamed"' in content
    assert 'value="11"' in content
    assert f">{original_name}</a>" in content  # the breadcrumb still names the saved round
    round_.refresh_from_db()
    assert (round_.name, round_.number_of_years) == (original_name, 3)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_round_money_shown_the_uk_way_on_home_page(client, round_, board_member):
    client.force_login(board_member)

    content = client.get(reverse("home")).content.decode()

    assert "£5,000,000" in content
