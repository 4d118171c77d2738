"""Shared fixtures. Tests that need the real documents read them from the corpus folder
(``KAMERVRAGEN_CORPUS``, default ``../shared/corpus`` beside the repository) and are skipped
with a clear message when it is absent."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("KAMERVRAGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}; set KAMERVRAGEN_CORPUS to the shared corpus folder")
    return CORPUS


# -- the two backends ---------------------------------------------------------------------
# Every contract test runs on SQLite and on PostgreSQL. PostgreSQL's half needs a server:
# KAMERVRAGEN_TEST_POSTGRES names one to create databases on (default the local one). Where
# there is none the tests say why in one line and are skipped, unless
# KAMERVRAGEN_REQUIRE_POSTGRES=1 (set by .ci/run), which makes a missing server a failure.

POSTGRES_ADMIN = os.environ.get("KAMERVRAGEN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")
_postgres_problem: list[str] = []


def _admin() -> object:
    import psycopg

    return psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5)


def postgres_database(name: str) -> str:
    """A new empty database on the test server; its URL."""
    if _postgres_problem:
        _skip_postgres(_postgres_problem[0])
    try:
        with _admin() as admin:  # type: ignore[attr-defined]
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        _postgres_problem.append(
            f"no PostgreSQL server at {POSTGRES_ADMIN} ({type(exc).__name__}: {exc})".strip()
        )
        _skip_postgres(_postgres_problem[0])
    base = POSTGRES_ADMIN.rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_postgres_database(name: str) -> None:
    with _admin() as admin:  # type: ignore[attr-defined]
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _skip_postgres(reason: str) -> None:
    if os.environ.get("KAMERVRAGEN_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (KAMERVRAGEN_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives: a file, or a new database on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "k.db")
        return
    name = "kv_" + re.sub(r"\W", "_", request.node.name.lower())[:50] + f"_{os.getpid()}"
    yield postgres_database(name)
    drop_postgres_database(name)


def pytest_terminal_summary(terminalreporter: object) -> None:
    if _postgres_problem:
        terminalreporter.write_line(f"PostgreSQL tests skipped: {_postgres_problem[0]}")  # type: ignore[attr-defined]
