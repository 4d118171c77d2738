"""Parties and ministries under one name each, with their history.

Documents print a party as "V.V.D.", "P.v.d.A.", "Groen Links" or "GL-PvdA", and a ministry
as "Volksgezondheid Welzijn en Sport" or "VWS". The record keeps what was printed; the
store, its filters, pages and figures use the name this module gives (decided here and
nowhere else). A name that is not in the tables is kept as printed.

Sources of the tables: the parliamentary history of the parties and ministries as
parlement.com documents it (names, abbreviations, the years of each, and the parties a
merger joined); the spellings are the ones found in the corpus's documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Party:
    name: str  # the name pages and filters use: the party's own short name
    full: str
    years: str  # in the Tweede Kamer
    aliases: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()  # the parties it joined (by name)


PARTIES = (
    Party("VVD", "Volkspartij voor Vrijheid en Democratie", "1948–"),
    Party("PvdA", "Partij van de Arbeid", "1946–"),
    Party("CDA", "Christen-Democratisch Appèl", "1977–", merged_from=("KVP", "ARP", "CHU")),
    Party("D66", "Democraten 66", "1967–", ("D'66", "D 66", "Democraten '66")),
    Party("SP", "Socialistische Partij", "1994–"),
    Party("GroenLinks", "GroenLinks", "1989–", ("GL", "Groen Links"), ("PPR", "PSP", "CPN", "EVP")),
    Party(
        "GroenLinks-PvdA",
        "GroenLinks-PvdA",
        "2023–",
        ("GL-PvdA", "GL/PvdA", "GroenLinks/PvdA", "GroenLinks/Partij van de Arbeid", "PvdA-GroenLinks"),
        ("GroenLinks", "PvdA"),
    ),
    Party("ChristenUnie", "ChristenUnie", "2000–", ("CU", "Christen Unie", "Christen-Unie"), ("GPV", "RPF")),
    Party("SGP", "Staatkundig Gereformeerde Partij", "1922–"),
    Party("PVV", "Partij voor de Vrijheid", "2006–", ("Groep Wilders",)),
    Party("PvdD", "Partij voor de Dieren", "2006–", ("PVDD",)),
    Party("50PLUS", "50PLUS", "2012–", ("50+", "50 Plus")),
    Party("DENK", "DENK", "2015–", ("Groep Kuzu/Öztürk",)),
    Party("FvD", "Forum voor Democratie", "2017–", ("FVD",)),
    Party("JA21", "JA21", "2020–"),
    Party("Volt", "Volt Nederland", "2021–"),
    Party("BBB", "BoerBurgerBeweging", "2019–", ("BoerBurgerbeweging",)),
    Party("NSC", "Nieuw Sociaal Contract", "2023–"),
    Party("BIJ1", "BIJ1", "2021–2023", ("Bij1",)),
    Party("LPF", "Lijst Pim Fortuyn", "2002–2006"),
    Party("Leefbaar Nederland", "Leefbaar Nederland", "2002–2003", ("LN",)),
    Party("Groep Van Haga", "Groep Van Haga", "2021–2023"),
    Party("KVP", "Katholieke Volkspartij", "1946–1980"),
    Party("ARP", "Anti-Revolutionaire Partij", "1879–1980"),
    Party("CHU", "Christelijk-Historische Unie", "1908–1980"),
    Party("PPR", "Politieke Partij Radikalen", "1968–1990"),
    Party("PSP", "Pacifistisch Socialistische Partij", "1957–1991"),
    Party("CPN", "Communistische Partij van Nederland", "1909–1991"),
    Party("EVP", "Evangelische Volkspartij", "1981–1991"),
    Party("GPV", "Gereformeerd Politiek Verbond", "1948–2003"),
    Party("RPF", "Reformatorische Politieke Federatie", "1975–2003"),
    Party("DS'70", "Democratisch Socialisten '70", "1970–1983", ("DS70", "DS '70")),
    Party("Boerenpartij", "Boerenpartij", "1959–1981", ("BP",)),
    Party("CD", "Centrumdemocraten", "1984–2002"),
    Party("AOV", "Algemeen Ouderen Verbond", "1994–1998"),
    Party("Unie 55+", "Unie 55+", "1994–1998"),
)


@dataclass(frozen=True)
class Ministry:
    name: str  # the portfolio as pages and filters write it
    abbreviation: str
    years: str
    aliases: tuple[str, ...] = ()


MINISTRIES = (
    Ministry("Algemene Zaken", "AZ", "1937–"),
    Ministry(
        "Binnenlandse Zaken en Koninkrijksrelaties",
        "BZK",
        "1998–",
        ("BiZa/KR", "Binnenlandse Zaken en Koninkrijkrelaties"),
    ),
    Ministry("Binnenlandse Zaken", "BiZa", "1798–1998", ("Binnenlandsc Zaken",)),
    Ministry("Buitenlandse Zaken", "BZ", "1798–", ("BuZa",)),
    Ministry(
        "Buitenlandse Handel en Ontwikkelingssamenwerking",
        "BHOS",
        "2012–",
        ("BH&OS", "Buitenlandse Handel en Ontwikkelingshulp"),
    ),
    Ministry("Ontwikkelingssamenwerking", "OS", "1965–"),
    Ministry("Defensie", "Def", "1928–", ("DEF",)),
    Ministry("Economische Zaken en Klimaat", "EZK", "2017–2024"),
    Ministry("Economische Zaken", "EZ", "1905–2017, 2024–"),
    Ministry("Economische Zaken, Landbouw en Innovatie", "EL&I", "2010–2012", ("ELenI",)),
    Ministry("Klimaat en Groene Groei", "KGG", "2024–"),
    Ministry("Financiën", "Fin", "1798–", ("FIN", "Financien")),
    Ministry("Infrastructuur en Waterstaat", "IenW", "2017–", ("I&W", "I en W")),
    Ministry("Infrastructuur en Milieu", "IenM", "2010–2017", ("I&M",)),
    Ministry("Verkeer en Waterstaat", "V&W", "1959–2010", ("VenW",)),
    Ministry("Justitie en Veiligheid", "JenV", "2017–", ("J&V", "JVenV")),
    Ministry("Veiligheid en Justitie", "VenJ", "2010–2017", ("V&J",)),
    Ministry("Justitie", "Jus", "1798–2010"),
    Ministry("Asiel en Migratie", "AenM", "2024–", ("A&M",)),
    Ministry("Landbouw, Natuur en Voedselkwaliteit", "LNV", "2003–2010, 2017–2024"),
    Ministry("Landbouw, Visserij, Voedselzekerheid en Natuur", "LVVN", "2024–"),
    Ministry("Landbouw, Natuurbeheer en Visserij", "LNV", "1989–2003"),
    Ministry("Onderwijs, Cultuur en Wetenschap", "OCW", "1994–", ("OC&W", "OCenW")),
    Ministry("Onderwijs en Wetenschappen", "O&W", "1965–1994", ("OenW",)),
    Ministry("Cultuur, Recreatie en Maatschappelijk Werk", "CRM", "1965–1982"),
    Ministry("Landbouw, Visserij en Voedselvoorziening", "LVV", "1959–1989"),
    Ministry("Sociale Zaken en Werkgelegenheid", "SZW", "1981–"),
    Ministry("Volksgezondheid, Welzijn en Sport", "VWS", "1994–"),
    Ministry("Welzijn, Volksgezondheid en Cultuur", "WVC", "1982–1994"),
    Ministry("Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", "VROM", "1982–2010"),
    Ministry("Volkshuisvesting en Ruimtelijke Ordening", "VRO", "2024–"),
)


def _key(name: str) -> str:
    """What two spellings of one name share: letters and digits, lower case, "&" as "en"."""
    return re.sub(r"[^0-9a-zà-ÿ]+", "", name.lower().replace("&", "en").replace("+", "plus"))


def _keys(spellings: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every spelling's key → the one name (the first entry that claims a key keeps it)."""
    keys: dict[str, str] = {}
    for name, written in spellings.items():
        for spelling in written:
            keys.setdefault(_key(spelling), name)
    return keys


_PARTY_KEYS = _keys({p.name: (p.name, p.full, *p.aliases) for p in PARTIES})
_MINISTRY_KEYS = _keys({m.name: (m.name, m.abbreviation, *m.aliases) for m in MINISTRIES})


@lru_cache(maxsize=4096)
def party(printed: str) -> str:
    """The party's one name: "P.v.d.A." → "PvdA", "Groen Links" → "GroenLinks"."""
    clean = " ".join(printed.split())
    return _PARTY_KEYS.get(_key(clean), clean)


# What comes with a portfolio but is no part of it: the office before it ("minister van",
# as the SyncFeed's functie writes it), "…, bij afwezigheid van de Minister" or "a.i." after.
_OFFICE = re.compile(
    r"^(?:de\s+)?(?:minister|staatssecretaris|minister-president)(?:\s+(?:van|voor))?\s+", re.I
)
_STANDING_IN = re.compile(r",?\s*(?:bij afwezigheid van\b.*|a\.\s?i\.?)$", re.I)


@lru_cache(maxsize=4096)
def ministry(printed: str) -> str:
    """The ministry's (or portfolio's) one name: "VWS", "minister van Volksgezondheid,
    Welzijn en Sport" and "Volksgezondheid Welzijn en Sport" → "Volksgezondheid, Welzijn en
    Sport"; a portfolio not listed as it is printed."""
    clean = _STANDING_IN.sub("", _OFFICE.sub("", " ".join(printed.split()))).strip()
    found = _MINISTRY_KEYS.get(_key(clean))
    if found:
        return found
    return clean[:1].upper() + clean[1:]


def party_info(name: str) -> Party | None:
    return next((p for p in PARTIES if p.name == party(name)), None)


def successors(name: str) -> list[str]:
    """The parties a party went up in ("PvdA" → ["GroenLinks-PvdA"])."""
    own = party(name)
    return [p.name for p in PARTIES if own in p.merged_from]


def ministry_abbreviation(name: str) -> str | None:
    own = ministry(name)
    return next((m.abbreviation for m in MINISTRIES if m.name == own), None)
