"""PDF via pypdfium2 (PDFium): the fastest of the accurate libraries measured in
``bench/bench_pdf_libraries.py``, and it marks hyphens at line ends (U+FFFE)."""

from __future__ import annotations

import re
import zlib

import pypdfium2 as pdfium

from kamervragen.extract import DocumentError, Extracted

_LINE_END_HYPHEN = re.compile(r"\ufffe(?![\r\n])|(?<=[^\W\d_])-(?=[^\W\d_])")


def _mark_line_end_hyphens(textpage: pdfium.PdfTextPage, text: str) -> str:
    """PDFium joins a line that ends in a hyphen to the next one without a break, even when
    that next line is a footnote. Its character boxes still tell: when the character after
    the hyphen starts further left, the hyphen stood at a line end. Such hyphens, and the
    ones PDFium marks itself (U+FFFE), get their line break back, so the cleaner sees the
    page's lines as printed and decides about the hyphen with the word list."""
    if len(text) != textpage.count_chars():
        return text.replace("\ufffe", "-\n")
    chars = list(text)
    for m in _LINE_END_HYPHEN.finditer(text):
        i = m.start()
        if text[i] == "\ufffe" or textpage.get_charbox(i + 1)[0] < textpage.get_charbox(i)[0] - 20:
            chars[i] = "-\n"
    return "".join(chars)


# What a PDF's compressed streams may inflate to together: a real answer's few MB of
# text and images, a thousand times over. PDFium would inflate a bomb whole in memory.
MAX_INFLATED = 200_000_000
_STREAM = re.compile(rb"stream\r?\n")
_INFLATE_CHUNK = 1 << 20


def _check_streams(data: bytes) -> None:
    """Refuse a PDF whose streams inflate past the limit, by inflating them here first in
    counted chunks (nothing is kept). Streams that are no zlib data are passed over."""
    total = 0
    for m in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        pending = data[m.end() : m.end() + _INFLATE_CHUNK]
        offset = m.end() + len(pending)
        try:
            while pending:
                total += len(inflater.decompress(pending, _INFLATE_CHUNK))
                if total > MAX_INFLATED:
                    raise DocumentError(
                        f"the PDF's streams inflate to more than {MAX_INFLATED // 1_000_000} MB"
                    )
                if inflater.eof:
                    break
                pending = inflater.unconsumed_tail
                if not pending:
                    pending = data[offset : offset + _INFLATE_CHUNK]
                    offset += len(pending)
        except zlib.error:
            continue


def extract(data: bytes) -> Extracted:
    _check_streams(data)
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
