"""SQLite: the embedded default. One file, WAL mode (readers go on while one writer
writes), and the search index in FTS5.

The index is one FTS5 row per block: analysed text in four weighted columns (title, body,
compound parts, footnotes) and the facet tokens in a fifth of weight 0 (see
kamervragen.store.filters), which FTS5 intersects with the words in C, so a filter narrows
the work before ranking and before any limit. Unindexed columns carry what the row checks
read (set, submission date, outcome, due date).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kamervragen.query import And, Node, Or, Phrase, Term
from kamervragen.store.contract import IndexedBlock
from kamervragen.store.migrations import Migration, rewrite_sets
from kamervragen.store.sql import Database

# bm25 weights per column: a hit in the title counts most, a compound part least.
WEIGHTS = (3.0, 1.0, 0.8, 0.3)
# Ranking scores every match, about a microsecond each. A query that matches more blocks
# than this (after its filters) ranks the most recently stored ones of them: "onderzoek"
# in a million blocks stays fast, and a rarer word, or a filtered search, is exact.
RANK_CAP = 20_000


def connect(path: str | Path, any_thread: bool = False) -> Database:
    """`any_thread` lets a pool hand the connection to another thread; the pool must make
    sure only one thread uses it at a time."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=not any_thread)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    return Database(connection, "sqlite")


def legacy_version(db: Database) -> int:
    """How many migrations a store made before they had names (PRAGMA user_version)."""
    return int(db.value("PRAGMA user_version"))


def close(db: Database) -> None:
    # Fold the write-ahead log back into the database, so the next reader starts small.
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass  # another connection is reading; the log is folded later
    db.close()


HISTORY: list[str] = [
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

HISTORY.append(
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


HISTORY.append(
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


HISTORY.append(
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
            || CASE WHEN s.days_taken > 21 THEN ' slate' ELSE '' END
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


HISTORY.append(
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


MIGRATIONS = [
    Migration("0001_schema", HISTORY[0]),
    Migration("0002_index_kind_and_set", HISTORY[1]),
    Migration("0003_filters_on_index_rows", HISTORY[2]),
    Migration("0004_facet_tokens", HISTORY[3]),
    Migration("0005_sync", HISTORY[4]),
    Migration(
        # The life of a set (kamervragen.life) is kept with it: outcome, due and answered
        # dates; the index gains the columns its row checks read, so it is built anew.
        "0006_life",
        f"""
        ALTER TABLE sets ADD COLUMN outcome TEXT NOT NULL DEFAULT 'pending';
        ALTER TABLE sets ADD COLUMN due_on TEXT;
        ALTER TABLE sets ADD COLUMN answered_on TEXT;
        ALTER TABLE sets ADD COLUMN known_from TEXT;
        ALTER TABLE sets ADD COLUMN facets TEXT NOT NULL DEFAULT '';
        CREATE INDEX sets_outcome ON sets(outcome, due_on);
        DROP TABLE blocks_fts;
        CREATE VIRTUAL TABLE blocks_fts USING fts5(title, body, parts, notes, facets,
            kind UNINDEXED, set_id UNINDEXED, submitted_on UNINDEXED, outcome UNINDEXED, due_on UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))}, 0.0)')
        """,
        rewrite_sets,
    ),
    # Parties and ministries under one name each (kamervragen.names), and who asked whom
    # searchable: every set written again.
    Migration("0007_names", step=rewrite_sets),
]


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


def _groups(groups: list[list[str]]) -> str:
    return " AND ".join("{facets} : (" + " OR ".join(group) + ")" for group in groups)


class SQLiteIndex:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.blocks_vocab USING fts5vocab(main, blocks_fts, 'row')"
        )

    def add(self, blocks: list[IndexedBlock]) -> None:
        self.db.many(
            "INSERT INTO blocks_fts (rowid, title, body, parts, notes, facets, kind, set_id, submitted_on, outcome,"
            " due_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    b.block_id,
                    b.title,
                    b.body,
                    b.parts,
                    b.notes,
                    " ".join(b.facets),
                    b.kind,
                    b.set_id,
                    b.submitted_on,
                    b.outcome,
                    b.due_on,
                )
                for b in blocks
            ],
        )

    def remove(self, block_ids: list[int]) -> None:
        self.db.many("DELETE FROM blocks_fts WHERE rowid = ?", [(i,) for i in block_ids])

    def relive(self, set_ids: list[int], outcome: str, due_on: str | None) -> None:
        from kamervragen.store.filters import OUTCOME_TOKENS

        wanted = OUTCOME_TOKENS[outcome]
        old = set(OUTCOME_TOKENS.values())
        for set_id in set_ids:
            # By rowid from the blocks' own index: set_id is not indexed in FTS5.
            for rowid, facets, was, was_due in self.db.all(
                "SELECT rowid, facets, outcome, due_on FROM blocks_fts WHERE rowid IN"
                " (SELECT id FROM blocks WHERE set_id = ?)",
                (set_id,),
            ):
                kept = [t for t in facets.split() if t not in old]
                tokens = " ".join([*kept, wanted])
                if (tokens, was, was_due) != (facets, outcome, due_on):
                    self.db.execute(
                        "UPDATE blocks_fts SET facets = ?, outcome = ?, due_on = ? WHERE rowid = ?",
                        (tokens, outcome, due_on, rowid),
                    )

    def _match(self, query: Node | None, groups: list[list[str]]) -> str:
        words = _fts(query) if query is not None else ""
        facets = _groups(groups)
        return f"({words}) AND {facets}" if words and facets else words or facets

    def _estimate(self, node: Node) -> int:
        """At most how many blocks a query matches, from the index's own term counts."""
        if isinstance(node, Term):
            if node.prefix:
                return int(
                    self.db.value(
                        "SELECT coalesce(sum(doc), 0) FROM temp.blocks_vocab WHERE term >= ? AND term < ?",
                        (node.stem, node.stem + "\uffff"),
                    )
                )
            return self.document_frequency([node.stem]).get(node.stem, 0)
        if isinstance(node, Phrase):
            counts = self.document_frequency(list(node.stems))
            return min(counts.values()) if counts else 0
        if isinstance(node, And):
            return min(self._estimate(i) for i in node.items)
        if isinstance(node, Or):
            return sum(self._estimate(i) for i in node.items)
        return self._estimate(node.include)

    def rank(
        self, query: Node, groups: list[list[str]], checks: tuple[list[str], list[object]], limit: int
    ) -> list[tuple[int, float]]:
        where, params = checks
        extra = "".join(f" AND {w}" for w in where)
        if self._estimate(query) > RANK_CAP:
            sql = (
                "SELECT id, score FROM (SELECT f.rowid AS id, f.rank AS score FROM blocks_fts f"
                f" WHERE blocks_fts MATCH ?{extra} ORDER BY f.rowid DESC LIMIT {RANK_CAP}) ORDER BY score LIMIT ?"
            )
        else:
            sql = f"SELECT f.rowid, f.rank FROM blocks_fts f WHERE blocks_fts MATCH ?{extra} ORDER BY f.rank LIMIT ?"
        rows = self.db.all(sql, [self._match(query, groups), *params, limit])
        return [(int(i), -float(score)) for i, score in rows]

    def facet_rows(
        self, query: Node, groups: list[list[str]], checks: tuple[list[str], list[object]], sample: int
    ) -> Iterator[tuple[int, list[str], str, str | None]]:
        where, params = checks
        extra = "".join(f" AND {w}" for w in where)
        for set_id, facets, outcome, due_on in self.db.all(
            f"SELECT f.set_id, f.facets, f.outcome, f.due_on FROM blocks_fts f WHERE blocks_fts MATCH ?{extra} LIMIT ?",
            [self._match(query, groups), *params, sample],
        ):
            yield int(set_id), facets.split(), outcome, due_on

    def document_frequency(self, stems: list[str]) -> dict[str, int]:
        """In how many blocks each stem occurs (for weighting the terms of a question)."""
        out = {}
        for term in set(stems):
            found = self.db.value("SELECT doc FROM temp.blocks_vocab WHERE term = ?", (term,))
            out[term] = int(found) if found is not None else 0
        return out

    def count(self) -> int:
        return int(self.db.value("SELECT count(*) FROM blocks_fts"))

    def check(self) -> list[str]:
        problems = [r[0] for r in self.db.all("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self.db.all("PRAGMA foreign_key_check")]
        try:
            self.db.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index: {exc}")
        return problems
