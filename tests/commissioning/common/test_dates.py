import datetime

import pytest
from django.core.exceptions import ValidationError

from commissioning.common.dates import add_years, validate_round_start


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (datetime.date(2028, 2, 29), 1, datetime.date(2029, 2, 28)),
        (datetime.date(2028, 2, 29), 4, datetime.date(2032, 2, 29)),
        (datetime.date(2028, 2, 29), -1, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 4, 1), 2, datetime.date(2029, 4, 1)),
        (datetime.date(9999, 6, 1), 1, datetime.date.max),
        (datetime.date(9999, 2, 28), 0, datetime.date(9999, 2, 28)),
        (datetime.date(1, 1, 1), -1, datetime.date.min),
    ],
)
def test_add_years_never_fails(day, years, expected):
    assert add_years(day, years) == expected


def test_round_start_window():
    validate_round_start(datetime.date(2000, 1, 1))
    with pytest.raises(ValidationError, match="cannot start before 1 January 2000"):
        validate_round_start(datetime.date(1999, 12, 31))
    with pytest.raises(ValidationError, match="within ten years"):
        validate_round_start(datetime.date(9999, 1, 1))
