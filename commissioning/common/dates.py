"""Date arithmetic that cannot fail, and the windows in which typed dates are believable.

A year added to 29 February lands on 28 February; nothing runs past the last day the
calendar can hold (31 December 9999). The windows catch slips of the keyboard (a year
2207 for 2027) with a message that says what was expected.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST_YEAR = 2000


def add_years(day, years):
    """``day`` moved by whole ``years``: 29 February becomes 28 February; the result stays within date's range."""
    year = day.year + years
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _shown(day):
    return date_format(day, "j F Y")


def validate_within(value, *, earliest, latest, too_early, too_late):
    """Raise ValidationError unless ``value`` (a date or datetime) falls on or between ``earliest`` and ``latest``."""
    day = _as_date(value)
    if day < earliest:
        raise ValidationError(too_early % {"date": _shown(earliest)}, code="too_early")
    if day > latest:
        raise ValidationError(too_late % {"date": _shown(latest)}, code="too_late")


def validate_round_start(value):
    """A round starts between 1 January 2000 and ten years from today."""
    today = timezone.localdate()
    validate_within(
        value,
        earliest=datetime.date(EARLIEST_YEAR, 1, 1),
        latest=add_years(today, 10),
        too_early=_("A round cannot start before %(date)s."),
        too_late=_("A round starts within ten years: on or before %(date)s."),
    )


def validate_deadline(value, *, start=None):
    """A deadline for questions or proposals: not in the past, and within five years of today
    (or of the round's start, when that is later)."""
    today = timezone.localdate()
    horizon = max(today, start) if start else today
    validate_within(
        value,
        earliest=today,
        latest=add_years(horizon, 5),
        too_early=_("A deadline cannot be in the past: choose %(date)s or later."),
        too_late=_("A deadline must be on or before %(date)s."),
    )


def validate_plausible(value):
    """Any date a round's records may hold: from 2000 to ten years from today. Services check this
    whatever the form did, so that no stored date is beyond the calendar's end."""
    today = timezone.localdate()
    validate_within(
        value,
        earliest=datetime.date(EARLIEST_YEAR, 1, 1),
        latest=add_years(today, 10),
        too_early=_("Enter a date on or after %(date)s."),
        too_late=_("Enter a date on or before %(date)s."),
    )


def london(moment, format_name="DATETIME_FORMAT"):
    """A stored (UTC) moment as people here read it, in Europe/London: '14 January 2027, 12:00'."""
    return date_format(timezone.localtime(moment), format_name)
