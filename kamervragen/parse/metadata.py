"""Metadata: who asked whom, who answered, dates, numbers, kind — from the heading text."""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher

from kamervragen.record import Answerer, Member, Office

_MONTH_SPELLINGS = (
    ("januari", "jan"),
    ("februari", "febr", "feb"),
    ("maart", "mrt"),
    ("april", "apr"),
    ("mei",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("augustus", "aug"),
    ("september", "sept", "sep"),
    ("oktober", "october", "okt"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {m: i for i, names in enumerate(_MONTH_SPELLINGS, start=1) for m in names}
MONTH_NAMES = tuple(names[0] for names in _MONTH_SPELLINGS)  # as dates are written out
_DATE = r"(\d{1,2})\s*([A-Za-z]+)\.?\s*(\d{4})"
_SUBMITTED = re.compile(rf"\(\s*ingezonden\s+{_DATE}\s*\)?", re.I)
_RECEIVED = re.compile(rf"\(\s*ontvangen\s+{_DATE}\s*\)?", re.I)
_SESSION = re.compile(r"\b(?:Vergaderjaar|Zitting)\s*(\d{4})\s*[–/-]\s*(\d{4}|\d{2})", re.I)
# A header that lost the space between its lines: "2010-20112011Z04442" is the session year
# run into the Zaak number. The year range only counts when the Zaak number follows it.
_GLUED_SESSION = re.compile(r"(?<!\d)(\d{4})\s*[–-]\s*(\d{4})(?=(?:19|20)\d{2}\s?Z\s?\d{5}\b)")
# A "vergaderjaar" inside a citation of another document ("Zie ook Aanhangsel Handelingen,
# vergaderjaar 2023–2024, nr. 1234"; "Kamerstuk 36 200, vergaderjaar …, 12") is not the
# document's own: the words before it on its line, or the number after it, give it away.
_CITED_BEFORE = re.compile(r"(?:Handelingen|Zie ook|Kamerstuk(?:ken)?|Aanhangsel)\W*(?:II\W*)?$", re.I)
_CITED_AFTER = re.compile(r"\s*,\s*(?:nr\.?\s*)?\d")
# Left of a Zaak number: no digit or letter, unless a session year ran into it (above).
_CASE = re.compile(
    r"(?:(?<![\dA-Za-z])|(?<=\d{4}[-–]\d{4})|(?<=\d{4}[-–]\d{2}))((?:19|20)\d{2})\s?Z\s?(\d{5})\b"
)
_IDENT = re.compile(r"\b(ah|kv)-(tk|ek)-(\d{4})(\d{4})-(\d+)\b")
_KV_IDENT = re.compile(r"\bkv-(tk|ek)-(\d{4}Z\d{5})\b")
_AH = re.compile(r"^\s*AH\s+(\d{1,5})\s*$", re.M)
_ROLE = r"(?:[Mm]inister-[Pp]resident|[Mm]inisters?|[Ss]taatssecretaris(?:sen)?)"
_ASKED_BY = (  # "Vraag van het lid …" when a single question was asked
    r"(?:VRAGEN|Vragen|vragen|VRAAG|Vraag|vraag)\s+(?:gesteld\s+)?(?:van|door)\s+"
    r"(?:de\s+leden|het\s+lid|lid|den\s+heer|de\s+heer|de\s+heren|de\s+dames|mevrouw|mejuffrouw|"
    r"het\s+Kamerlid|de\s+Kamerleden)\s+"
)
# A page may open with its own title ("Antwoord schriftelijke vragen : Antwoord op vragen van
# het lid X over Y") before the heading proper ("Vragen van het lid X (P) aan … over Y
# (ingezonden …"). The title is passed over as the parts may not run across a capitalised
# "Vragen van het lid" (the heading's own start; a title citing "eerdere vragen van het lid
# Z" is lower case and stays inside).
_NOT_ASKED = (
    r"(?:(?!(?-i:V)(?-i:ra(?:gen|ag))\s+(?:gesteld\s+)?(?:van|door)\s+(?:de|het)\s+(?:leden|lid)\b).)+?"
)
_QUESTIONS_HEAD = re.compile(
    rf"(?P<oral>Mondelinge\s+)?{_ASKED_BY}(?P<who>{_NOT_ASKED})"
    rf"(?:\s+aan\s+(?P<to>{_NOT_ASKED}))?\s+(?P<title>(?:over|inzake|betreffende|omtrent|naar\s+aanleiding\s+van|"
    rf"in\s+verband\s+met)\s+{_NOT_ASKED})\s*\.?\s*\(\s*[Ii]ngezonden",
    re.I | re.S,
)
_ANSWER_HEAD = re.compile(
    rf"(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING)\s+(?:van\s+)?(?:de[n]?\s+)?(?P<role>{_ROLE})\s+"
    r"(?P<rest>.+?)\s*\.?\s*\(\s*[Oo]ntvangen",
    re.S,
)


def iso_date(day: str, month: str, year: str) -> str | None:
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def find_date(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return iso_date(*m.groups()) if m else None


def _year_range(start: str, end: str) -> str:
    """ "2023", "2024" or "24" → "2023-2024". A four-digit end that is not the next year
    but starts with it ("2010-112011Z…", a Zaak number run into a short end year) is cut to
    its first two digits; anything else is kept as printed (OCR pages)."""
    following = int(start) + 1
    if len(end) == 4 and int(end) != following and end[:2] == f"{following % 100:02d}":
        end = end[:2]
    if len(end) == 2:
        end = start[:2] + end
    return f"{start}-{end}"


def session_of_date(iso: str) -> str:
    """The vergaderjaar a date falls in: it opens on Prinsjesdag, the third Tuesday of September."""
    day = date.fromisoformat(iso)
    first = date(day.year, 9, 1)
    opening = date(day.year, 9, 1 + (1 - first.weekday()) % 7 + 14)
    start = day.year if day >= opening else day.year - 1
    return f"{start}-{start + 1}"


def session_year(text: str, received_on: str | None = None) -> str | None:
    """The document's own vergaderjaar. One printed in a citation of another document is
    only a last resort, and then only when it agrees with the date the document was
    received (a "Zie ook" line in an answer usually cites the delay notice of the same set)."""
    cited: str | None = None
    for m in _SESSION.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 60) : m.start()]
        year = _year_range(m.group(1), m.group(2))
        if _CITED_BEFORE.search(before) or _CITED_AFTER.match(text, m.end()):
            cited = cited or year
            continue
        return year
    glued = _GLUED_SESSION.search(text)
    if glued:
        return _year_range(glued.group(1), glued.group(2))
    if cited and (received_on is None or session_of_date(received_on) == cited):
        return cited
    return None


def identifiers(idents: list[str]) -> dict[str, object]:
    """What a KOOP identifier tells: id, session year, appendix or case number, chamber."""
    out: dict[str, object] = {}
    for ident in idents:
        m = _IDENT.match(ident)
        if m and m.group(1) == "ah":
            out.setdefault("id", ident)
            out.setdefault("session_year", f"{m.group(3)}-{m.group(4)}")
            out.setdefault("appendix_number", int(m.group(5)))
            out.setdefault("chamber", "Tweede Kamer" if m.group(2) == "tk" else "Eerste Kamer")
        k = _KV_IDENT.match(ident)
        if k:
            out.setdefault("id", ident)
            out.setdefault("case_number", k.group(2))
            out.setdefault("chamber", "Tweede Kamer" if k.group(1) == "tk" else "Eerste Kamer")
    return out


# The footer identifier as a converter may leave it: "h tk 20232024 302", "ah tk 20232024 302".
_MANGLED_IDENT = re.compile(r"(?<![\w-])a?h[ _-]+(tk|ek)[ _-]+(\d{4})(\d{4})[ _-]+(\d{1,5})\b")


def mangled_identifier(text: str, session: str | None, appendix: int | None) -> str | None:
    """A damaged "ah-tk-…" footer, trusted only when it agrees with the session year and
    the Aanhangsel number the document prints elsewhere."""
    if appendix is None:
        return None
    for m in _MANGLED_IDENT.finditer(text):
        year = f"{m.group(2)}-{m.group(3)}"
        if int(m.group(4)) == appendix and session in (None, year):
            return f"ah-{m.group(1)}-{m.group(2)}{m.group(3)}-{m.group(4)}"
    return None


def case_number(text: str) -> str | None:
    m = _CASE.search(text)
    return f"{m.group(1)}Z{m.group(2)}" if m else None


def case_number_of(text: str, askers: list[Member]) -> str | None:
    """A Zaak number in the running text is this set's only where the sentence before it
    names one of its askers ("De vragen van de leden Van den Hil (VVD) en Bikker … over …
    (2024Z16988) kunnen …"); an answer also cites the Zaak numbers of other sets."""
    surnames = [m.name.split()[-1] for m in askers if m.name and m.name.split()]
    for m in _CASE.finditer(text):
        before = text[max(0, m.start() - 400) : m.start()]
        if not surnames or any(name in before for name in surnames):
            return f"{m.group(1)}Z{m.group(2)}"
    return None


def ah_number(text: str) -> int | None:
    m = _AH.search(text)
    return int(m.group(1)) if m else None


def members(text: str) -> list[Member]:
    """``Beckerman (SP), Smeulders (GroenLinks) en Nijboer (PvdA)``;
    ``Van Es en Beckers-de Bruijn (beiden Groen Links)``; ``Lahlah en Chakor (GroenLinks-PvdA)``
    (a ministry letter's shorthand for "beiden": one party after the last name, no other)."""
    out: list[Member] = []
    pending: list[Member] = []
    parts = re.split(r"(\([^)]*\))", text)
    groups = [part for part in parts if part.startswith("(")]
    named = [
        i for i, part in enumerate(parts) if not part.startswith("(") and re.search(r"[A-Za-zÀ-ž]", part)
    ]
    only_group_last = len(groups) == 1 and parts.index(groups[0]) > max(named, default=-1)
    for part in parts:
        if part.startswith("("):
            inner = part[1:-1].strip()
            shared = re.match(r"(?:beiden|beide|allen|alle\s+\w+)\s+(.+)", inner, re.I)
            if shared:
                for member in pending:
                    member.party = member.party or shared.group(1).strip()
            elif pending and only_group_last:
                for member in pending:
                    member.party = inner
            elif pending:
                pending[-1].party = inner
            pending = [m for m in pending if m.party is None]
            continue
        for name in re.split(r",|\s+en\s+", part):
            name = name.strip(" .")
            if name and re.search(r"[A-Za-zÀ-ž]", name):
                member = Member(name=name)
                out.append(member)
                pending.append(member)
    return out


def _role(word: str) -> str:
    word = word.strip()
    lower = word.lower()
    if lower.startswith("minister-president"):
        return "Minister-President"
    if lower.startswith("minister"):
        return "Minister"
    if lower.startswith("staatssecretaris"):
        return "Staatssecretaris"
    return word[:1].upper() + word[1:]


# Ministries and the portfolios of ministers without one, past and present. Only used to cut
# "de ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties",
# where "en" joins both the portfolios and the words inside them.
PORTFOLIOS = (
    "Algemene Zaken",
    "Asiel en Migratie",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Handel en Ontwikkelingssamenwerking",
    "Buitenlandse Handel en Ontwikkelingshulp",
    "Buitenlandse Zaken",
    "Defensie",
    "Economische Zaken",
    "Economische Zaken en Klimaat",
    "Economische Zaken, Landbouw en Innovatie",
    "Financiën",
    "Infrastructuur en Milieu",
    "Infrastructuur en Waterstaat",
    "Justitie",
    "Justitie en Veiligheid",
    "Klimaat en Energie",
    "Klimaat en Groene Groei",
    "Landbouw, Natuur en Voedselkwaliteit",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Langdurige Zorg, Jeugd en Sport",
    "Medische Zorg",
    "Medische Zorg en Sport",
    "Onderwijs, Cultuur en Wetenschap",
    "Primair en Voortgezet Onderwijs",
    "Rechtsbescherming",
    "Sociale Zaken en Werkgelegenheid",
    "Veiligheid en Justitie",
    "Verkeer en Waterstaat",
    "Volksgezondheid, Welzijn en Sport",
    "Volkshuisvesting en Ruimtelijke Ordening",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
    "Wonen en Rijksdienst",
    "Armoedebeleid, Participatie en Pensioenen",
    "Natuur en Stikstof",
    "Jeugd, Preventie en Sport",
    "Herstel Groningen",
    "Koninkrijksrelaties en Digitalisering",
    "Fiscaliteit en Belastingdienst",
    "Toeslagen en Douane",
    "Cultuur en Media",
)


def _folded(name: str) -> str:
    return re.sub(r"[^a-zà-ž]", "", name.lower())


_FOLDED_PORTFOLIOS = {_folded(name) for name in PORTFOLIOS}


def _known_portfolio(name: str) -> bool:
    """A listed portfolio, allowing for a letter dropped or added ("Koninkrijkrelaties")."""
    folded = _folded(name)
    if folded in _FOLDED_PORTFOLIOS:
        return True
    return any(
        abs(len(folded) - len(known)) <= 2 and SequenceMatcher(None, folded, known).ratio() >= 0.95
        for known in _FOLDED_PORTFOLIOS
    )


def split_portfolios(text: str) -> list[str]:
    """ "Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijkrelaties" → the two
    portfolios, when every piece is a known one; otherwise the text as one portfolio."""
    if _known_portfolio(text):
        return [text]
    words = re.split(r"(,\s+|\s+en\s+)", text)  # pieces at even, separators at odd indexes
    if len(words) > 24:  # longer than any list of ministries: not worth the search
        return [text]
    pieces: list[str] = []
    i = 0
    while i < len(words):
        # the longest run of pieces from i that names a known portfolio
        for j in range(len(words), i, -2):
            candidate = "".join(words[i:j])
            if _known_portfolio(candidate):
                pieces.append(candidate)
                i = j + 1  # skip the separator after it
                break
        else:
            return [text]
    return pieces


def offices(text: str) -> list[Office]:
    """``de Staatssecretaris van Financiën en de Minister voor Buitenlandse Handel en …``;
    ``de Minister en de Staatssecretaris van VWS``; ``de ministers van A en van B``."""
    text = re.sub(r"\s+", " ", text).strip(" .,")
    out: list[Office] = []
    waiting: list[Office] = []
    for piece in re.split(r",?\s+en\s+(?=(?:de|den|het)\s+" + _ROLE + r")|,\s+(?=de\s+" + _ROLE + ")", text):
        m = re.match(
            rf"(?:de[n]?\s+|het\s+)?(?P<role>{_ROLE})(?:\s+(?:(?:van|voor)\s+)?(?P<pf>[A-Z].+))?$",
            piece.strip(),
        )
        if not m:
            continue
        role = _role(m.group("role"))
        portfolio = m.group("pf")
        if portfolio and m.group("role").lower().endswith(("ministers", "sen")):
            for pf in re.split(r"(?:,|\s+en)\s+(?:van|voor)\s+", portfolio):
                for known in split_portfolios(pf.strip()):
                    out.append(Office(role=role, portfolio=known))
            continue
        office = Office(role=role, portfolio=portfolio.strip() if portfolio else None)
        out.append(office)
        if portfolio:
            for w in waiting:
                w.portfolio = office.portfolio
            waiting = []
        else:
            waiting.append(office)
    return out


_OLD_ANSWER_HEAD = re.compile(
    rf"(?:Antwoord|ANTWOORD)\s+van\s+de[n]?\s+heer\s+(?P<name>[^,]+),\s+(?:Minister\s+van\s+Staat,\s+)?(?P<role>{_ROLE})\s+(?:van|voor)\s+"
    r"(?P<pf>[^.(]+?)\s*\.?\s*\(",
)


# "de heer Ritzen, minister van Onderwijs en Wetenschappen" in an old "mede namens" list
_NAMED_OFFICE = re.compile(
    rf"(?:de\s+heer|mevrouw|mejuffrouw)\s+(?P<name>[^,]+?),\s+(?P<role>{_ROLE})\s+(?:van|voor)\s+"
    r"(?P<pf>.+?)(?=\s+en\s+(?:de\s+heer|mevrouw|mejuffrouw)\s|\s*$)"
)


def _named_offices(text: str) -> list[Office]:
    """ "de heer Ritzen, minister van O en W en mevrouw d'Ancona, minister van WVC" → two offices."""
    return [
        Office(
            role=_role(m.group("role")), name=m.group("name").strip(), portfolio=m.group("pf").strip(" ,.")
        )
        for m in _NAMED_OFFICE.finditer(text.strip())
    ]


def answerers(text: str) -> list[Answerer]:
    m = _ANSWER_HEAD.search(text)
    if not m:
        old = _OLD_ANSWER_HEAD.search(text)
        if old:
            # "Buitenlandse Zaken mede namens de heer Ritzen, minister van …"
            own, *co_signers = re.split(r"\s+mede\s+namens\s+", old.group("pf"), maxsplit=1)
            return [
                Answerer(
                    role=_role(old.group("role")),
                    name=old.group("name").strip(),
                    portfolio=own.strip(),
                    on_behalf_of=_named_offices(co_signers[0]) if co_signers else [],
                )
            ]
        return []
    role = _role(m.group("role"))
    rest = re.sub(r"\s+", " ", m.group("rest"))
    behalf_text = ""
    split = re.split(r",?\s+mede\s+namens\s+", rest, maxsplit=1)
    if len(split) == 2:
        rest, behalf_text = split
    more: list[Answerer] = []
    second = re.split(rf",?\s+(?:en|van)\s+(?=(?:de\s+)?{_ROLE}\s+[A-Z])", rest, maxsplit=1)
    if len(second) == 2:
        rest = second[0]
        more = answerers("Antwoord van " + second[1] + " (ontvangen")
    name = portfolio = None
    pm = re.match(r"(?:van\s+|voor\s+)(?P<pf>[^()]+)$", rest)
    if pm:
        portfolio = pm.group("pf").strip(" ,")
    else:
        nm = re.match(r"(?P<name>[^()]+?)\s*\((?P<pf>[^()]*(?:\([^()]*\)[^()]*)*)\)", rest)
        if nm:
            name, portfolio = nm.group("name").strip(" ,"), nm.group("pf").strip()
        else:
            name = rest.strip(" ,.") or None
    behalf = offices(behalf_text) if behalf_text else []
    if portfolio:
        # "Financiën – Fiscaliteit en Belastingdienst": the ministry is what counts.
        portfolio = re.split(r"\s+[–-]\s+", portfolio)[0]
    return [Answerer(role=role, name=name, portfolio=portfolio, on_behalf_of=behalf), *more]


def questions_heading(text: str) -> dict[str, object]:
    m = _QUESTIONS_HEAD.search(text)
    if not m:
        return {}
    return {
        "oral": bool(m.group("oral")),
        "submitters": members(m.group("who")),
        "addressees": offices(m.group("to") or ""),
        "title": _title(m.group("title")),
    }


def _title(text: str) -> str:
    """The subject after "over", "inzake" or "betreffende"; "in verband met" is kept, as it
    is part of what the question is about."""
    text = re.sub(r"\s+", " ", text).strip(" .")
    return re.sub(r"^(?:over|inzake|betreffende|omtrent|naar aanleiding van)\s+", "", text, flags=re.I)


_LETTER_HEAD = re.compile(
    rf"Antwoorden?\s+van\s+(?:de[n]?\s+)?(?P<role>{_ROLE})\s+(?:van|voor)\s+(?P<pf>.+?)"
    r"(?:,?\s+mede\s+namens\s+(?P<behalf>.+?))?\s+op\s+(?:de\s+)?(?:schriftelijke\s+)?(?:Kamer)?vragen\s+"
    r"(?:van\s+)?(?:de\s+leden|het\s+lid|lid)\s+(?P<who>.+?)(?:\s+aan\s+(?P<to>.+?))?\s+over\s+(?P<title>.+?)\s*$",
    re.I | re.S,
)
# "Datum" and the date on the next line (a table row) or on the same line (a text box).
_LETTER_DATE = re.compile(rf"(?:^|\n)[ \t]*Datum[ \t]*:?[ \t]*(?:\n\s*)?{_DATE}")
_YOUR_LETTER = re.compile(rf"uw brief van\s+{_DATE}", re.I)
# Academic titles and initials before a signer's name: "drs. H. de Jonge", "J.A. van der Berg",
# "Th. C. de Graaf", "mr. dr. E.R. (Eva) Jansen".
_SIGNER_TITLES = r"(?:(?:drs|mr|dr|ir|ing|prof|ds|bc)\.\s*)*"
_INITIALS = r"(?:[A-Z][a-z]{0,2}\.\s?-?\s?)+"
_PARTICLE = r"(?:van|de|der|den|het|ten|ter|te|in|op|'t|’t|la|le|du|von|vander)"
_SIGNATURE = re.compile(
    rf"^{_SIGNER_TITLES}{_INITIALS}\s*(?:\([^()]*\)\s*)?"
    rf"(?P<name>(?:{_PARTICLE}\s+)*(?![A-Z][a-z]{{0,2}}\.)[A-ZÀ-Ž][^\s,]*(?:[ -][^\s,]+)*)$",
)
_SIGNATURE_REACH = 8  # non-empty lines above the answers' heading where the signature may stand
# "de vragen van het lid X (P) aan de minister van Y over …" in the cover letter or the
# "Onderwerp" of the letterhead: the only place many letters name the addressees.
_COVER_ASKED = re.compile(
    rf"vragen\s+van\s+(?:het\s+van\s+)?(?:de\s+leden|het\s+lid|lid)\s+(?:(?!\s(?:aan|over)\s).)+?"
    rf"\s+aan\s+(?P<to>(?:de[n]?\s+)?{_ROLE}\s(?:(?!\sover\s).)+?)\s+over\s",
    re.I | re.S,
)
_ON_BEHALF = re.compile(r"^\s*mede\s+namens\s+(?P<who>.+?)\s*,?\s*$", re.I)


def signer_name(line: str) -> str | None:
    """The surname under a letter: "J.A. van der Berg" → "Van der Berg" (a particle that
    opens a name is capitalised, as the Handelingen print it), "P. Adema" → "Adema"."""
    m = _SIGNATURE.match(re.sub(r"\s+", " ", line).strip())
    if not m:
        return None
    name = m.group("name")
    return name[:1].upper() + name[1:]


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs at blank lines (a wrapped sentence becomes one string)."""
    out: list[str] = [""]
    for line in lines:
        if line.strip():
            out[-1] += " " + line.strip()
        elif out[-1]:
            out.append("")
    return [p.strip() for p in out if p.strip()]


def letter(lines: list[str]) -> dict[str, object]:
    """A ministry answer letter (Word): cover letter, signature, then the questions."""
    text = "\n".join(lines)
    out: dict[str, object] = {}
    # The letterhead in the body comes after any page-header text the extractor put first,
    # so the last "Datum" is the letter's own; a page header's date only fills in for it.
    dates = list(_LETTER_DATE.finditer(text))
    if dates:
        out["received_on"] = iso_date(*dates[-1].groups())
    m = _YOUR_LETTER.search(text)
    if m:
        out["submitted_on"] = iso_date(*m.groups())
    head_index = next((i for i, line in enumerate(lines) if line.strip().startswith("Antwoorden van")), None)
    if head_index is None:
        return out
    head: list[str] = []
    for line in lines[head_index:]:
        if not line.strip() and head:
            break
        head.append(line.strip())
    h = _LETTER_HEAD.match(" ".join(head))
    if h is None:
        return out
    cover = lines[:head_index]
    name = None
    behalf_text = h.group("behalf") or ""
    seen = 0
    for line in reversed(cover):
        if not line.strip():
            continue
        seen += 1
        if seen > _SIGNATURE_REACH:
            break
        name = name or signer_name(line)
        on_behalf = _ON_BEHALF.match(line)
        if on_behalf:
            # The signature's "Mede namens …" is what the letter was signed as; the heading
            # of the answers repeats it, sometimes spelled differently.
            behalf_text = on_behalf.group("who")
            break
    addressees = offices(h.group("to") or "")
    if not addressees:
        for paragraph in _paragraphs(cover):
            asked = _COVER_ASKED.search(paragraph)
            if asked:
                addressees = offices(asked.group("to"))
                break
    out["answered_by"] = [
        Answerer(
            role=_role(h.group("role")),
            name=name,
            portfolio=h.group("pf").strip(),
            on_behalf_of=offices(behalf_text),
        )
    ]
    out["submitters"] = members(h.group("who"))
    out["addressees"] = addressees
    out["title"] = re.sub(r"\s+", " ", h.group("title")).strip(" .")
    return out


_NOTICE_ASKED = re.compile(
    r"hebben\s+(?:de\s+leden|het\s+lid)\s+(?P<who>.+?)\s+(?:schriftelijke\s+)?vragen\s+gesteld"
    r"(?:\s+aan\s+(?P<to>.+?))?\s+over\s+(?P<title>.+?)\.(?:\s|$)"
    r"|[Dd]e\s+(?:schriftelijke\s+)?vragen\s+van\s+(?:de\s+leden|het\s+lid)\s+(?P<who2>.+?)"
    r"(?:\s+aan\s+(?P<to2>.+?))?\s+over\s+(?P<title2>.+?)(?:\s*\((?:ingezonden[^)]*|\d{4}\s?Z\s?\d{5})\))?"
    r"\s+(?:kunnen|zijn|worden|heb|zal)\b",
    re.S,
)
_ON_DAY = re.compile(r"\bOp\s+(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?(?:\s+jl\.)?\s+hebben", re.I)


def notice_body(text: str, received_on: str | None) -> dict[str, object]:
    """A Mededeling says in its text whose questions it is about: "Op 6 november jl. hebben
    de leden X en Y (beiden Z) schriftelijke vragen gesteld aan … over …"."""
    m = _NOTICE_ASKED.search(text)
    if not m:
        return {}
    who = m.group("who") or m.group("who2")
    out: dict[str, object] = {
        "submitters": members(who),
        "addressees": offices(m.group("to") or m.group("to2") or ""),
        "title": re.sub(r"\s+", " ", m.group("title") or m.group("title2")).strip(" ."),
    }
    day = _ON_DAY.search(text)
    if day:
        year = day.group(3)
        if year is None and received_on:
            # "jl." (this year): the year of the notice, or the one before for a later month
            received_year, received_month = int(received_on[:4]), int(received_on[5:7])
            month = MONTHS.get(day.group(2).lower(), 0)
            year = str(received_year - 1 if month > received_month else received_year)
        if year:
            out["submitted_on"] = iso_date(day.group(1), day.group(2), year)
    return out


# The number of the cited Aanhangsel follows "nr." or, without it, the session year and a comma.
_SEE_ALSO = re.compile(
    r"Zie\s+ook:?\s+(?:het\s+)?(Aanhangsel[^()\n]*?"
    r"(?:nr\.\s*\d+|\d{4}\s*[–/-]\s*\d{2,4}\s*,\s*\d+))",
    re.I,
)


def see_also(text: str) -> list[str]:
    """ "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1843" references, also
    written without "nr." ("…, vergaderjaar 2023-2024, 1234")."""
    return [re.sub(r"\s+", " ", m.group(1)) for m in _SEE_ALSO.finditer(text)]
