"""Reads under a writer, on both backends: 8 searching clients for a fixed time on a store
of synthetic sets (``bench/synthetic.py``), first alone, then while one more process
ingests new sets into the same store without pause.

    .venv/bin/python bench/bench_concurrency.py              # 20000 sets, 30 s per phase
    .venv/bin/python bench/bench_concurrency.py 5000 10      # sets, seconds

Every client is its own process with its own store (connection); they start together at a
barrier. A client runs the 200 queries of ``bench/bench_search.py`` in random order, half
of them with their filter, limit 20, one at a time; a query that raises counts as an error
(e.g. SQLite's "database is locked"), not as a latency. The ingester puts records built
before the start, 500 per transaction. SQLite: a file in /tmp/kamervragen-bench, WAL mode;
PostgreSQL: a database made for the run and dropped after it, on ``KAMERVRAGEN_BENCH_PG``.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pg  # noqa: E402
from bench_search import LIMIT, make_queries, percentiles, put_all, settle  # noqa: E402
from corpus import corpus_dir  # noqa: E402
from synthetic import Vocabulary, records  # noqa: E402

from kamervragen.query import parse_query  # noqa: E402
from kamervragen.record import Record  # noqa: E402
from kamervragen.store import Filters, open_store  # noqa: E402

WORKDIR = Path("/tmp/kamervragen-bench")
CLIENTS = 8
BATCH = 500


def reader(location: str, queries: list, seed: int, seconds: float, barrier: Any, results: Any) -> None:
    store = open_store(location)
    work = [(parse_query(q), Filters(**f)) for q, f in queries]
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    barrier.wait()
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        tree, filters = rng.choice(work)
        t = time.perf_counter()
        try:
            store.search.search(tree, filters if rng.random() < 0.5 else Filters(), LIMIT)
            latencies.append(1000 * (time.perf_counter() - t))
        except Exception as exc:
            errors[f"{type(exc).__name__}: {exc}"] += 1
    store.close()
    results.put(("read", latencies, errors))


def ingester(location: str, payloads: list[str], seconds: float, barrier: Any, results: Any) -> None:
    batch = [Record.model_validate_json(p) for p in payloads]
    store = open_store(location)
    done = 0
    errors: Counter[str] = Counter()
    barrier.wait()
    started = time.perf_counter()
    until = started + seconds
    for i in range(0, len(batch), BATCH):
        if time.perf_counter() >= until:
            break
        put = 0
        try:
            with store.transaction():
                for record in batch[i : i + BATCH]:
                    store.sets.put(record, "synthetic.json")
                    put += 1
                    if time.perf_counter() >= until:
                        break
            done += put
        except Exception as exc:
            errors[f"{type(exc).__name__}: {exc}"] += 1
    rate = done / (time.perf_counter() - started)
    store.close()
    results.put(("write", rate, errors, done == len(batch)))


def phase(location: str, queries: list, seconds: float, payloads: list[str] | None) -> dict[str, Any]:
    """8 readers (and the ingester when there are payloads) for ``seconds``."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    barrier = ctx.Barrier(CLIENTS + (payloads is not None))
    procs = [
        ctx.Process(target=reader, args=(location, queries, i, seconds, barrier, results))
        for i in range(CLIENTS)
    ]
    if payloads is not None:
        procs.append(ctx.Process(target=ingester, args=(location, payloads, seconds, barrier, results)))
    for p in procs:
        p.start()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    out: dict[str, Any] = {"rate": None, "write_errors": Counter(), "ran_out": False}
    for _ in procs:
        message = results.get()
        if message[0] == "read":
            latencies += message[1]
            errors += message[2]
        else:
            out.update(rate=message[1], write_errors=message[2], ran_out=message[3])
    for p in procs:
        p.join()
    return {**out, "latencies": latencies, "errors": errors}


def main(sets: int, seconds: float) -> None:
    WORKDIR.mkdir(exist_ok=True)
    db_path = WORKDIR / "concurrency.db"
    vocabulary = Vocabulary(corpus_dir())
    queries = make_queries(vocabulary)
    store_records = list(records(vocabulary, sets, seed=1))
    # More than the fastest ingest seen (about 900 sets/s alone) can use in the time.
    payloads = [r.model_dump_json() for r in records(vocabulary, int(1000 * seconds), seed=3)]
    print(
        f"Concurrency: {sets} synthetic sets, {CLIENTS} searching processes for {seconds:g} s, alone and"
        f" with one ingesting process; Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version},"
        f" PostgreSQL {pg.version()} (server on the same machine). The machine has {os.cpu_count()} cores for"
        f" all {CLIENTS + 1} client processes and PostgreSQL's server processes. Latency in ms; half the"
        " queries filtered; ingest: records already built, 500 sets per transaction.\n"
    )
    rows = []
    errors: list[str] = []
    with pg.database("kvbench_concurrency") as url:
        for name, location in (("SQLite", str(db_path)), ("PostgreSQL", url)):
            for p in WORKDIR.glob("concurrency.db*"):
                p.unlink()
            store = open_store(location)
            built = put_all(store, store_records)
            settle(store, db_path)
            store.close()
            for label, extra in (("reads only", None), ("reads + ingest", payloads)):
                r = phase(location, queries, seconds, extra)
                ingest = "—"
                if r["rate"] is not None:
                    ingest = f"{r['rate']:.0f}" + (" (ran out of records)" if r["ran_out"] else "")
                rows.append(
                    f"| {name} | {label} | {len(r['latencies'])} | {len(r['latencies']) / seconds:.0f}"
                    f" | {percentiles(r['latencies'])} | {sum(r['errors'].values())} | {ingest}"
                    f" | {sum(r['write_errors'].values()) if r['rate'] is not None else '—'} |"
                )
                errors += [f"{name}, {label}: {n}× {e}" for e, n in (r["errors"] + r["write_errors"]).items()]
            print(f"({name}: store built at {built:.0f} sets/s)", flush=True)
    print()
    print(
        "| backend | phase | reads | reads/s | read p50 / p95 / p99 ms | read errors | ingest sets/s | ingest errors |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    for line in errors:
        print(line[:300])
    for p in WORKDIR.glob("concurrency.db*"):
        p.unlink()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 20_000, float(args[1]) if len(args) > 1 else 30.0)
