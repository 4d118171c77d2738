"""Word ``.docx`` ministry letters via python-docx: body paragraphs and table cells in
document order. The archive is checked before unzipping so a zip bomb is refused."""

from __future__ import annotations

import io
import zipfile

import docx
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
            f"the .docx unzips to {total // 1_000_000} MB, over the limit of {MAX_UNZIPPED // 1_000_000} MB"
        )
    if "word/document.xml" not in names:
        raise DocumentError("the zip archive is not a Word document (no word/document.xml)")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph: Paragraph, notes: dict[str, str], order: list[str]) -> str:
    """Paragraph text with each Word footnote reference written as its number, glued to the
    word before it as a printed superscript would be, so the cleaner treats both alike."""
    if paragraph._p.find(f".//{W}footnoteReference") is None:
        return paragraph.text
    parts: list[str] = []
    for node in paragraph._p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}footnoteReference":
            note_id = node.get(f"{W}id") or ""
            if note_id in notes:
                order.append(note_id)
                parts.append(str(len(order)))
        else:
            parts.append(" " if node.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _lines(container: object, notes: dict[str, str], order: list[str]) -> list[str]:
    lines: list[str] = []
    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            lines.extend(_paragraph_text(item, notes, order).split("\n"))
        elif isinstance(item, Table):
            seen: list[object] = []
            for row in item.rows:
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):  # a merged cell is listed per grid column
                        continue
                    seen.append(cell._tc)
                    lines.extend(_lines(cell, notes, order))
    return lines


def _footnotes(data: bytes) -> dict[str, str]:
    """Word footnote bodies by id, from ``word/footnotes.xml``."""
    from kamervragen.extract.markup import parse_xml

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return {}
        root = parse_xml(archive.read("word/footnotes.xml"))
    notes: dict[str, str] = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p"))
        notes[note.get(f"{W}id") or ""] = " ".join(text.split())
    return notes


def extract(data: bytes) -> Extracted:
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise DocumentError(f"the .docx cannot be opened ({type(exc).__name__})") from None
    bodies = _footnotes(data)
    order: list[str] = []
    lines = _lines(document, bodies, order)
    notes = [(str(i), bodies[note_id]) for i, note_id in enumerate(order, start=1)]
    return Extracted(format="docx", pages=[lines], footnotes=notes)
