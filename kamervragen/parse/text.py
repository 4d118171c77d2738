"""Block text: wrapped lines → the clean text of one question or answer.

Lines are joined (hyphens at line ends resolved with the word list, URLs re-joined), the
damage extraction did to word boundaries is repaired as far as the word list is sure, and
footnote markers are taken out and returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kamervragen.parse.clean import MARK_RE, URL, join_lines
from kamervragen.parse.dutch import COMMON, common, join_inline_hyphen, split_camel_glue, split_glued, words

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([?.,;:!)»”])")
_LEFT_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,}$")
_RIGHT_WORD = re.compile(r"[^\W\d_]{2,}(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W\d_]{4,}")
# Spaces text others extracted lost: after a sentence ("Zaken.Een"), before a bracket
# ("overheid(zie"; not inside "paarden(vlees)keten"), after a closing quote or bar
# ("«Bulgarenfraude»heeft", "| Decision |European") and after a bracket before a function
# word ("(trimbos.nl)en"). Each alternative starts with its sign, so the scan skips to it.
_LOST_SPACE = re.compile(
    r"[?!;](?=[A-Z])|\.(?:(?<=[a-z]{3}\.)(?=[A-Z][a-z])|(?=[A-Z][a-z]{2}))"
    r"|[»|](?=[^\W\d_])|\)(?=(?:en|of|in|op|de|het|van|te|is|die|dat)\b)"
    r"|(?P<open>\()(?<=[a-z]\()(?=[a-z]{3})(?![^()\s]*\)[a-z])"
)
_NUMBER_WORD_GLUE = re.compile(r"\b(\d{2,})([a-z]{4,})\b")
_WORD_NUMBER_GLUE = re.compile(r"\b([A-Za-z][a-z]{3,})(\d{2,})\b")
_COMMA_GLUE = re.compile(r",(?=[^\W\d_]{2})")


# How much an extraction damaged word boundaries (see :func:`glue_level`).
INTACT = 0  # PDF, Word, XML
FUNCTION_GLUE = 1  # text others extracted: a function word glued to a neighbour
LOST_BREAKS = 2  # text that lost its line breaks: two content words glued too
# Text whose lost line breaks kamervragen.parse.breaks put back: only the hyphens of the
# breaks it could not place are left to judge.
RESTORED = 3


def finish_text(lines: list[str], glue: int = INTACT) -> tuple[str, list[str]]:
    """Lines of one block → clean text and the footnote numbers it refers to."""
    text = repair_glue(join_lines(lines), glue)
    refs = MARK_RE.findall(text)
    text = MARK_RE.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip(), refs


def repair_glue(text: str, glue: int) -> str:
    """Word boundaries repaired as far as the extraction damaged them (``glue``), never
    inside a web address: its letters, capitals and hyphens are the address."""
    if "/" not in text:
        return _repair_glue(text, glue)
    out: list[str] = []
    last = 0
    for url in URL.finditer(text):
        out += [_repair_glue(text[last : url.start()], glue), url.group(0)]
        last = url.end()
    out.append(_repair_glue(text[last:], glue))
    return "".join(out)


def _repair_glue(text: str, glue: int) -> str:
    text = split_camel_glue(text)
    if glue in (LOST_BREAKS, RESTORED):
        text = rejoin_inline_hyphens(text, _rejoin_lost_break)
    if glue != INTACT:
        # Text others extracted lost spaces inside lines too, not only at line ends.
        text = _LOST_SPACE.sub(lambda m: " (" if m.group("open") else m.group(0) + " ", text)
    if glue in (FUNCTION_GLUE, LOST_BREAKS):
        text = split_glued_words(text, content_pairs=glue == LOST_BREAKS)
    return text


def rejoin_inline_hyphens(text: str, decide: Callable[[str, str], str]) -> str:
    """Apply ``decide(left, right)`` to each ``word-word`` in the text. Finds the hyphens
    first, which is far cheaper than a pattern tried at every position."""
    if "-" not in text:
        return text
    out: list[str] = []
    last = 0
    at = text.find("-")
    while at != -1:
        left = _LEFT_WORD.search(text, max(last, at - 60), at)
        right = _RIGHT_WORD.match(text, at + 1)
        if left and right:
            out.append(text[last : left.start()])
            out.append(decide(left.group(0), right.group(0)))
            last = right.end()
        at = text.find("-", max(at + 1, last))
    out.append(text[last:])
    return "".join(out)


def _rejoin_lost_break(a: str, b: str) -> str:
    """``a-b`` in text that lost its line breaks: a broken word, a real hyphen, or a
    function word glued to the left part as well ("dieggz-hulp" → "die ggz-hulp")."""
    if not common(a) and (camel := _CAMEL.search(a)) is not None:
        # "laatsteICJ-advies" (not "GroenLinks-PvdA"): the glue is before the capital, the
        # hyphen is judged after it
        head, a = a[: camel.end()], a[camel.end() :]
        return head + " " + (a + b if join_inline_hyphen(a, b) else f"{a}-{b}")
    if (a + b).lower() in words() and join_inline_hyphen(a, b):
        return a + b
    split = split_glued(a)
    if " " in split:
        head, _, a = split.rpartition(" ")
        return head + " " + (a + b if join_inline_hyphen(a, b) else f"{a}-{b}")
    return a + b if join_inline_hyphen(a, b) else f"{a}-{b}"


_CAMEL = re.compile(r"[^\W\d_A-Z](?=[A-Z])")
_SPLIT_WORD = re.compile(r"\b([^\W\d_]{1,4}) ([^\W\d_]{3,})\b")


def _merge_split_words(text: str) -> str:
    """Extraction that lost a hyphen can leave a space inside a word ("die renwelzijn",
    "de elsgedistribueerd"): where the right part is no word, try the two joined, whole or
    re-split at a better place."""
    vocabulary = words()

    def merge(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if vocabulary.get(right.lower(), 0.0) >= COMMON or split_glued(right, True) != right:
            return m.group(0)  # a word, or words glued, which splitting handles
        joined = left + right
        if vocabulary.get(joined.lower(), 0.0) >= COMMON:
            return joined
        resplit = split_glued(joined, content_pairs=True)
        return resplit if resplit != joined else m.group(0)

    return _SPLIT_WORD.sub(merge, text)


def split_glued_words(text: str, content_pairs: bool = False) -> str:
    """Split the glued words of a text; only tokens missing from the word list are tried."""
    vocabulary = words()
    # Each distinct word judged once, and the text rewritten only where one splits: a
    # replacement called for every word would cost more than the judging.
    split = {}
    for token in set(_TOKEN.findall(text)):
        if (
            vocabulary.get(token.lower(), 0.0) < 5e-6
            and (parts := split_glued(token, content_pairs)) != token
        ):
            split[token] = parts
    if split:
        pattern = r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, split)) + r")(?![^\W\d_])"
        text = re.sub(pattern, lambda m: split[m.group(0)], text)
    # "recht,waaronder": a comma after a word (not in "12,5") wants its space back
    text = _COMMA_GLUE.sub(lambda m: ", " if m.start() and m.string[m.start() - 1].isalpha() else ",", text)
    if content_pairs:
        text = _merge_split_words(text)
        # Lost line breaks glue numbers to words too.
        text = _NUMBER_WORD_GLUE.sub(
            lambda m: f"{m.group(1)} {m.group(2)}" if common(m.group(2)) else m.group(0), text
        )
        text = _WORD_NUMBER_GLUE.sub(
            lambda m: f"{m.group(1)} {m.group(2)}" if common(m.group(1)) else m.group(0), text
        )
    return text


def glue_level(lines: list[str], fmt: str) -> int:
    """INTACT for formats that keep word boundaries; for text others extracted,
    LOST_BREAKS when it visibly lost its line breaks (several words glued to a function
    word), else FUNCTION_GLUE; RESTORED when those breaks were put back."""
    if fmt == RESTORED_FORMAT:
        return RESTORED
    if fmt != "text":
        return INTACT
    vocabulary = words()
    glued: set[str] = set()
    for line in lines:
        for token in _TOKEN.findall(line):
            if vocabulary.get(token.lower(), 0.0) < 5e-6 and split_glued(token) != token:
                glued.add(token)
                if len(glued) >= 3:
                    return LOST_BREAKS
    return FUNCTION_GLUE


RESTORED_FORMAT = "text with breaks restored"
