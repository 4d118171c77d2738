"""Clean: page furniture out, footnote bodies pulled out, markers tagged, characters repaired.

Input is the pages of text lines an extractor produced; output is one list of body lines in
which each footnote marker is replaced by the token ``⟦n⟧``, plus the footnote bodies and
whatever the furniture told about the document (its KOOP identifier).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from kamervragen.extract import NOTE_REF
from kamervragen.parse.dutch import FUNCTION_WORDS, join_hyphenated, letterlike, repair_accents

MARK = NOTE_REF
MARK_RE = re.compile(r"⟦(w?\d+)⟧")

_IDENT = re.compile(r"\b((?:ah|kv)-(?:tk|ek)-(?:\d{8}-\d+|\d{4}Z\d{5}))\b")
_FURNITURE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"^(?:ah|kv)-(?:tk|ek)-\S+$",
            r"^a?h (?:tk|ek) \d{8} \d+$",  # the footer id as a Markdown conversion mangles it
            r"ISSN\s*0921\s*-?\s*73(?:98|8X)",
            r"^[’'`]?s[- ]Gravenhage \d{4}\b",
            r"^(?:Tweede|Eerste) Kamer, (?:vergaderjaar|zitting) \d{4}\s*[–/-]\s*\d{2,4}, (?:Aanhangsel|Vragen)(?: \d+)?\.?$",
            r"^(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d?$",
            r"^Vergaderjaar \d{4}\s*[–-]\s*\d{4}(?: Aanhangsel van de Handelingen| Vragen gesteld door de leden der Kamer)?$",
            r"^Vragen gesteld door de leden der Kamer(?:, met de daarop door de(?: regering gegeven antwoorden)?)?$",
            r"^regering gegeven antwoorden$",
            r"^Aanhangsel van de Handelingen$",
            r"^Aanhangsel Handelingen\b.*\d{4}$",
            # historic running heads and feet
            r"^Handelingen der Staten-Generaal\.? \d{4}\s*[—–-]\s*\d{4}\.? I{1,2}\.? Aanhangsel\.?$",
            r"^Deel in Zitting \d{4}\s*[—–-]\s*\d{4}$",
            r"^(?:EERSTE|TWEEDE) KAMER$",
        )
    ),
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# Furniture that closes a page: in text extracted by others it is the only page break left.
_PAGE_END = re.compile(
    r"^(?:ah|kv)-(?:tk|ek)-\S+$|ISSN\s*0921|^[’'`]?s[- ]Gravenhage \d{4}|"
    r"^(?:Tweede|Eerste) Kamer, (?:vergaderjaar|zitting) \d{4}.*(?:Aanhangsel|Vragen)(?: \d+)?$",
    re.IGNORECASE,
)
_SOFT_BREAK = re.compile(r"(\S*)\ufffe(\S*)")
# A footnote body at the foot of a page: "1 https://…", "1https://…", "2Tweede Kamer…", "1). Bond…"
_NOTE_START = re.compile(r"^\[?(\d{1,3})(?:\)\.?|\.|\])?\s*(?=\S)(.*)$")
# Full URLs, and bare addresses with a path ("regiopurmerend.nl/2024/05/…"); a bare
# domain alone ("AD.nl") is a name in a citation, not a link.
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net|int|gov|be|de|uk|info|io|mv)/[^\s<>\"«»]*"
)
_URL_TAIL = re.compile(r"[-/_.=?&%#]$")
_URL_PIECE = re.compile(r"^[^\s]*[-/_.=?&%#][^\s]*")
_LONGEST_JOIN = 2000  # characters of an address or a word broken over lines, at most
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\u2002\u2003]+")


@dataclass
class Note:
    number: str
    text: str
    urls: list[str]


@dataclass
class Cleaned:
    lines: list[str]
    notes: list[Note] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)


def _soft_break(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    if "/" in left or "www." in left:  # inside a URL every hyphen is real
        return left + "-" + right
    return join_hyphenated(left, right)


def normalize_line(line: str) -> str:
    if not line.isascii():
        line = line.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
        if not unicodedata.is_normalized("NFC", line):
            line = unicodedata.normalize("NFC", line)
        line = repair_accents(line)
    if "\ufffe" in line:  # PDFium's mark of a hyphen at a line break it removed
        line = _SOFT_BREAK.sub(_soft_break, line)
    if "  " in line or "\t" in line or not line.isascii():
        line = _SPACES.sub(" ", line)
    return line.strip()


# Cheap substring tests first: almost every line is body text, and ``in`` costs far less
# than running the furniture expressions over it.


def _maybe_furniture(line: str) -> bool:
    return (
        "Kamer" in line
        or "-tk-" in line
        or "ISSN" in line
        or "ergaderjaar" in line
        or "Aanhangsel" in line
        or "Gravenhage" in line
        or "-ek-" in line
        or "h tk " in line
        or "Zitting" in line
        or "KAMER" in line
        or "Vragen gesteld" in line
        or "regering gegeven" in line
    )


def is_furniture(line: str) -> bool:
    return _maybe_furniture(line) and _FURNITURE.search(line) is not None


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: hyphens at line ends are resolved with the word list, URLs broken
    over two lines are re-joined without a space, blank lines become paragraph breaks."""
    # Pieces per paragraph, joined once at the end: growing one string line by line would
    # copy it for every line.
    paragraphs: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        pieces = paragraphs[-1]
        if not line:
            if pieces:
                paragraphs.append([])
            continue
        if not pieces:
            pieces.append(line)
            continue
        tail = pieces[-1]
        last_token = tail[tail.rfind(" ") + 1 :]
        if len(last_token) > _LONGEST_JOIN:
            pieces.append(line)  # no address or word is that long: nothing to join
        elif last_token.endswith("://") or (
            URL.search(last_token) and (_URL_TAIL.search(last_token) or _URL_PIECE.match(line))
        ):
            pieces[-1] = tail + line
        elif tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha():
            head, _, word_left = tail[:-1].rpartition(" ")
            joined = join_hyphenated(word_left, line)
            pieces[-1] = (head + " " if head else "") + joined
        else:
            pieces.append(line)
    return "\n\n".join(" ".join(pieces) for pieces in paragraphs if pieces).strip()


_LONE_BEFORE_STOP = re.compile(r"^(\d{1,3})([.,;:])$")


def _lone_before_stop(line: str, previous: str) -> str | None:
    """A marker alone on its line with the sentence's last stop ("keten" | "2."), after a line
    that does not end a sentence (where "2." alone would be an item of a numbered list)."""
    m = _LONE_BEFORE_STOP.match(line.strip())
    if m and previous[-1:].isalpha() or m and previous[-1:] in ")»”’":
        return m.group(1)
    return None


# OCR often reads a superscript as an apostrophe ("EVA-landen' wel", "den Rijn?'" at a line end).
# (The apostrophe first: a pattern that starts by looking behind is tried at every position.)
_APOSTROPHE_MARKER = re.compile(r"'(?<=[^\W\d_]{3}')(?=[\s?.,])|'(?<=[^\W\d_]\?')$")


@lru_cache(maxsize=256)
def _marker_pattern(number: int) -> re.Pattern[str]:
    return re.compile(
        rf"(?:[^\W\d_]|[?.,;:!)»”’])(?:{number})(?!\d)|\[{number}\s?\]|\s{number}(?:\)| Noot\b)"
    )


def _first_marker(lines: list[str], number: int) -> int | None:
    """The first line that refers to footnote ``number``, if any: a note's body needs a
    marker above it. Without one a numbered line at the foot of a page is a question
    ("1 Is de regering …"), not a note."""
    glued = _marker_pattern(number)
    for i, line in enumerate(lines):
        if _APOSTROPHE_MARKER.search(line) or (
            glued.search(line)
            or line.strip() == str(number)
            or _lone_before_stop(line, lines[i - 1] if i else "") == str(number)
        ):
            return i
        if i > 0 and _line_start_marker(line, lines[i - 1], {str(number)}):
            return i
    return None


_ENDS_IN_YEAR = re.compile(r"\b(?:19|20)\d\d$")
_VERBS = {"is", "zijn", "wordt", "worden", "heeft", "hebben", "werd", "werden", "staat", "was"}
_LINE_START_NUMBER = re.compile(r"^(\d{1,2})(?:(?=[»”?,;:)])| (?=([^\W\d_]+)))")


def _line_start_marker(line: str, previous: str, numbers: set[str]) -> str | None:
    """A note number that extraction moved to the start of the next line: before
    punctuation ("1» en …"), before a capital after a finished sentence ("2 Zo nee"), or
    before a function word ("5 over haar motivatie"), where a number in running text would
    be followed by what it counts ("5 jaar")."""
    m = _LINE_START_NUMBER.match(line)
    if not m or m.group(1) not in numbers or not previous:
        return None
    word = m.group(2)
    if previous[-1:].isdigit():
        # After a number only a marker before a verb is plain ("november 2022 | 5 is …");
        # "2022 | 5 van de 10" counts.
        return m.group(1) if _ENDS_IN_YEAR.search(previous) and word in _VERBS else None
    if word is None or (word[0].isupper() and previous[-1:] in "?.»”!") or word in FUNCTION_WORDS:
        return m.group(1)
    return None


# A line that opens a block or a set ends a footnote zone: on historic pages the notes of
# one set stand before the next set's heading, not at the foot of the page.
_STRUCTURAL = re.compile(
    r"^(?:Antwoord|ANTWOORD|Vraag \d|Vragen van|VRAGEN|Mededeling|MEDEDELING|\d{1,4}\.\s+VRAGEN)"
)


def _note_zone(lines: list[str], expected: int) -> tuple[int, int] | None:
    """Where the footnote bodies of this page are, as (start, end) line indexes.

    The zone's note numbers run on from ``expected`` without a gap, up to the page end or a
    line that opens a new block; the earliest such zone wins, so a marker standing at a line
    start in the body ("2 Zo nee, …") is not taken for a note.
    """
    # Notes at the foot of the page first; notes that a new block follows (historic pages)
    # only when there are none there.
    for stop_at_blocks in (False, True):
        zone = _find_zone(lines, expected, stop_at_blocks)
        if zone:
            return zone
    return None


# A note's text running on to a line that starts with a date or an amount ("30-09-2024.").
_NUMBER_WITHIN = re.compile(r"\d{1,2}[-/.,:]\d")
_YEAR = re.compile(r"(?:19|20)\d\d\b")


def _note_start(line: str, number: int) -> str | None:
    """The text of note ``number`` if ``line`` starts it; also when the number is glued to a
    year that opens the note ("22023 Annual report" is note 2)."""
    m = _NOTE_START.match(line)
    if m and int(m.group(1)) == number:
        return m.group(2)
    key = str(number)
    if line.startswith(key) and _YEAR.match(line, len(key)):
        return line[len(key) :]
    return None


# Places a page's note zone is tried from, at most: a real page has one or two.
_ZONE_TRIES = 20


def _find_zone(lines: list[str], expected: int, stop_at_blocks: bool) -> tuple[int, int] | None:
    starts = (i for i, line in enumerate(lines) if _note_start(line, expected) is not None)
    marker: int | None = -1  # not looked for yet
    for start in islice(starts, _ZONE_TRIES):
        first = _note_start(lines[start], expected) or ""
        number = expected + len(_split_run_on_notes(lines[start], expected)) - 1
        ok = True
        end = len(lines)
        for offset, line in enumerate(lines[start + 1 :], start=start + 1):
            if _STRUCTURAL.match(line):
                ok = stop_at_blocks
                end = offset
                break
            n = _NOTE_START.match(line)
            if _note_start(line, number + 1) is not None:
                number += len(_split_run_on_notes(line, number + 1))
            elif (
                n
                and int(n.group(1)) != number
                and len(n.group(1)) < 3
                and not URL.match(line)
                and not _NUMBER_WITHIN.match(line)
            ):
                # A line starting with another small number breaks the chain, unless it is
                # plainly a continuation (a date or an amount inside the note's text).
                if line[len(n.group(1)) : len(n.group(1)) + 1] not in (" ",) or int(n.group(1)) < number:
                    ok = False
                    break
        if ok and marker == -1:
            marker = _first_marker(lines, expected)
        if ok and marker is not None and marker < start:
            if URL.match(first) or first[:1].isupper() or first[:1] in "«‘'\"(" or _YEAR.match(first):
                return start, end
    return None


_PAREN_MARKER = re.compile(
    r" (?<=[?.!»”] )(\d{1,2})\)(?= |$)|\s?\[(\d{1,3})\]| (?<=[?!»”] )(\d{1,2})(?= [A-Z])"
)
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_CHEMISTRY = {"CO2", "NO2", "SO2", "H2", "N2O", "O2", "PM10", "PM2"}
_SIGN_BEFORE_MARKER = frozenset("?.,;:!)»”’")
_SIGN_AFTER_MARKER = frozenset(".,;:?!)»”")
_WORD_BEFORE = re.compile(r"\w+$")


def _tag_markers(line: str, numbers: set[str]) -> str:
    """A note number glued to the word or punctuation before it, tagged. Not after a short
    number and a point or comma ("klasse 1.4", "12,5"): that is a decimal; after a year it
    is a marker ("vanaf 2018.12 Hierbij")."""
    out: list[str] = []
    last = 0
    for m in _DIGITS.finditer(line):
        start, end = m.span()
        number = m.group(0)
        if number not in numbers or start == 0:
            continue
        if end < len(line) and not (line[end].isspace() or line[end] in _SIGN_AFTER_MARKER):
            continue
        before = line[start - 1]
        if not (letterlike(before) or before in _SIGN_BEFORE_MARKER):
            continue
        if before in ".,":
            digits = 0
            while digits < 4 and start - 2 - digits >= 0 and line[start - 2 - digits].isdecimal():
                digits += 1
            if 1 <= digits <= 3:
                continue  # a decimal
        word = _WORD_BEFORE.search(line, max(0, start - 64), start)
        # CO2, Q1, F35, B1: a number after a lone capital or in a formula is no marker.
        if word and (
            (word.group(0) + number) in _CHEMISTRY or (len(word.group(0)) == 1 and word.group(0).isupper())
        ):
            continue
        out += [line[last:start], MARK.format(number)]
        last = end
    if not out:
        return line
    out.append(line[last:])
    return "".join(out)


_TYPED_MARKER = re.compile(r" ?(\d{1,2})\)")


def _tag_typed_markers(line: str, typed: set[str]) -> str:
    """Notes typed as "1) Aanhangsel …" at the end of a Word letter are referred to by their
    number and a bracket that closes nothing: "…(nos.nl)”1)?", "Verhoudingen 2), met"."""
    out: list[str] = []
    last = depth = 0
    for m in _TYPED_MARKER.finditer(line):
        between = line[last : m.start()]
        depth = max(0, depth + between.count("(") - between.count(")"))
        at = m.start()
        if m.group(1) in typed and at > 0 and depth == 0 and not line[at - 1].isdigit():
            out += [between, MARK.format(m.group(1))]  # its bracket closes nothing
        else:
            out += [between, m.group(0)]
            depth = max(0, depth - 1)
        last = m.end()
    out.append(line[last:])
    return "".join(out)


# KOOP's text rendering of a note reference: "…dicht»? 1 Noot".
_NOOT_MARKER = re.compile(r"\s?\b(\d{1,3}) Noot\b")
_NOTES_HEADING = re.compile(r"^(?:Voet)?[Nn]oten:?$")


def _lone_labels(pages: list[list[str]]) -> set[str]:
    """Question numbers printed alone on their lines ("1" / "Bent u …"), which an old layout
    uses as labels: lone numbers that count 1, 2, 3 … from 1, each before a capital. Such
    lines are no footnote markers, whatever notes have those numbers."""
    lines = [line for page in pages for line in page if line]
    lone = [
        (int(line), lines[i + 1])
        for i, line in enumerate(lines[:-1])
        if line.isascii() and line.isdigit() and len(line) <= 2
    ]
    counting = len(lone) >= 2 and all(
        n == i and nxt[:1].isupper() for i, (n, nxt) in enumerate(lone, start=1)
    )
    return {str(n) for n, _ in lone} if counting else set()


def _split_at_footers(pages: list[list[str]]) -> list[list[str]]:
    """Normalised lines, with a page break after each run of footer lines."""
    out: list[list[str]] = []
    for page in pages:
        current: list[str] = []
        in_footer = False
        for raw in page:
            line = normalize_line(raw)
            if line and _maybe_furniture(line) and _PAGE_END.search(line):
                in_footer = True
            elif in_footer and line:
                out.append(current)
                current = []
                in_footer = False
            current.append(line)
        out.append(current)
    return out


def _split_run_on_notes(line: str, after: int) -> list[str]:
    """PDFium puts short footnotes side by side: "10 Kamerstuk … 11 Tweede Kamer …"; a Word
    letter's typed notes can share a paragraph: "[2] https://…politie[3] https://…"."""
    parts = [line]
    number = after + 1
    while True:
        m = re.search(
            rf"\s({number})\s+(?=[A-Z«‘'\"(]|https?://|www\.|[a-z]\.[a-z]\.)|\s?(\[{number}\])\s*(?=\S)",
            parts[-1],
        )
        if not m:
            return parts
        last = parts.pop()
        parts.extend([last[: m.start()].rstrip(), last[m.start(m.lastindex or 1) :]])
        number += 1


_YEAR_MARKER = re.compile(r"\b((?:19|20)\d\d)(\d{1,3})(?=[\s.,;:?!)]|$)")


def _tag_unclaimed_markers(lines: list[str], order: list[str]) -> None:
    """Markers that do not read as a number, for notes no marker has claimed yet, each at
    its first such place: one printed right after a year ("14 juli 20235" is 2023 and note
    5), and a superscript that OCR read as an apostrophe (the notes' first in text order)."""
    claimed = set(MARK_RE.findall("\n".join(lines)))
    unclaimed = {number for number in order if number not in claimed}
    if not unclaimed:
        return

    def after_year(m: re.Match[str]) -> str:
        if m.group(2) not in unclaimed:
            return m.group(0)
        unclaimed.discard(m.group(2))
        return m.group(1) + MARK.format(m.group(2))

    for i, line in enumerate(lines):
        if unclaimed and _DIGIT.search(line):
            lines[i] = _YEAR_MARKER.sub(after_year, line)
    waiting = [number for number in order if number in unclaimed]

    def apostrophe(m: re.Match[str]) -> str:
        return MARK.format(waiting.pop(0)) if waiting else m.group(0)

    for i, line in enumerate(lines):
        if waiting and "'" in line:
            lines[i] = _APOSTROPHE_MARKER.sub(apostrophe, line)


def _renumber(lines: list[str], keys: list[str]) -> list[tuple[str, str]]:
    """A Word letter has typed notes ("1)") and Word's own notes, each numbered from 1: number
    them all anew by their first reference in the text, as a reader meets them. Returns
    (old key, new number) pairs in the new order and rewrites the markers in ``lines``."""
    seen: list[str] = []
    for line in lines:
        for key in MARK_RE.findall(line):
            if key in keys and key not in seen:
                seen.append(key)
    seen += [key for key in keys if key not in seen]
    new = {key: str(i) for i, key in enumerate(seen, start=1)}
    for i, line in enumerate(lines):
        if "⟦" in line:
            lines[i] = MARK_RE.sub(lambda m: MARK.format(new.get(m.group(1), m.group(1))), line)
    return [(key, new[key]) for key in seen]


def clean_pages(pages: list[list[str]], known_notes: list[tuple[str, str]] | None = None) -> Cleaned:
    """``known_notes``: footnotes the extractor already found (Word), keyed as their
    references in the text ("w1", …)."""
    result = Cleaned(lines=[])
    expected = 1
    note_lines: dict[str, list[str]] = {}
    order: list[str] = []
    typed: set[str] = set()  # notes whose bodies read "1) …"
    body_pages: list[list[str]] = []
    for page_number, page in enumerate(_split_at_footers(pages), start=1):
        kept: list[str] = []
        for line in page:
            if line and is_furniture(line):
                # The document's own identifier stands in its footer, on a line of its own;
                # one in running text is a citation of another set.
                for ident in _IDENT.findall(line) if "-tk-" in line or "-ek-" in line else ():
                    if ident not in result.identifiers:
                        result.identifiers.append(ident)
                continue
            kept.append(line)
        # A bare page number heads or closes a page; elsewhere a lone number may be a label.
        nonblank_idx = [i for i, line in enumerate(kept) if line]
        for i in (nonblank_idx[:1] + nonblank_idx[-1:]) if len(nonblank_idx) > 3 else []:
            if _PAGE_NUMBER.match(kept[i]) and int(kept[i]) > 1:
                kept[i] = ""
        # On a short page, only a number that is the page's own at its head.
        if 1 < len(nonblank_idx) <= 3 and kept[nonblank_idx[0]] == str(page_number) and page_number > 1:
            kept[nonblank_idx[0]] = ""
        # Trailing blank lines and bare page numbers do not belong to the footnote zone.
        while kept and (not kept[-1] or _PAGE_NUMBER.match(kept[-1]) and int(kept[-1]) > 50):
            kept.pop()
        nonblank = [i for i, line in enumerate(kept) if line]
        zone = _note_zone([kept[i] for i in nonblank], expected)
        if zone is not None:
            cut = nonblank[zone[0]]
            if zone[0] and _NOTES_HEADING.match(kept[nonblank[zone[0] - 1]]):
                cut = nonblank[zone[0] - 1]  # the notes' heading goes with them
            resume = nonblank[zone[1]] if zone[1] < len(nonblank) else len(kept)
            current: str | None = None
            zone_lines: list[str] = []
            last = expected - 1
            for line in kept[cut:resume]:
                if not line:
                    continue
                if _note_start(line, last + 1) is not None:
                    last += 1
                pieces = _split_run_on_notes(line, last)
                last += len(pieces) - 1
                zone_lines.extend(pieces)
            for line in zone_lines:
                wanted = expected if current is None else int(current) + 1
                text = _note_start(line, wanted)
                if text is not None:
                    current = str(wanted)
                    if line.startswith(current + ")"):
                        typed.add(current)
                    note_lines[current] = [text]
                    order.append(current)
                elif current is not None:
                    note_lines[current].append(line)
            expected = int(current) + 1 if current else expected
            kept = kept[:cut] + kept[resume:]
        body_pages.append(kept)

    for number, text in known_notes or []:
        note_lines[number] = [text]
        order.append(number)
    numbers = set(order)
    labels = _lone_labels(body_pages)
    for kept in body_pages:
        for line in kept:
            lone = line.split()
            if (
                numbers
                and lone
                and result.lines
                and all(n in numbers for n in lone)
                and len(lone) <= 4
                and line not in labels
            ):
                # Markers that extraction put on a line of their own ("2", "2 3").
                result.lines[-1] += "".join(MARK.format(n) for n in lone)
                continue
            lone_stop = _lone_before_stop(line, result.lines[-1]) if result.lines else None
            if lone_stop in numbers:
                result.lines[-1] += MARK.format(lone_stop) + line.strip()[-1]
                continue
            marker = _line_start_marker(line, result.lines[-1], numbers) if result.lines else None
            if marker:
                result.lines[-1] += MARK.format(marker)
                line = line[len(marker) :].lstrip()
            if numbers and _DIGIT.search(line):
                if "Noot" in line:
                    line = _NOOT_MARKER.sub(lambda m: MARK.format(m[1]) if m[1] in numbers else m[0], line)
                if typed:
                    line = _tag_typed_markers(line, typed)
                line = _tag_markers(line, numbers)
                line = _PAREN_MARKER.sub(
                    lambda m: (
                        MARK.format(m.group(m.lastindex or 0))
                        if m.group(m.lastindex or 0) in numbers
                        else m.group(0)
                    ),
                    line,
                )
            result.lines.append(line)

    _tag_unclaimed_markers(result.lines, order)
    if any(key.startswith("w") for key in order):
        renumbered = _renumber(result.lines, order)
        note_lines = {new: note_lines[old] for old, new in renumbered}
        order = [new for _, new in renumbered]
    for number in order:
        text = join_lines(note_lines[number])
        urls = [u.rstrip(".,;:)»”’") for u in URL.findall(text)]
        result.notes.append(Note(number, text, urls))
    return result
