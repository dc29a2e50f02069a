"""Money is held in whole pence (integers) and shown the UK way, always saying the period it
covers: "£750,000 a year", "£2,250,000 over three years", "£300,000 in year 1 (2027 to 2028)"."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.common.dates import add_years


def pounds_to_pence(amount):
    """Decimal/str/int pounds to integer pence; raises ValueError for anything else."""
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    try:
        value = Decimal(str(amount).replace(",", "").replace("£", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"not an amount of money: {amount!r}") from exc
    return int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pence_to_pounds(pence):
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


def format_pence(pence, *, show_pence=None):
    """'£1,250,000' for whole pounds, '£12.50' otherwise (or as show_pence says).

    A bare amount: what people read says its period, through a_year, over_years or in_year."""
    if pence is None:
        return ""
    negative = pence < 0
    pence = abs(int(pence))
    pounds, remainder = divmod(pence, 100)
    if show_pence is None:
        show_pence = remainder != 0
    text = f"£{pounds:,}" + (f".{remainder:02d}" if show_pence else "")
    return f"-{text}" if negative else text


class FundingYear(NamedTuple):
    """One year of a period of funding: its number (the first is 1) and the day it starts."""

    number: int
    start: datetime.date

    @property
    def end(self):
        """The last day of the year."""
        following = _anniversary(self.start, 1)
        if following == datetime.date.max:  # a year that starts in 9999 ends with the calendar
            return following
        return following - datetime.timedelta(days=1)

    @property
    def span(self):
        """'2027 to 2028' (a year starting on 1 January: '2027')."""
        if self.end.year == self.start.year:
            return str(self.start.year)
        return _("%(first)d to %(last)d") % {"first": self.start.year, "last": self.end.year}

    @property
    def label(self):
        """'Year 1 (2027 to 2028)'."""
        return _("Year %(n)d (%(span)s)") % {"n": self.number, "span": self.span}

    def __str__(self):
        return self.label


def amount_in_year(amounts_pence, year):
    """Pence in ``year`` (1 for a round's first year) of a list of amounts per year, the first year first;
    0 where the list stops short or holds nothing for that year."""
    amounts = amounts_pence or []
    return int(amounts[year - 1] or 0) if 0 < year <= len(amounts) else 0


def funding_years(start, number_of_years):
    """The FundingYears of a period that starts on ``start``."""
    return [FundingYear(index + 1, _anniversary(start, index)) for index in range(number_of_years)]


def _anniversary(start, years):
    """The day a funding year begins ``years`` after ``start``: a period that starts on 29 February
    runs to 28 February, so the next year begins on 1 March."""
    day = add_years(start, years)
    if (start.month, start.day) == (2, 29) and (day.month, day.day) == (2, 28):
        day += datetime.timedelta(days=1)
    return day


def _count_words(n):
    words = {
        1: _("one"),
        2: _("two"),
        3: _("three"),
        4: _("four"),
        5: _("five"),
        6: _("six"),
        7: _("seven"),
        8: _("eight"),
        9: _("nine"),
        10: _("ten"),
    }
    return words.get(n, str(n))


def a_year(pence):
    """'£750,000 a year'."""
    if pence is None:
        return ""
    return _("%(amount)s a year") % {"amount": format_pence(pence)}


def over_years(pence, number_of_years):
    """'£2,250,000 over three years' ('£750,000 over one year')."""
    if pence is None:
        return ""
    number_of_years = int(number_of_years)
    return ngettext("%(amount)s over %(years)s year", "%(amount)s over %(years)s years", number_of_years) % {
        "amount": format_pence(pence),
        "years": _count_words(number_of_years),
    }


def in_year(pence, year):
    """'£300,000 in year 1 (2027 to 2028)' for a FundingYear."""
    if pence is None:
        return ""
    return _("%(amount)s in year %(n)d (%(span)s)") % {
        "amount": format_pence(pence),
        "n": year.number,
        "span": year.span,
    }
