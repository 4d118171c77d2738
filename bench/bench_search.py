"""Search at scale on both backends: ingest rate, database size and query latency at 10k,
100k and 300k synthetic question sets (``bench/synthetic.py``), SQLite and PostgreSQL side
by side in one run, with a plain SQLite FTS5 ``unicode61`` index over the same blocks
ordered by date (how the best-known public site answers) as a baseline.

    .venv/bin/python bench/bench_search.py                 # 10000 100000 300000
    .venv/bin/python bench/bench_search.py 10000 50000     # other sizes

For each size the sets are added to one growing store per backend (SQLite: a file in
/tmp/kamervragen-bench; PostgreSQL: a database made for the run and dropped after it, on
``KAMERVRAGEN_BENCH_PG``). Ingest rate = sets per second of ``store.sets.put`` for the
added sets, records already built in memory, 500 puts per transaction, one process. Then
SQLite's log is checkpointed and PostgreSQL is vacuumed and analysed, and the size is taken
(SQLite: file + WAL; PostgreSQL: ``pg_database_size``). The 200 fixed queries (1–3 words
drawn from the corpus vocabulary, some phrases) run without and with a filter (party,
ministry, date range or status, fixed per query), limit 20, in a fresh process that opens
the store, runs them once untimed, then once timed, each alone: p50/p95/p99 in
milliseconds, and that process's peak memory. For PostgreSQL that is the client only: the
server runs as its own processes on the same machine and does the index work.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pg  # noqa: E402
from corpus import corpus_dir  # noqa: E402
from synthetic import Vocabulary, records  # noqa: E402

from kamervragen.query import parse_query  # noqa: E402
from kamervragen.record import Record  # noqa: E402
from kamervragen.store import Filters, Store, open_store  # noqa: E402

WORKDIR = Path("/tmp/kamervragen-bench")
QUERIES = 200
LIMIT = 20
BATCH = 500


def make_queries(vocabulary: Vocabulary, seed: int = 7) -> list[tuple[str, dict[str, str]]]:
    """200 queries with a filter each; words of 6+ letters from real questions."""
    rng = random.Random(seed)
    words = sorted(
        {
            w.lower().strip(",.?!«»()")
            for s in vocabulary.questions
            for w in s.split()
            if len(w) >= 6 and w.isalpha()
        }
    )
    parties = sorted({m.party for m in vocabulary.members if m.party})
    ministries = sorted({o.portfolio.split()[0] for o in vocabulary.offices if o.portfolio})
    out = []
    for i in range(QUERIES):
        kind = i % 10
        if kind < 6:
            text = rng.choice(words)
        elif kind < 9:
            text = f"{rng.choice(words)} {rng.choice(words)}"
        else:
            sentence = rng.choice(vocabulary.questions).split()
            j = rng.randrange(max(1, len(sentence) - 1))
            text = '"' + " ".join(w.strip(',.?!«»()"') for w in sentence[j : j + 2]) + '"'
        pick = i % 4
        if pick == 0:
            filters = {"party": rng.choice(parties)}
        elif pick == 1:
            filters = {"ministry": rng.choice(ministries)}
        elif pick == 2:
            year = rng.randrange(1995, 2022)
            filters = {"date_from": f"{year}-01-01", "date_to": f"{year + 3}-12-31"}
        else:
            filters = {"status": "late"}
        out.append((text, filters))
    return out


def percentiles(values: list[float]) -> str:
    values = sorted(values)

    def at(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))]

    return f"{at(0.50):.1f} / {at(0.95):.1f} / {at(0.99):.1f}"


def baseline_sql(filters: dict[str, str]) -> tuple[str, list[str]]:
    where, params = [], []
    if "party" in filters:
        where.append(
            "s.id IN (SELECT sp.set_id FROM set_people sp JOIN people p ON p.id = sp.person_id"
            " JOIN parties pa ON pa.id = p.party_id WHERE pa.name = ?)"
        )
        params.append(filters["party"])
    if "ministry" in filters:
        where.append(
            "s.id IN (SELECT so.set_id FROM set_offices so JOIN offices o ON o.id = so.office_id"
            " WHERE so.relation = 'addressee' AND o.portfolio LIKE ?)"
        )
        params.append(f"%{filters['ministry']}%")
    if "date_from" in filters:
        where.append("s.submitted_on BETWEEN ? AND ?")
        params += [filters["date_from"], filters["date_to"]]
    if "status" in filters:
        where.append("s.days_taken > 21")
    sql = (
        "SELECT b.id FROM plain.plain_fts JOIN blocks b ON b.id = plain_fts.rowid JOIN sets s ON s.id = b.set_id"
        " WHERE plain_fts MATCH ?"
        + "".join(f" AND {w}" for w in where)
        + f" ORDER BY s.submitted_on DESC LIMIT {LIMIT}"
    )
    return sql, params


def plain_match(text: str) -> str:
    """The query as the plain index takes it: words as written, phrase kept."""
    if text.startswith('"'):
        return text
    return " ".join('"' + w + '"' for w in text.split())


def time_plain(db_path: Path, plain_path: Path, queries: list[tuple[str, dict[str, str]]]) -> dict:
    """The baseline's latencies, without and with the filter (after one untimed pass)."""
    db = sqlite3.connect(db_path)
    db.execute(f"ATTACH DATABASE '{plain_path}' AS plain")
    timings: dict[str, list[float]] = {"plain": [], "filtered": []}
    for _ in range(2):
        timings = {"plain": [], "filtered": []}
        for text, filters in queries:
            for label, f in (("plain", {}), ("filtered", filters)):
                sql, params = baseline_sql(f)
                t = time.perf_counter()
                db.execute(sql, [plain_match(text), *params]).fetchall()
                timings[label].append(1000 * (time.perf_counter() - t))
    db.close()
    return timings


def search_only(location: str, queries_path: str) -> None:
    """Child process: open the store, run the searches (once untimed, once timed), print
    the latencies and the peak memory (MB) as JSON."""
    queries = [(parse_query(q), Filters(**f)) for q, f in json.loads(Path(queries_path).read_text())]
    store = open_store(location)
    for _ in range(2):
        timings: dict[str, list[float]] = {"plain": [], "filtered": [], "sets": []}
        for tree, filters in queries:
            for label, f in (("plain", Filters()), ("filtered", filters)):
                t = time.perf_counter()
                store.search.search(tree, f, LIMIT)
                timings[label].append(1000 * (time.perf_counter() - t))
            # What the search page runs: one result per set, gathered from up to 2,000 blocks.
            t = time.perf_counter()
            store.search.sets(tree, Filters(), LIMIT)
            timings["sets"].append(1000 * (time.perf_counter() - t))
    store.close()
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and
    # exec, so the big benchmark process would be counted in its searcher.
    peak_kb = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(json.dumps({**timings, "memory": peak_kb / 1024}))


def put_all(store: Store, batch: list[Record]) -> float:
    """Sets per second of store.sets.put over the batch."""
    t = time.perf_counter()
    for i in range(0, len(batch), BATCH):
        with store.transaction():
            for record in batch[i : i + BATCH]:
                store.sets.put(record, "synthetic.json")
    return len(batch) / (time.perf_counter() - t)


def settle(store: Store, db_path: Path) -> float:
    """Make the store ready for searching as after a quiet night; its size in MB."""
    if store.backend == "sqlite":
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = db_path.with_name(db_path.name + "-wal")
        return (db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6
    store.db.execute("VACUUM ANALYZE")
    return int(store.db.value("SELECT pg_database_size(current_database())")) / 1e6


def main(sizes: list[int]) -> None:
    WORKDIR.mkdir(exist_ok=True)
    db_path, plain_path = WORKDIR / "store.db", WORKDIR / "plain.db"
    for p in [*WORKDIR.glob("store.db*"), *WORKDIR.glob("plain.db*")]:
        p.unlink()
    vocabulary = Vocabulary(corpus_dir())
    queries = make_queries(vocabulary)
    queries_path = WORKDIR / "queries.json"
    queries_path.write_text(json.dumps(queries, ensure_ascii=False))
    stream = records(vocabulary, max(sizes), seed=1)
    print(
        f"Search at scale: Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, PostgreSQL"
        f" {pg.version()} (server on the same machine, {os.cpu_count()} cores). Each measuring process is one"
        " single-threaded Python process; PostgreSQL's server does its part in its own processes, and"
        ' "search MB" is the peak memory of the client only. Ingest: records already built, 500 sets per'
        " transaction. Latency: 200 queries, limit 20, p50 / p95 / p99 ms.\n"
    )
    print(
        "| sets | backend | blocks | ingest sets/s | store MB | search MB"
        " | p50 / p95 / p99 ms | with filter p50 / p95 / p99 ms | one result per set p50 / p95 / p99 ms |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    with pg.database("kvbench_search") as url:
        stores = {"SQLite": open_store(db_path), "PostgreSQL": open_store(url)}
        plain = sqlite3.connect(plain_path)
        plain.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(text, tokenize = 'unicode61')")
        have = 0
        for size in sizes:
            batch = list(itertools.islice(stream, size - have))
            have += len(batch)
            rows = []
            for name, store in stores.items():
                rate = put_all(store, batch)
                size_mb = settle(store, db_path)
                rows.append((name, store, rate, size_mb))
            last = plain.execute("SELECT coalesce(max(rowid), 0) FROM plain_fts").fetchone()[0]
            new = stores["SQLite"].db.all("SELECT id, text FROM blocks WHERE id > ?", (last,))
            plain.executemany("INSERT INTO plain_fts (rowid, text) VALUES (?, ?)", new)
            plain.commit()
            for name, store, rate, size_mb in rows:
                result = json.loads(
                    subprocess.run(
                        [sys.executable, __file__, "--search-only", store.location, str(queries_path)],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                print(
                    f"| {have} | {name} | {store.sets.blocks_count()} | {rate:.0f} | {size_mb:.0f}"
                    f" | {result['memory']:.0f} | {percentiles(result['plain'])}"
                    f" | {percentiles(result['filtered'])} | {percentiles(result['sets'])} |",
                    flush=True,
                )
            timings = time_plain(db_path, plain_path, queries)
            print(
                f"| {have} | plain FTS5 by date (baseline) | {stores['SQLite'].sets.blocks_count()} | —"
                f" | {plain_path.stat().st_size / 1e6:.0f} (index only) | — | {percentiles(timings['plain'])}"
                f" | {percentiles(timings['filtered'])} | — |",
                flush=True,
            )
        plain.close()
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--search-only":
        search_only(*sys.argv[2:4])
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 300_000])
