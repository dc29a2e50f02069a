"""CSV downloads that open cleanly in a spreadsheet and cannot run as formulas there."""

import csv
import io

from django.http import HttpResponse

# A cell starting with one of these is read by spreadsheets as a formula (OWASP: CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """Text that people typed, shown as text in a spreadsheet even when it starts like a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(rows, filename):
    """A CSV download of ``rows``; it starts with a byte-order mark so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
