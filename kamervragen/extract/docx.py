"""Word ``.docx`` ministry letters via python-docx: body paragraphs and table cells in
document order. The archive is checked before unzipping so a zip bomb is refused."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from kamervragen.extract import DocumentError, Extracted

MAX_UNZIPPED = 100_000_000


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise DocumentError("it is not a valid .docx (broken zip archive)") from None
    if total > MAX_UNZIPPED:
        raise DocumentError(
            f"the .docx unzips to {total // 1_000_000} MB, over the limit of "
            f"{MAX_UNZIPPED // 1_000_000} MB"
        )
    if "word/document.xml" not in names:
        raise DocumentError("the zip archive is not a Word document (no word/document.xml)")


def _lines(document: DocxDocument) -> list[str]:
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.extend(item.text.split("\n"))
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


def extract(data: bytes) -> Extracted:
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise DocumentError(f"the .docx cannot be opened ({type(exc).__name__})") from None
    lines = []
    for section in document.sections:
        for paragraph in section.first_page_header.paragraphs:
            lines.append(paragraph.text)
    lines.extend(_lines(document))
    notes: list[tuple[str, str]] = []
    return Extracted(format="docx", pages=[lines], footnotes=notes)
