"""A local fake of the Tweede Kamer SyncFeed (Atom) and KOOP's SRU 2.0 search and document
download, for the sync tests.

``History`` is a deterministic, generated history of written-question cases: entity
versions (Zaak, ZaakActor, Document, DocumentVersie, Persoon, Fractie) in time order, each
one feed entry whose 1-based position is its global sequence number (the ``skiptoken``).
``History.advance`` appends new cases, updates and deletions; ``History.expected`` tells what
a correct client ends with. ``FakeServices`` serves it over HTTP on 127.0.0.1:

* ``/SyncFeed/2.0/Feed?category=Zaak&skiptoken=N``: Atom pages in the tkData v1-0 shape
  (``tk:bijgewerkt``/``tk:verwijderd`` are namespace-qualified, as the XSD's global
  attributes require; a deleted entity is re-emitted as an empty element). As in the real
  feed, every entry carries its own ``<link rel="next">`` with its sequence number, the
  token to resume from once it is processed; the feed-level one is there while more remain;
* ``/sru?...&query=...&startRecord=&maximumRecords=``: SRU 2.0 records of the answers;
* ``/frbr/officielepublicaties/ah-tk/<vj>/<id>/1/xml/<id>.xml`` and ``.../metadata/metadata.xml``.

``Faults`` injects timeouts, 500s, 503s, truncated bodies, duplicated entries and deletions
that follow a fetch, decided per request number from a seed.
"""

from __future__ import annotations

import bisect
import random
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from lxml import etree

TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
ATOM = "http://www.w3.org/2005/Atom"
CATEGORIES = ("Zaak", "ZaakActor", "Document", "DocumentVersie", "Persoon", "Fractie")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ANSWER, NADER = "Antwoord schriftelijke vragen", "Antwoord schriftelijke vragen (nader)"
PARTIES = {
    "VVD": "Volkspartij voor Vrijheid en Democratie",
    "D66": "Democraten 66",
    "PVV": "Partij voor de Vrijheid",
    "CDA": "Christen-Democratisch Appèl",
    "SP": "Socialistische Partij",
    "GroenLinks": "GroenLinks",
    "PvdA": "Partij van de Arbeid",
    "ChristenUnie": "ChristenUnie",
    "PvdD": "Partij voor de Dieren",
}
PORTFOLIOS = (
    "Financiën",
    "Justitie en Veiligheid",
    "Volksgezondheid, Welzijn en Sport",
    "Defensie",
    "Sociale Zaken en Werkgelegenheid",
    "Infrastructuur en Waterstaat",
    "Buitenlandse Zaken",
    "Onderwijs, Cultuur en Wetenschap",
    "Economische Zaken en Klimaat",
)
FIRST = (
    "Anne",
    "Bram",
    "Eva",
    "Henk",
    "Fleur",
    "Pieter",
    "Sophie",
    "Tom",
    "Lotte",
    "Sander",
    "Inge",
    "Joost",
)
LAST = (
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Kok",
    "Brouwer",
)
TOPIC = (
    (
        "de stijgende kosten van",
        "het tekort aan",
        "de wachtlijsten voor",
        "het onderzoek naar",
        "de gevolgen van",
        "berichten over",
    ),
    (
        "de jeugdzorg",
        "huurwoningen",
        "leraren",
        "de kinderopvangtoeslag",
        "stikstofvergunningen",
        "windparken",
        "het openbaar vervoer",
        "de ggz",
        "asielopvang",
        "de Tozo",
    ),
    ("in Groningen", "in Rotterdam", "op het platteland", "voor gemeenten", "voor ondernemers", ""),
)
QUESTIONS = (
    "Bent u bekend met {t}?",
    "Hoeveel mensen worden geraakt door {t}?",
    "Deelt u de mening dat {t} de aandacht van het kabinet verdient?",
    "Welke maatregelen neemt u tegen {t}?",
    "Bent u bereid de Kamer te informeren over {t}?",
)
ANSWERS = (
    "Ja.",
    "Daarover zijn geen cijfers beschikbaar.",
    "Het kabinet werkt aan maatregelen en informeert de Kamer voor de zomer.",
    "Ik verwijs naar het antwoord op vraag 1.",
    "Nee, daartoe zie ik geen aanleiding.",
)
# What a plain Mededeling says, in a minister's words (kamervragen.parse.notice reads them).
MEDEDELINGEN = {
    "withdrawn": "Het lid {who} heeft de vragen over {t} ingetrokken.",
    "answered_by_letter": "De vragen van het lid {who} over {t} zijn beantwoord bij brief van 3 mei aan de Kamer.",
    "other": "Naar aanleiding van de vragen van het lid {who} over {t} deel ik u mee dat een gesprek is gepland.",
}
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


class Ref(str):
    """A reference field, rendered as ``<name ref="GUID"/>``."""


NIL = None  # a field the Kamer sends empty, as ``<name xsi:nil="true"/>``
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# The real feed's skiptokens are global sequence numbers in the millions ("16687327").
TOKEN_BASE = 16_687_000


@dataclass(frozen=True)
class Entity:
    """One version of an entity, fields in XSD order; a deletion has no fields."""

    category: str
    id: str
    bijgewerkt: datetime
    fields: tuple[tuple[str, str | None], ...] = ()
    verwijderd: bool = False

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.fields if k == name), None)


@dataclass
class Person:
    id: str
    nummer: int
    roepnaam: str
    last: str  # with tussenvoegsel: "de Vries"
    party: str
    functie: str = "Tweede Kamerlid"

    @property
    def name(self) -> str:
        return f"{self.roepnaam} {self.last}"

    @property
    def surname(self) -> str:  # as printed in the Aanhangsel: "De Vries"
        return self.last[0].upper() + self.last[1:]


@dataclass
class Case:
    nummer: str
    zaak_id: str
    submitted: date
    subject: str
    submitters: list[Person]
    ministers: list[tuple[Person, str]]
    termijn: date | None = None
    answered: bool = False
    withdrawn: bool = False
    said: str | None = None  # what its Mededeling says, if it has one


@dataclass
class Answer:
    """What KOOP publishes for one answer document."""

    identifier: str
    vj: str
    number: int
    case: Case
    received: date
    modified: date
    doc_id: str
    qa: list[tuple[str, str]]


def vergaderjaar(d: date) -> str:
    y = d.year if d.month >= 9 else d.year - 1
    return f"{y}-{y + 1}"


def local_time(d: date) -> str:
    return datetime(d.year, d.month, d.day, tzinfo=AMSTERDAM).isoformat()


def utc_stamp(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def dutch_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


class History:
    """A deterministic history of written-question cases as a list of entity versions."""

    def __init__(self, cases: int, seed: int = 1, mededeling_share: float = 277 / 42854) -> None:
        self.rng = random.Random(seed)
        self.mededeling_share = mededeling_share
        self.resources: dict[str, bytes] = {}  # document id → its file (a Mededeling's .docx)
        self.lock = threading.RLock()
        self.events: list[Entity] = []
        self.current: dict[str, Entity] = {}
        self.answers: dict[str, Answer] = {}
        self.cases: list[Case] = []
        self._by_category: dict[str, list[int]] = {c: [] for c in CATEGORIES}
        self._emitted: set[str] = set()
        self._counters: Counter[str] = Counter()
        self.parties = {abbr: self._guid() for abbr in PARTIES}
        names = self.rng.sample([(f, last) for f in FIRST for last in LAST], 40 + len(PORTFOLIOS))
        people = [
            Person(self._guid(), 1000 + n, f, last, self.rng.choice(list(PARTIES)))
            for n, (f, last) in enumerate(names)
        ]
        self.members = people[:40]
        self.ministers = [
            (
                replace(
                    p,
                    party=self.rng.choice(["VVD", "D66", "CDA", "ChristenUnie"]),
                    functie=f"minister van {pf}",
                ),
                pf,
            )
            for p, pf in zip(people[40:], PORTFOLIOS, strict=True)
        ]
        start = date(2019, 1, 7)
        days = sorted(self.rng.randrange(7 * 365 - 14) for _ in range(cases))
        pending = [e for day in days for e in self._new_case(start + timedelta(days=day), full=True)]
        for e in sorted(pending, key=lambda e: e.bijgewerkt):
            self._emit(e)

    # -- building blocks -------------------------------------------------------------------
    def _guid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _at(self, d: date) -> datetime:
        return datetime(d.year, d.month, d.day, 8, tzinfo=UTC) + timedelta(minutes=self.rng.randrange(600))

    def _emit(self, e: Entity) -> int:
        with self.lock:
            self.events.append(e)
            self.current[e.id] = e
            self._by_category[e.category].append(len(self.events))
            return len(self.events)

    def _subject(self) -> str:
        return " ".join(w for w in (self.rng.choice(part) for part in TOPIC) if w)

    def _people(self, persons: list[Person], t: datetime) -> list[Entity]:
        out = []
        for p in persons:
            if p.party not in self._emitted:
                self._emitted.add(p.party)
                out.append(
                    Entity(
                        "Fractie",
                        self.parties[p.party],
                        t - timedelta(hours=1),
                        (
                            ("nummer", str(list(PARTIES).index(p.party) + 1)),
                            ("afkorting", p.party),
                            ("naamNl", PARTIES[p.party]),
                            ("aantalZetels", str(5 + len(p.party))),
                        ),
                    )
                )
            if p.id not in self._emitted:
                self._emitted.add(p.id)
                out.append(
                    Entity(
                        "Persoon",
                        p.id,
                        t - timedelta(minutes=30),
                        (
                            ("nummer", str(p.nummer)),
                            ("initialen", p.roepnaam[0] + "."),
                            ("tussenvoegsel", p.last.rsplit(" ", 1)[0] if " " in p.last else NIL),
                            ("achternaam", p.last.rsplit(" ", 1)[-1]),
                            ("roepnaam", p.roepnaam),
                            ("functie", p.functie),
                            ("fractielabel", p.party),
                        ),
                    )
                )
        return out

    def _zaak(self, case: Case, t: datetime) -> Entity:
        minister = case.ministers[0][1]
        fields = [
            ("nummer", case.nummer),
            ("soort", "Schriftelijke vragen"),
            (
                "onderwerp",
                f"Vragen van het lid {case.submitters[0].surname} aan de minister van {minister} "
                f"over {case.subject}",
            ),
            ("gestartOp", local_time(case.submitted)),
            ("organisatie", "Tweede Kamer"),
            ("titel", case.subject),
        ]
        fields.append(("termijn", local_time(case.termijn) if case.termijn else NIL))
        fields.append(("vergaderjaar", vergaderjaar(case.submitted)))
        return Entity("Zaak", case.zaak_id, t, tuple(fields))

    def _actor(self, case: Case, p: Person, relatie: str, t: datetime) -> Entity:
        return Entity(
            "ZaakActor",
            self._guid(),
            t,
            (
                ("zaak", Ref(case.zaak_id)),
                ("persoon", Ref(p.id)),
                ("fractie", Ref(self.parties[p.party])),
                ("actorNaam", p.name),
                ("actorFractie", p.party),
                ("functie", p.functie),
                ("relatie", relatie),
            ),
        )

    def _document(
        self,
        case: Case,
        soort: str,
        d: date,
        t: datetime,
        nummer: str | None = None,
        aanhangsel: int | None = None,
        said: str | None = None,
    ) -> list[Entity]:
        if nummer is None:
            self._counters["D"] += 1
            nummer = f"{d.year}D{self._counters['D']:05d}"
        doc_id, versie_id = self._guid(), self._guid()
        fields = [
            ("huidigeDocumentVersie", Ref(versie_id)),
            ("zaak", Ref(case.zaak_id)),
            ("soort", soort),
            ("documentNummer", nummer),
            ("titel", f"{soort}: {case.subject}"),
            ("onderwerp", case.subject),
            ("datum", local_time(d)),
            ("vergaderjaar", vergaderjaar(d)),
            ("kamer", "2"),
        ]
        if aanhangsel is not None:
            fields.append(("aanhangselnummer", str(aanhangsel)))
        if said is not None:
            text = MEDEDELINGEN[said].format(who=case.submitters[0].surname, t=case.subject)
            self.resources[doc_id] = mededeling_docx(text)
        versie = Entity(
            "DocumentVersie",
            versie_id,
            t + timedelta(seconds=30),
            (
                ("document", Ref(doc_id)),
                ("status", "Goedgekeurd"),
                ("versienummer", "1"),
                ("bestandsgrootte", str(self.rng.randrange(20_000, 90_000))),
                ("extensie", ".docx"),
                ("datum", local_time(d)),
            ),
        )
        return [Entity("Document", doc_id, t, tuple(fields)), versie]

    def _answer(self, case: Case, d: date, t: datetime, nader: bool = False) -> list[Entity]:
        vj = vergaderjaar(d)
        self._counters[vj] += 1
        number = self._counters[vj]
        identifier = f"ah-tk-{vj.replace('-', '')}-{number}"
        entities = self._document(case, NADER if nader else ANSWER, d, t, identifier, number)
        qs = self.rng.sample(QUESTIONS, self.rng.randint(2, 4))
        qa = [(q.format(t=case.subject), self.rng.choice(ANSWERS)) for q in qs]
        modified = d + timedelta(days=self.rng.randrange(4))
        self.answers[identifier] = Answer(identifier, vj, number, case, d, modified, entities[0].id, qa)
        case.answered = True
        return entities

    def _new_case(self, d: date, full: bool) -> list[Entity]:
        """Zaak, actors and question document of a new case; with ``full`` its later documents."""
        rng = self.rng
        submitters = rng.sample(self.members, 1 + (rng.random() < 0.3) * rng.randint(1, 2))
        ministers = rng.sample(self.ministers, 1 + (rng.random() < 0.15))
        nummer = f"{d.year}Z{len(self.cases) + 1:05d}"
        case = Case(
            nummer,
            self._guid(),
            d,
            self._subject(),
            submitters,
            ministers,
            d + timedelta(days=21) if rng.random() < 0.6 else None,
        )
        self.cases.append(case)
        t = self._at(d)
        out = [*self._people(submitters + [p for p, _ in ministers], t), self._zaak(case, t)]
        roles = [("Indiener", p) for p in submitters[:1]] + [("Medeindiener", p) for p in submitters[1:]]
        roles += [("Gericht aan", p) for p, _ in ministers]
        out += [self._actor(case, p, r, t + timedelta(minutes=1 + k)) for k, (r, p) in enumerate(roles)]
        out += self._document(case, "Schriftelijke vragen", d, t + timedelta(minutes=9), nummer)
        if not full:
            return out
        # Real proportions of the Kamer's Document.Soort counts (real-responses/
        # document-soorten-counts.json): per 42,854 "Schriftelijke vragen", 41,262 answers,
        # 12,830 "Mededeling (uitstel antwoord)" and 277 "Mededeling".
        later = d + timedelta(days=rng.randint(15, 25))
        if rng.random() < 0.30:
            out += self._document(case, "Mededeling (uitstel antwoord)", later, self._at(later))
        if rng.random() < self.mededeling_share:
            said = rng.choice(list(MEDEDELINGEN))
            case.said = said
            case.withdrawn = said == "withdrawn"
            case.answered = said == "answered_by_letter"
            day = d + timedelta(days=rng.randint(5, 30))
            out += self._document(case, "Mededeling", day, self._at(day), said=said)
        elif rng.random() < 0.965:
            answered = d + timedelta(days=rng.randint(10, 90))
            out += self._answer(case, answered, self._at(answered))
            if rng.random() < 0.025:
                nader = answered + timedelta(days=rng.randint(20, 60))
                out += self._answer(case, nader, self._at(nader), nader=True)
        return out

    # -- changes after the initial history ---------------------------------------------------
    def _next_time(self) -> datetime:
        return self.events[-1].bijgewerkt + timedelta(minutes=1)

    def _restamped(self, entities: list[Entity]) -> None:
        for e in entities:
            self._emit(replace(e, bijgewerkt=self._next_time()))

    def delete(self, entity_id: str) -> int:
        """Re-emit an entity as deleted; returns its sequence number."""
        with self.lock:
            e = self.current[entity_id]
            return self._emit(Entity(e.category, e.id, self._next_time(), verwijderd=True))

    def advance(self, new_cases: int, updates: int, deletions: int) -> None:
        """Append new (open) cases, updates (a late answer or a changed onderwerp) and deletions."""
        with self.lock:
            for _ in range(new_cases):
                self._restamped(self._new_case((self._next_time() + timedelta(days=1)).date(), full=False))
            for _ in range(updates):
                today = (self._next_time() + timedelta(days=1)).date()
                live = [c for c in self.cases if not self.current[c.zaak_id].verwijderd]
                open_ = [c for c in live if not (c.answered or c.withdrawn)]
                if open_ and self.rng.random() < 0.6:
                    self._restamped(self._answer(self.rng.choice(open_), today, self._next_time()))
                elif live:
                    case = self.rng.choice(live)
                    case.subject = self._subject()
                    self._restamped([self._zaak(case, self._next_time())])
            kinds = ("Zaak", "ZaakActor", "Document")
            for _ in range(deletions):
                alive = [i for i, e in self.current.items() if e.category in kinds and not e.verwijderd]
                if alive:
                    self.delete(self.rng.choice(alive))

    # -- reading -------------------------------------------------------------------------------
    def page(self, category: str, after: int, size: int) -> tuple[list[tuple[int, Entity]], bool]:
        """Entries of a category with sequence number > after: at most size, and whether more remain."""
        with self.lock:
            seqs = self._by_category[category]
            i = bisect.bisect_right(seqs, after)
            return [(s, self.events[s - 1]) for s in seqs[i : i + size]], i + size < len(seqs)

    @property
    def deleted(self) -> set[str]:
        return {i for i, e in self.current.items() if e.verwijderd}

    def live_answers(self) -> list[Answer]:
        with self.lock:
            return [a for a in self.answers.values() if not self.current[a.doc_id].verwijderd]

    def expected(self) -> dict[str, dict]:
        """Per zaak nummer: its id, onderwerp, the set of (soort, documentNummer) and the sorted
        (relatie, actorNaam) pairs a correct client holds; deleted entities are left out."""
        with self.lock:
            live = [e for e in self.current.values() if not e.verwijderd]
            out: dict[str, dict] = {}
            by_id: dict[str | None, dict] = {}
            for e in live:
                if e.category == "Zaak":
                    by_id[e.id] = out[e.get("nummer") or ""] = {
                        "id": e.id,
                        "onderwerp": e.get("onderwerp"),
                        "documents": set(),
                        "actors": [],
                    }
            for e in live:
                z = by_id.get(e.get("zaak"))
                if z and e.category == "Document":
                    z["documents"].add((e.get("soort"), e.get("documentNummer")))
                elif z and e.category == "ZaakActor":
                    z["actors"].append((e.get("relatie"), e.get("actorNaam")))
            for z in out.values():
                z["actors"].sort()
            return out


# -- rendering --------------------------------------------------------------------------------
def tk_stamp(t: datetime) -> str:
    """tk:bijgewerkt as the real feed writes it: UTC, seven decimals, no offset
    ("2019-08-12T12:56:35.4070000")."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0"


def entity_element(e: Entity, resource: bytes | None = None) -> etree._Element:
    tag = e.category[0].lower() + e.category[1:]
    el = etree.Element(f"{{{TK}}}{tag}", nsmap={None: TK, "tk": TK, "xsi": XSI})
    el.set("id", e.id)
    el.set(f"{{{TK}}}bijgewerkt", tk_stamp(e.bijgewerkt))
    el.set(f"{{{TK}}}verwijderd", "true" if e.verwijderd else "false")
    if resource is not None:
        el.set(f"{{{TK}}}contentType", DOCX)
        el.set(f"{{{TK}}}contentLength", str(len(resource)))
    for name, value in e.fields:
        child = etree.SubElement(el, f"{{{TK}}}{name}")
        if isinstance(value, Ref):
            child.set("ref", value)
        elif value is NIL:
            child.set(f"{{{XSI}}}nil", "true")
        else:
            child.text = value
    return el


def feed_xml(
    base: str,
    category: str,
    entries: list[tuple[int, Entity]],
    next_token: int | None,
    resources: dict[str, bytes] | None = None,
) -> bytes:
    """An Atom page as the real SyncFeed writes one: an author, entries with 7-decimal
    timestamps, global skiptokens in the millions with the parameters in either order, an
    enclosure link where an entity has a file."""
    resources = resources or {}
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    url = f"{base}/SyncFeed/2.0/Feed?category={category}"

    def link(token: int) -> str:  # the real feed writes both orders
        token += TOKEN_BASE
        return (
            f"{url}&skiptoken={token}"
            if token % 2
            else f"{base}/SyncFeed/2.0/Feed?skiptoken={token}&category={category}"
        )

    etree.SubElement(feed, f"{{{ATOM}}}title").text = f"Gegevensmagazijn SyncFeed (category: {category})"
    etree.SubElement(feed, f"{{{ATOM}}}id").text = url
    etree.SubElement(feed, f"{{{ATOM}}}updated").text = utc_stamp(
        max((e.bijgewerkt for _, e in entries), default=datetime(2019, 1, 1, tzinfo=UTC))
    )
    if next_token is not None:
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="next", href=link(next_token))
    for seq, e in entries:
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        etree.SubElement(entry, f"{{{ATOM}}}title").text = e.id
        etree.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/SyncFeed/2.0/Entiteiten/{e.id}"
        author = etree.SubElement(entry, f"{{{ATOM}}}author")
        etree.SubElement(author, f"{{{ATOM}}}name").text = "Tweede Kamer der Staten-Generaal"
        etree.SubElement(entry, f"{{{ATOM}}}updated").text = tk_stamp(e.bijgewerkt) + "Z"
        etree.SubElement(entry, f"{{{ATOM}}}category", term=e.category[0].lower() + e.category[1:])
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="next", href=link(seq))  # resume point
        resource = resources.get(e.id) if not e.verwijderd else None
        if resource is not None:
            etree.SubElement(
                entry,
                f"{{{ATOM}}}link",
                rel="enclosure",
                href=f"{base}/SyncFeed/2.0/Resources/{e.id}",
                type=DOCX,
            )
        content = etree.SubElement(entry, f"{{{ATOM}}}content", type="application/xml")
        content.append(entity_element(e, resource))
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mededeling_docx(text: str) -> bytes:
    """A Mededeling as the Kamer files one: a short Word letter."""
    import io

    import docx

    letter = docx.Document()
    letter.add_paragraph("Mededeling")
    letter.add_paragraph(text)
    letter.add_paragraph("De Minister,")
    out = io.BytesIO()
    letter.save(out)
    return out.getvalue()


def _names(persons: list[Person]) -> str:
    parts = [
        f"<naam><achternaam>{escape(p.surname)}</achternaam></naam> ({escape(p.party)})" for p in persons
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def answer_xml(a: Answer) -> bytes:
    c, (minister, portfolio) = a.case, a.case.ministers[0]
    lid = "het lid" if len(c.submitters) == 1 else "de leden"
    aan = " en ".join(f"de Minister van {escape(pf)}" for _, pf in c.ministers)
    qa = "".join(
        f'<vraag><nr status="officieel">Vraag {n}</nr><al>{escape(q)}</al></vraag>'
        f'<antwoord><nr status="officieel">Antwoord {n}</nr><al>{escape(ans)}</al></antwoord>\n'
        for n, (q, ans) in enumerate(a.qa, 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
<metadata><meta name="OVERHEIDop.externMetadataRecord" scheme="" content="{a.identifier}/metadata.xml"/></metadata>
<kamervragen>
<kamervraagkop><tekstregel inhoud="vergaderjaar">Vergaderjaar {a.vj}</tekstregel>
<tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel>
<tekstregel inhoud="documenttype">Aanhangsel van de Handelingen</tekstregel></kamervraagkop>
<kamervraagnummer>{a.number}</kamervraagnummer>
<kamervraagomschrijving type="vraag">Vragen van {lid} {_names(c.submitters)} aan {aan} over \
<kamervraagonderwerp>{escape(c.subject)}</kamervraagonderwerp> (ingezonden \
<datum isodatum="{c.submitted}">{dutch_date(c.submitted)}</datum>).</kamervraagomschrijving>
<kamervraagomschrijving type="antwoord">Antwoord van Minister <naam><achternaam>{escape(minister.surname)}\
</achternaam></naam> (<organisatie>{escape(portfolio)}</organisatie>) (ontvangen \
<datum isodatum="{a.received}">{dutch_date(a.received)}</datum>).</kamervraagomschrijving>
{qa}</kamervragen>
</officiele-publicatie>
""".encode()


def metadata_xml(a: Answer) -> bytes:
    rows = [
        ("DC.title", f"Antwoord op vragen van het lid {a.case.submitters[0].surname} over {a.case.subject}"),
        ("OVERHEIDop.aanhangselNummer", str(a.number)),
        *(("OVERHEIDop.indiener", p.name) for p in a.case.submitters),
        *(("OVERHEIDop.ontvanger", p.name) for p, _ in a.case.ministers),
        ("OVERHEIDop.publicationName", "Kamervragen (Aanhangsel)"),
        ("OVERHEIDop.vergaderjaar", a.vj),
        ("OVERHEIDop.vraagnummer", a.case.nummer),
        ("DCTERMS.issued", str(a.received)),
        ("OVERHEIDop.datumOntvangst", str(a.received)),
        ("DC.type", "Antwoord"),
        ("DC.identifier", a.identifier),
    ]
    body = "".join(f'<metadata name="{k}" scheme="" content={quoteattr(v)}/>\n' for k, v in rows)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<metadata_gegevens>\n{body}</metadata_gegevens>\n'.encode()
    )


SruItem = tuple[str, str, str, date, str]  # identifier, vergaderjaar, title, modified, zaak nummer

SRU_NS = (
    'xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:overheidwetgeving="http://standaarden.overheid.nl/wetgeving/" '
    'xmlns:gzd="http://standaarden.overheid.nl/sru" xmlns:c="http://standaarden.overheid.nl/collectie/"'
)


def sru_record(base: str, item: SruItem, position: int, manifestations: tuple[str, ...] = ("xml",)) -> str:
    identifier, vj, title, modified, case_number = item
    folder = f"{base}/frbr/officielepublicaties/ah-tk/{vj.replace('-', '')}/{identifier}/1"
    items = "".join(
        f'<gzd:itemUrl manifestation="{kind}">{folder}/{kind}/{identifier}.{kind}</gzd:itemUrl>\n'
        for kind in manifestations
    )
    main = f"{folder}/{manifestations[0]}/{identifier}.{manifestations[0]}" if manifestations else folder
    return f"""<sru:record><sru:recordSchema>http://standaarden.overheid.nl/sru/</sru:recordSchema>
<sru:recordPacking>xml</sru:recordPacking><sru:recordData><gzd:gzd><gzd:originalData><overheidwetgeving:meta>
<overheidwetgeving:owmskern><dcterms:identifier>{identifier}</dcterms:identifier><dcterms:title>{escape(title)}\
</dcterms:title><dcterms:type scheme="OVERHEIDop.Parlementair">Aanhangsel van de Handelingen</dcterms:type>
<dcterms:modified>{modified}</dcterms:modified></overheidwetgeving:owmskern><overheidwetgeving:tpmeta>
<c:product-area>officielepublicaties</c:product-area><overheidwetgeving:vergaderjaar>{vj}</overheidwetgeving:vergaderjaar>
<overheidwetgeving:publicatienaam>Kamervragen (Aanhangsel)</overheidwetgeving:publicatienaam>
<overheidwetgeving:vraagnummer>{case_number}</overheidwetgeving:vraagnummer></overheidwetgeving:tpmeta>
</overheidwetgeving:meta></gzd:originalData><gzd:enrichedData><gzd:url>{main}</gzd:url>
<gzd:itemUrl manifestation="metadata">{folder}/metadata/metadata.xml</gzd:itemUrl>
{items}</gzd:enrichedData></gzd:gzd>
</sru:recordData><sru:recordPosition>{position}</sru:recordPosition></sru:record>
"""


def sru_xml(
    base: str,
    items: list[SruItem],
    query: str,
    start: int,
    maximum: int,
    manifestations: dict[str, tuple[str, ...]] | None = None,
) -> bytes:
    page = items[start - 1 : start - 1 + maximum]
    listed = manifestations or {}
    records = "".join(
        sru_record(base, item, start + k, listed.get(item[0], ("xml",))) for k, item in enumerate(page)
    )
    more = start - 1 + len(page) < len(items)
    nxt = f"<sru:nextRecordPosition>{start + len(page)}</sru:nextRecordPosition>\n" if more and page else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sru:searchRetrieveResponse {SRU_NS}>
<sru:version>2.0</sru:version><sru:numberOfRecords>{len(items)}</sru:numberOfRecords>
<sru:records>{records}</sru:records>
{nxt}<sru:echoedSearchRetrieveRequest><sru:query>{escape(query)}</sru:query><sru:startRecord>{start}</sru:startRecord>
<sru:maximumRecords>{maximum}</sru:maximumRecords></sru:echoedSearchRetrieveRequest>
</sru:searchRetrieveResponse>
""".encode()


# -- faults and the server ------------------------------------------------------------------------
@dataclass
class Faults:
    """Fault probabilities (0..1), rolled per request number from ``seed``; ``kinds`` limits them
    to some endpoints (feed, sru, document, metadata) and ``limit`` caps how many fire in all."""

    timeout: float = 0.0
    error500: float = 0.0
    unavailable: float = 0.0
    truncate: float = 0.0
    duplicate: float = 0.0
    delete_after_fetch: float = 0.0
    error_page: float = 0.0  # 200 with an HTML error page
    xml_error: float = 0.0  # 500 with the SyncFeed's XML error body
    seed: int = 0
    sleep_seconds: float = 3.0
    truncate_declares_length: bool = True  # False: no Content-Length, so the client sees cut XML
    kinds: frozenset[str] = frozenset({"feed", "sru", "document", "metadata", "resource"})
    limit: int | None = None

    def roll(self, n: int, kind: str) -> set[str]:
        if kind not in self.kinds:
            return set()
        rng = random.Random(self.seed * 1_000_003 + n)
        return {name for name in FAULTS if rng.random() < getattr(self, name)}


FAULTS = (
    "timeout",
    "error500",
    "unavailable",
    "truncate",
    "duplicate",
    "delete_after_fetch",
    "error_page",
    "xml_error",
)
FRBR = re.compile(
    r"/frbr/officielepublicaties/ah-tk/(\d{8})/(ah-tk-\d{8}-\d+)/1/(?:(?:xml|html|pdf)/\2\.(xml|html|pdf)|metadata/metadata\.xml)"
)
# The real error body of the SyncFeed (real-responses/syncfeed/issue84-ZaakActor-error-body.xml).
XML_ERROR = b"<Error>\n    <Message>An error has occurred.</Message>\n</Error>"
HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>Storing - tijdelijk niet beschikbaar</title></head>"
    b"<body><h1>Storing</h1><p>Probeer het later opnieuw.</p></body></html>"
)
MODIFIED = re.compile(r"(?:dcterms|dt)\.modified\s*>=\s*\"?(\d{4}-\d{2}-\d{2})")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.fake.handle(self)  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass


class FakeServices:
    """The fake SyncFeed and KOOP services on 127.0.0.1; ``recorded`` (a KOOP corpus folder)
    adds the recorded answer ah-tk-20202021-3235 to the SRU listing and downloads."""

    def __init__(
        self,
        history: History,
        page_size: int = 250,
        faults: Faults | None = None,
        recorded: Path | None = None,
        manifestations: tuple[str, ...] = ("xml",),
        delay: float = 0.0,
    ) -> None:
        """``manifestations``: what the SRU record of the recorded answer lists (real records
        may list only a PDF, or HTML); ``delay``: seconds every answer takes."""
        self.history, self.page_size, self.faults = history, page_size, faults or Faults()
        self.delay = delay
        self.down: set[str] = set()  # categories answering 500 with the XML error body
        self.requests: Counter[str] = Counter()
        self.fired: Counter[str] = Counter()
        self._n, self._lock = 0, threading.Lock()
        self._recorded: dict[str, tuple[SruItem, dict[str, bytes]]] = {}
        self.manifestations = manifestations
        if recorded:
            name = "ah-tk-20202021-3235"
            item = (name, "2020-2021", "Antwoord op vragen over de Tozo", date(2021, 7, 22), "2021Z09739")
            files = {kind: (recorded / f"{name}.{kind}").read_bytes() for kind in ("xml", "html", "pdf")}
            files["metadata.xml"] = (recorded / f"{name}.metadata.xml").read_bytes()
            self._recorded[name] = (item, files)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.fake = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def __enter__(self) -> FakeServices:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _fire(self, name: str) -> None:
        with self._lock:
            self.fired[name] += 1

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        url = urlsplit(req.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        frbr = FRBR.fullmatch(url.path)
        kind = (
            "feed"
            if url.path == "/SyncFeed/2.0/Feed"
            else "resource"
            if url.path.startswith("/SyncFeed/2.0/Resources/")
            else "sru"
            if url.path == "/sru"
            else "other"
            if not frbr
            else "metadata"
            if url.path.endswith("/metadata.xml")
            else "document"
        )
        if self.delay:
            time.sleep(self.delay)  # a real service's time to answer
        if kind == "feed" and query.get("category") in self.down:
            # How the SyncFeed answered Feed?category=ZaakActor for months in 2022.
            with self._lock:
                self.requests["down"] += 1
            return self._send(req, 500, XML_ERROR, "application/xml; charset=utf-8", {})
        with self._lock:
            self.requests[kind] += 1
            rolled, self._n = self.faults.roll(self._n, kind), self._n + 1
            if self.faults.limit is not None:  # the first ones in Faults' field order
                rolled = set(
                    [f for f in FAULTS if f in rolled][: max(0, self.faults.limit - self.fired.total())]
                )
        if "timeout" in rolled:
            self._fire("timeout")
            time.sleep(self.faults.sleep_seconds)
        if "error_page" in rolled:
            self._fire("error_page")  # a proxy's error page, sent with status 200
            return self._send(req, 200, HTML_ERROR, "text/html; charset=utf-8", {})
        if "xml_error" in rolled:
            self._fire("xml_error")
            return self._send(req, 500, XML_ERROR, "application/xml; charset=utf-8", {})
        for name, status in (("unavailable", 503), ("error500", 500)):
            if name in rolled:
                self._fire(name)
                return self._send(
                    req,
                    status,
                    b"fault injected",
                    "text/plain",
                    {"Retry-After": "1"} if status == 503 else {},
                )
        try:
            status, ctype, body = self._route(kind, url.path, query, rolled)
        except (KeyError, ValueError) as exc:
            status, ctype, body = 404 if isinstance(exc, KeyError) else 400, "text/plain", str(exc).encode()
        self._send(req, status, body, ctype, {}, truncate="truncate" in rolled and status == 200)

    def _route(self, kind: str, path: str, q: dict[str, str], rolled: set[str]) -> tuple[int, str, bytes]:
        if kind == "feed":
            return 200, "application/atom+xml; charset=utf-8", self._feed(q, rolled)
        if kind == "sru":
            return 200, "text/xml; charset=utf-8", self._sru(q)
        if kind == "resource":
            return 200, DOCX, self.history.resources[path.rsplit("/", 1)[-1]]
        if kind in ("document", "metadata"):
            match = FRBR.fullmatch(path)
            identifier, extension = match.group(2), match.group(3)  # type: ignore[union-attr]
            if identifier in self._recorded:
                files = self._recorded[identifier][1]
                return (
                    200,
                    "application/octet-stream",
                    files["metadata.xml" if kind == "metadata" else extension],
                )
            answer = self.history.answers[identifier]
            return 200, "application/xml", answer_xml(answer) if kind == "document" else metadata_xml(answer)
        raise KeyError(path)

    def _feed(self, q: dict[str, str], rolled: set[str]) -> bytes:
        category = q.get("category", "")
        after = int(q["skiptoken"]) - TOKEN_BASE if "skiptoken" in q else 0
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        h = self.history
        with h.lock:
            entries, more = h.page(category, after, self.page_size)
            next_token = entries[-1][0] if more else None
            if "duplicate" in rolled and after and h.events[after - 1].category == category:
                self._fire("duplicate")
                entries = [(after, h.events[after - 1]), *entries]
            body = feed_xml(self.url, category, entries, next_token, h.resources)
            if "delete_after_fetch" in rolled:
                victim = next((e.id for _, e in entries if not h.current[e.id].verwijderd), None)
                if victim:
                    self._fire("delete_after_fetch")
                    h.delete(victim)
        return body

    def _sru(self, q: dict[str, str]) -> bytes:
        query, start, maximum = (
            q.get("query", ""),
            int(q.get("startRecord", "1")),
            int(q.get("maximumRecords", "10")),
        )
        items = [
            (a.identifier, a.vj, f"Antwoord op vragen over {a.case.subject}", a.modified, a.case.nummer)
            for a in self.history.live_answers()
        ] + [r[0] for r in self._recorded.values()]
        if "zonder antwoord" in query:
            items = []  # the fake publishes no questions apart from their answers
        since = MODIFIED.search(query)
        if since:
            items = [i for i in items if i[3] >= date.fromisoformat(since.group(1))]
        items.sort(key=lambda i: (i[3], i[0]))
        listed = {name: self.manifestations for name in self._recorded}
        return sru_xml(self.url, items, query, max(1, start), max(1, min(maximum, 1000)), listed)

    def _send(
        self,
        req: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        ctype: str,
        headers: dict[str, str],
        truncate: bool = False,
    ) -> None:
        try:
            req.send_response(status)
            req.send_header("Content-Type", ctype)
            if not truncate or self.faults.truncate_declares_length:
                req.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                req.send_header(key, value)
            if truncate:
                self._fire("truncate")
                req.send_header("Connection", "close")
                req.close_connection = True
                body = body[: len(body) // 2]
            req.end_headers()
            req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
