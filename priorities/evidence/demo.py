"""The demo round's evidence, modelled on Coventry's neighbourhood renewal: the strategic plan,
several years of statistics (city-wide and for the priority neighbourhoods), the candidate
issues and the residents' survey. Built through the services and the CSV imports, and safe
to run twice: what exists is left alone."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.enums import Role
from commissioning.plan import services as plan_services
from commissioning.plan.csv_imports import ReadingImport
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from priorities.evidence import csv_imports, services
from priorities.evidence.models import CandidateIssue, SurveyResult

OUTCOMES = [
    ("O1", "More people in work", "Fewer working-age residents out of work, and more with the skills employers need."),
    ("O2", "Safer, stronger communities", "Less crime, residents who feel safe, and neighbours who get on well."),
    ("O3", "Healthier lives", "A smaller gap in health between the most and least deprived neighbourhoods."),
    ("O4", "Better chances for children and young people", "Higher attainment and fewer young people out of work."),
    ("O5", "Decent homes in a cleaner, greener city", "Secure homes and a better local environment."),
    ("O6", "Connected neighbourhoods", "Residents able to reach work, services and each other."),
]

BASELINE_DATE = datetime.date(2024, 3, 31)

TARGET_DATE = datetime.date(2030, 3, 31)

YEARS = range(2020, 2027)

# code, outcome, name, unit, higher is better, baseline, target, source, value in 2020, (area, offset) pairs
INDICATORS = [
    (
        "WK1",
        "O1",
        "Working-age residents claiming out-of-work benefits",
        "%",
        False,
        "11.8",
        "9.5",
        "DWP benefit claimants",
        "13.1",
        [("Foleshill", 7.2), ("Hillfields", 9.4), ("Willenhall", 6.1), ("Wood End", 10.3)],
    ),
    (
        "WK2",
        "O1",
        "Employment rate of residents aged 16 to 64",
        "%",
        True,
        "69.4",
        "73.0",
        "ONS Annual Population Survey",
        "67.9",
        [],
    ),
    (
        "SK1",
        "O1",
        "Working-age residents with no qualifications",
        "%",
        False,
        "8.9",
        "7.0",
        "ONS Annual Population Survey",
        "10.2",
        [],
    ),
    (
        "FI1",
        "O1",
        "Children in low-income families",
        "%",
        False,
        "24.6",
        "21.0",
        "DWP children in low income families",
        "23.1",
        [("Foleshill", 11.5), ("Hillfields", 13.0)],
    ),
    (
        "CR1",
        "O2",
        "Recorded crime per 1,000 residents",
        "per 1,000 residents",
        False,
        "96.5",
        "85.0",
        "West Midlands Police recorded crime",
        "104.2",
        [("Hillfields", 61.0), ("Wood End", 38.5)],
    ),
    (
        "CR2",
        "O2",
        "Residents who feel safe outside after dark",
        "%",
        True,
        "61.0",
        "68.0",
        "Coventry household survey",
        "58.0",
        [],
    ),
    (
        "CC1",
        "O2",
        "Residents who agree people from different backgrounds get on well",
        "%",
        True,
        "79.0",
        "84.0",
        "Coventry household survey",
        "76.0",
        [],
    ),
    (
        "HE1",
        "O3",
        "Gap in male life expectancy between most and least deprived areas",
        "years",
        False,
        "10.4",
        "8.5",
        "Office for Health Improvement and Disparities",
        "10.9",
        [],
    ),
    (
        "HE2",
        "O3",
        "Adults who smoke",
        "%",
        False,
        "14.6",
        "11.0",
        "Annual Population Survey (smoking)",
        "16.4",
        [("Foleshill", 4.8), ("Willenhall", 5.6)],
    ),
    (
        "OP1",
        "O3",
        "Older people at home 91 days after leaving hospital",
        "%",
        True,
        "82.5",
        "87.0",
        "NHS adult social care outcomes",
        "80.1",
        [],
    ),
    (
        "ED1",
        "O4",
        "Pupils with grade 4 or above in English and maths at GCSE",
        "%",
        True,
        "60.8",
        "66.0",
        "Department for Education",
        "58.2",
        [("Foleshill", -9.5), ("Wood End", -14.0)],
    ),
    (
        "YP1",
        "O4",
        "Young people aged 16 and 17 not in education, employment or training",
        "%",
        False,
        "5.4",
        "4.0",
        "Department for Education NEET data",
        "6.3",
        [],
    ),
    (
        "HO1",
        "O5",
        "Households in temporary accommodation per 1,000 households",
        "per 1,000 households",
        False,
        "4.1",
        "3.0",
        "DLUHC homelessness statistics",
        "4.6",
        [],
    ),
    (
        "EN1",
        "O5",
        "Household waste sent for reuse, recycling or composting",
        "%",
        True,
        "31.8",
        "40.0",
        "DEFRA local authority waste statistics",
        "33.5",
        [],
    ),
    (
        "TR1",
        "O6",
        "Residents satisfied with local bus services",
        "%",
        True,
        "57.0",
        "65.0",
        "Coventry household survey",
        "60.0",
        [],
    ),
]

# name, outcome, indicators, survey share in 2026, share in 2024, description
ISSUES = [
    (
        "Worklessness",
        "O1",
        ["WK1", "WK2"],
        "41.2",
        "44.0",
        "Too many working-age residents of the priority neighbourhoods are out of work, and for too long.",
    ),
    (
        "Crime and community safety",
        "O2",
        ["CR1", "CR2"],
        "52.6",
        "55.1",
        "Burglary, antisocial behaviour and fear of crime, highest in Hillfields and Wood End.",
    ),
    (
        "Health inequalities",
        "O3",
        ["HE1", "HE2"],
        "34.1",
        "31.5",
        "Men in the most deprived neighbourhoods live about ten years fewer than in the least deprived.",
    ),
    (
        "Educational attainment",
        "O4",
        ["ED1"],
        "29.4",
        "27.9",
        "GCSE results in the priority neighbourhoods trail the city and the country.",
    ),
    ("Housing", "O5", ["HO1"], "33.0", "26.2", "Overcrowding, poor private rented homes and rising homelessness."),
    ("Environment", "O5", ["EN1"], "27.3", "28.8", "Litter, fly-tipping and neglected open spaces."),
    (
        "Young people",
        "O4",
        ["YP1"],
        "38.2",
        "36.7",
        "Too little to do, and too many 16 and 17 year olds not in work or learning.",
    ),
    ("Older people", "O3", ["OP1"], "21.5", "", "Isolation, and support to stay independent at home after illness."),
    ("Financial inclusion", "O1", ["FI1"], "18.4", "", "Debt, high-cost credit and child poverty."),
    ("Transport", "O6", ["TR1"], "22.0", "23.4", "Getting to work and to hospital from the outer estates by bus."),
    ("Community cohesion", "O2", ["CC1"], "16.3", "", "Newer and settled communities getting on, and places to meet."),
    ("Skills", "O1", ["SK1"], "24.1", "", "Adults without qualifications or the basic skills employers ask for."),
]

SURVEY_DATES = (datetime.date(2024, 6, 30), datetime.date(2026, 6, 30))

SAMPLE_SIZES = (1084, 1152)


def _reading_value(start, target, year_index, offset):
    """A plausible trend from the 2020 value towards the target, with a small repeatable wobble."""
    start, target = Decimal(start), Decimal(target)
    step = (target - start) / Decimal(12)
    wobble = Decimal(((year_index * 37) % 7) - 3) / Decimal(10)
    return (start + step * year_index + wobble + Decimal(str(offset))).quantize(Decimal("0.1"))


def _csv_upload(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def seed_evidence(round_, *, stdout=None):
    officer = round_.roles.filter(role=Role.OFFICER).select_related("user").first().user
    outcomes = _seed_outcomes(round_, officer)
    indicators = _seed_indicators(round_, officer, outcomes)
    if not IndicatorReading.objects.filter(indicator__outcome__partnership=round_.partnership_id).exists():
        _seed_readings(round_, officer)
    issues = _seed_issues(round_, officer, outcomes, indicators)
    if not SurveyResult.objects.filter(round=round_).exists():
        _seed_survey_results(round_, officer)

    if stdout is not None:
        stdout.write(
            f"Evidence: {len(outcomes)} outcomes, {len(indicators)} indicators, {len(issues)} candidate issues."
        )


def _seed_outcomes(round_, officer):
    """The plan's outcomes by code, the demo's missing ones added."""
    outcomes = {o.code: o for o in StrategicOutcome.objects.filter(partnership=round_.partnership_id)}
    for code, title, description in OUTCOMES:
        if code not in outcomes:
            outcomes[code] = plan_services.save_outcome(
                StrategicOutcome(partnership=round_.partnership, code=code, title=title, description=description),
                by=officer,
                round_=round_,
            )
    return outcomes


def _seed_indicators(round_, officer, outcomes):
    """The plan's indicators by code, the demo's missing ones added."""
    indicators = {i.code: i for i in Indicator.objects.filter(outcome__partnership=round_.partnership_id)}
    for code, outcome, name, unit, higher, baseline, target, source, *_rest in INDICATORS:
        if code not in indicators:
            indicators[code] = plan_services.save_indicator(
                Indicator(
                    outcome=outcomes[outcome],
                    code=code,
                    name=name,
                    unit=unit,
                    higher_is_better=higher,
                    baseline_value=Decimal(baseline),
                    baseline_date=BASELINE_DATE,
                    target_value=Decimal(target),
                    target_date=TARGET_DATE,
                    source=source,
                ),
                by=officer,
                round_=round_,
            )
    return indicators


def _seed_readings(round_, officer):
    """A reading a year for each indicator, city-wide and by area, imported as a CSV file."""
    rows = []
    for code, _outcome, _name, _unit, _higher, _baseline, target, _source, start, areas in INDICATORS:
        for index, year in enumerate(YEARS):
            when = datetime.date(year, 3, 31)
            rows.append([code, when.isoformat(), "", _reading_value(start, target, index, 0)])
            for area, offset in areas:
                rows.append([code, when.isoformat(), area, _reading_value(start, target, index, offset)])
    upload = _csv_upload("demo-readings.csv", ["indicator_code", "date", "area", "value"], rows)
    ReadingImport(by=officer, round_=round_).run(upload)


def _seed_issues(round_, officer, outcomes, indicators):
    """The round's candidate issues by name, the demo's missing ones added."""
    issues = {i.name: i for i in CandidateIssue.objects.filter(round=round_)}
    for name, outcome, codes, _share, _earlier, description in ISSUES:
        if name not in issues:
            issues[name] = services.save_candidate_issue(
                CandidateIssue(round=round_, name=name, outcome=outcomes[outcome], description=description),
                by=officer,
                indicators=[indicators[code] for code in codes],
            )
    return issues


def _seed_survey_results(round_, officer):
    """The residents' survey results, an earlier survey for some issues, imported as a CSV file."""
    rows = []
    for name, _outcome, _codes, share, earlier, _description in ISSUES:
        if earlier:
            rows.append([name, earlier, SAMPLE_SIZES[0], SURVEY_DATES[0].isoformat()])
        rows.append([name, share, SAMPLE_SIZES[1], SURVEY_DATES[1].isoformat()])
    upload = _csv_upload("demo-survey.csv", ["issue", "share_percent", "sample_size", "survey_date"], rows)
    csv_imports.SurveyResultImport(by=officer, round_=round_).run(upload)
