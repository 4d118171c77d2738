"""Historic OCR pages of the Aanhangsel (1906–1995).

A page is one stream of OCR text that may hold the tail of a set begun on the page before
and then several sets, each opened by "Vragen van … (Ingezonden …)". Labels are mostly gone
or glued ("1Is de regering …"), so questions and answers are cut at the question numbers
that follow each other in order. Where that fails the text stays in one block with a
warning: this module must not invent structure the OCR does not show.
"""

from __future__ import annotations

import re

from kamervragen.parse import metadata as meta
from kamervragen.parse.clean import Cleaned, join_lines
from kamervragen.parse.dutch import join_inline_hyphen
from kamervragen.parse.link import link
from kamervragen.parse.segment import Segment, parse_numbers
from kamervragen.record import Footnote, Record

_SET_START = re.compile(
    r"(?:(?P<nr>\d{1,4})\.?\s+)?(?P<head>(?:Mondelinge\s+)?(?:VRAGEN|Vragen)\s+(?:gesteld\s+)?van\s+"
    r"(?:de\s+leden|het\s+lid|den\s+heer|de\s+heer|de\s+heren|mevrouw|de\s+dames)\b)"
)
_SUBMITTED_END = re.compile(r"\(\s*Ingezonden[^)]*\)\.?", re.I)
_ANSWER_START = re.compile(r"(?:\bAntwoord\s+)?\b(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING)\s+(?:van|VAN)\b")
_RECEIVED_END = re.compile(r"\(\s*(?:Ont-?\s*vangen|Ingezonden)[^)]*\)\.?", re.I)
_INLINE_HYPHEN = re.compile(r"\b([^\W\d_]{2,})-\s?([^\W\d_]{2,})\b")


def is_historic(lines: list[str]) -> bool:
    head = "\n".join(lines[:60])
    return bool(re.search(r"\(\s*Ingezonden|\bVRAGEN van|\bZitting 1[89]\d\d", head)) and not re.search(
        r"^Vraag \d", "\n".join(lines), re.M
    )


def _dehyphenate(text: str) -> str:
    """OCR keeps line-break hyphens inline ("mislei-dende"); join where the word list agrees."""
    return _INLINE_HYPHEN.sub(
        lambda m: m.group(1) + m.group(2) if join_inline_hyphen(m.group(1), m.group(2)) else m.group(0),
        text,
    )


def _numbered_parts(text: str, first: int = 1) -> list[tuple[list[int], str]]:
    """Cut at "1 …", "2 …" (or "1 en 2 …" in answers), each number followed by a capital."""
    parts: list[tuple[list[int], str]] = []
    expected = first
    pos = 0
    current: list[int] | None = None
    pattern = re.compile(
        r"(?:(?<=\s)|^|(?<=[?.:;]))(?:Ad\s+)?(\d{1,2}(?:\s*(?:,|en|t/m)\s*\d{1,2})*)\s*[.)]?\s*(?=[A-Z«'\"(])"
    )
    for m in pattern.finditer(text):
        numbers = parse_numbers(m.group(1))
        if not numbers or numbers[0] != expected:
            continue
        if current is not None:
            parts.append((current, text[pos : m.start()].strip()))
        elif text[: m.start()].strip():
            parts.append(([], text[: m.start()].strip()))
        current, pos = numbers, m.end()
        expected = numbers[-1] + 1
    if current is not None:
        parts.append((current, text[pos:].strip()))
    return parts


def _set_record(chunk: str, page: Record, appendix: int | None) -> Record:
    record = page.model_copy(deep=True)
    record.appendix_number = appendix
    head_end = _SUBMITTED_END.search(chunk)
    heading = chunk[: head_end.end()] if head_end else ""
    body = chunk[head_end.end() :] if head_end else chunk
    q = meta.questions_heading(heading) if heading else {}
    if q:
        record.submitters = q["submitters"]  # type: ignore[assignment]
        record.addressees = q["addressees"]  # type: ignore[assignment]
        record.title = q["title"]  # type: ignore[assignment]
    record.submitted_on = meta.find_date(meta._SUBMITTED, heading)
    answer_at = _ANSWER_START.search(body)
    question_text, answer_text, answer_head = body, "", ""
    if answer_at:
        question_text = body[: answer_at.start()]
        rest = body[answer_at.start() :]
        received = _RECEIVED_END.search(rest)
        answer_head = rest[: received.end()] if received else rest[:300]
        answer_text = rest[received.end() :] if received else ""
        record.received_on = meta.find_date(
            re.compile(rf"\(\s*(?:Ont-?\s*vangen|Ingezonden)\s+{meta._DATE}", re.I), answer_head
        )
        record.answered_by = meta.answerers(answer_head.replace("(Ingezonden", "(Ontvangen"))
        if re.search(r"\bMededeling\b", answer_head, re.I):
            record.kind = "notice"
    question_text = re.sub(r"^\s*Antwoord\s*$", "", question_text.strip())
    blocks: list[tuple[Segment, str, list[str]]] = []
    parts = _numbered_parts(question_text)
    if not parts:
        parts = [([1], question_text.strip())] if question_text.strip() else []
        if question_text.strip():
            record.warnings.append("questions are not numbered on this page; kept as one question")
    for numbers, text in parts:
        if numbers:
            blocks.append((Segment("question", numbers), _clean(text), []))
    if answer_text.strip():
        answer_parts = [p for p in _numbered_parts(answer_text) if p[0]]
        if answer_parts:
            for numbers, text in answer_parts:
                blocks.append((Segment("answer", numbers), _clean(text), []))
        else:
            covered = [n for seg, _, _ in blocks for n in seg.numbers]
            blocks.append((Segment("answer", covered or [1]), _clean(answer_text), []))
    link(record, blocks, answer_head)
    if record.kind == "notice" and not answer_text.strip():
        record.kind = "delay_notice" if re.search(r"uitstel|niet binnen", chunk, re.I) else "notice"
    return record


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(cleaned: Cleaned, raw: str) -> list[Record]:
    text = _dehyphenate(join_lines(cleaned.lines))
    text = re.sub(r"⟦(\d+)⟧", "", text)
    page = Record()
    page.session_year = meta.session_year(raw)
    if page.session_year is None:
        m = re.search(r"\b(1[89]\d\d)\s*[—–-]\s*(1[89]\d\d)\b", raw)
        page.session_year = f"{m.group(1)}-{m.group(2)}" if m else None
    page.chamber = (
        "Eerste Kamer"
        if re.search(r"Eerste Kamer", raw[:600])
        else ("Tweede Kamer" if re.search(r"Tweede Kamer", raw[:600], re.I) else None)
    )
    page.footnotes = [Footnote(number=n.number, text=n.text, urls=n.urls) for n in cleaned.notes]
    starts = list(_SET_START.finditer(text))
    records: list[Record] = []
    if starts and text[: starts[0].start()].strip():
        tail = text[: starts[0].start()]
        if _ANSWER_START.search(tail):
            tail_record = _set_record(tail, page, None)
            tail_record.warnings.append("the page begins with the tail of a set from the page before")
            records.append(tail_record)
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        chunk = text[m.start("head") : end]
        appendix = int(m.group("nr")) if m.group("nr") else _appendix_before(text, m.start())
        records.append(_set_record(chunk, page, appendix))
    if not records:
        record = page.model_copy(deep=True)
        record.warnings.append("no question set found on this OCR page")
        records.append(record)
    return records


def _appendix_before(text: str, at: int) -> int | None:
    """The Aanhangsel number printed just before a set ("… antwoorden 251 Vragen van …")."""
    m = re.search(r"(\d{1,4})(?:\s*Herdruk\d?)?\s*$", text[max(0, at - 40) : at])
    return int(m.group(1)) if m else None
