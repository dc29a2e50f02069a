import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ImportRefused
from commissioning.plan.csv_imports import IndicatorImport, OutcomeImport, ReadingImport
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from tests.factories.commissioning import IndicatorFactory, IndicatorReadingFactory, StrategicOutcomeFactory


def upload(text, name="file.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="text/csv")


def refused(importer, text, name="file.csv"):
    with pytest.raises(ImportRefused) as error:
        importer.run(upload(text, name))
    return error.value, [str(detail) for detail in error.value.details]


@pytest.fixture
def indicator(round_):
    return IndicatorFactory(outcome=StrategicOutcomeFactory(round=round_, code="O1"), code="WK1")


# -- readings: a good file ---------------------------------------------------------------


@pytest.mark.django_db
def test_reading_import_writes_rows_and_one_audit_entry(round_, officer, indicator):
    text = (
        "\ufeffIndicator code,Date,Area,Value\n"
        "wk1,2024-03-31,,14.2\nWK1,31/03/2025,,13.6\nWK1,2025-03-31,Foleshill,21.0\n"
    )

    result = ReadingImport(by=officer, round_=round_).run(upload(text))

    readings = {(r.date, r.area): r.value for r in IndicatorReading.objects.filter(indicator=indicator)}
    assert readings == {
        (datetime.date(2024, 3, 31), ""): Decimal("14.2"),
        (datetime.date(2025, 3, 31), ""): Decimal("13.6"),
        (datetime.date(2025, 3, 31), "Foleshill"): Decimal("21.0"),
    }
    assert result.created == 3
    entry = AuditEntry.objects.get(action="plan.readings_imported")
    assert entry.round == round_ and entry.actor == officer
    assert entry.after["created"] == 3 and entry.after["rows"] == 3
    assert "3 rows (3 added, 0 updated, 0 unchanged)" in entry.summary


@pytest.mark.django_db
def test_reading_import_updates_existing_rows_in_place(round_, officer, indicator):
    IndicatorReadingFactory(indicator=indicator, date=datetime.date(2024, 3, 31), value=Decimal("15"))
    IndicatorReadingFactory(indicator=indicator, date=datetime.date(2023, 3, 31), value=Decimal("16"))
    text = "indicator_code,date,area,value\nWK1,2024-03-31,,14.2\nWK1,2023-03-31,,16\n"

    result = ReadingImport(by=officer, round_=round_).run(upload(text))

    assert IndicatorReading.objects.get(indicator=indicator, date=datetime.date(2024, 3, 31)).value == Decimal("14.2")
    assert IndicatorReading.objects.filter(indicator=indicator).count() == 2
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)


@pytest.mark.django_db
def test_reading_import_accepts_windows_spreadsheet_encoding(round_, officer, indicator):
    text = "indicator_code,date,area,value\r\nWK1,2024-03-31,Earlsdon – north,3\r\n".encode("cp1252")

    ReadingImport(by=officer, round_=round_).run(upload(text))

    assert IndicatorReading.objects.get().area == "Earlsdon – north"


# -- readings: every kind of bad file, refused whole --------------------------------------


@pytest.mark.django_db
def test_reading_import_refuses_wrong_headers_naming_them(round_, officer, indicator):
    error, details = refused(
        ReadingImport(by=officer, round_=round_), "indicator,date,value,colour\nWK1,2024-03-31,1,red\n"
    )

    assert "Row 1, column “indicator_code”: This column is missing." in details
    assert any("“indicator”" in d and "not expected" in d for d in details)
    assert any("“colour”" in d and "not expected" in d for d in details)
    assert "indicator_code, date, area, value" in error.message
    assert not IndicatorReading.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_reading_import_refuses_non_numbers_and_bad_dates_row_by_row(round_, officer, indicator):
    text = (
        "indicator_code,date,area,value\nWK1,2024-03-31,,14.2\nWK1,2025-03-31,,about ten\nWK1,31 Febtober,,3\nWK1,,,\n"
    )

    error, details = refused(ReadingImport(by=officer, round_=round_), text)

    assert details == [
        "Row 3, column “value”: “about ten” is not a number.",
        "Row 4, column “date”: “31 Febtober” is not a date. Use the form 2026-03-31 or 31/03/2026.",
        "Row 5, column “date”: Enter a value.",
        "Row 5, column “value”: Enter a value.",
    ]
    assert "4 problems" in error.message
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
def test_reading_import_refuses_unknown_indicator(round_, officer, indicator):
    other_round_indicator = IndicatorFactory(code="XX9")
    text = (
        "indicator_code,date,area,value\nWK1,2024-03-31,,1\nNOPE,2024-03-31,,2\n"
        f"{other_round_indicator.code},2024-03-31,,3\n"
    )

    _, details = refused(ReadingImport(by=officer, round_=round_), text)

    assert details == [
        "Row 3, column “indicator_code”: There is no indicator NOPE in the plan.",
        "Row 4, column “indicator_code”: There is no indicator XX9 in the plan.",
    ]
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
def test_reading_import_refuses_duplicate_rows(round_, officer, indicator):
    text = "indicator_code,date,area,value\nWK1,2024-03-31,,1\nWK1,2024-03-31,Foleshill,2\nwk1,31/03/2024,,3\n"

    _, details = refused(ReadingImport(by=officer, round_=round_), text)

    assert details == ["Row 4: This row repeats row 2 (the same indicator_code and date and area)."]
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "file.csv", "The file is empty."),
        (b"  \n\n", "file.csv", "The file is empty."),
        (b"indicator_code,date,area,value\n\n", "file.csv", "The file has a header row but no data rows."),
        (b"PK\x03\x04\x14\x00\x06\x00binary", "plan.csv", "The file is an Excel workbook or another zipped file"),
        (b"%PDF-1.7 ...", "plan.csv", "The file is a PDF, not a CSV file."),
        (b"indicator_code\x00,date\n", "plan.csv", "The file is not a CSV file: it is not plain text."),
        (b"indicator_code,date,area,value\nWK1,2024-03-31,,1\n", "plan.xlsx", "The selected file must be a CSV file"),
        (b'indicator_code,date,area,value\nWK1,"2024-03-31\n', "plan.csv", None),
    ],
)
def test_reading_import_refuses_unusable_files(round_, officer, indicator, content, name, message):
    error, _ = refused(ReadingImport(by=officer, round_=round_), content, name)

    if message:
        assert message in error.message
    assert not IndicatorReading.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_reading_import_refuses_file_over_the_size_limit(round_, officer, indicator, settings):
    settings.CSV_IMPORT_MAX_BYTES = 1024
    text = "indicator_code,date,area,value\n" + "".join(f"WK1,2024-03-31,Area {n},1\n" for n in range(100))

    error, _ = refused(ReadingImport(by=officer, round_=round_), text)

    assert error.message == "The file is larger than 1 KB. Split it into smaller files."
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
def test_reading_import_writes_nothing_when_a_late_row_fails(round_, officer, indicator):
    rows = "".join(f"WK1,{2000 + n}-03-31,,{n}\n" for n in range(20))

    refused(ReadingImport(by=officer, round_=round_), "indicator_code,date,area,value\n" + rows + "WK1,2030-03-31,,x\n")

    assert not IndicatorReading.objects.exists()


# -- the plan: outcomes and indicators -----------------------------------------------------


@pytest.mark.django_db
def test_outcome_import_creates_and_updates_outcomes(round_, officer):
    StrategicOutcomeFactory(round=round_, code="O1", title="Old title")

    result = OutcomeImport(by=officer, round_=round_).run(
        upload("code,title,description\no1,More people in work,\nO2,Safer neighbourhoods,Less crime\n")
    )

    assert dict(StrategicOutcome.objects.filter(partnership=round_.partnership).values_list("code", "title")) == {
        "O1": "More people in work",
        "O2": "Safer neighbourhoods",
    }
    assert (result.created, result.updated) == (1, 1)
    assert AuditEntry.objects.filter(action="plan.outcomes_imported", round=round_).count() == 1


@pytest.mark.django_db
def test_indicator_import_writes_indicators_under_their_outcomes(round_, officer):
    outcome = StrategicOutcomeFactory(round=round_, code="O1")
    text = (
        "outcome_code,code,name,unit,higher_is_better,baseline_value,baseline_date,target_value,target_date,source\n"
        "O1,WK1,Out-of-work benefit claimants,%,no,14.2,2025-03-31,11.5,2030-03-31,DWP\n"
        "O1,WK2,Employment rate,%,yes,,,,,\n"
    )

    IndicatorImport(by=officer, round_=round_).run(upload(text))

    wk1 = Indicator.objects.get(code="WK1")
    assert wk1.outcome == outcome
    assert (wk1.higher_is_better, wk1.baseline_value, wk1.target_date) == (
        False,
        Decimal("14.2"),
        datetime.date(2030, 3, 31),
    )
    assert Indicator.objects.get(code="WK2").higher_is_better is True


@pytest.mark.django_db
def test_indicator_import_refuses_unknown_outcome_and_inconsistent_targets(round_, officer):
    StrategicOutcomeFactory(round=round_, code="O1")
    text = (
        "outcome_code,code,name,unit,higher_is_better,baseline_value,baseline_date,target_value,target_date\n"
        "O9,WK1,Claimants,%,no,14.2,2025-03-31,11.5,2030-03-31\n"
        "O1,WK2,Employment,%,perhaps,,,,\n"
        "O1,WK3,Employment,%,yes,70,2025-03-31,75,2024-03-31\n"
        "O1,WK4,Employment,%,yes,70,,,\n"
    )

    _, details = refused(IndicatorImport(by=officer, round_=round_), text)

    assert details == [
        "Row 2, column “outcome_code”: There is no outcome O9 in the plan. Import the outcomes first.",
        "Row 3, column “higher_is_better”: Enter yes or no (not “perhaps”).",
        "Row 4, column “target_date”: The target date must be after the baseline date.",
        "Row 5, column “baseline_date”: Enter the date of the baseline value.",
    ]
    assert not Indicator.objects.exists()


# -- the upload page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_import_page_documents_columns_and_offers_template(client, round_, officer):
    client.force_login(officer)
    url = reverse("plan_import_readings", args=[round_.pk])

    page = client.get(url).content.decode()
    template = client.get(url, {"download": "template"})

    assert "Import: Indicator readings" in page
    assert "Download a template (indicator-readings.csv)" in page
    assert "<code>indicator_code</code>" in page and "<code>area</code>" in page
    assert "updates that record" in page
    assert template["Content-Type"].startswith("text/csv")
    assert 'filename="indicator-readings.csv"' in template["Content-Disposition"]
    assert template.content.decode("utf-8-sig").splitlines() == [
        "indicator_code,date,area,value",
        "WK1,2026-03-31,Foleshill,13.6",
    ]


@pytest.mark.django_db
def test_import_page_shows_row_by_row_report_for_a_bad_file(client, round_, officer, indicator):
    client.force_login(officer)
    bad = upload("indicator_code,date,area,value\nWK1,2024-03-31,,ten\nZZ1,2024-03-31,,1\n", "readings.csv")

    response = client.post(reverse("plan_import_readings", args=[round_.pk]), {"file": bad})

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Problems in readings.csv" in page
    assert "“ten” is not a number." in page
    assert "There is no indicator ZZ1 in the plan." in page
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
def test_import_page_asks_for_a_file_when_none_chosen(client, round_, officer):
    client.force_login(officer)

    response = client.post(reverse("plan_import_readings", args=[round_.pk]), {})

    assert "Select a CSV file" in response.content.decode()


@pytest.mark.django_db
def test_import_page_imports_a_good_file_and_reports_counts(client, round_, officer, indicator):
    client.force_login(officer)
    good = upload("indicator_code,date,area,value\nWK1,2024-03-31,,14.2\n")

    response = client.post(reverse("plan_import_readings", args=[round_.pk]), {"file": good}, follow=True)

    assert IndicatorReading.objects.get().value == Decimal("14.2")
    assert "1 row (1 added, 0 updated, 0 unchanged)" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board", "subgroup", "panel", "sponsor", "bidder", "outsider"])
def test_import_pages_are_not_found_for_anyone_but_officers(client, round_, people, indicator, role):
    client.force_login(people[role])
    good = upload("indicator_code,date,area,value\nWK1,2024-03-31,,14.2\n")

    for name in ["plan_import_outcomes", "plan_import_indicators", "plan_import_readings"]:
        assert client.get(reverse(name, args=[round_.pk])).status_code == 404
    response = client.post(reverse("plan_import_readings", args=[round_.pk]), {"file": good})

    assert response.status_code == 404
    assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
def test_reading_import_reports_unknown_indicator_and_bad_value_of_one_row_together(round_, officer, indicator):
    _, details = refused(
        ReadingImport(by=officer, round_=round_), "indicator_code,date,area,value\nNOPE,2024-03-31,,x\n"
    )

    assert details == [
        "Row 2, column “value”: “x” is not a number.",
        "Row 2, column “indicator_code”: There is no indicator NOPE in the plan.",
    ]


@pytest.mark.django_db
def test_reading_import_matches_an_area_whatever_its_capitals(round_, officer, indicator):
    IndicatorReadingFactory(indicator=indicator, date=datetime.date(2024, 3, 31), area="Foleshill", value=Decimal("20"))

    ReadingImport(by=officer, round_=round_).run(
        upload("indicator_code,date,area,value\nWK1,2024-03-31,FOLESHILL,19.5\n")
    )

    assert list(IndicatorReading.objects.values_list("area", "value")) == [("Foleshill", Decimal("19.5"))]
