"""The specification PDF: its template and context, for the current version or an earlier one."""

from priorities.specifications import selectors
from priorities.specifications.models import Specification
from priorities.specifications.services.specifications import version_rows


def build_specification_pdf(document):
    spec = (
        Specification.objects.select_related("round", "priority", "strategic_outcome", "sponsor_organisation")
        .prefetch_related("indicators__outcome")
        .get(pk=document.object_id)
    )
    themes = selectors.cross_cutting_themes(spec.round)
    if document.version != spec.version:
        # Changed again before this version's PDF was made (its task waited for the broker, say):
        # the PDF shows the version it is named for, from the fields kept with that version.
        return "pdf/priorities/specifications/specification_version.html", {
            "specification": spec,
            "round": spec.round,
            "rows": version_rows(spec.versions.get(number=document.version)),
            "themes": themes,
        }
    return "pdf/priorities/specifications/specification.html", {
        "specification": spec,
        "round": spec.round,
        "allocation_rows": spec.allocation_rows(),
        "indicators": spec.indicators.all(),
        "themes": themes,
        "signoffs": sorted(selectors.current_signoffs(spec).values(), key=lambda signoff: signoff.role != "contact"),
    }
