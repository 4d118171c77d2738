"""The store: question sets kept normalised, with a Dutch full-text index, on SQLite (the
embedded default) or PostgreSQL (for a server).

:func:`open_store` opens either from a location (a file path, or a ``postgresql://`` URL)
and brings its schema up to date (named migrations). A :class:`Store` is four jobs on one
connection, each with a small surface that callers use by name:

- ``store.sets`` — records: write a set whole (:meth:`Records.put`), read it back, browse;
- ``store.search`` — ranked hits and facet counts for a parsed query and :class:`Filters`;
- ``store.mirror`` — what the sync keeps: entities, cases, where each source left off;
- ``store.stats`` — counts by status, chart rows, what is overdue.

Writes happen inside ``with store.transaction():`` (nested ones are savepoints); a set is
written whole or not at all, and a batch commits together.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kamervragen.store import postgres, sqlite
from kamervragen.store.contract import Hit, Outcome, SearchIndex
from kamervragen.store.filters import FILTERS, PARTIAL_DATE, FacetCounts, Filters
from kamervragen.store.migrations import migrate
from kamervragen.store.mirror import Mirror
from kamervragen.store.records import Records, content_hash, source_rank
from kamervragen.store.search import Search
from kamervragen.store.sql import Database
from kamervragen.store.statistics import CHARTS, Statistics

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class StoreError(Exception):
    """The store cannot be opened or used: one sentence naming it."""


def default_location() -> str:
    """``KAMERVRAGEN_DB`` (a file or a postgresql:// URL), else one file in the user's data
    folder (XDG)."""
    if os.environ.get("KAMERVRAGEN_DB"):
        return os.environ["KAMERVRAGEN_DB"]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return str(base / "kamervragen" / "kamervragen.db")


def is_postgres(location: str | Path) -> bool:
    return str(location).startswith(POSTGRES_SCHEMES)


class Store:
    def __init__(self, db: Database, index: SearchIndex, location: str) -> None:
        self.db = db
        self.location = location
        self.index = index
        self.sets = Records(db, index)
        self.search = Search(index, self.sets)
        self.mirror = Mirror(db, self.sets)
        self.stats = Statistics(db, self.sets, self.mirror)

    @property
    def backend(self) -> str:
        return self.db.dialect

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    def check(self) -> list[str]:
        """Problems the database finds in itself: integrity, orphans, index out of step."""
        problems = self.index.check()
        blocks, indexed = self.sets.blocks_count(), self.index.count()
        if blocks != indexed:
            problems.append(f"{blocks} blocks but {indexed} rows in the search index")
        return problems

    def close(self) -> None:
        if self.db.dialect == "sqlite":
            sqlite.close(self.db)
        else:
            postgres.close(self.db)


def open_store(location: str | Path | None = None, *, any_thread: bool = False) -> Store:
    """The store at ``location`` (default: :func:`default_location`), created or migrated.
    Raises :class:`StoreError` with one sentence when it cannot be opened."""
    where = str(location or default_location())
    try:
        if is_postgres(where):
            db = postgres.connect(where)
            index: SearchIndex = postgres.PostgresIndex(db)
            store = Store(db, index, where)
            migrate(db, store, postgres.MIGRATIONS)
        else:
            db = sqlite.connect(where, any_thread=any_thread)
            legacy = sqlite.legacy_version(db)
            index = sqlite.SQLiteIndex(db)
            store = Store(db, index, where)
            migrate(db, store, sqlite.MIGRATIONS, legacy)
    except StoreError:
        raise
    except Exception as exc:  # the driver's own errors: a bad file, a server that is not there
        raise StoreError(f"{_name(where)}: not a usable store ({type(exc).__name__}: {exc})".strip()) from exc
    return store


def _name(location: str) -> str:
    if is_postgres(location):
        parts = postgres.describe(location)
        return f"postgresql://{parts['host']}:{parts['port']}/{parts['database']}"
    return location


__all__ = [
    "CHARTS",
    "FILTERS",
    "PARTIAL_DATE",
    "FacetCounts",
    "Filters",
    "Hit",
    "Outcome",
    "Store",
    "StoreError",
    "content_hash",
    "default_location",
    "is_postgres",
    "open_store",
    "source_rank",
]
