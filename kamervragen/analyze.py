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
# Snowball's "dutch_porter", not its "dutch": the latter strips "ge-" wherever it sees it
# ("gemeente" → "meen", "regenboog" → "renboog", "gezondheidszorg" → "zondheidszorg"),
# joining words that have nothing in common. Its one gap, that a stem keeps the voiced
# consonant of the plural ("huizen" → "huiz", "brieven" → "briev"), is closed below.
_STEMMER = Stemmer.Stemmer("dutch_porter")
_DEVOICED = {"z": "s", "v": "f"}
# Parts shorter than this are too often syllables ("be", "ver") to be worth indexing.
MIN_PART = 4
# A last part of three letters counts only when it is an everyday word ("omgevings|wet",
# "school|bus"), not a syllable that happens to be listed.
SHORT_TAIL, SHORT_TAIL_FREQUENCY = 3, 1e-5


def fold(word: str) -> str:
    """Lower case without diacritics: ``Financiën`` → ``financien``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of a text, as written."""
    return _WORD.findall(text)


# The participle of a separable verb puts "ge" after the prefix ("af|ge|treden"): without it,
# it meets the verb ("aftreden"). Only where the word without it is a listed word, so that
# "gemeente" and "regenboog" stay whole.
_PARTICIPLE = re.compile(
    r"^(af|aan|op|uit|in|mee|voor|na|om|toe|terug|weg|bij|door|over|samen|vast|vrij)ge(\w{3,})$"
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """``huisuitzettingen`` → ``huisuitzet``; ``rijbewijzen`` and ``rijbewijs`` → ``rijbewijs``;
    ``bussen`` and ``bus`` → ``bus``; ``afgetreden`` and ``aftreden`` → ``aftred``."""
    folded = fold(word)
    if (m := _PARTICIPLE.match(folded)) and words().get(m.group(1) + m.group(2), 0.0) >= COMMON:
        folded = m.group(1) + m.group(2)
    stemmed = _STEMMER.stemWord(folded)
    if len(stemmed) > 3 and stemmed[-1] in _DEVOICED:
        stemmed = stemmed[:-1] + _DEVOICED[stemmed[-1]]
    if len(stemmed) > 3 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in "aeiou":
        stemmed = stemmed[:-1]  # "buss" → "bus", "stell" → "stel"
    return stemmed


def _base(part: str) -> tuple[str, float]:
    """A compound's last part as the word list knows it: itself, or without the ending of
    a plural or an inflection ("stikstof|oxiden" → "oxide")."""
    vocabulary = words()
    best = (part, vocabulary.get(part, 0.0))
    for ending in ("tjes", "jes", "tje", "je", "en", "s", "n", "e"):  # diminutives too: "hoofddoek|jes"
        if part.endswith(ending) and len(part) - len(ending) >= SHORT_TAIL:
            shorter = part[: -len(ending)]
            if vocabulary.get(shorter, 0.0) > best[1]:
                best = (shorter, vocabulary.get(shorter, 0.0))
    return best


@lru_cache(maxsize=200_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The words a compound is made of, stemmed, at every level: ``huisartsenpost`` →
    (huisarts, huis, arts, post), so that ``huisarts`` and ``huis`` both find it.

    The split whose rarer part is most frequent wins, with a linking ``s``, ``en`` or ``e``
    allowed on the first part and an inflected last part ("stikstof|oxiden"); it must beat
    the word itself, since a word more common than its would-be parts is no transparent
    compound (``regering`` is not ``rege`` + ``ring``). Each part is split again when it is
    long. Words under 8 letters are left whole.
    """
    lower = fold(word)
    if len(lower) < 8 or not lower.isalpha():
        return ()
    vocabulary = words()
    own = vocabulary.get(lower, 0.0)
    best: tuple[float, str, str] | None = None
    for i in range(MIN_PART, len(lower) - SHORT_TAIL + 1):
        head, tail = lower[:i], lower[i:]
        tail, tail_freq = _base(tail)
        if tail_freq < (COMMON if len(tail) >= MIN_PART else SHORT_TAIL_FREQUENCY):
            continue
        for linked in (
            head,
            head[:-1] if head.endswith(("s", "e")) else "",
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
    out = [stem(head), *compound_parts(head), stem(tail), *compound_parts(tail)]
    return tuple(dict.fromkeys(p for p in out if p != stem(lower)))


def analyze(text: str) -> tuple[str, str]:
    """Index form of a text: (stems in order, compound parts), each space-separated."""
    stems: list[str] = []
    parts: list[str] = []
    for word in tokens(text):
        stems.append(stem(word))
        parts.extend(compound_parts(word))
    # A compound written with a hyphen is also found written as one word: "Nutri-Score"
    # by "nutriscore", "DigiD-machtiging" by "digidmachtiging".
    for joined in _HYPHENATED.findall(text) if "-" in text else ():
        whole = joined.replace("-", "")
        parts.append(stem(whole))
        parts.extend(compound_parts(whole))
    return " ".join(stems), " ".join(parts)


# (Starting at a letter, not at a look-behind, which would be tried at every position.)
_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
