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
