"""Parse: extracted text or blocks → records.

clean (furniture, footnotes, markers) → segment (labels → blocks) → link (answers to
questions) → metadata (heading → who, when, what). Pure functions; the only I/O is
reading the file in :func:`parse_path`.
"""

from __future__ import annotations

import re
from pathlib import Path

from kamervragen.extract import DocumentError, Extracted, NotKamervragen, extract_bytes, read_document
from kamervragen.parse import metadata as meta
from kamervragen.parse import notice
from kamervragen.parse.breaks import restore_pages, split_run_on
from kamervragen.parse.clean import Note, clean_pages
from kamervragen.parse.link import link
from kamervragen.parse.segment import Segment, Segmented, parse_numbers, segment, split_grouped_question
from kamervragen.parse.text import RESTORED_FORMAT, finish_text, glue_level, repair_glue
from kamervragen.record import Footnote, Record

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([?.,;:!)»”])")


def parse_path(path: str | Path) -> list[Record]:
    p = Path(path)
    return parse_bytes(read_document(p), p.name, sibling_metadata(p))


def parser_failure(exc: Exception) -> str:
    """What to report of a document on which the parser itself failed (a bug, not the
    document's fault): one line, so that the batch it was in goes on."""
    return f"the parser failed ({type(exc).__name__}: {str(exc)[:200]})"


def sibling_metadata(path: Path) -> bytes | None:
    """KOOP publishes ``metadata.xml`` beside each document; use it when it is there."""
    for candidate in (
        path.with_name(path.name.split(".")[0] + ".metadata.xml"),
        path.with_name("metadata.xml"),
    ):
        if candidate != path and candidate.exists():
            try:
                return read_document(candidate)
            except DocumentError:
                return None  # the document is read without it
    return None


def parse_bytes(data: bytes, name: str, metadata_xml: bytes | None = None) -> list[Record]:
    extracted = extract_bytes(data, name)
    if metadata_xml:
        from kamervragen.extract.markup import read_metadata

        try:
            for key, values in read_metadata(metadata_xml).items():
                extracted.meta.setdefault(key, values)
        except Exception:  # a damaged metadata.xml must not cost the document itself
            pass
    return parse_extracted(extracted)


# Characters of text one set may hold: the longest in the corpus has about 70,000. A larger
# "set" is a concatenation or junk, and would burden every page that shows it.
MAX_SET_CHARS = 1_000_000


def parse_extracted(extracted: Extracted) -> list[Record]:
    records = _parse_extracted(extracted)
    for record in records:
        texts = [q.text for q in record.questions] + [a.text for a in record.answers]
        size = sum(map(len, texts)) + sum(len(f.text) for f in record.footnotes)
        if size > MAX_SET_CHARS:
            raise DocumentError(
                f"it reads as one set of {size:,} characters, over the limit of {MAX_SET_CHARS:,} "
                "(no real set is that long: a concatenation?)"
            )
    return records


def _parse_extracted(extracted: Extracted) -> list[Record]:
    if extracted.blocks is not None:
        return [_from_blocks(extracted)]
    pages, fmt = extracted.pages, extracted.format
    if fmt == "text":
        pages = split_run_on(pages)
        restored = restore_pages(pages)
        if restored is not None:
            pages, fmt = restored, RESTORED_FORMAT
    cleaned = clean_pages(pages, extracted.footnotes)
    raw = "\n".join(line for page in pages for line in page)
    from kamervragen.parse import historic

    if historic.is_historic(cleaned.lines):
        return historic.parse(cleaned, raw)
    record = _from_text(cleaned.lines, cleaned.notes, cleaned.identifiers, raw, fmt)
    if extracted.meta:  # a PDF or Word file with KOOP's metadata.xml beside it
        record = _with_metadata(record, extracted.meta)
    if not (record.questions or record.answers or record.submitters or record.title or record.answered_by):
        raise NotKamervragen("no Kamervragen found in it (no question heading, questions or answers)")
    return [record]


def _from_text(lines: list[str], notes: list[Note], idents: list[str], raw: str, fmt: str) -> Record:
    seg = segment(lines)
    if not seg.segments:
        seg = _unnumbered(seg)
    glue = glue_level(lines, fmt)
    heading = finish_text(seg.heading, glue)[0]
    record = _heading_record(heading, raw, idents, seg.heading)
    blocks = []
    for s in seg.segments:
        parts = split_grouped_question(s) if s.kind == "question" and len(s.numbers) > 1 else None
        if parts:
            for number, lines in zip(s.numbers, parts, strict=False):
                blocks.append((Segment("question", [number], lines, s.label), *finish_text(lines, glue)))
        else:
            blocks.append((s, *finish_text(s.lines, glue)))
    record.footnotes = [Footnote(number=n.number, text=repair_glue(n.text, glue), urls=n.urls) for n in notes]
    link(record, blocks, heading)
    if seg.trailer and not record.answers:
        _notice_after_questions(record, finish_text(seg.trailer, glue)[0])
    if record.id is None and record.kind == "questions" and record.case_number:
        # KOOP publishes questions as kv-tk-<Zaak>: the id follows from the Zaak number.
        record.id = f"kv-tk-{record.case_number}"
    return record


def _notice_after_questions(record: Record, text: str) -> None:
    """Questions with the Mededeling about them printed after them (historic pages): the
    document is that Mededeling, of whoever sent it, received when it says."""
    record.kind = notice.record_kind(text)
    head = text[:400]
    record.answered_by = record.answered_by or meta.answerers(head)
    record.received_on = record.received_on or meta.find_date(meta._RECEIVED, head)


def _unnumbered(seg: Segmented) -> Segmented:
    """Questions without labels: each paragraph after the "Vragen van …" line that asks
    something is one question, numbered in order."""
    start = next(
        (i for i, line in enumerate(seg.heading) if re.match(r"(?:Mondelinge\s+)?Vragen van", line)), None
    )
    if start is None:
        return seg
    heading, rest = seg.heading[: start + 1], seg.heading[start + 1 :]
    if not re.search(r"\(\s*ingezonden", seg.heading[start], re.I):
        dated = next((line for line in seg.heading if re.search(r"\(\s*ingezonden", line, re.I)), "")
        heading = [*seg.heading[:start], seg.heading[start].rstrip(". ") + " " + dated]
    paragraphs: list[list[str]] = [[]]
    for line in rest:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    segments: list[Segment] = []
    for lines in paragraphs:
        if lines and "?" in " ".join(lines):
            segments.append(Segment("question", [len(segments) + 1], lines))
    return Segmented(heading=heading, segments=segments) if segments else seg


def _heading_record(
    heading: str, raw: str, idents: list[str], heading_lines: list[str] | None = None
) -> Record:
    fields = meta.identifiers(idents)
    record = Record(**{k: v for k, v in fields.items()})  # type: ignore[arg-type]
    head_raw = raw[:3000]
    if record.chamber is None:
        if re.search(r"Eerste Kamer", head_raw):
            record.chamber = "Eerste Kamer"
        elif re.search(r"Tweede Kamer", head_raw):
            record.chamber = "Tweede Kamer"
    record.appendix_number = record.appendix_number or meta.ah_number(head_raw) or _appendix_line(head_raw)
    q = meta.questions_heading(heading)
    if q:
        record.oral = bool(q["oral"])
        record.submitters = q["submitters"]  # type: ignore[assignment]
        record.addressees = q["addressees"]  # type: ignore[assignment]
        record.title = q["title"]  # type: ignore[assignment]
    if record.case_number is None:
        # The Zaak number of the heading (letterhead, header lines) when it prints one;
        # further on, only one cited beside the names of this set's askers.
        own_part = "\n".join(heading_lines) if heading_lines is not None else head_raw
        record.case_number = meta.case_number(own_part) or meta.case_number_of(head_raw, record.submitters)
    record.submitted_on = meta.find_date(meta._SUBMITTED, heading)
    record.received_on = meta.find_date(meta._RECEIVED, heading)
    # After the received date: a year only cited ("Zie ook …") must agree with it.
    record.session_year = record.session_year or meta.session_year(head_raw, record.received_on)
    record.answered_by = meta.answerers(heading)
    if record.id is None:
        ident = meta.mangled_identifier(raw, record.session_year, record.appendix_number)
        for key, value in meta.identifiers([ident] if ident else []).items():
            if getattr(record, key) is None:
                setattr(record, key, value)
    if record.chamber is None and record.case_number:
        record.chamber = "Tweede Kamer"  # Zaak numbers are the Tweede Kamer's
    record.see_also = meta.see_also(heading)
    if heading_lines is not None and not q:
        for key, value in meta.letter(heading_lines).items():
            setattr(record, key, value)
    if re.search(r"\bMededeling\s+van\b", heading):
        record.kind = "notice"
        if not record.submitters:
            for key, value in meta.notice_body(heading, record.received_on).items():
                setattr(record, key, value)
    return record


def _appendix_line(text: str) -> int | None:
    """The Aanhangsel number printed alone under the page-1 header."""
    m = re.search(r"regering gegeven antwoorden\s*\n\s*(\d{1,5})\s*\n", text)
    return int(m.group(1)) if m else None


def _with_metadata(record: Record, m: dict[str, list[str]]) -> Record:
    """What the document left unsaid, from KOOP's metadata (``metadata.xml`` beside it, or
    the XML's own head): session year, Aanhangsel number, Zaak number, date received."""
    if record.session_year is None:
        for key in ("OVERHEIDop.vergaderjaar", "vergaderjaar"):
            if m.get(key):
                record.session_year = m[key][0].replace("–", "-")
    if record.appendix_number is None:
        for key in ("OVERHEIDop.aanhangselNummer", "kop.kamervraagnummer"):
            if m.get(key) and re.fullmatch(r"[0-9]{1,6}", m[key][0].strip()):
                record.appendix_number = int(m[key][0])
                break
    if record.case_number is None and m.get("OVERHEIDop.vraagnummer"):
        record.case_number = m["OVERHEIDop.vraagnummer"][0].replace(" ", "")
    if record.received_on is None and m.get("OVERHEIDop.datumOntvangst"):
        record.received_on = m["OVERHEIDop.datumOntvangst"][0]
    if record.chamber is None and record.id:
        record.chamber = "Eerste Kamer" if "-ek-" in record.id else "Tweede Kamer"
    return record


def _from_blocks(extracted: Extracted) -> Record:
    m = extracted.meta
    heading = " ".join(extracted.heading)
    idents = [*m.get("DC.identifier", []), *m.get("identifier", []), *m.get("OVERHEIDop.identifier", [])]
    raw = heading + "\n" + "\n".join(f"{k} {' '.join(v)}" for k, v in m.items() if k.startswith("kop."))
    record = _with_metadata(_heading_record(heading, raw, idents), m)
    blocks = []
    assert extracted.blocks is not None
    for block in extracted.blocks:
        numbers = parse_numbers(re.sub(r"^\D*", "", block.label))
        seg = Segment(block.kind, numbers, label=block.label)
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", block.text)
        blocks.append((seg, text, block.footnote_refs))
    record.footnotes = [
        Footnote(number=n, text=t, urls=re.findall(r"https?://[^\s)»,;]+|www\.[^\s)»,;]+", t))
        for n, t in extracted.footnotes
    ]
    link(record, blocks, heading)
    return record
