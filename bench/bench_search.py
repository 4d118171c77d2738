"""Search at scale: ingest rate, database size and query latency at 10k, 100k and 300k
synthetic question sets (``bench/synthetic.py``), against a plain SQLite FTS5 ``unicode61``
index over the same blocks ordered by date (how the best-known public site answers), in the
same run.

    .venv/bin/python bench/bench_search.py                 # 10000 100000 300000
    .venv/bin/python bench/bench_search.py 10000 50000     # other sizes

For each size: the sets are added to one growing store (ingest rate = sets per second of
``SQLiteStore.put`` for the added sets, one process, records already built); the baseline
table gets the blocks' raw text. Then 200 fixed queries (1–3 words drawn from the corpus
vocabulary, some phrases) run without and with a filter (party, ministry, date range or
status, fixed per query), limit 20, each timed alone: p50/p95/p99 in milliseconds. The
searching process's peak memory is measured in a fresh process that only opens the store
and runs the queries.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import corpus_dir  # noqa: E402
from synthetic import Vocabulary, records  # noqa: E402

from kamervragen.query import parse_query  # noqa: E402
from kamervragen.store import Filters, SQLiteStore  # noqa: E402

WORKDIR = Path("/tmp/kamervragen-bench")
QUERIES = 200
LIMIT = 20


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

    return f"{at(0.50):7.1f} {at(0.95):7.1f} {at(0.99):7.1f}"


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


def run_queries(
    db_path: Path, plain_path: Path | None, queries: list[tuple[str, dict[str, str]]]
) -> dict[str, list[float]]:
    """Time every query; without ``plain_path`` only the store's own search runs."""
    store = SQLiteStore(db_path)
    if plain_path is not None:
        store.db.execute(f"ATTACH DATABASE '{plain_path}' AS plain")
    timings: dict[str, list[float]] = {"ours": [], "ours+filter": [], "plain": [], "plain+filter": []}
    for text, filters in queries:
        tree = parse_query(text)
        for label, f in (("ours", Filters()), ("ours+filter", Filters(**filters))):  # type: ignore[arg-type]
            t = time.perf_counter()
            store.search(tree, f, LIMIT)
            timings[label].append(1000 * (time.perf_counter() - t))
        for label, f in (("plain", {}), ("plain+filter", filters)) if plain_path is not None else ():
            sql, params = baseline_sql(f)
            t = time.perf_counter()
            store.db.execute(sql, [plain_match(text), *params]).fetchall()
            timings[label].append(1000 * (time.perf_counter() - t))
    store.close()
    return timings


def search_only(db_path: str, queries_path: str) -> None:
    """Child process: run the store's searches alone, print the peak memory (MB)."""
    queries = json.loads(Path(queries_path).read_text())
    run_queries(Path(db_path), None, [(q, f) for q, f in queries])
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and
    # exec, so the big benchmark process would be counted in its searcher.
    peak_kb = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(peak_kb / 1024)


def main(sizes: list[int]) -> None:
    WORKDIR.mkdir(exist_ok=True)
    db_path, plain_path = WORKDIR / "store.db", WORKDIR / "plain.db"
    for p in WORKDIR.glob("*.db*"):
        p.unlink()
    vocabulary = Vocabulary(corpus_dir())
    queries = make_queries(vocabulary)
    queries_path = WORKDIR / "queries.json"
    queries_path.write_text(json.dumps(queries, ensure_ascii=False))
    store = SQLiteStore(db_path)
    plain = sqlite3.connect(plain_path)
    plain.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(text, tokenize = 'unicode61')")
    stream = records(vocabulary, max(sizes), seed=1)
    have = 0
    print(f"search at scale, one core, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    print(
        f"{'sets':>7} {'blocks':>8} {'ingest/s':>9} {'store MB':>9} {'plain MB':>9} {'mem MB':>7}  "
        f"{'p50/p95/p99 ms: ours':>24} {'ours+filter':>23} {'plain by date':>23} {'plain+filter':>23}"
    )
    for size in sizes:
        t = time.perf_counter()
        added = 0
        for record in stream:
            store.put(record, "synthetic.json")
            added += 1
            if added % 2000 == 0:
                store.commit()
            if have + added >= size:
                break
        store.commit()
        rate = added / (time.perf_counter() - t)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # searched after ingest, not during
        last = plain.execute("SELECT coalesce(max(rowid), 0) FROM plain_fts").fetchone()[0]
        rows = store.db.execute("SELECT id, text FROM blocks WHERE id > ?", (last,)).fetchall()
        plain.executemany("INSERT INTO plain_fts (rowid, text) VALUES (?, ?)", rows)
        plain.commit()
        have += added
        blocks = store.blocks_count()
        timings = run_queries(db_path, plain_path, queries)
        memory = subprocess.run(
            [sys.executable, __file__, "--search-only", str(db_path), str(queries_path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        size_mb = db_path.stat().st_size / 1e6
        print(
            f"{have:7d} {blocks:8d} {rate:9.0f} {size_mb:9.0f} {plain_path.stat().st_size / 1e6:9.0f} "
            f"{float(memory):7.0f}  {percentiles(timings['ours']):>24} {percentiles(timings['ours+filter']):>23} "
            f"{percentiles(timings['plain']):>23} {percentiles(timings['plain+filter']):>23}",
            flush=True,
        )
    store.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--search-only":
        search_only(*sys.argv[2:4])
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 300_000])
