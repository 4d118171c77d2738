"""Metadata: who asked whom, who answered, dates, numbers, kind — from the heading text."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.record import Answerer, Member, Office

MONTHS = {
    m: i
    for i, names in enumerate(
        [
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
        ],
        start=1,
    )
    for m in names
}
_DATE = r"(\d{1,2})\s*([A-Za-z]+)\.?\s*(\d{4})"
_SUBMITTED = re.compile(rf"\(\s*ingezonden\s+{_DATE}\s*\)?", re.I)
_RECEIVED = re.compile(rf"\(\s*ontvangen\s+{_DATE}\s*\)?", re.I)
_SESSION = re.compile(r"\b(?:Vergaderjaar|Zitting)\s+(\d{4})\s*[–/-]\s*(\d{2,4})", re.I)
_CASE = re.compile(r"\b((?:19|20)\d{2})\s?Z\s?(\d{5})\b")
_IDENT = re.compile(r"\b(ah|kv)-(tk|ek)-(\d{4})(\d{4})-(\d+)\b")
_KV_IDENT = re.compile(r"\bkv-(tk|ek)-(\d{4}Z\d{5})\b")
_AH = re.compile(r"^\s*AH\s+(\d{1,5})\s*$", re.M)
_ROLE = r"(?:[Mm]inister-[Pp]resident|[Mm]inisters?|[Ss]taatssecretaris(?:sen)?)"
_QUESTIONS_HEAD = re.compile(
    r"(?P<oral>Mondelinge\s+)?(?:VRAGEN|Vragen|vragen)\s+(?:gesteld\s+)?(?:van|door)\s+"
    r"(?:de\s+leden|het\s+lid|lid|den\s+heer|de\s+heer|de\s+heren|de\s+dames|mevrouw|mejuffrouw|"
    r"het\s+Kamerlid|de\s+Kamerleden)\s+(?P<who>.+?)"
    r"(?:\s+aan\s+(?P<to>.+?))?\s+(?P<title>(?:over|inzake|betreffende|omtrent|naar\s+aanleiding\s+van|"
    r"in\s+verband\s+met)\s+.+?)\s*\.?\s*\(\s*[Ii]ngezonden",
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


def session_year(text: str) -> str | None:
    m = _SESSION.search(text)
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    if len(end) == 2:
        end = start[:2] + end
    return f"{start}-{end}"


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


def case_number(text: str) -> str | None:
    m = _CASE.search(text)
    return f"{m.group(1)}Z{m.group(2)}" if m else None


def ah_number(text: str) -> int | None:
    m = _AH.search(text)
    return int(m.group(1)) if m else None


def members(text: str) -> list[Member]:
    """``Beckerman (SP), Smeulders (GroenLinks) en Nijboer (PvdA)``;
    ``Van Es en Beckers-de Bruijn (beiden Groen Links)``."""
    out: list[Member] = []
    pending: list[Member] = []
    for part in re.split(r"(\([^)]*\))", text):
        if part.startswith("("):
            inner = part[1:-1].strip()
            shared = re.match(r"(?:beiden|beide|allen|alle\s+\w+)\s+(.+)", inner, re.I)
            if shared:
                for member in pending:
                    member.party = member.party or shared.group(1).strip()
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
                out.append(Office(role=role, portfolio=pf.strip()))
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


def answerers(text: str) -> list[Answerer]:
    m = _ANSWER_HEAD.search(text)
    if not m:
        old = _OLD_ANSWER_HEAD.search(text)
        if old:
            return [
                Answerer(
                    role=_role(old.group("role")),
                    name=old.group("name").strip(),
                    portfolio=old.group("pf").strip(),
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
_LETTER_DATE = re.compile(rf"(?:^|\n)\s*Datum\s*\n\s*{_DATE}")
_YOUR_LETTER = re.compile(rf"uw brief van\s+{_DATE}", re.I)
_SIGNATURE = re.compile(r"^(?:[A-Z]\.\s?)+(?P<name>[A-Z][^\s,]*(?:[ -][^\s,]+)*)$")


def letter(lines: list[str]) -> dict[str, object]:
    """A ministry answer letter (Word): cover letter, signature, then the questions."""
    text = "\n".join(lines)
    out: dict[str, object] = {}
    m = _LETTER_DATE.search(text)
    if m:
        out["received_on"] = iso_date(*m.groups())
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
    name = None
    for line in reversed(lines[:head_index]):
        sig = _SIGNATURE.match(line.strip())
        if sig:
            name = sig.group("name")
            break
        if line.strip():
            break
    out["answered_by"] = [
        Answerer(
            role=_role(h.group("role")),
            name=name,
            portfolio=h.group("pf").strip(),
            on_behalf_of=offices(h.group("behalf") or ""),
        )
    ]
    out["submitters"] = members(h.group("who"))
    out["addressees"] = offices(h.group("to") or "")
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


_SEE_ALSO = re.compile(r"Zie ook\s+(?:het\s+)?(Aanhangsel[^()]*?nr\.\s*\d+)", re.I)


def see_also(text: str) -> list[str]:
    """ "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1843" references."""
    return [re.sub(r"\s+", " ", m.group(1)) for m in _SEE_ALSO.finditer(text)]
