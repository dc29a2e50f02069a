"""Serving a stored document: only ever from a view that has checked the reader's rights first."""

from django.http import FileResponse, Http404


def document_response(document, *, filename):
    """The document's PDF, shown in the browser under ``filename``; 404 if its file is gone."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, content_type="application/pdf", filename=filename)
