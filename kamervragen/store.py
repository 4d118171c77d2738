"""The store: question sets kept normalised, with a Dutch full-text index.

:class:`Store` is the interface the rest of the program uses (ingest, search, export, the
CLI); :class:`SQLiteStore` implements it on one SQLite file. A PostgreSQL store would
implement the same methods: search hands it a parsed query tree (:mod:`kamervragen.query`)
and a :class:`Filters`, never SQL.

Schema changes are numbered migrations run in a transaction on open; the version is kept in
``PRAGMA user_version``. Every set is written in one transaction with all its rows, so an
interrupted ingest leaves either the whole set or none of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from kamervragen.analyze import analyze
from kamervragen.cases import Case
from kamervragen.query import And, Node, Or, Phrase, Term
from kamervragen.record import Record

Status = Literal["answered", "unanswered", "late"]
Outcome = Literal["new", "updated", "unchanged"]
# A date filter may name a year, a month or a day; see _through for the upper bound.
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
LATE_AFTER_DAYS = 21  # the three weeks the Reglement van Orde gives


def default_db_path() -> Path:
    """``KAMERVRAGEN_DB``, else one file in the user's data folder (XDG)."""
    if os.environ.get("KAMERVRAGEN_DB"):
        return Path(os.environ["KAMERVRAGEN_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "kamervragen" / "kamervragen.db"


@dataclass
class Filters:
    """Restrictions applied inside the search, before any limit."""

    member: str | None = None
    party: str | None = None
    ministry: str | None = None
    minister: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    session_year: str | None = None
    kind: str | None = None
    status: Status | None = None
    block: Literal["question", "answer"] | None = None
    exclude_set: int | None = None
    # Paging pins the sets stored when the first page was served, so sets that arrive in
    # between do not shift the later pages.
    upto_set: int | None = None


@dataclass
class Hit:
    set_id: int
    block_id: int
    block: Literal["question", "answer"]
    numbers: list[int]
    score: float
    text: str
    doc_id: str | None
    case_number: str | None
    title: str | None
    submitted_on: str | None
    kind: str
    submitters: list[str] = field(default_factory=list)


class Store(Protocol):
    def put(self, record: Record, source: str) -> Outcome: ...
    def commit(self) -> None: ...
    def search(self, query: Node, filters: Filters, limit: int) -> list[Hit]: ...
    def record(self, set_id: int) -> Record | None: ...
    def find(self, reference: str) -> int | None: ...
    def records(self, filters: Filters) -> Iterator[Record]: ...
    def document_frequency(self, stems: list[str]) -> dict[str, int]: ...
    def count(self) -> int: ...
    def check(self) -> list[str]: ...
    def close(self) -> None: ...


MIGRATIONS: list[str] = [
    # 1: the schema
    """
    CREATE TABLE sets (
        id INTEGER PRIMARY KEY,
        doc_id TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        oral INTEGER NOT NULL,
        chamber TEXT, session_year TEXT, appendix_number INTEGER, case_number TEXT,
        title TEXT, submitted_on TEXT, received_on TEXT,
        days_taken INTEGER,
        record_json TEXT NOT NULL
    );
    CREATE INDEX sets_submitted ON sets(submitted_on);
    CREATE INDEX sets_case ON sets(case_number);
    CREATE TABLE parties (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE people (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, party_id INTEGER REFERENCES parties(id),
        UNIQUE (name, party_id)
    );
    CREATE TABLE offices (
        id INTEGER PRIMARY KEY, role TEXT NOT NULL, portfolio TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',
        UNIQUE (role, portfolio, name)
    );
    CREATE TABLE set_people (
        set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id), position INTEGER NOT NULL
    );
    CREATE INDEX set_people_person ON set_people(person_id);
    CREATE INDEX set_people_set ON set_people(set_id);
    CREATE TABLE set_offices (
        set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        office_id INTEGER NOT NULL REFERENCES offices(id),
        relation TEXT NOT NULL CHECK (relation IN ('addressee', 'answerer', 'on_behalf_of')),
        position INTEGER NOT NULL
    );
    CREATE INDEX set_offices_office ON set_offices(office_id);
    CREATE INDEX set_offices_set ON set_offices(set_id);
    CREATE TABLE blocks (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('question', 'answer')),
        position INTEGER NOT NULL,
        numbers TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX blocks_set ON blocks(set_id);
    CREATE TABLE footnotes (
        set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        number TEXT NOT NULL, text TEXT NOT NULL, urls TEXT NOT NULL
    );
    CREATE INDEX footnotes_set ON footnotes(set_id);
    -- One row per block. Columns hold analysed text: stems in order (body, title), the
    -- parts of compounds (parts), and the set's footnotes (notes).
    CREATE VIRTUAL TABLE blocks_fts USING fts5(title, body, parts, notes, tokenize = 'unicode61 remove_diacritics 2');
    """,
]

# bm25 weights per column: a hit in the title counts most, a compound part least.
WEIGHTS = (3.0, 1.0, 0.8, 0.3)
QUESTION_BOOST = 1.3
# Ranking scores every match, about a microsecond each. A query that matches more blocks
# than this (after its filters) ranks the most recently stored ones of them: "onderzoek"
# in a million blocks stays fast, and a rarer word, or a filtered search, is exact.
RANK_CAP = 20_000

MIGRATIONS.append(
    # 2: the block's kind and set go into the index (filters and boosts without a join);
    # ranking weights are configured in the index itself (FTS5's fast rank path).
    f"""
    CREATE VIRTUAL TABLE blocks_fts_new USING fts5(title, body, parts, notes, kind UNINDEXED, set_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO blocks_fts_new (rowid, title, body, parts, notes, kind, set_id)
        SELECT f.rowid, f.title, f.body, f.parts, f.notes, b.kind, b.set_id
        FROM blocks_fts f JOIN blocks b ON b.id = f.rowid;
    DROP TABLE blocks_fts;
    ALTER TABLE blocks_fts_new RENAME TO blocks_fts;
    INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))})')
    """
)


MIGRATIONS.append(
    # 3: what the search filters ask of a set is copied onto its blocks in the index, so a
    # filter is a check on the matching row itself: no join, no subquery materialised per
    # search. Lists of ids are written "|3|17|" and tested with instr().
    f"""
    CREATE VIRTUAL TABLE blocks_fts_new USING fts5(title, body, parts, notes, kind UNINDEXED, set_id UNINDEXED,
        set_kind UNINDEXED, submitted_on UNINDEXED, session_year UNINDEXED, days_taken UNINDEXED,
        people UNINDEXED, parties UNINDEXED, addressees UNINDEXED, answerers UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO blocks_fts_new (rowid, title, body, parts, notes, kind, set_id, set_kind, submitted_on, session_year,
        days_taken, people, parties, addressees, answerers)
        SELECT f.rowid, f.title, f.body, f.parts, f.notes, f.kind, f.set_id, s.kind, s.submitted_on, s.session_year,
            s.days_taken,
            '|' || coalesce((SELECT group_concat(person_id, '|') FROM set_people WHERE set_id = s.id), '') || '|',
            '|' || coalesce((SELECT replace(group_concat(DISTINCT p.party_id), ',', '|') FROM set_people sp
                JOIN people p ON p.id = sp.person_id WHERE sp.set_id = s.id AND p.party_id IS NOT NULL), '') || '|',
            '|' || coalesce((SELECT group_concat(office_id, '|') FROM set_offices WHERE set_id = s.id
                AND relation = 'addressee'), '') || '|',
            '|' || coalesce((SELECT group_concat(office_id, '|') FROM set_offices WHERE set_id = s.id
                AND relation = 'answerer'), '') || '|'
        FROM blocks_fts f JOIN sets s ON s.id = f.set_id;
    DROP TABLE blocks_fts;
    ALTER TABLE blocks_fts_new RENAME TO blocks_fts;
    INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))})')
    """
)


MIGRATIONS.append(
    # 4: the filters become tokens of their own indexed column ("facets"): FTS5 intersects
    # them with the words in C, so a filter narrows the work instead of adding a check per
    # matching block. The tokens (see facet_tokens) are built here in SQL once, for the
    # sets already stored; the facets column has weight 0, it never changes a score.
    f"""
    CREATE VIRTUAL TABLE blocks_fts_new USING fts5(title, body, parts, notes, facets,
        kind UNINDEXED, set_id UNINDEXED, submitted_on UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO blocks_fts_new (rowid, title, body, parts, notes, facets, kind, set_id, submitted_on)
        SELECT f.rowid, f.title, f.body, f.parts, f.notes,
            coalesce('y' || substr(s.submitted_on, 1, 4) || ' d' || substr(s.submitted_on, 1, 3) || ' ', '')
            || coalesce('sy' || replace(s.session_year, '-', '') || ' ', '')
            || 'k' || CASE s.kind WHEN 'delay_notice' THEN 'delay' ELSE s.kind END
            || CASE WHEN s.kind = 'answer' THEN ' sanswered' WHEN s.kind IN ('questions', 'delay_notice') THEN ' sopen'
                ELSE '' END
            || CASE WHEN s.days_taken > {LATE_AFTER_DAYS} THEN ' slate' ELSE '' END
            || CASE f.kind WHEN 'question' THEN ' bq' ELSE ' ba' END
            || coalesce(' ' || (SELECT group_concat('m' || person_id, ' ') FROM set_people WHERE set_id = s.id), '')
            || coalesce(' ' || (SELECT replace(group_concat(DISTINCT 'p' || p.party_id), ',', ' ') FROM set_people sp
                JOIN people p ON p.id = sp.person_id WHERE sp.set_id = s.id AND p.party_id IS NOT NULL), '')
            || coalesce(' ' || (SELECT group_concat('a' || office_id, ' ') FROM set_offices WHERE set_id = s.id
                AND relation = 'addressee'), '')
            || coalesce(' ' || (SELECT group_concat('r' || office_id, ' ') FROM set_offices WHERE set_id = s.id
                AND relation = 'answerer'), ''),
            f.kind, f.set_id, s.submitted_on
        FROM blocks_fts f JOIN sets s ON s.id = f.set_id;
    DROP TABLE blocks_fts;
    ALTER TABLE blocks_fts_new RENAME TO blocks_fts;
    INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))}, 0.0)')
    """
)


MIGRATIONS.append(
    # 5: what the sync brings: the Tweede Kamer's entities as received (SyncFeed), where
    # each source left off, and the cases worked out from them.
    """
    CREATE TABLE tk_entities (
        id TEXT PRIMARY KEY, category TEXT NOT NULL, updated TEXT, payload TEXT NOT NULL
    );
    CREATE INDEX tk_entities_category ON tk_entities(category);
    CREATE TABLE tk_refs (
        entity_id TEXT NOT NULL REFERENCES tk_entities(id) ON DELETE CASCADE,
        relation TEXT NOT NULL, target_id TEXT NOT NULL
    );
    CREATE INDEX tk_refs_entity ON tk_refs(entity_id);
    CREATE INDEX tk_refs_target ON tk_refs(target_id);
    CREATE TABLE sync_state (source TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (source, key));
    CREATE TABLE cases (
        nummer TEXT PRIMARY KEY, zaak_id TEXT NOT NULL UNIQUE, title TEXT, submitted_on TEXT, termijn TEXT,
        due_on TEXT, notice_on TEXT, answered_on TEXT, status TEXT NOT NULL, days_taken INTEGER,
        unknown_soorten TEXT NOT NULL DEFAULT '[]', documents TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX cases_status ON cases(status);
    -- Zaken whose case must be worked out again; kept with the page that touched them, so
    -- a sync killed before it got to them does it on the next run.
    CREATE TABLE dirty_cases (zaak_id TEXT PRIMARY KEY)
    """
)


STATUS_TOKENS = ("sanswered", "sopen", "slate", "swithdrawn")


def case_status_tokens(status: str) -> list[str]:
    """The status tokens of a set whose case the sync worked out (see kamervragen.cases)."""
    return {
        "answered": ["sanswered"],
        "open": ["sopen"],
        "withdrawn": ["swithdrawn"],
        "late": ["slate"],
        "late_without_notice": ["slate"],
    }.get(status, [])


def facet_tokens(
    record: Record,
    block: str,
    people: list[int],
    parties: list[int],
    addressees: list[int],
    answerers: list[int],
    case_status: str | None = None,
) -> str:
    """What the filters can ask of a block, as index tokens: y2024 (year) d202 (decade)
    sy20232024 (session) kanswer (kind) sanswered/sopen/slate/swithdrawn (status) bq/ba
    (block) m12 (member) p3 (party) a7 (addressed office) r9 (answering office). A case's
    status, when the sync knows it, decides the status over what the document says."""
    tokens = []
    if record.submitted_on:
        tokens += [f"y{record.submitted_on[:4]}", f"d{record.submitted_on[:3]}"]
    if record.session_year:
        tokens.append("sy" + record.session_year.replace("-", ""))
    tokens.append("k" + ("delay" if record.kind == "delay_notice" else record.kind))
    if case_status is not None:
        tokens += case_status_tokens(case_status)
    else:
        if record.kind == "answer":
            tokens.append("sanswered")
        elif record.kind in ("questions", "delay_notice"):
            tokens.append("sopen")
        taken = days_taken(record)
        if taken is not None and taken > LATE_AFTER_DAYS:
            tokens.append("slate")
    tokens.append("bq" if block == "question" else "ba")
    tokens += [f"m{i}" for i in people] + [f"p{i}" for i in dict.fromkeys(parties)]
    tokens += [f"a{i}" for i in addressees] + [f"r{i}" for i in answerers]
    return " ".join(tokens)


def _through(date_to: str) -> str:
    """An upper bound that includes the whole period a partial date names: "2024" and
    "2024-03" reach to their last day ("~" sorts after every digit and "-")."""
    return date_to + "~"


def _years(date_from: str | None, date_to: str | None) -> list[str]:
    """Facet tokens covering a date range: whole decades as d199, the rest as y1998."""
    first = int(date_from[:4]) if date_from else 1800
    last = int(date_to[:4]) if date_to else date.today().year + 1
    tokens, year = [], first
    while year <= last:
        if year % 10 == 0 and year + 9 <= last:
            tokens.append(f"d{year // 10}")
            year += 10
        else:
            tokens.append(f"y{year}")
            year += 1
    return tokens


# When one document arrives in several formats, the richer source is kept: KOOP's XML says
# what is a question and what an answer; text others extracted says it least well.
SOURCE_RANK = {".xml": 5, ".json": 4, ".html": 4, ".htm": 4, ".pdf": 3, ".docx": 2, ".txt": 1, ".md": 1}


def source_rank(source: str) -> int:
    return SOURCE_RANK.get(Path(source).suffix.lower(), 0)


def content_hash(record: Record) -> str:
    """Identity of a set without a KOOP id: what it says, not where it came from."""
    body = record.model_dump(exclude={"warnings", "id"})
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def days_taken(record: Record) -> int | None:
    if not (record.submitted_on and record.received_on):
        return None
    try:
        return (date.fromisoformat(record.received_on) - date.fromisoformat(record.submitted_on)).days
    except ValueError:
        return None


def _fts(node: Node) -> str:
    """A query tree as an FTS5 expression over the analysed columns. Terms are quoted, so
    no user text is ever read as FTS5 syntax."""
    if isinstance(node, Term):
        quoted = '"' + node.stem.replace('"', "") + '"'
        if node.prefix:
            return "{title body parts} : " + quoted + " *"
        return "{title body parts notes} : " + quoted
    if isinstance(node, Phrase):
        return '{title body notes} : "' + " ".join(s.replace('"', "") for s in node.stems) + '"'
    if isinstance(node, And):
        return "(" + " AND ".join(_fts(i) for i in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(_fts(i) for i in node.items) + ")"
    return "(" + _fts(node.include) + " NOT " + _fts(node.exclude) + ")"


class SQLiteStore:
    def __init__(self, path: str | Path, *, any_thread: bool = False) -> None:
        """`any_thread` lets a pool hand the store to another thread; the pool must make
        sure only one thread uses it at a time."""
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=not any_thread)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        self._migrate()
        self._in_tx = False
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.blocks_vocab USING fts5vocab(main, blocks_fts, 'row')"
        )

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";\n"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # -- writing ---------------------------------------------------------------------

    def begin(self) -> None:
        if not self._in_tx:
            self.db.execute("BEGIN IMMEDIATE")
            self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.db.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            self.db.execute("ROLLBACK")
            self._in_tx = False

    def put(self, record: Record, source: str) -> Outcome:
        """Insert or update one set inside the open transaction (opening one if needed).
        The same ``id`` (or, without one, the same content) is updated, never duplicated."""
        self.begin()
        digest = content_hash(record)
        row = None
        if record.id:
            row = self.db.execute(
                "SELECT id, content_hash, source FROM sets WHERE doc_id = ?", (record.id,)
            ).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT id, content_hash, source FROM sets WHERE content_hash = ?", (digest,)
            ).fetchone()
        if row is not None and (row[1] == digest or source_rank(source) < source_rank(row[2])):
            return "unchanged"
        self.db.execute("SAVEPOINT set_write")
        try:
            if row is not None:
                self._delete(row[0])
            self._insert(record, source, digest, row[0] if row else None)
            self.db.execute("RELEASE set_write")
        except BaseException:
            self.db.execute("ROLLBACK TO set_write")
            self.db.execute("RELEASE set_write")
            raise
        return "updated" if row is not None else "new"

    def _delete(self, set_id: int) -> None:
        for (block_id,) in self.db.execute("SELECT id FROM blocks WHERE set_id = ?", (set_id,)).fetchall():
            self.db.execute("DELETE FROM blocks_fts WHERE rowid = ?", (block_id,))
        self.db.execute("DELETE FROM sets WHERE id = ?", (set_id,))

    def _id(self, sql: str, insert: str, params: tuple[object, ...]) -> int:
        row = self.db.execute(sql, params).fetchone()
        if row:
            return int(row[0])
        return int(self.db.execute(insert, params).lastrowid or 0)

    def _insert(self, record: Record, source: str, digest: str, set_id: int | None) -> None:
        cursor = self.db.execute(
            "INSERT INTO sets (id, doc_id, content_hash, source, kind, oral, chamber, session_year,"
            " appendix_number, case_number, title, submitted_on, received_on, days_taken, record_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                record.title,
                record.submitted_on,
                record.received_on,
                days_taken(record),
                record.model_dump_json(),
            ),
        )
        set_id = int(cursor.lastrowid or 0)
        people: list[int] = []
        parties: list[int] = []
        offices_by: dict[str, list[int]] = {"addressee": [], "answerer": [], "on_behalf_of": []}
        for position, member in enumerate(record.submitters):
            party_id = (
                self._id(
                    "SELECT id FROM parties WHERE name = ?",
                    "INSERT INTO parties (name) VALUES (?)",
                    (member.party,),
                )
                if member.party
                else None
            )
            person_id = self._id(
                "SELECT id FROM people WHERE name = ? AND party_id IS ?",
                "INSERT INTO people (name, party_id) VALUES (?, ?)",
                (member.name, party_id),
            )
            self.db.execute("INSERT INTO set_people VALUES (?, ?, ?)", (set_id, person_id, position))
            people.append(person_id)
            if party_id is not None:
                parties.append(party_id)
        offices = [("addressee", o) for o in record.addressees] + [
            ("answerer", o) for o in record.answered_by
        ]
        offices += [("on_behalf_of", o) for a in record.answered_by for o in a.on_behalf_of]
        for position, (relation, office) in enumerate(offices):
            office_id = self._id(
                "SELECT id FROM offices WHERE role = ? AND portfolio = ? AND name = ?",
                "INSERT INTO offices (role, portfolio, name) VALUES (?, ?, ?)",
                (office.role, office.portfolio or "", office.name or ""),
            )
            self.db.execute(
                "INSERT INTO set_offices VALUES (?, ?, ?, ?)", (set_id, office_id, relation, position)
            )
            offices_by[relation].append(office_id)
        notes_text = " ".join(f.text for f in record.footnotes)
        notes = analyze(notes_text)[0]
        for f in record.footnotes:
            self.db.execute(
                "INSERT INTO footnotes VALUES (?, ?, ?, ?)", (set_id, f.number, f.text, json.dumps(f.urls))
            )
        title, title_parts = analyze(record.title or "")
        row = self.db.execute("SELECT status FROM cases WHERE nummer = ?", (record.case_number,)).fetchone()
        case_status = str(row[0]) if row and record.case_number else None
        blocks = [("question", [q.number], q.text) for q in record.questions]
        blocks += [("answer", a.questions, a.text) for a in record.answers]
        for position, (kind, numbers, text) in enumerate(blocks):
            block_id = self.db.execute(
                "INSERT INTO blocks (set_id, kind, position, numbers, text) VALUES (?, ?, ?, ?, ?)",
                (set_id, kind, position, ",".join(map(str, numbers)), text),
            ).lastrowid
            body, parts = analyze(text)
            # The title belongs to every block (a question is about its set's subject); the
            # footnotes are indexed once, on the first block, so a long note does not count
            # again for every block.
            facets = facet_tokens(
                record, kind, people, parties, offices_by["addressee"], offices_by["answerer"], case_status
            )
            self.db.execute(
                "INSERT INTO blocks_fts (rowid, title, body, parts, notes, facets, kind, set_id, submitted_on)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    block_id,
                    title,
                    body,
                    f"{title_parts} {parts}".strip(),
                    notes if position == 0 else "",
                    facets,
                    kind,
                    set_id,
                    record.submitted_on,
                ),
            )

    # -- reading ---------------------------------------------------------------------

    def _where(self, filters: Filters) -> tuple[list[str], list[object]]:
        where: list[str] = []
        params: list[object] = []
        if filters.member:
            where.append(
                "s.id IN (SELECT sp.set_id FROM set_people sp JOIN people p ON p.id = sp.person_id"
                " WHERE p.name LIKE ?)"
            )
            params.append(f"%{filters.member}%")
        if filters.party:
            where.append(
                "s.id IN (SELECT sp.set_id FROM set_people sp JOIN people p ON p.id = sp.person_id"
                " JOIN parties pa ON pa.id = p.party_id WHERE pa.name = ? COLLATE NOCASE)"
            )
            params.append(filters.party)
        if filters.ministry:
            where.append(
                "s.id IN (SELECT so.set_id FROM set_offices so JOIN offices o ON o.id = so.office_id"
                " WHERE so.relation = 'addressee' AND o.portfolio LIKE ?)"
            )
            params.append(f"%{filters.ministry}%")
        if filters.minister:
            where.append(
                "s.id IN (SELECT so.set_id FROM set_offices so JOIN offices o ON o.id = so.office_id"
                " WHERE so.relation = 'answerer' AND (o.name LIKE ? OR o.portfolio LIKE ?))"
            )
            params += [f"%{filters.minister}%"] * 2
        if filters.date_from:
            where.append("s.submitted_on >= ?")
            params.append(filters.date_from)
        if filters.date_to:
            where.append("s.submitted_on <= ?")
            params.append(_through(filters.date_to))
        if filters.session_year:
            where.append("s.session_year = ?")
            params.append(filters.session_year)
        if filters.kind:
            where.append("s.kind = ?")
            params.append(filters.kind)
        if filters.status == "answered":
            where.append("s.kind = 'answer'")
        elif filters.status == "unanswered":
            where.append("s.kind IN ('questions', 'delay_notice')")
        elif filters.status == "late":
            where.append("s.days_taken > ?")
            params.append(LATE_AFTER_DAYS)
        if filters.exclude_set is not None:
            where.append("s.id != ?")
            params.append(filters.exclude_set)
        if filters.upto_set is not None:
            where.append("s.id <= ?")
            params.append(filters.upto_set)
        return where, params

    def _estimate(self, node: Node) -> int:
        """At most how many blocks a query matches, from the index's own term counts."""
        if isinstance(node, Term):
            if node.prefix:
                row = self.db.execute(
                    "SELECT coalesce(sum(doc), 0) FROM temp.blocks_vocab WHERE term >= ? AND term < ?",
                    (node.stem, node.stem + "\uffff"),
                ).fetchone()
                return int(row[0])
            return self.document_frequency([node.stem]).get(node.stem, 0)
        if isinstance(node, Phrase):
            counts = self.document_frequency(list(node.stems))
            return min(counts.values()) if counts else 0
        if isinstance(node, And):
            return min(self._estimate(i) for i in node.items)
        if isinstance(node, Or):
            return sum(self._estimate(i) for i in node.items)
        return self._estimate(node.include)

    def _facets(self, filters: Filters) -> tuple[str, list[str], list[object]] | None:
        """Filters as an FTS5 expression over the facet tokens (see facet_tokens), plus the
        exact date bounds checked on the few rows left; None when a filter names no one in
        the store, so nothing can match."""
        groups: list[list[str]] = []

        def ids(prefix: str, sql: str, args: tuple[object, ...]) -> bool:
            found = [f"{prefix}{r[0]}" for r in self.db.execute(sql, args)]
            groups.append(found)
            return bool(found)

        if filters.member and not ids(
            "m", "SELECT id FROM people WHERE name LIKE ?", (f"%{filters.member}%",)
        ):
            return None
        if filters.party and not ids(
            "p", "SELECT id FROM parties WHERE name = ? COLLATE NOCASE", (filters.party,)
        ):
            return None
        if filters.ministry and not ids(
            "a", "SELECT id FROM offices WHERE portfolio LIKE ?", (f"%{filters.ministry}%",)
        ):
            return None
        if filters.minister and not ids(
            "r",
            "SELECT id FROM offices WHERE name LIKE ? OR portfolio LIKE ?",
            (f"%{filters.minister}%", f"%{filters.minister}%"),
        ):
            return None
        where: list[str] = []
        params: list[object] = []
        if filters.date_from or filters.date_to:
            groups.append(_years(filters.date_from, filters.date_to))
            for op, value in (
                (">=", filters.date_from),
                ("<=", filters.date_to and _through(filters.date_to)),
            ):
                if value:
                    where.append(f"f.submitted_on {op} ?")
                    params.append(value)
        if filters.session_year:
            groups.append(["sy" + re.sub(r"\D", "", filters.session_year)])
        if filters.kind:
            groups.append(
                ["k" + ("delay" if filters.kind == "delay_notice" else re.sub(r"\W", "", filters.kind))]
            )
        if filters.status:
            groups.append(
                {"answered": ["sanswered"], "unanswered": ["sopen"], "late": ["slate"]}[filters.status]
            )
        if filters.block:
            groups.append(["bq" if filters.block == "question" else "ba"])
        if filters.exclude_set is not None:
            where.append("f.set_id != ?")
            params.append(filters.exclude_set)
        if filters.upto_set is not None:
            where.append("f.set_id <= ?")
            params.append(filters.upto_set)
        expression = " AND ".join("{facets} : (" + " OR ".join(group) + ")" for group in groups)
        return expression, where, params

    def search(self, query: Node, filters: Filters, limit: int) -> list[Hit]:
        facets = self._facets(filters)
        if facets is None:
            return []
        expression, where, params = facets
        match = f"({_fts(query)}) AND {expression}" if expression else _fts(query)
        extra = "".join(f" AND {w}" for w in where)
        # Questions weigh more than answers: rank a few more than asked, boost, then cut.
        wanted = limit * 3
        if self._estimate(query) > RANK_CAP:
            sql = (
                "SELECT id, score FROM (SELECT f.rowid AS id, f.rank AS score FROM blocks_fts f"
                f" WHERE blocks_fts MATCH ?{extra} ORDER BY f.rowid DESC LIMIT {RANK_CAP}) ORDER BY score LIMIT ?"
            )
        else:
            sql = f"SELECT f.rowid, f.rank FROM blocks_fts f WHERE blocks_fts MATCH ?{extra} ORDER BY f.rank LIMIT ?"
        ranked = self.db.execute(sql, [match, *params, wanted]).fetchall()
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = {
            r[0]: r
            for r in self.db.execute(
                "SELECT b.id, s.id, b.kind, b.numbers, b.text, s.doc_id, s.case_number, s.title, s.submitted_on, s.kind"
                f" FROM blocks b JOIN sets s ON s.id = b.set_id WHERE b.id IN ({marks})",
                [block_id for block_id, _ in ranked],
            )
        }
        hits = []
        for block_id, rank in ranked:
            r = rows[block_id]
            boost = QUESTION_BOOST if r[2] == "question" else 1.0
            hits.append(
                Hit(
                    set_id=r[1],
                    block_id=r[0],
                    block=r[2],
                    numbers=[int(n) for n in r[3].split(",") if n],
                    score=round(-rank * boost, 4),
                    text=r[4],
                    doc_id=r[5],
                    case_number=r[6],
                    title=r[7],
                    submitted_on=r[8],
                    kind=r[9],
                )
            )
        hits.sort(key=lambda h: -h.score)
        hits = hits[:limit]
        self._add_submitters(hits)
        return hits

    def facet_counts(self, query: Node, filters: Filters, sample: int = 20_000) -> Counter[str]:
        """How many matching sets carry each facet token (p3, a7, y2024, slate…), over at
        most ``sample`` matching blocks."""
        counts: Counter[str] = Counter()
        facets = self._facets(filters)
        if facets is None:
            return counts
        expression, where, params = facets
        match = f"({_fts(query)}) AND {expression}" if expression else _fts(query)
        seen: set[int] = set()
        for set_id, tokens in self.db.execute(
            "SELECT f.set_id, f.facets FROM blocks_fts f WHERE blocks_fts MATCH ?"
            + "".join(f" AND {w}" for w in where)
            + " LIMIT ?",
            [match, *params, sample],
        ):
            if set_id not in seen:
                seen.add(set_id)
                counts.update(t for t in tokens.split() if t[0] in "pays" and not t.startswith("sy"))
        return counts

    def names(self, tokens: list[str]) -> dict[str, str]:
        """Readable names of party (p3) and office (a7, r9) facet tokens."""
        out: dict[str, str] = {}
        for token in tokens:
            if token[:1] == "p" and token[1:].isdigit():
                row = self.db.execute("SELECT name FROM parties WHERE id = ?", (int(token[1:]),)).fetchone()
            elif token[:1] in "ar" and token[1:].isdigit():
                row = self.db.execute(
                    "SELECT portfolio FROM offices WHERE id = ?", (int(token[1:]),)
                ).fetchone()
            else:
                continue
            if row and row[0]:
                out[token] = str(row[0])
        return out

    def recent(self, filters: Filters, limit: int, offset: int = 0) -> list[tuple[int, Record]]:
        """Sets newest first (for browsing without words)."""
        where, params = self._where(filters)
        sql = "SELECT s.id, s.record_json FROM sets s" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.submitted_on DESC, s.id DESC LIMIT ? OFFSET ?"
        return [
            (int(i), Record.model_validate_json(j)) for i, j in self.db.execute(sql, [*params, limit, offset])
        ]

    def tally(self, filters: Filters) -> tuple[int, int, int]:
        """(sets, answered, answered late) over every set the filters select."""
        where, params = self._where(filters)
        sql = "SELECT count(*), count(s.days_taken), coalesce(sum(s.days_taken > ?), 0) FROM sets s"
        if where:
            sql += " WHERE " + " AND ".join(where)
        total, answered, late = self.db.execute(sql, [LATE_AFTER_DAYS, *params]).fetchone()
        return int(total), int(answered), int(late)

    def case_of(self, case_number: str | None) -> dict[str, object] | None:
        if not case_number:
            return None
        row = self.db.execute("SELECT * FROM cases WHERE nummer = ?", (case_number,)).fetchone()
        if row is None:
            return None
        columns = [c[1] for c in self.db.execute("PRAGMA table_info(cases)")]
        return dict(zip(columns, row, strict=True))

    def _add_submitters(self, hits: list[Hit]) -> None:
        ids = sorted({h.set_id for h in hits})
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        names: dict[int, list[str]] = {}
        for set_id, name, party in self.db.execute(
            "SELECT sp.set_id, p.name, pa.name FROM set_people sp JOIN people p ON p.id = sp.person_id"
            f" LEFT JOIN parties pa ON pa.id = p.party_id WHERE sp.set_id IN ({marks}) ORDER BY sp.position",
            ids,
        ):
            names.setdefault(set_id, []).append(f"{name} ({party})" if party else name)
        for hit in hits:
            hit.submitters = names.get(hit.set_id, [])

    def record(self, set_id: int) -> Record | None:
        row = self.db.execute("SELECT record_json FROM sets WHERE id = ?", (set_id,)).fetchone()
        return Record.model_validate_json(row[0]) if row else None

    def find(self, reference: str) -> int | None:
        """A set by KOOP id, Zaak number or internal number."""
        row = self.db.execute(
            "SELECT id FROM sets WHERE doc_id = ? OR case_number = ? OR CAST(id AS TEXT) = ? ORDER BY id LIMIT 1",
            (reference, reference.replace(" ", ""), reference),
        ).fetchone()
        return int(row[0]) if row else None

    def records(self, filters: Filters) -> Iterator[Record]:
        where, params = self._where(filters)
        sql = "SELECT s.record_json FROM sets s" + (" WHERE " + " AND ".join(where) if where else "")
        for (payload,) in self.db.execute(sql + " ORDER BY s.submitted_on, s.id", params):
            yield Record.model_validate_json(payload)

    def document_frequency(self, stems: list[str]) -> dict[str, int]:
        """In how many blocks each stem occurs (for weighting the terms of a question)."""
        out = {}
        for term in set(stems):
            row = self.db.execute("SELECT doc FROM temp.blocks_vocab WHERE term = ?", (term,)).fetchone()
            out[term] = int(row[0]) if row else 0
        return out

    def people(self, name_part: str, limit: int) -> list[tuple[str, str | None, int]]:
        """Members who asked, whose name holds `name_part`: (name, party, sets), most sets first."""
        return self.db.execute(
            "SELECT p.name, pa.name, count(DISTINCT sp.set_id) FROM people p LEFT JOIN parties pa ON pa.id = p.party_id"
            " JOIN set_people sp ON sp.person_id = p.id WHERE p.name LIKE ? GROUP BY p.id ORDER BY 3 DESC LIMIT ?",
            (f"%{name_part}%", limit),
        ).fetchall()

    def last_set(self) -> int:
        """The highest set id so far (an update keeps a set's id; new sets get higher ones)."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM sets").fetchone()[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM sets").fetchone()[0])

    def blocks_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM blocks").fetchone()[0])

    def check(self) -> list[str]:
        """Problems the database finds in itself: integrity, orphans, index out of step."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self.db.execute("PRAGMA foreign_key_check")]
        blocks = self.blocks_count()
        indexed = int(self.db.execute("SELECT count(*) FROM blocks_fts").fetchone()[0])
        if blocks != indexed:
            problems.append(f"{blocks} blocks but {indexed} rows in the search index")
        try:
            self.db.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index: {exc}")
        return problems

    # -- sync ------------------------------------------------------------------------------

    def sync_state(self, source: str, key: str) -> str | None:
        row = self.db.execute(
            "SELECT value FROM sync_state WHERE source = ? AND key = ?", (source, key)
        ).fetchone()
        return str(row[0]) if row else None

    def set_sync_state(self, source: str, key: str, value: str) -> None:
        self.begin()
        self.db.execute(
            "INSERT INTO sync_state VALUES (?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET value = excluded.value",
            (source, key, value),
        )

    def put_entity(
        self,
        category: str,
        entity_id: str,
        updated: str | None,
        payload: dict[str, object],
        refs: dict[str, list[str]],
    ) -> Outcome:
        """A Tweede Kamer entity as received; the same version again changes nothing."""
        self.begin()
        body = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        row = self.db.execute("SELECT payload FROM tk_entities WHERE id = ?", (entity_id,)).fetchone()
        if row is not None and row[0] == body:
            return "unchanged"
        self.db.execute(
            "INSERT INTO tk_entities VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET category = excluded.category,"
            " updated = excluded.updated, payload = excluded.payload",
            (entity_id, category, updated, body),
        )
        self.db.execute("DELETE FROM tk_refs WHERE entity_id = ?", (entity_id,))
        self.db.executemany(
            "INSERT INTO tk_refs VALUES (?, ?, ?)",
            [(entity_id, relation, target) for relation, targets in refs.items() for target in targets],
        )
        return "updated" if row is not None else "new"

    def delete_entity(self, entity_id: str) -> bool:
        self.begin()
        return self.db.execute("DELETE FROM tk_entities WHERE id = ?", (entity_id,)).rowcount > 0

    def entity(self, entity_id: str) -> tuple[str, dict[str, object]] | None:
        row = self.db.execute(
            "SELECT category, payload FROM tk_entities WHERE id = ?", (entity_id,)
        ).fetchone()
        return (str(row[0]), json.loads(row[1])) if row else None

    def zaken_of(self, entity_id: str) -> list[str]:
        """The Zaak ids an entity hangs on (itself, for a Zaak)."""
        found = self.entity(entity_id)
        if found and found[0].lower() == "zaak":
            return [entity_id]
        return [
            r[0]
            for r in self.db.execute(
                "SELECT r.target_id FROM tk_refs r JOIN tk_entities e ON e.id = r.target_id"
                " WHERE r.entity_id = ? AND lower(e.category) = 'zaak'",
                (entity_id,),
            )
        ]

    def linked(self, zaak_id: str) -> list[tuple[str, str, dict[str, object]]]:
        """Entities that refer to a Zaak: (id, category, fields)."""
        return [
            (str(r[0]), str(r[1]), json.loads(r[2]))
            for r in self.db.execute(
                "SELECT e.id, e.category, e.payload FROM tk_refs r JOIN tk_entities e ON e.id = r.entity_id"
                " WHERE r.target_id = ? ORDER BY e.id",
                (zaak_id,),
            )
        ]

    def put_case(self, case: Case) -> None:
        self.begin()
        documents = json.dumps([d.__dict__ for d in case.documents], sort_keys=True, ensure_ascii=False)
        self.db.execute(
            "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nummer) DO UPDATE SET"
            " zaak_id = excluded.zaak_id, title = excluded.title, submitted_on = excluded.submitted_on,"
            " termijn = excluded.termijn, due_on = excluded.due_on, notice_on = excluded.notice_on,"
            " answered_on = excluded.answered_on, status = excluded.status, days_taken = excluded.days_taken,"
            " unknown_soorten = excluded.unknown_soorten, documents = excluded.documents",
            (
                case.nummer,
                case.zaak_id,
                case.title,
                case.submitted_on,
                case.termijn,
                case.due_on,
                case.notice_on,
                case.answered_on,
                case.status,
                case.days_taken,
                json.dumps(case.unknown_soorten),
                documents,
            ),
        )
        # The case now says whether its sets are answered, open, late or withdrawn.
        wanted = " ".join(case_status_tokens(case.status))
        for rowid, facets in self.db.execute(
            "SELECT f.rowid, f.facets FROM blocks_fts f WHERE f.set_id IN (SELECT id FROM sets WHERE case_number = ?)",
            (case.nummer,),
        ).fetchall():
            kept = " ".join(t for t in facets.split() if t not in STATUS_TOKENS)
            if kept + " " + wanted != facets:
                self.db.execute(
                    "UPDATE blocks_fts SET facets = ? WHERE rowid = ?", (f"{kept} {wanted}".strip(), rowid)
                )

    def mark_dirty(self, zaak_ids: set[str]) -> None:
        self.begin()
        self.db.executemany("INSERT OR IGNORE INTO dirty_cases VALUES (?)", [(z,) for z in zaak_ids])

    def dirty(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT zaak_id FROM dirty_cases ORDER BY zaak_id")]

    def clean(self, zaak_id: str) -> None:
        self.begin()
        self.db.execute("DELETE FROM dirty_cases WHERE zaak_id = ?", (zaak_id,))

    def delete_case(self, zaak_id: str) -> None:
        self.begin()
        self.db.execute("DELETE FROM cases WHERE zaak_id = ?", (zaak_id,))

    def cases(self) -> list[dict[str, object]]:
        columns = [c[1] for c in self.db.execute("PRAGMA table_info(cases)")]
        return [
            dict(zip(columns, row, strict=True))
            for row in self.db.execute("SELECT * FROM cases ORDER BY nummer")
        ]

    def close(self) -> None:
        self.rollback()
        # Fold the write-ahead log back into the database, so the next reader starts small.
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass  # another connection is reading; the log is folded later
        self.db.close()
