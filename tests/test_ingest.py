"""Ingest: folders in, a summary out, bad files reported, and a database that survives kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.ingest import ingest
from kamervragen.store import open_store

DOCUMENT = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2025–2026 Vragen gesteld door de leden der Kamer
2025Z{n:05d}
Vragen van het lid Lid{n} (SP) aan de Minister van Financiën over testonderwerp nummer {n} (ingezonden {day} maart 2026).
Vraag 1
Kent u het bericht over onderwerp {n} en de gevolgen voor huurders?
Vraag 2
Wat gaat u doen aan de wachttijden bij gemeente {n}?
"""


def write_documents(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"doc{n:04d}.txt").write_text(DOCUMENT.format(n=n, day=1 + n % 28), encoding="utf-8")


def kill_at_random(command: list[str], db: Path, runs: int, seed: int, after: tuple[float, float]) -> int:
    """Start `command` `runs` times and SIGKILL it at a random moment within `after`
    seconds, checking the store's integrity after each; then let it run to the end.
    Returns how many runs were killed (a run may finish first)."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    kills = 0
    for _ in range(runs):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(*after))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait()
        store = open_store(db)
        assert store.check() == [], "integrity after a kill"
        store.close()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return kills


def test_ingest_twice_counts_right_and_reports_bad_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, 20)
    (docs / "kapot.pdf").write_bytes(b"%PDF-1.7 broken")
    (docs / "leeg.txt").write_bytes(b"")
    store = open_store(tmp_path / "k.db")
    first = ingest(store, [docs], workers=2)
    assert (first.new, first.updated, first.unchanged) == (20, 0, 0)
    assert sorted(Path(p).name for p, _ in first.failed) == ["kapot.pdf", "leeg.txt"]
    again = ingest(store, [docs], workers=2)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 20)
    assert store.sets.count() == 20 and store.check() == []


def test_cli_ingest_prints_a_summary(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, 3)
    result = CliRunner().invoke(app, ["ingest", str(docs), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 0, result.output
    assert "3 sets new" in result.stdout


def test_cli_ingest_stores_the_good_files_and_exits_2_when_one_failed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, 3)
    (docs / "kapot.pdf").write_bytes(b"%PDF-1.7 broken")
    result = CliRunner().invoke(app, ["ingest", str(docs), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 2
    assert "3 sets new" in result.stdout and "1 files failed" in result.stdout
    [line] = [line for line in result.stderr.splitlines() if "kapot.pdf" in line]
    assert line.startswith("kamervragen: ") and "Traceback" not in result.output


def test_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    count = 3000
    write_documents(docs, count)
    db = tmp_path / "k.db"
    command = [
        sys.executable,
        "-m",
        "kamervragen.cli",
        "ingest",
        str(docs),
        "--db",
        str(db),
        "--workers",
        "1",
    ]
    kills = kill_at_random(command, db, runs=5, seed=20261127, after=(0.35, 1.5))
    assert kills >= 3, "the ingest finished before the kills; the test proved too little"
    store = open_store(db)
    assert store.check() == []
    assert store.sets.count() == count
    ids = [r[0] for r in store.db.all("SELECT doc_id FROM sets")]
    assert len(ids) == len(set(ids)) == count


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found.update(int(child) for child in children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_workers_end_with_a_killed_ingest(tmp_path: Path) -> None:
    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc (Linux)")
    docs = tmp_path / "docs"
    write_documents(docs, 4000)
    command = [sys.executable, "-m", "kamervragen.cli", "ingest", str(docs), "--db", str(tmp_path / "k.db")]
    parent = subprocess.Popen(
        [*command, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        workers = _children(parent.pid)
        time.sleep(0.05)
    assert workers, "the ingest started no workers"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
