"""The floor of reading, measured on the benchmark's own files: plain text with no layout, no tables, no checks.

- pdfplumber: ``page.extract_text()`` then ``page.close()`` for every page;
- pypdfium2: the text page's ``get_text_range()`` for every page;
- python-docx: open, every paragraph's text, every table row's cells' text.
"""

from __future__ import annotations

import time
from pathlib import Path


def pdfplumber_text(paths: list[Path]) -> tuple[float, int]:
    """Seconds and pages."""
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return time.perf_counter() - start, pages


def pdfium_text(paths: list[Path]) -> tuple[float, int]:
    """Seconds and pages."""
    import pypdfium2

    pages = 0
    start = time.perf_counter()
    for path in paths:
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                text = page.get_textpage()
                text.get_text_range()
                text.close()
                page.close()
                pages += 1
        finally:
            pdf.close()
    return time.perf_counter() - start, pages


def docx_text(paths: list[Path]) -> tuple[float, int]:
    """Seconds and files."""
    import docx

    start = time.perf_counter()
    for path in paths:
        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            _ = paragraph.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    return time.perf_counter() - start, len(paths)
