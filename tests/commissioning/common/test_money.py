"""Money always says the period it covers, in Python and in every template."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from commissioning.common import templatetags
from commissioning.common.money import a_year, amount_in_year, format_pence, funding_years, in_year, over_years


def test_amounts_say_their_period():
    year_1 = funding_years(datetime.date(2027, 4, 1), 3)[0]

    assert a_year(750_000_00) == "£750,000 a year"
    assert over_years(2_250_000_00, 3) == "£2,250,000 over three years"
    assert over_years(750_000_00, 1) == "£750,000 over one year"
    assert in_year(300_000_00, year_1) == "£300,000 in year 1 (2027 to 2028)"
    assert a_year(12_50) == "£12.50 a year"


def test_a_funding_year_spans_the_calendar_years_it_covers():
    april = funding_years(datetime.date(2027, 4, 1), 3)
    january = funding_years(datetime.date(2027, 1, 1), 2)
    leap = funding_years(datetime.date(2028, 2, 29), 2)

    assert [year.label for year in april] == [
        "Year 1 (2027 to 2028)",
        "Year 2 (2028 to 2029)",
        "Year 3 (2029 to 2030)",
    ]
    assert [year.label for year in january] == ["Year 1 (2027)", "Year 2 (2028)"]
    # A year from 29 February ends on 28 February; the next begins on 1 March, leaving no day out.
    assert [year.start for year in leap] == [datetime.date(2028, 2, 29), datetime.date(2029, 3, 1)]
    assert leap[0].end == datetime.date(2029, 2, 28)
    assert april[0].end == datetime.date(2028, 3, 31)


def test_funding_years_at_the_end_of_the_calendar_never_fail():
    years = funding_years(datetime.date(9999, 6, 1), 3)

    assert [year.start for year in years] == [datetime.date(9999, 6, 1), datetime.date.max, datetime.date.max]
    assert years[0].end == datetime.date(9999, 12, 31)
    assert years[0].label == "Year 1 (9999)"


def test_the_template_filters_say_the_period():
    year = funding_years(datetime.date(2027, 4, 1), 1)[0]
    template = Template("{% load commissioning_tags %}{{ a|a_year }}; {{ b|over_years:3 }}; {{ c|in_year:year }}")

    text = template.render(Context({"a": 750_000_00, "b": 2_250_000_00, "c": 300_000_00, "year": year}))

    assert text == "£750,000 a year; £2,250,000 over three years; £300,000 in year 1 (2027 to 2028)"


def test_there_is_no_filter_for_a_bare_amount():
    assert "money" not in templatetags.register.filters
    assert format_pence(1_250_000_00) == "£1,250,000"  # for Python that then names the period


def _templates():
    roots = [Path(directory) for engine in settings.TEMPLATES for directory in engine.get("DIRS", [])]
    return sorted(path for root in roots for path in root.rglob("*") if path.suffix in {".html", ".txt"})


# A filter or property that shows an amount without its period.
BARE_MONEY = re.compile(r"\|\s*money\b|_pence\s*(\}\}|\|(?!\s*(a_year|over_years|in_year)\b))")


@pytest.mark.parametrize("path", _templates(), ids=str)
def test_no_template_shows_money_without_its_period(path):
    text = path.read_text()

    bare = [line.strip() for line in text.splitlines() if BARE_MONEY.search(line)]

    assert bare == [], f"{path} shows money without its period; use a_year, over_years or in_year"


def test_amount_in_year_reads_a_list_of_yearly_pence_and_is_zero_beyond_it():
    assert [amount_in_year([100, None, 300], year) for year in (0, 1, 2, 3, 4)] == [0, 100, 0, 300, 0]
    assert amount_in_year(None, 1) == 0
