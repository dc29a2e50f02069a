"""Writing a round's proposal list to a CSV or Excel file, row by row.

Rows are read from the database in chunks and written as they come (openpyxl's write-only
workbook for Excel), so the memory used does not grow with the number of proposals. Amounts are
written in pounds as numbers, so that a spreadsheet can add them up.
"""

import csv
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from commissioning.common.exports import spreadsheet_text
from proposals.review.selectors import export_rows, year_field

CHUNK = 500
PROGRESS_EVERY = 500


def header(round_):
    years = [str(year.label) for year in round_.years]
    return [
        _("Reference"),
        _("Title"),
        _("Priority"),
        _("Lead organisation"),
        _("State"),
        _("Eligibility"),
        _("Submitted at"),
        *[_("Requested in %(year)s (£)") % {"year": year} for year in years],
        _("Requested in total (£)"),
        _("Similar proposals"),
    ]


def _pounds(pence):
    return Decimal(pence or 0) / 100


def row(proposal, round_):
    submitted = proposal.submitted_at
    return [
        proposal.pk,
        spreadsheet_text(proposal.title),
        spreadsheet_text(proposal.specification.priority.title),
        spreadsheet_text(proposal.lead_organisation.name),
        str(proposal.get_state_display()),
        str(proposal.get_eligibility_display()),
        submitted.strftime("%Y-%m-%d %H:%M UTC") if submitted else "",
        *[_pounds(getattr(proposal, year_field(year))) for year in range(1, round_.number_of_years + 1)],
        _pounds(proposal.total_pence),
        proposal.similar_count,
    ]


def rows(round_):
    yield from (row(proposal, round_) for proposal in export_rows(round_).iterator(chunk_size=CHUNK))


def write_csv(round_, handle, *, progress):
    """Write the list as CSV text to ``handle``; ``progress(rows_done)`` is called as it goes."""
    handle.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(handle)
    writer.writerow(header(round_))
    done = 0
    for values in rows(round_):
        writer.writerow(values)
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done)
    progress(done)
    return done


def write_xlsx(round_, path, *, progress):
    """Write the list as an Excel workbook at ``path``, streaming its rows (write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Proposals"))[:31])
    sheet.append(header(round_))
    done = 0
    for values in rows(round_):
        sheet.append(values)
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done)
    workbook.save(path)
    progress(done)
    return done
