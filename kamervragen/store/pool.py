"""Stores lent to the requests of a server: each request borrows one connection and gives
it back. PostgreSQL's come from psycopg's pool (bounded, checked on return); SQLite's are
kept in a stack, one connection each, handed to one thread at a time."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kamervragen.store import Store, is_postgres, open_store, postgres
from kamervragen.store.sql import Database

MAX_CONNECTIONS = 16


class StorePool:
    def __init__(self, location: str) -> None:
        self.location = location
        # Opening once creates or migrates the store before any request comes.
        open_store(location).close()
        self._pg: Any = None
        self._sqlite: queue.LifoQueue[Store] = queue.LifoQueue()
        if is_postgres(location):
            from psycopg_pool import ConnectionPool

            self._pg = ConnectionPool(
                location,
                min_size=1,
                max_size=MAX_CONNECTIONS,
                kwargs={"autocommit": True},
                open=True,
                timeout=30,
            )

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        if self._pg is not None:
            with self._pg.connection() as connection:
                db = Database(connection, "postgresql")
                yield Store(db, postgres.PostgresIndex(db), self.location)
            return
        try:
            store = self._sqlite.get_nowait()
        except queue.Empty:
            store = open_store(self.location, any_thread=True)
        try:
            yield store
        finally:
            self._sqlite.put(store)

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()
        while not self._sqlite.empty():
            self._sqlite.get_nowait().close()
