"""Read what a rendered PDF says, for assertions (pdftotext from poppler-utils)."""

import html
import re
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


def pdf_words(document):
    """The words of a Document's stored PDF in the order they are drawn, as (text, x, y) with
    the top-left corner of each word's box in points, for assertions about where things are."""
    with document.file.open("rb") as handle:
        data = handle.read()
    result = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True)
    return [
        (html.unescape(text), float(x), float(y))
        for x, y, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', result.stdout.decode()
        )
    ]
