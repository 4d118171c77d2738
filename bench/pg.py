"""Throwaway PostgreSQL databases for the benchmarks, on the server of
``KAMERVRAGEN_BENCH_PG`` (default ``postgresql://postgres@127.0.0.1``, trust auth)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

SERVER = os.environ.get("KAMERVRAGEN_BENCH_PG", "postgresql://postgres@127.0.0.1")


def _admin(statement: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def database(name: str) -> Iterator[str]:
    """A new, empty database ``name`` (an old one of that name is dropped); its URL.
    Dropped on leaving."""
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def version() -> str:
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0]).split()[0]  # type: ignore[index]
