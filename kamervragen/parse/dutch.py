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
    wilt wil gaat gaan doet doen deelt acht vindt zo ja nee waarop waarmee waarvoor waarover
    waardoor daarop daarmee daarvoor daarover hierop hiermee hiervoor hierover zoals terwijl
    hier daar inzake""".split()
)


# Function words that are also endings of Dutch words ("request|en", "ambtsvoorgang|er").
ENDINGS = frozenset({"en", "er"})


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


# Below this frequency a "word" in the list is as likely a fragment or a typo (zipf < 2).
COMMON = 1e-7
# Letters no Dutch word, nor two glued, comes near: a longer run is left whole unexamined, so
# that trying its split points (each a look-up of a slice) cannot cost time by its square.
MAX_TOKEN = 64
# Prefixes Dutch writes with a hyphen; line ends that break after them keep it.
HYPHEN_PREFIXES = frozenset("ex niet oud non vice anti pro semi multi".split())
# Vowel pairs that would read as one sound if joined: "zee-egel", "auto-ongeluk".
_VOWEL_CLASH = frozenset("aa ae ai au ee ei eu ie oe oo ou ui uu".split())


# Short prefixes that are also words ("ver", "ont"): a break after them is hyphenation.
_SYLLABLE_PREFIXES = frozenset("be ge ver ont her mis er te op in af aan uit om bij na toe".split())


def letterlike(c: str) -> bool:
    r"""What the patterns' ``[^\W\d_]`` matches: a letter (or a letter-like sign), no digit."""
    return c.isalnum() and not c.isdecimal()


def common(word: str) -> bool:
    return words().get(word.lower(), 0.0) >= COMMON


def _needs_hyphen(a: str, b: str) -> bool:
    """Would Dutch spelling write ``a-b`` with the hyphen, the two joined being no word?"""
    lower = a.lower()
    return (
        b[0].isupper()
        or len(a) == 1
        or a.isupper()
        or (a[0].isupper() and not common(a))  # "Tozo-lening": a name before the hyphen
        or lower in HYPHEN_PREFIXES
        or (len(a) <= 3 and common(a) and lower not in _SYLLABLE_PREFIXES)  # "mvo-", "cv-", "ggz-"
        or (lower[-1] + b[0].lower()) in _VOWEL_CLASH
    )


def join_hyphenated(left: str, right: str) -> str:
    """Join the two halves of a word broken with a hyphen at a line end.

    ``gecompen`` + ``seerd`` → ``gecompenseerd``; ``Regenboog`` + ``beleid`` →
    ``Regenboogbeleid`` (typesetters break compounds at their seam); ``Jean`` + ``Pierre`` →
    ``Jean-Pierre``; ``mvo`` + ``standaarden`` → ``mvo-standaarden``; ``aanloop`` + ``en`` →
    ``aanloop- en`` (the hyphen of "aanloop- en volloopverliezen").
    """
    left_word = _WORD.findall(left)
    right_word = _WORD.findall(right)
    if not left_word or not right_word or not right[:1].isalpha():
        return left + "-" + right
    a, b = left_word[-1], right_word[0]
    if b in ("en", "of", "tot") and right[len(b) : len(b) + 1] in ("", " "):
        return left + "- " + right
    if (a + b).lower() in words():
        return left + right
    if _needs_hyphen(a, b):
        return left + "-" + right
    return left + right


def join_inline_hyphen(a: str, b: str) -> bool:
    """For text whose line breaks were lost, so that real hyphens and broken words both sit
    mid-line: is ``a-b`` a broken word (``berichtge-ving``, ``samenwer-king``)? Only when
    the hyphen is not one Dutch spelling asks for, and the joined word is known or the left
    half is no word of its own."""
    if (a + b).lower() in words() and not (len(a) <= 3 and a.lower() not in _SYLLABLE_PREFIXES):
        return True
    if _needs_hyphen(a, b):
        return False
    return not common(a)


# Words that can stand glued before a compound the list lacks; prepositions cannot, as
# they also begin words ("bijdrageregeling").
_BEFORE_COMPOUND = frozenset(
    "de het een deze die dit dat u uw zijn hun haar onze mijn geen elke welke alle".split()
)

_ADJECTIVE_ENDINGS = ("ig", "lijk", "isch", "baar", "zaam", "ende", "aal", "eel", "ief")
# Nouns on -ing, -heid, -teit take a linking s in compounds (financieringsbron), so one
# followed directly by another word is a glue (financiering|ontvangt).
_LINKING_S_ENDINGS = ("ing", "heid", "teit")
_PARTICIPLE = re.compile(
    r"^(?:toe|aan|af|op|uit|in|mee|voor|na|om|terug|vast|weg)?ge[^\W\d_]{3,}(?:d|t|en)e?$"
)


def _glue_signal(a: str, b: str) -> bool:
    """Evidence that ``a`` + ``b`` are two words glued, not one compound: Dutch compounds do
    not start with an inflected adjective or participle (``genoemde|praktijken``), an
    adjective in -ig/-lijk (``mogelijk|onderzoek``) or a noun that needs a linking s
    (``financiering|ontvangt``), nor end in a participle (``eveneens|gefinancierd``)."""
    if a.endswith("e") and common(a[:-1]) and len(a) > 4:
        return True
    if a.endswith(_ADJECTIVE_ENDINGS + _LINKING_S_ENDINGS) and len(a) > 4:
        return True
    if len(a) > 6 and _PARTICIPLE.match(a):  # "uitgebreid|bewijs"
        return True
    return len(b) > 6 and bool(_PARTICIPLE.match(b)) and common(b)


@lru_cache(maxsize=131072)
def _compound(rest: str) -> bool:
    """Is ``rest`` two common words joined (a compound the word list lacks)?"""
    vocabulary = words()

    def word(part: str) -> bool:  # a compound's first part may carry a linking s
        return vocabulary.get(part, 0.0) >= COMMON or (
            part.endswith("s") and vocabulary.get(part[:-1], 0.0) >= COMMON
        )

    return any(word(rest[:i]) and vocabulary.get(rest[i:], 0.0) >= COMMON for i in range(3, len(rest) - 2))


@lru_cache(maxsize=65536)
def _plain_compound(token: str) -> bool:
    """Is the token two listed words joined as Dutch compounds are ("handelings|kader"),
    with no sign of a glue? Then a content-word split elsewhere in it is wrong."""
    vocabulary = words()
    for i in range(3, len(token) - 2):
        x, y = token[:i], token[i:]
        x_word = vocabulary.get(x, 0.0) >= COMMON or (
            x.endswith("s") and vocabulary.get(x[:-1], 0.0) >= COMMON
        )
        if x_word and vocabulary.get(y, 0.0) >= COMMON and not _glue_signal(x, y):
            return True
    return False


@lru_cache(maxsize=131072)
def split_glued(token: str, content_pairs: bool = False) -> str:
    """``hetkader`` → ``het kader``, ``kinderopvangtoeslaghebben`` → ``… hebben``,
    ``vanNederland`` → ``van Nederland``; unknown compounds (``exportkredietverzekering``)
    stay whole. With ``content_pairs`` (a text known to be glued) two content words are split
    too, where :func:`_glue_signal` says they cannot be a compound."""
    if not 4 <= len(token) <= MAX_TOKEN:
        return token
    lower = token.lower()
    vocabulary = words()
    own = vocabulary.get(lower, 0.0)
    if own >= 5e-6:
        return token
    if token[0].isupper():
        # A capitalised word is a name as often as a glue ("Uitermark", "Wingelaar",
        # "Ergin"): it stays whole, but for a long common word before a function word
        # ("Ministervan").
        return _capitalised_glue(token) or token
    best: tuple[float, int] | None = None
    for i in range(1, len(token) - 1):
        a, b = lower[:i], lower[i:]
        fa, fb = vocabulary.get(a, 0.0), vocabulary.get(b, 0.0)
        if token[i].isupper() and not token[0].isupper():
            # camelCase: only a function word glued to a name ("deLibische", "hetNDICI")
            ok = a in FUNCTION_WORDS and len(b) > 1
        elif a in FUNCTION_WORDS or b in FUNCTION_WORDS:
            ok = (len(a) > 1 or a == "u") and len(b) > 1
            # "request|en", "ambtsvoorgang|er": a function word that is also an ending
            # after a word is its inflection as often as a glue.
            ok = ok and not (b in ENDINGS and a not in FUNCTION_WORDS)
            # A part missing from the list may still be a compound of two listed words;
            # only an unknown token is split against one: "stroomaansluitingen|voor" (not
            # "bruikleenovereenkomst|en"), "het|hoofdlijnenakkoord" (not "bij|drageregeling").
            if ok and fa < COMMON:
                ok = not own and len(b) >= 3 and len(a) >= 8 and _compound(a)
            if ok and fb < COMMON:
                ok = not own and a in _BEFORE_COMPOUND and len(b) >= 8 and _compound(b)
        elif fa < COMMON:
            ok = False
        else:
            # Two content words: only with a sign they are no compound, and the right one
            # listed, unless the left one is inflected ("nieuwe|toeslagenfraude").
            ok = content_pairs and _glue_signal(a, b)
            ok = ok and (
                fb >= COMMON or (fb > 0 or a.endswith("e") and common(a[:-1])) and _compound_or_listed(b)
            )
            ok = ok and not _plain_compound(lower)
        if not ok:
            continue
        fa, fb = max(fa, COMMON), max(fb, COMMON)
        # A rare "word" in the list may itself be a common glue ("vande"): it yields only
        # to a split far more likely than it.
        if own and min(fa, fb) < 2000 * own:
            continue
        score = min(fa, fb)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return token
    i = best[1]
    return token[:i] + " " + token[i:]


def _capitalised_glue(token: str) -> str | None:
    vocabulary = words()
    for i in range(5, len(token) - 1):
        a, b = token[:i], token[i:]
        if (
            b in FUNCTION_WORDS
            and len(b) >= 2
            and b not in ENDINGS
            and vocabulary.get(a.lower(), 0.0) >= 1e-5
        ):
            return f"{a} {b}"
    return None


def _compound_or_listed(word: str) -> bool:
    return words().get(word, 0.0) > 0 or (len(word) >= 8 and _compound(word))


# Simple character classes first, the word check in Python: far faster than an
# alternation of all function words tried at every position.
_CAMEL_GLUE = re.compile(r"\b([a-z]{1,8})([A-Z][\w-]*)")
_ACRONYM_GLUE = re.compile(r"\b([A-Z]{2,})([a-z]{4,})\b")
# What each glue needs, found by a scan far cheaper than the patterns that start at "\b".
_LOWER_UPPER = re.compile(r"[a-z][A-Z]")
_UPPER_UPPER_LOWER = re.compile(r"[A-Z]{2}[a-z]")


def split_camel_glue(text: str) -> str:
    """Glues any extraction makes: a function word before a name (``vanDijk``, ``deLibische``)
    and an acronym before a word (``MINDonderzoek``). Safe in any text: Dutch writes neither."""
    if _LOWER_UPPER.search(text):
        text = _CAMEL_GLUE.sub(
            lambda m: (
                f"{m.group(1)} {m.group(2)}"
                if m.group(1) in FUNCTION_WORDS and len(m.group(2)) > 1
                else m.group(0)
            ),
            text,
        )
    if _UPPER_UPPER_LOWER.search(text):
        text = _ACRONYM_GLUE.sub(
            lambda m: f"{m.group(1)} {m.group(2)}" if common(m.group(2)) else m.group(0), text
        )
    return text
