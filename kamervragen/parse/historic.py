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
from kamervragen.parse import notice
from kamervragen.parse.clean import MARK_RE, Cleaned
from kamervragen.parse.dutch import common, join_hyphenated, words
from kamervragen.parse.link import link
from kamervragen.parse.segment import Segment, parse_numbers
from kamervragen.parse.text import split_glued_words
from kamervragen.record import Footnote, Record

_SET_START = re.compile(
    r"(?:(?<!\S)(?P<nr>\d{1,4})\.?\s+)?(?P<head>(?:Mondelinge\s+)?(?:VRAGEN|Vragen)\s+(?:gesteld\s+)?van\s+"
    r"(?:de\s+leden|het\s+lid|den\s+heer|de\s+heer|de\s+heren|mevrouw|de\s+dames)\b)"
)
_SUBMITTED_END = re.compile(r"\(\s*Ingezonden[^)]*\)\.?", re.I)
_ANSWER_START = re.compile(r"(?:\bAntwoord\s+)?\b(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING)\s+(?:van|VAN)\b")
_RECEIVED_END = re.compile(r"\(\s*(?:Ont-?\s*vangen|Ingezonden)[^)]*\)\.?", re.I)
_INLINE_HYPHEN = re.compile(r"\b([^\W\d_]{2,})-\s?([^\W\d_]{2,})(?![^\W\d_])")


def is_historic(lines: list[str]) -> bool:
    head = "\n".join(lines[:60])
    if not any(word in head for word in ("Ingezonden", "VRAGEN van", "Zitting 1")):
        return False  # far cheaper than the pattern
    return bool(re.search(r"\(\s*Ingezonden|\bVRAGEN van|\bZitting 1[89]\d\d", head)) and not re.search(
        r"^Vraag \d", "\n".join(lines), re.M
    )


def _dehyphenate(text: str) -> str:
    """OCR keeps line-break hyphens inline ("mislei-dende", "pro-vincie", "Fort-man"): join
    them, but keep a hyphen between two words whose joining is no word, and before "en"
    ("industrie-en ziekenhuisafval")."""

    def decide(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if b[0].isupper() or b in ("en", "of"):
            return m.group(0)
        if (a + b).lower() in words() or not (common(a) and common(b)):
            return a + b
        return m.group(0)

    return _INLINE_HYPHEN.sub(decide, text)


_NUMBER_LABEL = re.compile(
    r"(?:(?<=\s)|^|(?<=[?.:;]))(?:Ad\s+)?(\d{1,2}(?:\s*(?:,|en|t/m)\s*\d{1,2})*)\s*[.)]?\s*(?=[A-Z«'\"(])"
)
# Where the OCR lost a number, a new question still starts a new line after a question mark.
_LINE_AFTER_QUESTION = re.compile(r"\?(?:⟦\w+⟧)*[ \t]*\n(?=[A-Z])")


def _numbered_parts(text: str) -> list[tuple[list[int], str]]:
    """Cut at "1 …", "2 …" (or "1 en 2 …" in answers), each number followed by a capital.

    Numbers come in order; one the OCR lost is skipped, and the block before the next
    number found is cut at line starts after a question mark when that gives exactly the
    missing count.
    """
    labels: list[tuple[list[int], int, int]] = []
    expected = 1
    for m in _NUMBER_LABEL.finditer(text):
        numbers = parse_numbers(m.group(1))
        if not numbers or not expected <= numbers[0] <= expected + 2:
            continue
        labels.append((numbers, m.start(), m.end()))
        expected = numbers[-1] + 1
    if not labels:
        return []
    parts: list[tuple[list[int], str]] = []
    if text[: labels[0][1]].strip():
        parts.append(([], text[: labels[0][1]].strip()))
    for i, (numbers, _, body_start) in enumerate(labels):
        body_end = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        body = text[body_start:body_end]
        following = labels[i + 1][0][0] if i + 1 < len(labels) else None
        missing = list(range(numbers[-1] + 1, following)) if following else []
        cuts = [m.end() for m in _LINE_AFTER_QUESTION.finditer(body)]
        if missing and len(cuts) == len(missing):
            bounds = [0, *cuts, len(body)]
            pieces = [body[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            parts.append((numbers, pieces[0].strip()))
            parts.extend(([n], piece.strip()) for n, piece in zip(missing, pieces[1:], strict=True))
        else:
            parts.append((numbers, body.strip()))
    return parts


def _trailing_questions(parts: list[tuple[list[int], str]]) -> list[tuple[list[int], str]]:
    """Unnumbered questions after the last numbered one ("Zijn speciale stappen …?") each
    start a line after a question mark; they continue the numbering."""
    numbers, body = parts[-1]
    pieces = [p.strip() for p in _LINE_AFTER_QUESTION.split(body)]
    if len(pieces) < 2 or not all(MARK_RE.sub("", p).endswith("?") for p in pieces[1:]):
        return parts
    last = numbers[-1]
    extra = [([last + i], piece) for i, piece in enumerate(pieces[1:], start=1)]
    return [*parts[:-1], (numbers, pieces[0] + "?"), *extra]


def _set_record(chunk: str, page: Record, appendix: int | None) -> Record:
    record = page.model_copy(deep=True)
    record.appendix_number = appendix
    head_end = _SUBMITTED_END.search(chunk)
    heading = MARK_RE.sub("", chunk[: head_end.end()]) if head_end else ""
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
        answer_head = MARK_RE.sub("", rest[: received.end()] if received else rest[:300])
        answer_text = rest[received.end() :] if received else ""
        record.received_on = meta.find_date(
            re.compile(rf"\(\s*(?:Ont-?\s*vangen|Ingezonden)\s+{meta._DATE}", re.I), answer_head
        )
        record.answered_by = meta.answerers(answer_head.replace("(Ingezonden", "(Ontvangen"))
        if re.search(r"\bMededeling\b", answer_head, re.I):
            # A notice postpones the answer: its text is no answer block.
            record.kind = "notice"
            answer_text = ""
    question_text = re.sub(r"^\s*Antwoord\s*$", "", question_text.strip())
    blocks: list[tuple[Segment, str, list[str]]] = []
    parts = _numbered_parts(question_text)
    if parts:
        parts = _trailing_questions(parts)
    elif question_text.strip():
        pieces = [p for p in re.split(r"(?<=\?)(?:⟦\w+⟧)*\s+(?=[A-Z])", question_text.strip()) if p.strip()]
        parts = [([i], piece) for i, piece in enumerate(pieces, start=1)]
        record.warnings.append("questions are not numbered on this page; numbered by their question marks")
    for numbers, text in parts:
        if numbers:
            blocks.append((Segment("question", numbers), *_clean(text)))
    if answer_text.strip():
        answer_parts = [p for p in _numbered_parts(answer_text) if p[0]]
        if answer_parts:
            for numbers, text in answer_parts:
                blocks.append((Segment("answer", numbers), *_clean(text)))
        else:
            covered = [n for seg, _, _ in blocks for n in seg.numbers]
            blocks.append((Segment("answer", covered or [1]), *_clean(answer_text)))
    link(record, blocks, answer_head)
    if record.kind == "notice" and not answer_text.strip():
        record.kind = notice.record_kind(chunk)
    return record


def _clean(text: str) -> tuple[str, list[str]]:
    """A block's text with its spaces made single, and the notes its markers refer to."""
    return re.sub(r"\s+", " ", MARK_RE.sub("", text)).strip(), MARK_RE.findall(text)


def _page_text(lines: list[str]) -> str:
    """The page as one string that keeps its line breaks (they mark where questions begin
    when the OCR lost a number), with line-break hyphens joined."""
    text = "\n".join(line for line in lines if line)
    text = re.sub(r"([^\W\d_]+)-\n([^\W\d_]+)", lambda m: join_hyphenated(m.group(1), m.group(2)), text)
    return split_glued_words(_dehyphenate(text))


def parse(cleaned: Cleaned, raw: str) -> list[Record]:
    text = _page_text(cleaned.lines)
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
    m = re.search(r"(\d{1,4})\s*(?:Herdruk\d*)?\s*$", MARK_RE.sub("", text[max(0, at - 50) : at]))
    return int(m.group(1)) if m else None
