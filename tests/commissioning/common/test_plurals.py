"""Counts of one read in the singular."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string


@pytest.mark.parametrize(
    ("status", "rows", "text"),
    [
        ("waiting", 1, "a.csv (1 row) is waiting to be imported."),
        ("waiting", 1200, "a.csv (1,200 rows) is waiting to be imported."),
        ("writing", 1, "Saving the 1 row."),
        ("writing", 2, "Saving the 2 rows."),
    ],
)
def test_csv_import_progress_counts_rows(status, rows, text):
    job = SimpleNamespace(status=status, filename="a.csv", rows_total=rows, rows_checked=0, percent_checked=0)

    html = render_to_string("includes/_csv_import_progress.html", {"job": job, "job_url": "/import/1/"})

    assert text in html
