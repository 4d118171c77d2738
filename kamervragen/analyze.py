"""Dutch text analysis for search: the same steps for what is indexed and what is asked.

A word is lower-cased, its diacritics folded (``financiën`` and ``financien`` meet), and
stemmed with the Snowball Dutch stemmer (``huisuitzettingen`` → ``huisuitzet``). A compound
is also split into the words it is made of, so ``uitzetting`` finds ``huisuitzettingen``:
those parts go to a separate column so that phrases still match word for word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from kamervragen.parse.dutch import COMMON, words

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STEMMER = Stemmer.Stemmer("dutch")
# Parts shorter than this are too often syllables ("be", "ver") to be worth indexing.
MIN_PART = 4


def fold(word: str) -> str:
    """Lower case without diacritics: ``Financiën`` → ``financien``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of a text, as written."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(fold(word))


@lru_cache(maxsize=200_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The words a compound is made of, stemmed: ``huisuitzettingen`` → (huis, uitzet).

    The split whose rarer part is most frequent wins, with a linking ``s`` or ``en`` allowed
    on the first part; it must beat the word itself, since a word more common than its
    would-be parts is no transparent compound (``regering`` is not ``rege`` + ``ring``).
    The first part is split again when it is long. Words under 8 letters are left whole.
    """
    lower = fold(word)
    if len(lower) < 8 or not lower.isalpha():
        return ()
    vocabulary = words()
    own = vocabulary.get(lower, 0.0)
    best: tuple[float, str, str] | None = None
    for i in range(MIN_PART, len(lower) - MIN_PART + 1):
        head, tail = lower[:i], lower[i:]
        tail_freq = vocabulary.get(tail, 0.0)
        if tail_freq < COMMON:
            continue
        for linked in (
            head,
            head[:-1] if head.endswith("s") else "",
            head[:-2] if head.endswith("en") else "",
        ):
            if len(linked) < MIN_PART:
                continue
            score = min(vocabulary.get(linked, 0.0), tail_freq)
            if score >= COMMON and score > own and (best is None or score > best[0]):
                best = (score, linked, tail)
    if best is None:
        return ()
    _, head, tail = best
    return (*(compound_parts(head) or (stem(head),)), stem(tail))


def analyze(text: str) -> tuple[str, str]:
    """Index form of a text: (stems in order, compound parts), each space-separated."""
    stems: list[str] = []
    parts: list[str] = []
    for word in tokens(text):
        stems.append(stem(word))
        parts.extend(compound_parts(word))
    return " ".join(stems), " ".join(parts)
