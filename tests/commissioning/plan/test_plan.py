import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.plan import services
from commissioning.plan.models import Indicator, StrategicOutcome
from tests.factories.commissioning import IndicatorFactory, IndicatorReadingFactory, StrategicOutcomeFactory

INDICATOR_POST = {
    "code": "wk1",
    "name": "Out-of-work benefit claimants",
    "unit": "%",
    "higher_is_better": "False",
    "baseline_value": "14.2",
    "baseline_date": "2025-03-31",
    "target_value": "11.5",
    "target_date": "2030-03-31",
    "source": "DWP",
}


@pytest.mark.django_db
def test_plan_page_shows_outcomes_with_indicators(client, round_, board_member):
    outcome = StrategicOutcomeFactory(round=round_, code="O1", title="More people in work")
    indicator = IndicatorFactory(outcome=outcome, code="WK1", name="Benefit claimants", baseline_value="14.2")
    IndicatorReadingFactory(indicator=indicator)
    client.force_login(board_member)

    page = client.get(reverse("plan", args=[round_.pk])).content.decode()

    assert "More people in work" in page
    assert "Benefit claimants" in page
    assert "14.2" in page
    assert "31 March 2025" in page
    assert "Add an outcome" not in page


@pytest.mark.django_db
def test_plan_page_offers_editing_to_officers(client, round_, officer):
    StrategicOutcomeFactory(round=round_)
    client.force_login(officer)

    page = client.get(reverse("plan", args=[round_.pk])).content.decode()

    assert "Add an outcome" in page and "Add an indicator" in page
    assert reverse("plan_import_readings", args=[round_.pk]) in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("board", 200),
        ("subgroup", 200),
        ("panel", 200),
        ("sponsor", 200),
        ("officer", 200),
        ("bidder", 404),
        ("outsider", 404),
    ],
)
def test_plan_page_visible_to_evidence_readers_only(client, round_, people, role, status):
    StrategicOutcomeFactory(round=round_, title="Secret outcome title")
    client.force_login(people[role])

    response = client.get(reverse("plan", args=[round_.pk]))

    assert response.status_code == status
    assert ("Secret outcome title" in response.content.decode()) == (status == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board", "subgroup", "panel", "sponsor", "bidder", "outsider"])
def test_plan_forms_not_found_and_unchanged_for_non_officers(client, round_, people, role):
    outcome = StrategicOutcomeFactory(round=round_, code="O1", title="Before")
    client.force_login(people[role])

    get_status = client.get(reverse("plan_outcome_create", args=[round_.pk])).status_code
    edit = client.post(reverse("plan_outcome_edit", args=[round_.pk, outcome.pk]), {"code": "O1", "title": "After"})
    add = client.post(reverse("plan_indicator_create", args=[round_.pk]), {**INDICATOR_POST, "outcome": outcome.pk})

    assert (get_status, edit.status_code, add.status_code) == (404, 404, 404)
    outcome.refresh_from_db()
    assert outcome.title == "Before"
    assert not Indicator.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_outcome_form_creates_outcome_with_audit_entry(client, round_, officer):
    client.force_login(officer)

    response = client.post(
        reverse("plan_outcome_create", args=[round_.pk]), {"code": "o1", "title": "More people in work"}
    )

    outcome = StrategicOutcome.objects.get(partnership=round_.partnership)
    assert response.url == reverse("plan", args=[round_.pk])
    assert (outcome.code, outcome.title) == ("O1", "More people in work")
    entry = AuditEntry.objects.get(action="plan.outcome.created")
    assert entry.actor == officer and entry.after["title"] == "More people in work"


@pytest.mark.django_db
def test_outcome_form_refuses_a_code_in_use_keeping_what_was_typed(client, round_, officer):
    StrategicOutcomeFactory(round=round_, code="O1")
    client.force_login(officer)

    response = client.post(
        reverse("plan_outcome_create", args=[round_.pk]), {"code": "o1", "title": "Typed title", "description": "Typed"}
    )

    page = response.content.decode()
    assert "Another outcome already has the code O1." in page
    assert 'value="Typed title"' in page
    assert StrategicOutcome.objects.count() == 1


@pytest.mark.django_db
def test_indicator_form_creates_indicator(client, round_, officer):
    outcome = StrategicOutcomeFactory(round=round_)
    client.force_login(officer)

    client.post(reverse("plan_indicator_create", args=[round_.pk]), {**INDICATOR_POST, "outcome": outcome.pk})

    indicator = Indicator.objects.get()
    assert (indicator.code, indicator.outcome, indicator.higher_is_better) == ("WK1", outcome, False)
    assert str(indicator.target_value) == "11.500"
    assert AuditEntry.objects.filter(action="plan.indicator.created", round=round_).count() == 1


@pytest.mark.django_db
def test_indicator_form_shows_messages_and_keeps_input(client, round_, officer):
    outcome = StrategicOutcomeFactory(round=round_)
    client.force_login(officer)
    data = {
        **INDICATOR_POST,
        "outcome": outcome.pk,
        "baseline_value": "fourteen",
        "target_date": "2020-01-01",
        "code": "has space",
    }

    response = client.post(reverse("plan_indicator_create", args=[round_.pk]), data)

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The baseline value must be a number" in page
    assert "with no spaces" in page
    assert 'value="fourteen"' in page
    assert 'value="Out-of-work benefit claimants"' in page
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_indicator_form_refuses_a_code_used_under_another_outcome(client, round_, officer):
    IndicatorFactory(outcome=StrategicOutcomeFactory(round=round_), code="WK1")
    other = StrategicOutcomeFactory(round=round_)
    client.force_login(officer)

    response = client.post(reverse("plan_indicator_create", args=[round_.pk]), {**INDICATOR_POST, "outcome": other.pk})

    assert "Another indicator already has the code WK1." in response.content.decode()
    assert Indicator.objects.count() == 1


@pytest.mark.django_db
def test_indicator_form_cannot_use_another_rounds_outcome(client, round_, officer):
    StrategicOutcomeFactory(round=round_)
    foreign = StrategicOutcomeFactory()
    client.force_login(officer)

    response = client.post(
        reverse("plan_indicator_create", args=[round_.pk]), {**INDICATOR_POST, "outcome": foreign.pk}
    )

    assert "Select the outcome from the list" in response.content.decode()
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_editing_another_rounds_indicator_is_not_found(client, round_, officer):
    foreign = IndicatorFactory()
    client.force_login(officer)

    response = client.get(reverse("plan_indicator_edit", args=[round_.pk, foreign.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_save_outcome_without_change_adds_no_audit_entry(round_, officer):
    outcome = services.save_outcome(StrategicOutcomeFactory.build(round=round_, code="O1"), by=officer)

    services.save_outcome(outcome, by=officer)

    assert AuditEntry.objects.filter(action__startswith="plan.outcome").count() == 1


@pytest.mark.django_db
def test_save_indicator_refuses_duplicate_code_case_insensitively(round_, officer):
    outcome = StrategicOutcomeFactory(round=round_)
    IndicatorFactory(outcome=outcome, code="WK1")

    with pytest.raises(ApplicationError):
        services.save_indicator(IndicatorFactory.build(outcome=outcome, code="wk1"), by=officer)


def _plan_rows(round_, n):
    for _i in range(n):
        outcome = StrategicOutcomeFactory(round=round_)
        for _ in range(2):
            IndicatorReadingFactory(indicator=IndicatorFactory(outcome=outcome))


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_plan_page_query_count_is_flat(client, round_, officer, django_assert_num_queries, rows):
    _plan_rows(round_, rows)
    client.force_login(officer)
    url = reverse("plan", args=[round_.pk])
    client.get(url)

    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        client.get(url)


PLAN_PAGE_QUERIES = 6


@pytest.mark.django_db
def test_plan_page_shows_each_indicators_latest_reading_with_its_unit_and_date(client, round_, board_member):
    outcome = StrategicOutcomeFactory(round=round_)
    claimants = IndicatorFactory(outcome=outcome, code="WK1", unit="%")
    IndicatorReadingFactory(indicator=claimants, date=datetime.date(2024, 3, 31), value=Decimal("15.1"))
    IndicatorReadingFactory(indicator=claimants, date=datetime.date(2026, 3, 31), value=Decimal("13.4"))
    IndicatorReadingFactory(indicator=claimants, date=datetime.date(2026, 6, 30), area="Foleshill", value="20")
    homes = IndicatorFactory(outcome=outcome, code="HS1", unit="households")
    IndicatorReadingFactory(indicator=homes, date=datetime.date(2025, 9, 30), area="Hillfields", value="1250")
    IndicatorFactory(outcome=outcome, code="ZZ1")
    client.force_login(board_member)

    page = client.get(reverse("plan", args=[round_.pk])).content.decode()
    rows = {row.split("</th>")[0]: row for row in page.split('<tr class="govuk-table__row">')[2:]}
    row = {code: next(text for head, text in rows.items() if code in head) for code in ("WK1", "HS1", "ZZ1")}

    assert "Latest reading" in page
    # The city's own latest reading, not an area's, nor a count of readings.
    assert "13.4%" in row["WK1"] and "(31 March 2026)" in row["WK1"]
    assert "15.1" not in row["WK1"] and "20%" not in row["WK1"]
    assert "1,250 households" in row["HS1"] and "(30 September 2025, Hillfields)" in row["HS1"]
    assert "none yet" in row["ZZ1"]
