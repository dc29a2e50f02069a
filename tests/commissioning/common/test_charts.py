import datetime
import re
import subprocess
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string

from commissioning.common.charts import MAX_AREAS, format_number, indicator_chart, survey_chart
from commissioning.documents.services import html_to_pdf
from commissioning.plan.models import Indicator, IndicatorReading
from priorities.evidence.models import CandidateIssue, SurveyResult
from tests.pdf import needs_pdftotext

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - markup our own code built


def reading(value, year, area=""):
    return IndicatorReading(date=datetime.date(year, 3, 31), area=area, value=Decimal(value))


def indicator(**kwargs):
    fields = {
        "pk": 7,
        "code": "WK1",
        "name": "Benefit claimants",
        "unit": "%",
        "higher_is_better": False,
        "baseline_value": Decimal("11.8"),
        "baseline_date": datetime.date(2024, 3, 31),
        "target_value": Decimal("9.5"),
        "target_date": datetime.date(2030, 3, 31),
    }
    return Indicator(**{**fields, **kwargs})


def test_indicator_chart_is_an_accessible_scalable_svg():
    chart = indicator_chart(indicator(), [reading("13.1", 2020), reading("12.4", 2022), reading("11.6", 2024)])

    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 480 ")
    assert root.get("aria-labelledby") == "indicator-7-chart-title indicator-7-chart-desc"
    assert root.find(f"{SVG}title").text == "Benefit claimants (%)"
    desc = root.find(f"{SVG}desc").text
    assert "City: 13.1 on 31 March 2020, 11.6 on 31 March 2024." in desc
    assert "Baseline 11.8." in desc and "Target 9.5." in desc and "Lower is better." in desc


def test_indicator_chart_marks_baseline_target_and_direction():
    chart = indicator_chart(indicator(), [reading("13.1", 2020), reading("11.6", 2024)])

    texts = [t.text for t in parse(chart.svg).iter(f"{SVG}text")]
    assert "Baseline 11.8" in " ".join(t or "" for t in texts)
    assert "Target 9.5" in " ".join(t or "" for t in texts)
    assert "Lower is better." in texts
    assert "%" in texts
    assert {"2020", "2024", "2030"} <= set(texts)


def test_indicator_chart_table_holds_every_number_by_area():
    readings = [reading("13.1", 2020), reading("20.3", 2020, "Foleshill"), reading("11.6", 2024)]

    chart = indicator_chart(indicator(), readings)

    assert chart.headers == ["Date", "City", "Foleshill"]
    assert chart.rows == [["31 March 2020", "13.1", "20.3"], ["31 March 2024", "11.6", ""]]
    assert "Baseline: 11.8 % (31 March 2024)." in chart.notes
    assert "Target: 9.5 % (31 March 2030)." in chart.notes


def test_indicator_chart_draws_one_line_per_series_up_to_the_limit():
    areas = [f"Area {n}" for n in range(MAX_AREAS + 2)]
    readings = [reading("10", 2020), reading("11", 2021)]
    readings += [reading(str(12 + n), year, area) for n, area in enumerate(areas) for year in (2020, 2021)]

    chart = indicator_chart(indicator(), readings)

    assert len(parse(chart.svg).findall(f"{SVG}polyline")) == 1 + MAX_AREAS
    assert chart.headers == ["Date", "City", *areas]
    assert any("the table has them all" in note for note in chart.notes)


def test_indicator_chart_without_readings_says_so():
    chart = indicator_chart(indicator(baseline_value=None, target_value=None), [])

    root = parse(chart.svg)
    assert "No readings yet." in root.find(f"{SVG}desc").text
    assert chart.rows == []


def test_indicator_chart_escapes_text():
    chart = indicator_chart(indicator(name="Crime <script>", unit="per 1,000 & more"), [reading("5", 2020)])

    root = parse(chart.svg)
    assert root.find(f"{SVG}title").text == "Crime <script> (per 1,000 & more)"
    assert "<script>" not in str(chart.svg)


def test_indicator_chart_with_one_reading_and_no_target_draws():
    chart = indicator_chart(indicator(baseline_value=None, target_value=None, target_date=None), [reading("7", 2024)])

    root = parse(chart.svg)
    assert len(root.findall(f"{SVG}circle")) >= 1
    assert chart.rows == [["31 March 2024", "7"]]


def _results():
    names = [("Crime and community safety", "52.6"), ("Worklessness", "41.2"), ("Transport", "22")]
    results = []
    for pk, (name, share) in enumerate(names, start=1):
        issue = CandidateIssue(pk=pk, name=name)
        results.append(
            SurveyResult(
                issue=issue, share_percent=Decimal(share), sample_size=1152, survey_date=datetime.date(2026, 6, 30)
            )
        )
    return results


def test_survey_chart_highlights_current_issue_and_orders_by_share():
    results = _results()
    current = results[1].issue

    chart = survey_chart(list(reversed(results)), current_issue=current)

    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}desc").text == (
        "Worklessness: 41.2% of residents (rank 2 of 3 issues). Highest: Crime and community safety at 52.6%."
    )
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("font-size") == "14" and not t.text.endswith("%")]
    assert labels == ["Crime and community safety", "Worklessness (this issue)", "Transport"]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")][1:]
    assert fills == ["#505a5f", "#1d70b8", "#505a5f"]
    assert chart.rows[1] == ["Worklessness (this issue)", "41.2", "1,152", "30 June 2026"]


def test_survey_chart_of_one_issue_says_issue_in_the_singular():
    only = _results()[:1]

    alone = parse(survey_chart(only).svg).find(f"{SVG}desc").text
    mine = parse(survey_chart(only, current_issue=only[0].issue).svg).find(f"{SVG}desc").text

    assert alone.startswith("1 issue; highest Crime and community safety")
    assert "(rank 1 of 1 issue)" in mine


def test_survey_chart_bars_are_proportional_to_shares():
    chart = survey_chart(_results())

    widths = [float(r.get("width")) for r in parse(chart.svg).iter(f"{SVG}rect")][1:]
    assert widths[0] / widths[2] == pytest.approx(52.6 / 22, rel=0.01)


def test_survey_chart_without_results_says_so():
    chart = survey_chart([])

    assert parse(chart.svg).find(f"{SVG}desc").text == "No survey results yet."
    assert chart.rows == []


def test_format_number_uses_uk_grouping_without_trailing_zeros():
    assert [format_number(Decimal(v)) for v in ["1234.500", "12.000", "0.25"]] == ["1,234.5", "12", "0.25"]


def test_chart_markup_has_no_script_or_external_reference():
    chart = indicator_chart(indicator(), [reading("13.1", 2020)])

    assert not re.search(r"<script|href=|xlink", str(chart.svg))


@needs_pdftotext
def test_charts_render_into_a_pdf_with_their_numbers():
    chart = indicator_chart(indicator(), [reading("13.1", 2020), reading("11.6", 2024)])
    html = render_to_string("includes/chart.html", {"chart": chart})

    pdf = html_to_pdf(f"<html><body><h1>Evidence</h1>{html}</body></html>")

    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    text = result.stdout.decode()
    assert "Target 9.5" in text  # drawn inside the SVG
    assert "31 March 2024" in text and "11.6" in text  # the table of numbers
