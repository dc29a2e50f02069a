"""The workshop's results PDF: its template and context."""

from priorities.workshop import selectors, tally
from priorities.workshop.models import Workshop


def build_results_pdf(document):
    workshop = Workshop.objects.select_related("round").get(pk=document.object_id)
    selection = tally.workshop_selection(workshop)
    columns = selection.tally.columns
    lines = [
        {
            "rank": row.rank,
            "name": row.issue.name,
            "total": row.total,
            "sectors": [row.by_sector.get(key, 0) for key, _label in columns],
            "status": tally.STATUS_LABELS[status],
        }
        for row, status in selection.rows
    ]
    return "pdf/priorities/workshop/results.html", {
        "workshop": workshop,
        "tally": selection.tally,
        "lines": lines,
        "sector_columns": columns,
        "tie_decisions": selectors.tie_decisions(workshop),
        "cross_cutting": selection.cross_cutting,
    }
