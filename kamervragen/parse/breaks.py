"""Lost line breaks: text that others extracted from a typeset PDF sometimes runs every line
of a paragraph into the next without a space ("de enigelanden", "Hetadvies",
"2024(Kamerstuk").

The printed lines were nearly equally wide, so the places where a line must have ended are
known to within a few characters: a glue is looked for only there, the most plausible
split in each such window wins, and a word anywhere else (a name, an unlisted compound) is
never touched. The width is measured per document from the glues that are certain.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from wordfreq import get_frequency_dict

from kamervragen.parse.dutch import (
    COMMON,
    ENDINGS,
    FUNCTION_WORDS,
    MAX_TOKEN,
    _compound,
    _glue_signal,
    join_hyphenated,
    join_inline_hyphen,
    letterlike,
    split_glued,
    words,
)

# Printed lines differ in characters by the widths of their letters: observed within ±10%
# of the document's mean.
NARROW, WIDE = 0.82, 1.15
# Lines narrower than this many characters are no running text (labels, short headings).
MIN_WIDTH, MAX_WIDTH = 45, 100
# A split this sure counts towards measuring the width ...
CERTAIN = 1.2
# A hyphen between letters: a line end, unless a glued function word beside it is the
# likelier one ("deze|interim-woordvoerder").
HYPHEN = 3.0
# ... and text that lost its breaks shows about one every other line; text that kept them
# only now and then (a typo, an unlisted compound).
GLUES_PER_CHARACTER = 9 / 1000
# Characters of long paragraphs after which a text with a third of that is given up on.
SAMPLE = 5000
_CLOSING = ".?!:;,)»”"
_OPENING = "(«“‘"


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    # Dutch questions quote English titles and reports ("arising from thepolicies").
    return get_frequency_dict("en", wordlist="large")


class Candidate(NamedTuple):  # a tuple: a paragraph has hundreds, made in a hot loop
    at: int  # the break stands before text[at]
    score: float
    # "space": put the lost space back; "hyphen": the line ended with a hyphen, which
    # joins a broken word or stays; "keep": nothing to repair (a hyphen in an address).
    action: str = "space"


def _letter(c: str) -> bool:
    return c.isalpha()


def _token(text: str, at: int) -> tuple[int, int]:
    start, end = at, at
    while start > 0 and _letter(text[start - 1]):
        start -= 1
    while end < len(text) and _letter(text[end]):
        end += 1
    return start, end


_INFIX = re.compile(r"\([^()\s]*\)[^\W\d_]")
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])[a-z]\.[a-z]\.$")
_WORD = re.compile(r"[a-z]{4,}")
_INFIX_END = re.compile(r"[^\W\d_]\([^()\s]*\)$")


def _score(text: str, at: int) -> float:
    """How sure a break before ``text[at]`` is, where one side is no letter: 0 when
    nothing says the two sides were apart."""
    left, right = text[at - 1], text[at]
    if left == " " or right == " ":
        return 0.0
    if left in _CLOSING and _letter(right):
        # "toegerekend.In", "1970)uitdrukkelijk", "Tunesië?Kunt"; not "e.g." or "c.s."
        if left == "." and _ABBREVIATION_END.search(text, max(0, at - 6), at) and _WORD.match(text, at):
            return 2.0  # "(m.n.intrekking", an abbreviation complete before a word
        if left in ".?!" and not right.isupper() or _INFIX_END.search(text, max(0, at - 40), at):
            return 0.0
        return 2.0 if at >= 2 and (text[at - 2].isalnum() or text[at - 2] in _CLOSING) else 0.0
    if (left.isalnum() or left in _CLOSING) and right in _OPENING:
        # "Gerechtshof(hierna", "van«subsidie»"; not a bracket inside a word: "paarden(vlees)keten"
        return 0.0 if _INFIX.match(text, at) else 2.0
    if left in "–" and _letter(right):
        return 2.0
    if _letter(left) and right.isdigit() or left.isdigit() and _letter(right):
        return _number_glue(text, at)
    return 0.0


@lru_cache(maxsize=1)
def _longest_frequent() -> int:
    """The longest word as frequent as the parts of a listed word must be to split it."""
    return max(len(w) for w, f in words().items() if f >= 2000 * COMMON)


@lru_cache(maxsize=1)
def _left_parts() -> frozenset[str]:
    """Every left part a split can have: a function word or a word of either list."""
    dutch, english = words(), _english()
    left = {w for w, f in dutch.items() if f >= COMMON}
    left.update(w for w, f in english.items() if f >= COMMON and len(w) >= 3)
    return frozenset(left | FUNCTION_WORDS)


_LONGEST_FUNCTION_WORD = max(map(len, FUNCTION_WORDS))


@lru_cache(maxsize=1)
def _frequent() -> dict[str, float]:
    """The words that can be the parts of a listed word split in two (see _split_score),
    at their _frequency."""
    floor = 2000 * COMMON
    dutch = words()
    out = {w: f for w, f in dutch.items() if f >= floor}
    out.update(
        (w, f) for w, f in _english().items() if f >= floor and len(w) >= 3 and dutch.get(w, 0.0) < 1e-6
    )
    return out


@lru_cache(maxsize=65536)
def _splits(token: str) -> tuple[tuple[int, float], ...]:
    """Where a run of letters may be two words glued, and how sure each split is."""
    n = len(token)
    if n > MAX_TOKEN:
        return ()
    lower = token.lower()
    own = words().get(lower, 0.0)
    plain = token[1:].islower()
    if own >= 2.5e-5 and plain:
        return ()  # too common a word to be a rare glue (see _split_score)
    # A listed word splits only into two far likelier words (see _split_score), and such
    # words are short: only the places that leave two of them need a look.
    start, end = 1, n
    if own >= COMMON:
        longest = _longest_frequent()
        start, end = max(1, n - longest), min(n, longest + 1)
    found: dict[int, float] = {}
    if not plain:
        for at in range(start, end):
            if token[at].isupper() and token[at - 1].islower():
                # "includingEast", "duizendenIerse", "VerenigdKoninkrijk"; "GroenLinks" is listed
                found[at] = 2.5 if own < COMMON else 0.0
    # Only places with a listed word on the left or a function word on the right can
    # score (see _split_score): the cheap test of a slice first. A listed word splits only
    # into two words each 2000 times as frequent as it is.
    left_parts = _left_parts()
    frequent, need = (_frequent(), 2000 * own) if own >= COMMON else (None, 0.0)
    tail_from = max(start, n - _LONGEST_FUNCTION_WORD)
    for at in range(max(start, 2), min(end, n - 1)):
        if at in found:
            continue
        a, b = lower[:at], lower[at:]
        if a in left_parts or at >= tail_from and b in FUNCTION_WORDS:
            if frequent is None or frequent.get(a, 0.0) >= need and frequent.get(b, 0.0) >= need:
                found[at] = _split_score(a, b, own)
    if start == 1 and lower[0] == "u" and 1 not in found and n >= 3:
        found[1] = _split_score("u", lower[1:], own)
    return tuple((at, score) for at, score in sorted(found.items()) if score)


def _split_score(a: str, b: str, own: float) -> float:
    """How sure the split of lower-case ``a + b`` (listed at frequency ``own``) is."""
    fa, fb = _frequency(a), _frequency(b)
    # A listed word stays whole, unless it is a rare glue of two far likelier words ("vande").
    if own >= COMMON and min(fa, fb) < 2000 * own:
        return 0.0
    # Of two splits of one token the likelier words win: "enige|landen", not "enig|elanden".
    bonus = _zipf(min(fa, fb)) / 10
    for function, content, f in ((a, b, fb), (b, a, fa)):
        if function in FUNCTION_WORDS:
            if f >= COMMON:
                return 2.0 + bonus
            # An unlisted word beside it ("om|smokkelnetwerken", "van|eigenstandige") is
            # weaker evidence: "genoemdepraktijk|en" must lose to "genoemde|praktijken";
            # and a short ending after one is inflection ("ambtsvoorgang|er").
            if function is b and b in ENDINGS:
                return 0.0
            return 1.2 if _wordlike(content) else 0.0
    if fa >= COMMON and fb >= COMMON:
        return 1.0 + bonus
    # "huidige|beleidskader", "implementerende|partners": an inflected word cannot start
    # a compound.
    if _glue_signal(a, b) and (fa >= COMMON or _wordlike(a)) and (fb >= COMMON or _wordlike(b)):
        return 1.1
    return 0.0


def _wordlike(part: str) -> bool:
    """An unlisted (or rare) word that still reads as one: a listed word inflected
    ("eigenstandig|e", "implementere|nde"), or a compound of listed words
    ("ontmoedigings|beleid"). Rare words count here: the list holds them, if seldom."""
    if len(part) < 6:
        return False
    vocabulary = words()
    if vocabulary.get(part, 0.0) > 0:
        return True
    if part.endswith("e") and vocabulary.get(part[:-1], 0.0) > 0:
        return True
    if part.endswith("nde") and vocabulary.get(part[:-2], 0.0) > 0:
        return True
    for i in range(3, len(part) - 3):
        head, tail = part[:i], part[i:]
        if vocabulary.get(tail, 0.0) >= COMMON and (
            vocabulary.get(head, 0.0) > 0 or head.endswith("s") and vocabulary.get(head[:-1], 0.0) > 0
        ):
            return True
    return False


_DIGITS = re.compile(r"\d+")


def _number_glue(text: str, at: int) -> float:
    """A number after a word ("september2024") or a word after an amount ("330betrokken");
    never a short number after a content word, which is a footnote marker ("Gerechtshof1")."""
    if text[at].isdigit():
        digits = _DIGITS.match(text, at)
        start, _ = _token(text, at - 1)
        word = text[start:at]
        if not digits or _frequency(word) < 1e-6:
            return 0.0
        # A marker follows a word directly; after a function word ("op19 september") or
        # with three digits and more ("paragraaf203", "september2024") it is a number.
        return 2.0 if word.lower() in FUNCTION_WORDS or len(digits.group(0)) >= 3 else 0.0
    start = at
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    _, end = _token(text, at)
    return 2.0 if at - start >= 2 and end - at >= 2 and _frequency(text[at:end]) >= 1e-6 else 0.0


@lru_cache(maxsize=65536)
def _frequency(part: str) -> float:
    lower = part.lower()
    dutch = words().get(lower, 0.0)
    return dutch if dutch >= 1e-6 or len(part) < 3 else max(dutch, _english().get(lower, 0.0))


def _zipf(frequency: float) -> float:
    return max(0.0, math.log10(frequency) + 9) if frequency > 0 else 0.0


# Addresses, whole or the part of one a line break left on the next line
# ("die%20veelal,Nederland%20naar…"): nothing in the run of non-spaces around such a sign
# is a glue. A scan for the sign, then the run around it: a pattern that starts with
# "any non-space" would be tried at every position.
_ADDRESS_SIGN = re.compile(r"https?://|www\.|%[0-9A-F]{2}|[/=#~&]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# The places beside a sign or a digit where _score can find a glue, or a hyphen joins two
# letters: the signs are found by one scan, the letter beside each is looked at after.
_SIGN = re.compile(r"[.?!:;,)»”–(«“‘-]|\d+")
_SIGN_AFTER = frozenset(_CLOSING + "–")
_OPENING_SET = frozenset(_OPENING)


def _inside_addresses(text: str) -> set[int]:
    inside: set[int] = set()
    covered = 0
    for m in _ADDRESS_SIGN.finditer(text):
        if m.start() < covered:
            continue
        start, end = m.start(), m.end()
        if not m.group(0).startswith("www"):  # an address reaches back to its space
            while start > 0 and not text[start - 1].isspace():
                start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        inside.update(range(start + 1, end))
        covered = end
    return inside


def _sign_places(text: str) -> list[int]:
    """Positions beside a sign or a number where a glue may be (see _score)."""
    out = []
    n = len(text)
    for m in _SIGN.finditer(text):
        s, e = m.span()
        c = text[s]
        if c in _SIGN_AFTER:
            if e < n and letterlike(text[e]):
                out.append(e)
        elif c in _OPENING_SET:
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_" or text[s - 1] in _CLOSING):
                out.append(s)
        elif c == "-":
            if s > 0 and e < n and letterlike(text[s - 1]) and letterlike(text[e]):
                out.append(e)
        else:  # a number: a letter before or after it
            if s > 0 and letterlike(text[s - 1]):
                out.append(s)
            if e < n and letterlike(text[e]):
                out.append(e)
    return out


@lru_cache(maxsize=4096)
def candidates(text: str) -> tuple[Candidate, ...]:
    """Every place in a paragraph where a line may have ended, with how sure it is."""
    inside_url = _inside_addresses(text) if any(c in text for c in "/%=#~&") else set()
    found: dict[int, Candidate] = {}
    # Most words split nowhere: look each distinct one up once, then find where the few
    # that do split stand.
    for token in set(_LETTERS.findall(text)):
        if splits := _splits(token):
            at = text.find(token)
            while at != -1:
                end = at + len(token)
                if (at == 0 or not letterlike(text[at - 1])) and (
                    end == len(text) or not letterlike(text[end])
                ):
                    for offset, score in splits:
                        found[at + offset] = Candidate(at + offset, score)
                at = text.find(token, end)
    for at in _sign_places(text):
        if 0 < at < len(text) and at not in found:
            if text[at - 1] == "-" and at >= 2 and _letter(text[at - 2]) and _letter(text[at]):
                found[at] = Candidate(at, HYPHEN, "hyphen")
                continue
            score = _score(text, at)
            if score:
                found[at] = Candidate(at, score)
    out = []
    for at in sorted(found):
        c = found[at]
        if at in inside_url:
            if c.action != "hyphen":
                continue
            c = Candidate(at, c.score, "keep")  # inside an address every hyphen is real
        out.append(c)
    return tuple(out)


def line_width(paragraphs: list[str]) -> float | None:
    """The document's printed line width in characters, from the distances between certain
    glues in its long paragraphs; None when they do not agree on one."""
    distances: list[int] = []
    length = 0
    for text in paragraphs:
        if len(text) < MIN_WIDTH * 1.5:
            continue
        if length >= SAMPLE and len(distances) < length * GLUES_PER_CHARACTER / 3:
            return None  # far too few glues so far: this text kept its breaks
        length += len(text)
        previous = 0
        for c in candidates(text):
            if c.score >= CERTAIN and c.action != "keep":
                distances.append(c.at - previous)
                previous = c.at
    if len(distances) < 6 or len(distances) < length * GLUES_PER_CHARACTER:
        return None
    distances.sort()
    best, support = None, 0
    for width in range(MIN_WIDTH, MAX_WIDTH + 1):
        count = bisect_right(distances, WIDE * width) - bisect_left(distances, NARROW * width)
        if count > support:
            best, support = width, count
    if best is None or support < max(4, len(distances) // 4):
        return None
    # The middle of the accepted range, not its edge.
    inside = sorted(d for d in distances if NARROW * best <= d <= WIDE * best)
    width = inside[len(inside) // 2]
    return float(width) if MIN_WIDTH <= width <= MAX_WIDTH else None


def restore(text: str, width: float) -> str:
    """The paragraph with its lost line breaks put back where it can tell them."""
    lo, hi = int(width * NARROW), int(width * WIDE) + 1
    if len(text) <= hi:
        return text
    # A line may also have ended anywhere nothing shows it, with score 0, so no line is
    # forced to take a poor split: at a space, or inside a word the extraction joined
    # back or that reads as one ("kennis-|genomen", "met|een"). Such breaks add nothing,
    # so only the candidates are chained: two can follow each other when whole lines of
    # the allowed width fit between them, and whatever follows the last one always fits.
    found = [c for c in candidates(text) if c.score > 0]
    reach = 3 * lo  # from here on every distance fits (4 * lo <= 3 * hi for these widths)

    def fits(distance: int) -> bool:
        return distance >= reach or any(m * lo <= distance <= m * hi for m in (1, 2))

    at = [0] + [c.at for c in found]
    best = [0.0] + [float("-inf")] * len(found)
    back = [-1] * len(at)
    far = 0  # candidates before `far` lie at least `reach` before the current one
    far_best, far_index = float("-inf"), -1
    for j in range(1, len(at)):
        while at[far] <= at[j] - reach:
            if best[far] >= far_best:
                far_best, far_index = best[far], far
            far += 1
        top, top_index = far_best, far_index
        for i in range(far, j):
            if best[i] >= top and fits(at[j] - at[i]):
                top, top_index = best[i], i
        if top_index >= 0:
            best[j], back[j] = top + found[j - 1].score, top_index
    last = max(range(len(at)), key=lambda j: best[j])
    out = text
    while last > 0:
        out = _apply(out, found[last - 1])
        last = back[last]
    return out


_LEFT = re.compile(r"[^\W\d_]+$")
_RIGHT = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"[^\W\d_A-Z](?=[A-Z])")


def _apply(text: str, c: Candidate) -> str:
    if c.action == "space":
        return text[: c.at] + " " + text[c.at :]
    if c.action == "keep":
        return text
    # A hyphen at a line end: a word broken in two, or a real hyphen ("ICJ-advies").
    # The word before the hyphen, looked for near it (no longer word is split): from the
    # start of a long paragraph the pattern would be tried at every letter.
    left = _LEFT.search(text, max(0, c.at - 1 - MAX_TOKEN - 1), c.at - 1)
    if left and (camel := _CAMEL.search(left.group(0))):
        # "deNAVO-ambities": the word before the hyphen starts at the capital
        left = _LEFT.search(text, left.start() + camel.start() + 1, c.at - 1)
    right = _RIGHT.match(text, c.at)
    if not left or not right:
        return text
    a, b = left.group(0), right.group(0)
    if a.lower() in ("en", "of", "tot"):
        # "mensenhandel en|-smokkel": the line ended before the hyphen of an elision
        return text[: c.at - 1] + " " + text[c.at - 1 :]
    whole = (a + b).lower()
    head, _, word = ("", "", a) if _frequency(whole) or _compound(whole) else split_glued(a).rpartition(" ")
    if head:
        # "dezeinterim-woordvoerder": the line ended at the glue, so the hyphen is the
        # text's own unless it joins a broken word.
        joined = head + " " + (word + b if join_inline_hyphen(word, b) else f"{word}-{b}")
    else:
        joined = join_hyphenated(a, b)
    return text[: left.start()] + joined + text[right.end() :]


def restore_pages(pages: list[list[str]]) -> list[list[str]] | None:
    """Every line of a document whose line breaks were lost, with them put back; None when
    the document shows no steady line width (its breaks were not lost this way)."""
    width = line_width([line for page in pages for line in page])
    if width is None:
        return None
    return [[line if _NOTE.match(line) else restore(line, width) for line in page] for page in pages]


# A footnote's first line ("2Advies van bureau …", "1 https://…"): footnotes are set
# smaller, so their lines are wider than the body's, and such extractions keep them apart.
_NOTE = re.compile(r"^\d{1,3} ?(?:[^\W\d_]|[«‘'\"(]|https?://|www\.)")


# Where a block or a heading starts, after the end of a sentence: "…reactie? Vraag 2 Bent u",
# "…verlaten. Antwoord vraag 3 Zoals", "…2024) Antwoord van minister …".
_RUN_ON_START = re.compile(
    r"(?:(?<=[.?!)»”:])|(?<=[?!»”]\d)|(?<=[?!»”]\d\d))\s*(?=(?:Vra(?:ag|gen)|Antwoord(?:en)?(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?)\s*\d{1,3}(?!\d)"
    r"|(?:Antwoord|Mededeling|Vragen|Mondelinge vragen)\s+van\b)"
)
_GLUED_LABEL = re.compile(
    r"^((?:Vra(?:ag|gen)|Antwoord(?:en)?(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?)\s*\d{1,3})(?=[A-Z])"
)
# The identifier in a page's footer stands on a line of its own.
_IDENTIFIER = re.compile(r"\s*((?:ah|kv)-(?:tk|ek)-\d{8}-\d{1,5}|(?:ah|kv)-(?:tk|ek)-\d{4}Z\d{5})(?!\d)\s*")


_GLUED_MARKER = re.compile(r"(?<=[?!»”a-z])(\d{1,2})(?=\s)")


def _note_bodies_apart(line: str) -> str:
    """The footnotes at the end of a run-together text ("… Antwoord 4 Ja. 1 https://…")
    on lines of their own, for each marker glued in the text before ("pleeggezin»?1")."""
    for number in sorted({int(n) for n in _GLUED_MARKER.findall(line)}):
        body = re.compile(rf"\s({number})\s+(?=https?://|www\.|[A-Z«])")
        starts = [m.start() for m in body.finditer(line)]
        if starts:
            line = line[: starts[-1]] + "\n" + line[starts[-1] + 1 :]
    return line


def _starts_at_least_twice(line: str) -> bool:
    # Counting the words a start needs is far cheaper than the pattern, which looks behind
    # at every position.
    if sum(line.count(word) for word in ("Vra", "Antwoord", "Mededeling", "Mondelinge")) < 2:
        return False
    return len(_RUN_ON_START.findall(line)) >= 2


def split_run_on(pages: list[list[str]]) -> list[list[str]]:
    """Lines that hold several blocks (a text whose every line break was lost, the whole
    document on one line), cut where a block or a heading starts."""
    out = []
    for page in pages:
        lines: list[str] = []
        for line in page:
            if len(line) > 2 * MAX_WIDTH and _starts_at_least_twice(line):
                for part in _RUN_ON_START.split(_note_bodies_apart(line)):
                    part = _GLUED_LABEL.sub(r"\1 ", part)  # "Vraag 1Hoeveel"
                    lines.extend(p for p in _IDENTIFIER.sub(r"\n\1\n", part).split("\n") if p.strip())
            else:
                lines.append(line)
        out.append(lines)
    return out
