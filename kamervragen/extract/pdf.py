"""PDF via pypdfium2 (PDFium): the fastest of the accurate libraries measured in
``bench/bench_pdf_libraries.py``, and it marks hyphens at line ends (U+FFFE)."""

from __future__ import annotations

import pypdfium2 as pdfium

from kamervragen.extract import DocumentError, Extracted


def extract(data: bytes) -> Extracted:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"it is not a readable PDF ({exc})") from None
    pages: list[list[str]] = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            text = text.replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n")
            pages.append(text.split("\n"))
    finally:
        doc.close()
    if not any(line.strip() for page in pages for line in page):
        raise DocumentError("the PDF has no text layer (scanned image?)")
    return Extracted(format="pdf", pages=pages)
