"""Read what a rendered PDF says, for assertions (pdftotext from poppler-utils)."""

import shutil
import subprocess

import pytest

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def pdf_text(document):
    """The text of a Document's stored PDF, laid out as on the page."""
    with document.file.open("rb") as handle:
        data = handle.read()
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()
