"""PDF via pypdfium2 (PDFium): the fastest of the accurate libraries measured in
``bench/bench_pdf_libraries.py``, and it marks hyphens at line ends (U+FFFE)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from kamervragen.extract import DocumentError, Extracted

_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _mark_line_end_hyphens(textpage: pdfium.PdfTextPage, text: str) -> str:
    """PDFium joins a line that ends in a hyphen to the next one without a break. Its
    character boxes still tell: when the letter after the hyphen starts further left, the
    hyphen stood at a line end. Such hyphens become U+FFFE like the ones PDFium marks itself."""
    if "-" not in text or len(text) != textpage.count_chars():
        return text
    chars = list(text)
    for m in _INNER_HYPHEN.finditer(text):
        i = m.start()
        hyphen_left = textpage.get_charbox(i)[0]
        next_left = textpage.get_charbox(i + 1)[0]
        if next_left < hyphen_left - 20:
            chars[i] = "\ufffe"
    return "".join(chars)


def extract(data: bytes) -> Extracted:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"it is not a readable PDF ({exc})") from None
    pages: list[list[str]] = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            text = _mark_line_end_hyphens(textpage, textpage.get_text_range())
            textpage.close()
            page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            pages.append(text.split("\n"))
    finally:
        doc.close()
    if not any(line.strip() for page in pages for line in page):
        raise DocumentError("the PDF has no text layer (scanned image?)")
    return Extracted(format="pdf", pages=pages)
