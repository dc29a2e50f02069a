import pytest

from commissioning import registry
from commissioning.documents import services as documents
from commissioning.documents.models import Document, DocumentStatus
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = needs_pdftotext


@registry.document_builder("test-round-sheet")
def _round_sheet(document):
    return "pdf/commissioning/documents/round_sheet.html", {"round": document.subject}


@pytest.mark.django_db
def test_request_document_renders_after_commit_with_round_text(round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = documents.request_document(subject=round_, kind="test-round-sheet", title="Round sheet")
        assert document.status == DocumentStatus.PENDING

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    text = pdf_text(document)
    assert round_.name in text
    assert "£5,000,000" in text


@pytest.mark.django_db
def test_request_document_twice_gives_one_document(round_):
    first = documents.request_document(subject=round_, kind="test-round-sheet", title="Round sheet")
    second = documents.request_document(subject=round_, kind="test-round-sheet", title="Round sheet")

    assert first.pk == second.pk
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_render_pending_documents_sweep_renders_what_was_never_queued(round_):
    document = documents.request_document(subject=round_, kind="test-round-sheet", title="Round sheet")

    documents.render_pending_documents()

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.file.name.endswith(".pdf")
