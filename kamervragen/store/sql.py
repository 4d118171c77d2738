"""One connection to a database, SQLite or PostgreSQL, as the store's jobs use it.

SQL is written once with ``?`` placeholders in the portable subset both engines speak
(``ON CONFLICT``, ``RETURNING``, ``IS NOT DISTINCT FROM``, ``FILTER``); PostgreSQL's
connection turns the placeholders into its own. Transactions are a context manager:
the outermost ``with db.transaction():`` begins and commits (or rolls back on an error),
a nested one is a savepoint, so a set is written whole or not at all inside a batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

Dialect = Literal["sqlite", "postgresql"]
Row = tuple[Any, ...]
_PLACEHOLDER = re.compile(r"\?")


class Database:
    """A connection in autocommit mode, with explicit transactions."""

    def __init__(self, connection: Any, dialect: Dialect) -> None:
        self.connection = connection
        self.dialect = dialect
        self.depth = 0
        # SQLite's LIKE ignores case (ASCII); PostgreSQL's does not.
        self.like = "LIKE" if dialect == "sqlite" else "ILIKE"

    def sql(self, statement: str) -> str:
        if self.dialect == "postgresql":
            return _PLACEHOLDER.sub("%s", statement.replace("%", "%%"))
        return statement

    def execute(self, statement: str, params: Sequence[object] = ()) -> Any:
        return self.connection.execute(self.sql(statement), tuple(params))

    def all(self, statement: str, params: Sequence[object] = ()) -> list[Row]:
        return [tuple(r) for r in self.execute(statement, params).fetchall()]

    def one(self, statement: str, params: Sequence[object] = ()) -> Row | None:
        row = self.execute(statement, params).fetchone()
        return tuple(row) if row is not None else None

    def value(self, statement: str, params: Sequence[object] = ()) -> Any:
        row = self.one(statement, params)
        return row[0] if row else None

    def many(self, statement: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            if self.dialect == "postgresql":
                with self.connection.cursor() as cursor:
                    cursor.executemany(self.sql(statement), [tuple(r) for r in rows])
            else:
                self.connection.executemany(statement, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Begin (or, inside another, a savepoint); commit on leaving, roll back on an error."""
        name = f"sp{self.depth}"
        if self.depth == 0 and self.dialect == "sqlite":
            self.connection.execute("BEGIN IMMEDIATE")
        elif self.depth == 0:
            # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: new ids are the
            # highest plus one, and two writers must not take the same.
            self.connection.execute("BEGIN")
            self.connection.execute("SELECT pg_advisory_xact_lock(4711)")
        else:
            self.connection.execute(f"SAVEPOINT {name}")
        self.depth += 1
        try:
            yield
        except BaseException:
            self.depth -= 1
            self._undo(name)
            raise
        self.depth -= 1
        if self.depth == 0:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute(f"RELEASE SAVEPOINT {name}")

    def _undo(self, name: str) -> None:
        try:
            if self.depth == 0:
                self.connection.execute("ROLLBACK")
            else:
                self.connection.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.connection.execute(f"RELEASE SAVEPOINT {name}")
        except Exception:  # the connection itself is gone: nothing to undo
            pass

    @property
    def in_transaction(self) -> bool:
        return self.depth > 0

    def close(self) -> None:
        self.connection.close()
