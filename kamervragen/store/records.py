"""The records job of the store: question sets written normalised and read back whole.

A set is kept as rows (sets, people, parties, offices, blocks, footnotes) with its record
whole beside them, so export gives back exactly what the parser made. Its life (status,
due date, days taken: :mod:`kamervragen.life`) is worked out from every document of its
Zaak in the store and the sync's case, and written on every set of that Zaak whenever one
of them changes. Portable SQL (see :mod:`kamervragen.store.sql`); the search index is the
backend's own (:class:`~kamervragen.store.contract.SearchIndex`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from kamervragen import life, names, titles
from kamervragen.analyze import analyze
from kamervragen.record import Record
from kamervragen.store.contract import Hit, IndexedBlock, Outcome, SearchIndex
from kamervragen.store.filters import OUTCOME_TOKENS, Filters, Plan, facet_tokens, plan
from kamervragen.store.sql import Database

# When one document arrives in several formats, the richer source is kept: KOOP's XML says
# what is a question and what an answer; text others extracted says it least well.
SOURCE_RANK = {".xml": 5, ".json": 4, ".html": 4, ".htm": 4, ".pdf": 3, ".docx": 2, ".txt": 1, ".md": 1}
SET_COLUMNS = (
    "id, doc_id, content_hash, source, kind, oral, chamber, session_year, appendix_number, case_number,"
    " title, submitted_on, received_on, days_taken, record_json, outcome, due_on, answered_on, known_from"
)


def source_rank(source: str) -> int:
    return SOURCE_RANK.get(Path(source).suffix.lower(), 0)


def disagreements(stored: Record, new: Record) -> list[str]:
    """Where a record that claims a stored set's id says otherwise, on what any reading of
    the same set agrees on: the day it was submitted, who asked, and (loosely, as parsers of
    different formats read it) its title. A field one of them lacks is no disagreement."""
    found = []
    if stored.submitted_on and new.submitted_on and stored.submitted_on != new.submitted_on:
        found.append("submitted_on")
    names = [{p.name.split()[-1].lower() for p in r.submitters if p.name} for r in (stored, new)]
    if names[0] and names[1] and not names[0] & names[1]:
        found.append("submitters")
    titles = [" ".join((r.title or "").lower().split()) for r in (stored, new)]
    if titles[0] and titles[1] and SequenceMatcher(None, titles[0], titles[1]).ratio() < 0.6:
        found.append("title")
    return found


def content_hash(record: Record) -> str:
    """Identity of a set without a KOOP id: what it says, not where it came from."""
    body = record.model_dump(exclude={"warnings", "id"})
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _spaced(tokens: list[str]) -> str:
    """Tokens as the set's facets column holds them: each between spaces, for LIKE '% t %'."""
    return " " + " ".join(tokens) + " "


def notice_text(record: Record) -> str:
    return " ".join(
        [record.title or "", *(q.text for q in record.questions), *(a.text for a in record.answers)]
    )


@dataclass
class Stored:
    """A stored set with what its life says today."""

    set_id: int
    record: Record
    status: life.Status
    due_on: str | None
    days_taken: int | None


@lru_cache(maxsize=65536)
def _name_stems(name: str) -> frozenset[str]:
    return frozenset(analyze(name)[0].split())


def _who(record: Record) -> list[str]:
    """The names a set can be found by: its members, their parties (as printed and as
    kamervragen.names calls them), the ministries asked and the people who answered."""
    out = [m.name for m in record.submitters]
    for member in record.submitters:
        if member.party:
            out += {member.party, names.party(member.party)}
    for office in [*record.addressees, *record.answered_by]:
        if office.portfolio:
            out += [names.ministry(office.portfolio), names.ministry_abbreviation(office.portfolio) or ""]
        if office.name:
            out.append(office.name)
    return [w for w in out if w]


class Records:
    def __init__(self, db: Database, index: SearchIndex) -> None:
        self.db = db
        self.index = index
        self._names_cache: tuple[object, tuple[dict[str, list[int]], ...]] | None = None

    # -- writing -----------------------------------------------------------------------

    def put(self, record: Record, source: str) -> Outcome:
        """Insert or update one set, whole or not at all (a savepoint inside the caller's
        transaction). The same ``id`` (or, without one, the same content) is updated, never
        duplicated; a poorer format of a stored document changes nothing."""
        digest = content_hash(record)
        with self.db.transaction():
            row = None
            if record.id:
                row = self.db.one(
                    "SELECT id, content_hash, source, case_number FROM sets WHERE doc_id = ?", (record.id,)
                )
            if row is None:
                row = self.db.one(
                    "SELECT id, content_hash, source, case_number FROM sets WHERE content_hash = ?", (digest,)
                )
            if row is not None and (row[1] == digest or source_rank(source) < source_rank(row[2])):
                return "unchanged"
            conflict = False
            if row is not None and record.id and row[2] != source:
                stored = self.record(int(row[0]))
                if stored is not None and disagreements(stored, record):
                    # Another document that merely names this set's id: both are kept.
                    record, row, conflict = record.model_copy(update={"id": None}), None, True
            old_case = row[3] if row is not None else None
            if row is not None:
                self._delete(int(row[0]))
            set_id, blocks = self._insert(record, source, digest, int(row[0]) if row else None)
            # The life first, then the blocks go into the index once, with it.
            lived = self.relive(record.case_number, set_id, unindexed=set_id)
            token = OUTCOME_TOKENS[lived.outcome]
            for b in blocks:
                b.outcome, b.due_on = lived.outcome, lived.due_on
                b.facets = [token if t == OUTCOME_TOKENS["pending"] else t for t in b.facets]
            self.index.add(blocks)
            if old_case and old_case != record.case_number:
                self.relive(old_case)
        return "conflict" if conflict else "updated" if row is not None else "new"

    def _delete(self, set_id: int) -> None:
        self.index.remove([r[0] for r in self.db.all("SELECT id FROM blocks WHERE set_id = ?", (set_id,))])
        self.db.execute("DELETE FROM sets WHERE id = ?", (set_id,))

    def _id(self, table: str, columns: tuple[str, ...], values: tuple[object, ...]) -> int:
        match = " AND ".join(f"{c} IS NOT DISTINCT FROM ?" for c in columns)
        found = self.db.value(f"SELECT id FROM {table} WHERE {match}", values)
        if found is not None:
            return int(found)
        marks = ", ".join("?" * len(columns))
        return int(
            self.db.value(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) RETURNING id", values)
        )

    def _insert(
        self, record: Record, source: str, digest: str, set_id: int | None
    ) -> tuple[int, list[IndexedBlock]]:
        """The set's rows; its index rows are returned to be added once its life is known."""
        set_id = int(
            self.db.value(
                "INSERT INTO sets (id, doc_id, content_hash, source, kind, oral, chamber, session_year,"
                " appendix_number, case_number, title, submitted_on, received_on, record_json, outcome)"
                " VALUES (coalesce(?, (SELECT coalesce(max(id), 0) + 1 FROM sets)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " 'pending') RETURNING id",
                (
                    set_id,
                    record.id,
                    digest,
                    source,
                    record.kind,
                    int(record.oral),
                    record.chamber,
                    record.session_year,
                    record.appendix_number,
                    record.case_number,
                    titles.title(record),  # what pages show; record_json keeps the printed one
                    record.submitted_on,
                    record.received_on,
                    record.model_dump_json(),
                ),
            )
        )
        people: list[int] = []
        parties: list[int] = []
        # set_tokens, below, once people and offices have their ids
        for position, member in enumerate(record.submitters):
            party_id = self._id("parties", ("name",), (names.party(member.party),)) if member.party else None
            person_id = self._id("people", ("name", "party_id"), (member.name, party_id))
            self.db.execute("INSERT INTO set_people VALUES (?, ?, ?)", (set_id, person_id, position))
            people.append(person_id)
            if party_id is not None:
                parties.append(party_id)
        offices = [("addressee", o) for o in record.addressees] + [
            ("answerer", o) for o in record.answered_by
        ]
        offices += [("on_behalf_of", o) for a in record.answered_by for o in a.on_behalf_of]
        by_relation: dict[str, list[int]] = {"addressee": [], "answerer": [], "on_behalf_of": []}
        for position, (relation, office) in enumerate(offices):
            office_id = self._id(
                "offices",
                ("role", "portfolio", "name"),
                (
                    office.role,
                    names.ministry(office.portfolio) if office.portfolio else "",
                    office.name or "",
                ),
            )
            self.db.execute(
                "INSERT INTO set_offices VALUES (?, ?, ?, ?)", (set_id, office_id, relation, position)
            )
            by_relation[relation].append(office_id)
        self.db.many(
            "INSERT INTO footnotes VALUES (?, ?, ?, ?)",
            [(set_id, f.number, f.text, json.dumps(f.urls)) for f in record.footnotes],
        )
        tokens = facet_tokens(
            record, "", "pending", people, parties, by_relation["addressee"], by_relation["answerer"]
        )
        self.db.execute("UPDATE sets SET facets = ? WHERE id = ?", (_spaced(tokens), set_id))
        notes = analyze(" ".join(f.text for f in record.footnotes))[0]
        # Who asked whom is searchable too ("Beckerman", "GroenLinks", "Natuur en
        # Stikstof"), on every block (a query's words must meet in one block) and at the
        # weight of the footnotes: it finds a set, it does not outrank what its text says.
        who = analyze(" ".join(_who(record)))[0]
        title, title_parts = analyze(record.title or "")
        blocks = [("question", [q.number], q.text) for q in record.questions]
        blocks += [("answer", a.questions, a.text) for a in record.answers]
        indexed = []
        for position, (kind, numbers, text) in enumerate(blocks):
            block_id = int(
                self.db.value(
                    "INSERT INTO blocks (id, set_id, kind, position, numbers, text)"
                    " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM blocks), ?, ?, ?, ?, ?) RETURNING id",
                    (set_id, kind, position, ",".join(map(str, numbers)), text),
                )
            )
            body, parts = analyze(text)
            # The title belongs to every block (a question is about its set's subject); the
            # footnotes are indexed once, on the first block, so a long note does not count
            # again for every block. The outcome is filled in by put() once the life is known.
            facets = facet_tokens(
                record, kind, "pending", people, parties, by_relation["addressee"], by_relation["answerer"]
            )
            indexed.append(
                IndexedBlock(
                    block_id=block_id,
                    set_id=set_id,
                    kind=kind,
                    title=title,
                    body=body,
                    parts=f"{title_parts} {parts}".strip(),
                    notes=f"{notes} {who}".strip() if position == 0 else who,
                    facets=facets,
                    submitted_on=record.submitted_on,
                    outcome="pending",
                    due_on=None,
                )
            )
        return set_id, indexed

    # -- the life of the sets of one Zaak ------------------------------------------------

    def relive(
        self, case_number: str | None, set_id: int | None = None, unindexed: int | None = None
    ) -> life.Life:
        """Work out the life of the sets of one Zaak (or of one set without a Zaak number)
        from all that is known, and write it where it changed: on the sets and their index
        rows (but for ``unindexed``, a set whose blocks are not in the index yet)."""
        columns = (
            "SELECT id, kind, submitted_on, received_on, record_json, outcome, due_on, answered_on, days_taken,"
            " known_from, facets FROM sets WHERE"
        )
        case = None
        if case_number:
            rows = self.db.all(f"{columns} case_number = ?", (case_number,))
            case = self.db.one(
                "SELECT submitted_on, termijn, documents FROM cases WHERE nummer = ?", (case_number,)
            )
        else:
            rows = self.db.all(f"{columns} id = ?", (set_id,))
        events: list[life.Event] = []
        for _, kind, submitted, received, payload, *_ in rows:
            # Only a Mededeling's words say what it reports (withdrawn, or answered by letter).
            text = notice_text(Record.model_validate_json(payload)) if kind == "notice" else ""
            events += life.record_events(kind, submitted, received, text)
        termijn = None
        if case is not None:
            documents = [(d.get("soort", ""), d.get("datum"), d.get("notice")) for d in json.loads(case[2])]
            events += life.case_events(case[0], documents)
            termijn = case[1]
        lived = life.assess(events, termijn, "sync" if case is not None else "documents")
        wanted = (lived.outcome, lived.due_on, lived.answered_on, lived.days_taken, lived.known_from)
        outcome_tokens = set(OUTCOME_TOKENS.values())
        changed = []
        for row in rows:
            if tuple(row[5:10]) == wanted:
                continue
            kept = [t for t in str(row[10] or "").split() if t not in outcome_tokens]
            self.db.execute(
                "UPDATE sets SET outcome = ?, due_on = ?, answered_on = ?, days_taken = ?, known_from = ?, facets = ?"
                " WHERE id = ?",
                (*wanted, _spaced([*kept, OUTCOME_TOKENS[lived.outcome]]), row[0]),
            )
            if row[0] != unindexed:
                changed.append(int(row[0]))
        if changed:
            self.index.relive(changed, lived.outcome, lived.due_on)
        return lived

    def relive_all(self) -> None:
        """Every set's life again (after a change of the rules)."""
        with self.db.transaction():
            for (case_number,) in self.db.all(
                "SELECT DISTINCT case_number FROM sets WHERE case_number IS NOT NULL"
            ):
                self.relive(case_number)
            for (set_id,) in self.db.all("SELECT id FROM sets WHERE case_number IS NULL"):
                self.relive(None, int(set_id))

    # -- reading -----------------------------------------------------------------------

    def record(self, set_id: int) -> Record | None:
        payload = self.db.value("SELECT record_json FROM sets WHERE id = ?", (set_id,))
        return Record.model_validate_json(payload) if payload else None

    def life(self, set_id: int) -> life.Life | None:
        row = self.db.one(
            "SELECT outcome, submitted_on, due_on, answered_on, days_taken, known_from, case_number FROM sets"
            " WHERE id = ?",
            (set_id,),
        )
        if row is None:
            return None
        notices = self._notices(row[6], set_id)
        return life.Life(
            outcome=row[0],
            submitted_on=row[1],
            due_on=row[2],
            answered_on=row[3],
            days_taken=row[4],
            delay_notices=notices,
            known_from=row[5] or "documents",
        )

    def _notices(self, case_number: str | None, set_id: int) -> tuple[str, ...]:
        """Delay notices of the set's Zaak: what its documents and case say."""
        events: list[life.Event] = []
        where, arg = ("case_number = ?", case_number) if case_number else ("id = ?", set_id)
        for (payload,) in self.db.all(f"SELECT record_json FROM sets WHERE {where}", (arg,)):
            r = Record.model_validate_json(payload)
            events += life.record_events(r.kind, r.submitted_on, r.received_on, notice_text(r))
        case = (
            self.db.value("SELECT documents FROM cases WHERE nummer = ?", (case_number,))
            if case_number
            else None
        )
        if case:
            events += life.case_events(
                None, [(d.get("soort", ""), d.get("datum"), d.get("notice")) for d in json.loads(case)]
            )
        return life.assess(events).delay_notices

    def find(self, reference: str) -> int | None:
        """A set by KOOP id, Zaak number or internal number."""
        number = int(reference) if reference.isdigit() and len(reference) < 19 else -1
        found = self.db.value(
            "SELECT id FROM sets WHERE doc_id = ? OR case_number = ? OR id = ? ORDER BY id LIMIT 1",
            (reference, reference.replace(" ", ""), number),
        )
        return int(found) if found is not None else None

    def ids(self, what: Literal["member", "party", "ministry", "minister"], value: str) -> list[int]:
        """The ids behind a filter's name (see kamervragen.store.filters.Names)."""
        like, part = self.db.like, f"%{value}%"
        if what == "member":
            rows = self.db.all(f"SELECT id FROM people WHERE name {like} ?", (part,))
        elif what == "party":
            rows = self.db.all("SELECT id FROM parties WHERE lower(name) = lower(?)", (names.party(value),))
        elif what == "ministry":
            rows = self.db.all(
                f"SELECT id FROM offices WHERE portfolio {like} ?", (f"%{names.ministry(value)}%",)
            )
        else:
            rows = self.db.all(
                f"SELECT id FROM offices WHERE name {like} ? OR portfolio {like} ?", (part, part)
            )
        return [int(r[0]) for r in rows]

    def plan(self, filters: Filters) -> Plan | None:
        return plan(filters, self)

    def selected(self, filters: Filters) -> tuple[str, list[object]] | None:
        """SQL conditions on ``sets s`` for the sets a filter selects; None when none can."""
        p = self.plan(filters)
        if p is None:
            return None
        where, params = p.checks("s", set_id="id")
        # The same tokens as the index, on the set's own row: a set without blocks (a
        # heading only) is still browsed, exported and counted.
        for group in p.groups:
            where.append("(" + " OR ".join("s.facets LIKE ?" for _ in group) + ")")
            params += [f"% {token} %" for token in group]
        return " AND ".join(where) or "1 = 1", params

    def records(self, filters: Filters) -> Iterator[Stored]:
        """The sets a filter selects, oldest first, each with its life as of today."""
        return iter(self._stored(filters, "s.submitted_on, s.id"))

    def recent(self, filters: Filters, limit: int, offset: int = 0) -> list[Stored]:
        """Sets newest first (for browsing without words)."""
        return self._stored(filters, "s.submitted_on DESC, s.id DESC", limit, offset)

    def _stored(
        self, filters: Filters, order: str, limit: int | None = None, offset: int = 0
    ) -> list[Stored]:
        selected = self.selected(filters)
        if selected is None:
            return []
        where, params = selected
        today = filters.today or life.today()
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        rows = self.db.all(
            f"SELECT s.id, s.record_json, s.outcome, s.due_on, s.days_taken FROM sets s WHERE {where} ORDER BY {order}"
            + page,
            [*params, limit, offset] if limit is not None else params,
        )
        return [
            Stored(int(i), Record.model_validate_json(j), life.status(outcome, due, today), due, days)
            for i, j, outcome, due, days in rows
        ]

    def owners(self, block_ids: list[int]) -> dict[int, tuple[int, str, str | None]]:
        """Per block: its set, its kind (question or answer) and the set's submission date."""
        out: dict[int, tuple[int, str, str | None]] = {}
        for start in range(0, len(block_ids), 500):
            chunk = block_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for block_id, set_id, kind, submitted in self.db.all(
                f"SELECT b.id, b.set_id, b.kind, s.submitted_on FROM blocks b JOIN sets s ON s.id = b.set_id"
                f" WHERE b.id IN ({marks})",
                chunk,
            ):
                out[int(block_id)] = (int(set_id), str(kind), submitted)
        return out

    def hits(self, ranked: list[tuple[int, float]]) -> dict[int, Hit]:
        """The blocks the index ranked, with what a result shows of their set."""
        if not ranked:
            return {}
        marks = ",".join("?" * len(ranked))
        out: dict[int, Hit] = {}
        scores = dict(ranked)
        for r in self.db.all(
            "SELECT b.id, s.id, b.kind, b.numbers, b.text, s.doc_id, s.case_number, s.title, s.submitted_on, s.kind,"
            f" s.outcome, s.due_on FROM blocks b JOIN sets s ON s.id = b.set_id WHERE b.id IN ({marks})",
            [block_id for block_id, _ in ranked],
        ):
            out[int(r[0])] = Hit(
                set_id=int(r[1]),
                block_id=int(r[0]),
                block=r[2],
                numbers=[int(n) for n in r[3].split(",") if n],
                score=scores[int(r[0])],
                text=r[4],
                doc_id=r[5],
                case_number=r[6],
                title=r[7],
                submitted_on=r[8],
                kind=r[9],
                status=life.status(r[10], r[11]),
            )
        self._add_submitters(list(out.values()))
        return out

    def _add_submitters(self, hits: list[Hit]) -> None:
        ids = sorted({h.set_id for h in hits})
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        names: dict[int, list[str]] = {}
        for set_id, name, party in self.db.all(
            "SELECT sp.set_id, p.name, pa.name FROM set_people sp JOIN people p ON p.id = sp.person_id"
            f" LEFT JOIN parties pa ON pa.id = p.party_id WHERE sp.set_id IN ({marks}) ORDER BY sp.set_id, sp.position",
            ids,
        ):
            names.setdefault(int(set_id), []).append(f"{name} ({party})" if party else name)
        for hit in hits:
            hit.submitters = names.get(hit.set_id, [])

    def people(self, name_part: str, limit: int) -> list[tuple[str, str | None, int]]:
        """Members who asked, whose name holds `name_part`: (name, party, sets), most sets first."""
        rows = self.db.all(
            "SELECT p.name, pa.name, count(DISTINCT sp.set_id) FROM people p LEFT JOIN parties pa ON pa.id = p.party_id"
            f" JOIN set_people sp ON sp.person_id = p.id WHERE p.name {self.db.like} ? GROUP BY p.id, p.name, pa.name"
            " ORDER BY 3 DESC, 1 LIMIT ?",
            (f"%{name_part}%", limit),
        )
        return [(str(n), party, int(c)) for n, party, c in rows]

    def _names_by_stem(self) -> tuple[dict[str, list[int]], ...]:
        """People, parties and portfolios by the stems of their names; read again only when
        one was added (ids only grow)."""
        key = self.db.one(
            "SELECT (SELECT max(id) FROM people), (SELECT max(id) FROM parties), (SELECT max(id) FROM offices)"
        )
        if self._names_cache is None or self._names_cache[0] != key:
            tables = []
            for sql in (
                "SELECT id, name FROM people",
                "SELECT id, name FROM parties",
                "SELECT id, portfolio FROM offices WHERE portfolio != ''",
            ):
                by_stem: dict[str, list[int]] = {}
                for i, name in self.db.all(sql):
                    for stem in _name_stems(str(name)):
                        by_stem.setdefault(stem, []).append(int(i))
                tables.append(by_stem)
            self._names_cache = (key, tuple(tables))
        return self._names_cache[1]

    def named_sets(self, stems: set[str], set_ids: list[int]) -> set[int]:
        """Of these sets, those asked by a member or party whose name holds one of the
        stems, or addressed to a ministry whose name does (as the search analyses words).
        The names are few: they are matched first, and the sets only when one matches."""
        names = self._names_by_stem()
        people, parties, offices = ([i for s in stems for i in names[what].get(s, ())] for what in range(3))
        if not (people or parties or offices):
            return set()
        if parties:  # a party's sets are its members'
            marks = ",".join("?" * len(parties))
            people += [
                int(r[0]) for r in self.db.all(f"SELECT id FROM people WHERE party_id IN ({marks})", parties)
            ]
        links = [
            (f"SELECT set_id FROM set_people WHERE person_id IN ({','.join('?' * len(people))})", people),
            (
                "SELECT set_id FROM set_offices WHERE relation = 'addressee'"
                f" AND office_id IN ({','.join('?' * len(offices))})",
                offices,
            ),
        ]
        out: set[int] = set()
        for start in range(0, len(set_ids), 500):
            chunk = set_ids[start : start + 500]
            for sql, ids in links:
                if ids:
                    out.update(
                        int(r[0])
                        for r in self.db.all(
                            f"{sql} AND set_id IN ({','.join('?' * len(chunk))})", [*ids, *chunk]
                        )
                    )
        return out

    def suggestions(self, limit: int = 400) -> dict[str, list[str]]:
        """Names to offer as a filter is typed: members (most sets first), parties and the
        ministries asked (under kamervragen.names's names, as stored)."""
        return {
            "member": [name for name, _, _ in self.people("", limit)],
            "party": [str(r[0]) for r in self.db.all("SELECT name FROM parties ORDER BY name")],
            "ministry": [
                str(r[0])
                for r in self.db.all(
                    "SELECT DISTINCT o.portfolio FROM offices o JOIN set_offices so ON so.office_id = o.id"
                    " WHERE so.relation = 'addressee' AND o.portfolio != '' ORDER BY 1"
                )
            ],
        }

    def names(self, what: Literal["party", "office"], ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        column, table = ("name", "parties") if what == "party" else ("portfolio", "offices")
        return {
            int(i): str(n)
            for i, n in self.db.all(f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", ids)
            if n
        }

    def last_set(self) -> int:
        """The highest set id so far (an update keeps a set's id; new sets get higher ones)."""
        return int(self.db.value("SELECT coalesce(max(id), 0) FROM sets"))

    def count(self) -> int:
        return int(self.db.value("SELECT count(*) FROM sets"))

    def blocks_count(self) -> int:
        return int(self.db.value("SELECT count(*) FROM blocks"))

    def dump(self) -> list[tuple[Any, ...]]:
        """Every set with its life, for comparing stores (tests)."""
        return self.db.all(
            "SELECT doc_id, content_hash, kind, outcome, due_on, days_taken FROM sets ORDER BY content_hash"
        )
