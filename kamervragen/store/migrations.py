"""Named migrations: each backend lists its schema changes in order, by name; a store
records the names it has applied and, on open, applies the rest, each in one transaction
(its SQL, then its Python step, which may use the store's jobs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kamervragen.store.sql import Database


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str = ""
    step: Callable[[Any], None] | None = None  # called with the Store, after the SQL


def statements(script: str) -> list[str]:
    return [s for s in script.split(";\n") if s.strip()]


def applied(db: Database) -> list[str]:
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_on TEXT NOT NULL)")
    return [r[0] for r in db.all("SELECT name FROM migrations ORDER BY name")]


def migrate(db: Database, store: Any, migrations: list[Migration], legacy: int = 0) -> list[str]:
    """Apply what is missing; returns the names applied now. ``legacy``: how many of the
    first migrations a store made before names were kept has already (SQLite's
    user_version)."""
    done = set(applied(db))
    if legacy and not done:
        with db.transaction():
            for m in migrations[:legacy]:
                db.execute("INSERT INTO migrations VALUES (?, 'before named migrations')", (m.name,))
        done = {m.name for m in migrations[:legacy]}
    now = []
    for m in migrations:
        if m.name in done:
            continue
        with db.transaction():
            for statement in statements(m.sql):
                db.execute(statement)
            if m.step is not None:
                m.step(store)
            db.execute("INSERT INTO migrations VALUES (?, CAST(CURRENT_TIMESTAMP AS TEXT))", (m.name,))
        now.append(m.name)
    return now


def rewrite_sets(store: Any) -> None:
    """Every set written again through the records job (its rows, its life worked out by
    kamervragen.life, its blocks indexed with today's tokens and columns); then the names
    no set uses any more are dropped."""
    for set_id, source in store.db.all("SELECT id, source FROM sets ORDER BY id"):
        record = store.sets.record(int(set_id))
        digest = store.db.value("SELECT content_hash FROM sets WHERE id = ?", (set_id,))
        store.sets._delete(int(set_id))
        store.index.add(store.sets._insert(record, source, digest, int(set_id))[1])
    store.db.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM set_people)")
    store.db.execute(
        "DELETE FROM parties WHERE id NOT IN (SELECT party_id FROM people WHERE party_id IS NOT NULL)"
    )
    store.db.execute("DELETE FROM offices WHERE id NOT IN (SELECT office_id FROM set_offices)")
    store.mirror.reassess_cases()
    store.sets.relive_all()
