"""Word ``.docx`` ministry letters via python-docx: body paragraphs and table cells in
document order, list numbers as Word shows them, and Word's own footnotes. The archive is
unzipped in counted chunks, so a zip bomb is refused at the limit, whatever it declares."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from kamervragen.extract import NOTE_REF, DocumentError, Extracted

# What the XML parts of a letter may unzip to together: real letters need a few MB.
MAX_UNZIPPED = 40_000_000
# Tags in those parts together: a letter has about 10,000; each costs memory and time in
# lxml and python-docx, so empty paragraphs by the million are refused before parsing.
MAX_TAGS = 500_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHUNK = 1 << 20


def _verified(data: bytes) -> bytes:
    """The archive again with its XML parts unzipped under the limit, as they really are,
    and its other parts (images, fonts) left empty: the sizes an archive declares can lie,
    so each part is read in chunks and counted, and what the letter's text does not need is
    not unzipped at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError("it is not a valid .docx (broken zip archive)") from None
    out = io.BytesIO()
    budget, tags = MAX_UNZIPPED, 0
    with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise DocumentError("the zip archive is not a Word document (no word/document.xml)")
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not info.filename.endswith((".xml", ".rels")):
                clean.writestr(info.filename, b"")
                continue
            chunks = []
            try:
                with archive.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise DocumentError(
                                f"the .docx unzips to more than the limit of {MAX_UNZIPPED // 1_000_000} MB"
                            )
                        tags += chunk.count(b"<")
                        if tags > MAX_TAGS:
                            raise DocumentError(f"the .docx holds more than {MAX_TAGS:,} XML elements")
                        chunks.append(chunk)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
                raise DocumentError(
                    f"the .docx has a damaged part ({info.filename}: {type(exc).__name__})"
                ) from None
            clean.writestr(info.filename, b"".join(chunks))
    return out.getvalue()


def _part(data: bytes, name: str) -> object | None:
    from kamervragen.extract.markup import parse_xml

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if name not in archive.namelist():
            return None
        return parse_xml(archive.read(name))


def _footnotes(data: bytes) -> dict[str, str]:
    """Word footnote bodies by id, from ``word/footnotes.xml``."""
    root = _part(data, "word/footnotes.xml")
    notes: dict[str, str] = {}
    for note in root.iter(f"{W}footnote") if root is not None else ():  # type: ignore[attr-defined]
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p"))
        notes[note.get(f"{W}id") or ""] = " ".join(text.split())
    return notes


def _numbering(data: bytes) -> dict[str, dict[str, tuple[str, str, int]]]:
    """numId → level → (format, text such as "%1)", start), from ``word/numbering.xml``."""
    root = _part(data, "word/numbering.xml")
    if root is None:
        return {}
    abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
    for node in root.iter(f"{W}abstractNum"):  # type: ignore[attr-defined]
        levels = {}
        for lvl in node.iter(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            start = lvl.find(f"{W}start")
            levels[lvl.get(f"{W}ilvl") or "0"] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "",
                int(start.get(f"{W}val") or 1) if start is not None else 1,
            )
        abstract[node.get(f"{W}abstractNumId") or ""] = levels
    numbers = {}
    for num in root.iter(f"{W}num"):  # type: ignore[attr-defined]
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            numbers[num.get(f"{W}numId") or ""] = abstract.get(ref.get(f"{W}val") or "", {})
    return numbers


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


@dataclass
class _Reader:
    """Walks the document once; keeps the list counters and the footnotes met so far."""

    notes: dict[str, str]
    numbering: dict[str, dict[str, tuple[str, str, int]]]
    counters: dict[str, dict[str, int]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def list_label(self, paragraph: Paragraph) -> str:
        """The number Word shows before a list paragraph ("1)", "a."), or ""."""
        num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
        num_node = num_pr.find(f"{W}numId") if num_pr is not None else None
        if num_pr is None or num_node is None:
            return ""
        num_id = num_node.get(f"{W}val") or ""
        level_node = num_pr.find(f"{W}ilvl")
        level = (level_node.get(f"{W}val") or "0") if level_node is not None else "0"
        levels = self.numbering.get(num_id, {})
        if level not in levels or levels[level][0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counts if int(k) > int(level)]:
            del counts[deeper]
        text = levels[level][1]
        for i in range(9):
            key = str(i)
            if f"%{i + 1}" in text:
                fmt, _, start = levels.get(key, ("decimal", "", 1))
                text = text.replace(f"%{i + 1}", _format(fmt, counts.get(key, start)))
        return text + " " if text else ""

    def paragraph(self, paragraph: Paragraph) -> str:
        """Text with each Word footnote reference written as a note reference token."""
        label = self.list_label(paragraph)
        if paragraph._p.find(f".//{W}footnoteReference") is None:
            return label + paragraph.text
        parts: list[str] = [label]
        for node in paragraph._p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}footnoteReference":
                note_id = node.get(f"{W}id") or ""
                if note_id in self.notes:
                    self.order.append(note_id)
                    parts.append(NOTE_REF.format(f"w{len(self.order)}"))
            else:
                parts.append(" " if node.tag == f"{W}tab" else "\n")
        return "".join(parts)

    def lines(self, container: object) -> list[str]:
        lines: list[str] = []
        for item in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(item, Paragraph):
                lines.extend(self.paragraph(item).split("\n"))
            elif isinstance(item, Table):
                seen: list[object] = []
                for row in item.rows:
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):  # a merged cell is listed per grid column
                            continue
                        seen.append(cell._tc)
                        lines.extend(self.lines(cell))
        return lines


_SPACES = re.compile(r"\s+")
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PAGE_NUMBER = re.compile(r"^\s*(?:Pagina\s+)?\d{0,3}(?:\s+van\s+\d{0,3})?\s*$")


def _own_text(paragraph: object) -> str:
    """A paragraph's text without that of the text boxes anchored in it (read on their own)."""
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t"):  # type: ignore[attr-defined]
        parent = node.getparent()
        while parent is not None and parent is not paragraph and parent.tag != f"{W}txbxContent":
            parent = parent.getparent()
        if parent is paragraph:
            parts.append(node.text or "")
    return "".join(parts)


def _header_lines(document: object) -> list[str]:
    """Text of the page headers, text boxes included: ministry letters often print the
    letterhead ("Datum", "Ons kenmerk") there, sometimes only there. Each header part once;
    a text box's fallback copy (mc:Fallback, for old Word versions) and page numbers skipped.
    The first-page header comes last, nearest the body, as it is the one above the letter."""
    seen: set[str] = set()
    lines: list[str] = []
    for section in document.sections:  # type: ignore[attr-defined]
        for header in (section.even_page_header, section.header, section.first_page_header):
            if header.is_linked_to_previous:
                continue
            part = header.part
            if str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            for paragraph in part.element.iter(f"{W}p"):
                if any(a.tag == f"{MC}Fallback" for a in paragraph.iterancestors()):
                    continue
                text = _own_text(paragraph)
                if text.strip() and not _PAGE_NUMBER.match(text):
                    lines.append(text)
    return lines


def extract(data: bytes) -> Extracted:
    data = _verified(data)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(_footnotes(data), _numbering(data))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise DocumentError(f"the .docx cannot be opened ({type(exc).__name__})") from None
    try:
        header = _header_lines(document)
    except Exception:  # a damaged header costs only the header
        header = []
    # Page-header text goes before the body: the letter reads a date there only when the
    # body's own letterhead has none (see parse.metadata.letter).
    lines = [*header, "", *reader.lines(document)] if header else reader.lines(document)
    notes = [(f"w{i}", reader.notes[note_id]) for i, note_id in enumerate(reader.order, start=1)]
    return Extracted(format="docx", pages=[lines], footnotes=notes)
