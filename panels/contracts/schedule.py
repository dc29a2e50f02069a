"""The contract's calendar, computed: quarters of each funding year, the payment schedule (each year's value
in four instalments, in arrears) and the reporting schedule, and a milestone's month as a date.

Quarterly in arrears: each quarter's instalment is a quarter of that year's value in whole pence, the
remainder on the year's last; its report is due one month after the quarter ends and the instalment two
months after, once that report is accepted.
"""

import calendar
import datetime

from commissioning.common.money import funding_years

QUARTERS = 4
REPORT_MONTHS_AFTER = 1
PAYMENT_MONTHS_AFTER = 2


def add_months(day, months):
    """``day`` moved by whole ``months``, kept within the month it lands in (31 January + 1 month: 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_period(start, number_of_years):
    """The last day of ``number_of_years`` funding years from ``start``."""
    return funding_years(start, number_of_years)[-1].end


def quarters(start, number_of_years):
    """(year, first day, last day) of each quarter of each funding year."""
    rows = []
    for year in funding_years(start, number_of_years):
        for index in range(QUARTERS):
            first = add_months(year.start, 3 * index)
            last = (
                year.end if index == QUARTERS - 1 else add_months(year.start, 3 * (index + 1)) - datetime.timedelta(1)
            )
            rows.append((year.number, first, last))
    return rows


def split_in_quarters(pence):
    """A year's value in four whole-pence parts, the remainder on the last: they sum to it exactly."""
    part = int(pence) // QUARTERS
    return [part] * (QUARTERS - 1) + [int(pence) - part * (QUARTERS - 1)]


def instalments(start, amounts_pence):
    """The default payment schedule as dicts (year, period_start, period_end, amount_pence, due_date)."""
    rows = []
    by_year = {}
    for year, first, last in quarters(start, len(amounts_pence)):
        by_year.setdefault(year, []).append((first, last))
    for year, periods in by_year.items():
        for (first, last), amount in zip(periods, split_in_quarters(amounts_pence[year - 1] or 0), strict=True):
            rows.append(
                {
                    "year": year,
                    "period_start": first,
                    "period_end": last,
                    "amount_pence": amount,
                    "due_date": add_months(last, PAYMENT_MONTHS_AFTER),
                }
            )
    return rows


def reports(start, number_of_years):
    """The default reporting schedule: one report a quarter, due a month after it ends."""
    return [
        {"period_start": first, "period_end": last, "due_date": add_months(last, REPORT_MONTHS_AFTER)}
        for _year, first, last in quarters(start, number_of_years)
    ]


def milestone_due(start, month):
    """The last day of the activity's ``month`` (month 1 is the first)."""
    return add_months(start, month) - datetime.timedelta(days=1)
