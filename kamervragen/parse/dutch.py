"""Dutch word knowledge: the word list (wordfreq) behind joining hyphens at line breaks
and splitting words that extraction glued together, plus accent repair."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from wordfreq import get_frequency_dict

# Closed-class words and auxiliaries. A glued token is split only when one side is one of
# these: Dutch writes compounds as one word ("kinderopvangtoeslag"), but never glues a
# function word to another word, so this tells a glue from a compound with few mistakes.
FUNCTION_WORDS = frozenset(
    """de het een van en in op te dat die is zijn er niet met voor aan om ook als bij of door
    naar dan nog wel u uw ik wij we zij ze hij deze dit wordt worden kan kunnen heeft hebben
    had hadden zal zullen zou zouden moet moeten was waren werd werden geen meer over uit tot
    nu al hoe wat waarom welke wie hun haar zich mijn onze ons mij hen hem wanneer waar waarin
    waarbij hierover hiervan daarvan daarbij daarom daarnaast maar want omdat of dus toch
    reeds zeer heel alle andere eigen wordt is bent ben binnen tussen onder na tegen zonder
    sinds vanuit volgens welk elk elke iets niets veel weinig hoeveel per via jl dient kunt
    wilt wil gaat gaan doet doen deelt acht vindt zo ja nee""".split()
)

_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02ca": "\u0301",
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02c7": "\u030c",  # ˇ caron
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02da": "\u030a",  # ˚ ring
}
_DAMAGED_ACCENT = re.compile("([A-Za-z]) ?([" + "".join(_ACCENTS) + "])")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def words() -> dict[str, float]:
    return get_frequency_dict("nl", wordlist="large")


def known(word: str) -> bool:
    return word.lower() in words()


def repair_accents(text: str) -> str:
    """``Kostic´`` → ``Kostić``, ``Yes¸ilgöz`` → ``Yeşilgöz``: PDF extraction writes some
    accents as a separate spacing mark after the letter."""
    if not any(mark in text for mark in _ACCENTS):
        return text

    def combine(m: re.Match[str]) -> str:
        composed = unicodedata.normalize("NFC", m.group(1) + _ACCENTS[m.group(2)])
        return composed if len(composed) == 1 else m.group(0)

    return _DAMAGED_ACCENT.sub(combine, text)


def join_hyphenated(left: str, right: str) -> str:
    """Join the two halves of a word broken with a hyphen at a line end.

    ``gecompen`` + ``seerd`` → ``gecompenseerd``; ``Jean`` + ``Pierre`` → ``Jean-Pierre``;
    ``PVV`` + ``minister`` → ``PVV-minister``.
    """
    left_word = _WORD.findall(left)
    right_word = _WORD.findall(right)
    if not left_word or not right_word or not right[:1].isalpha():
        return left + "-" + right
    a, b = left_word[-1], right_word[0]
    if b[0].isupper() or len(a) == 1 or a.isupper():
        return left + "-" + right
    joined = (a + b).lower()
    if joined in words():
        return left + right
    if known(a) and known(b):
        return left + "-" + right
    return left + right


def join_inline_hyphen(a: str, b: str) -> bool:
    """For text whose line breaks were lost: is ``a-b`` a broken word (``berichtge-ving``)?"""
    if not a or not b or b[0].isupper() or a.isupper() or len(a) == 1:
        return False
    return (a + b).lower() in words()


def split_glued(token: str) -> str:
    """``hetkader`` → ``het kader``, ``kinderopvangtoeslaghebben`` → ``… hebben``; unknown
    compounds (``exportkredietverzekering``) stay whole."""
    lower = token.lower()
    vocabulary = words()
    if len(token) < 5 or lower in vocabulary:
        return token
    best: tuple[float, int] | None = None
    for i in range(2, len(token) - 1):
        a, b = lower[:i], lower[i:]
        if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
            fa, fb = vocabulary.get(a), vocabulary.get(b)
            if fa and fb and (len(a) > 1 and len(b) > 1):
                if token[i].isupper() and not token[0].isupper():
                    continue
                score = min(fa, fb)
                if best is None or score > best[0]:
                    best = (score, i)
    if best is None:
        return token
    i = best[1]
    return token[:i] + " " + token[i:]
