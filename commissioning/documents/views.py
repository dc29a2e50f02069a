"""Serving a stored document: only ever from a view that has checked the reader's rights first."""

from commissioning.common.storage import private_file_response


def document_response(document, *, filename):
    """The document's PDF, shown in the browser under ``filename``; 404 if its file is gone."""
    return private_file_response(document.file, filename=filename, content_type="application/pdf")
