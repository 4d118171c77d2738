"""Ranking quality on the hand-judged queries of ``tests/relevance.json`` and the unseen ones
of ``tests/relevance_unseen.json``, on both backends:
hits in the top 3 and mean reciprocal rank of the first relevant set. On SQLite also
without compound awareness (the index column of compound parts) and a plain FTS5 index
without stemming, newest first.

    .venv/bin/python bench/bench_relevance.py

The corpus (``bench/corpus.py``) is ingested once per backend: a SQLite file in a temporary
folder, and a PostgreSQL database made for the run and dropped after it, on
``KAMERVRAGEN_BENCH_PG``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pg  # noqa: E402
from corpus import corpus_dir  # noqa: E402

import kamervragen.store.sqlite as sqlite_backend  # noqa: E402
from kamervragen.ingest import ingest  # noqa: E402
from kamervragen.query import Node  # noqa: E402
from kamervragen.search import search_sets  # noqa: E402
from kamervragen.store import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_FTS = sqlite_backend._fts


def fts_without_parts(node: Node) -> str:
    """The shipped FTS5 expression without the column of compound parts."""
    return (
        SHIPPED_FTS(node)
        .replace("{title body parts notes}", "{title body notes}")
        .replace("{title body parts}", "{title body}")
    )


def score(rankings: list[tuple[list[str], set[str]]]) -> tuple[int, float]:
    """Hits in the top 3 and mean reciprocal rank, from (sources in ranked order, wanted)."""
    top3 = 0
    reciprocal = 0.0
    for ranked, wanted in rankings:
        seen = list(dict.fromkeys(ranked))
        ranks = [i for i, s in enumerate(seen, start=1) if s in wanted]
        top3 += bool(ranks and ranks[0] <= 3)
        reciprocal += 1 / ranks[0] if ranks else 0.0
    return top3, reciprocal / len(rankings)


def evaluate(store: Store, corpus: Path, queries: list[dict]) -> tuple[int, float]:
    rankings = []
    for case in queries:
        ranked = [
            store.db.value("SELECT source FROM sets WHERE id = ?", (r.hit.set_id,))
            for r in (s.best for s in search_sets(store, case["query"], limit=100).sets)
        ]
        rankings.append((ranked, {str(corpus / s) for s in case["sources"]}))
    return score(rankings)


def evaluate_plain(store: Store, corpus: Path, queries: list[dict]) -> tuple[int, float]:
    """The approach of the best-known public site: words as written, newest first."""
    store.db.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(text, tokenize = 'unicode61')")
    store.db.execute(
        "INSERT INTO plain_fts (rowid, text) SELECT b.id, coalesce(s.title, '') || ' ' || b.text"
        " FROM blocks b JOIN sets s ON s.id = b.set_id"
    )
    rankings = []
    for case in queries:
        text = (
            case["query"]
            if case["query"].startswith('"')
            else " ".join(f'"{w}"' for w in case["query"].split())
        )
        rows = store.db.all(
            "SELECT s.source FROM plain_fts JOIN blocks b ON b.id = plain_fts.rowid JOIN sets s ON s.id = b.set_id"
            " WHERE plain_fts MATCH ? ORDER BY s.submitted_on DESC",
            (text,),
        )
        rankings.append(([r[0] for r in rows], {str(corpus / s) for s in case["sources"]}))
    return score(rankings)


QUERY_SETS = (
    ("relevance.json", "the 20 queries written beside the code"),
    ("relevance_unseen.json", "40 queries a helper wrote from random documents, without the code"),
    # Written by a second helper after the analyser was changed with the first set's misses
    # in view: held out, its misses are not printed, so that it keeps measuring.
    ("relevance_unseen_2.json", "40 more queries from other random documents, held out"),
)


def misses(store: Store, corpus: Path, queries: list[dict]) -> list[str]:
    """The queries whose wanted set is not in the top 3, with where it came."""
    out = []
    for case in queries:
        ranked = list(
            dict.fromkeys(
                store.db.value("SELECT source FROM sets WHERE id = ?", (r.hit.set_id,))
                for r in (s.best for s in search_sets(store, case["query"], limit=100).sets)
            )
        )
        wanted = {str(corpus / s) for s in case["sources"]}
        ranks = [i for i, s in enumerate(ranked, start=1) if s in wanted]
        if not ranks or ranks[0] > 3:
            out.append(f"{case['query']!r} ({case.get('kind', '')}): {ranks[0] if ranks else 'not found'}")
    return out


def main() -> None:
    corpus = corpus_dir()
    sets_of_queries = [
        (name, about, json.loads((ROOT / "tests" / name).read_text(encoding="utf-8"))["queries"])
        for name, about in QUERY_SETS
    ]
    rows = []
    missed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, pg.database("kvbench_relevance") as url:
        for location in (str(Path(tmp) / "k.db"), url):
            store = open_store(location)
            ingest(store, [corpus], workers=1)
            sets = store.sets.count()
            for name, _, queries in sets_of_queries:
                top3, mrr = evaluate(store, corpus, queries)
                rows.append(
                    (name, store.backend, "stems + compound parts (shipped)", sets, top3, mrr, len(queries))
                )
                if store.backend != "sqlite":
                    continue
                if name == "relevance_unseen.json":
                    missed = misses(store, corpus, queries)
                sqlite_backend._fts = fts_without_parts
                try:
                    top3, mrr = evaluate(store, corpus, queries)
                finally:
                    sqlite_backend._fts = SHIPPED_FTS
                rows.append(
                    (name, store.backend, "stems only (no compound parts)", sets, top3, mrr, len(queries))
                )
                top3, mrr = evaluate_plain(store, corpus, queries)
                rows.append(
                    (name, store.backend, "plain FTS5 unicode61, newest first", sets, top3, mrr, len(queries))
                )
                store.db.execute("DROP TABLE plain_fts")
            store.close()
    print(f"Queries over the corpus at {corpus}: first relevant set in the top 3, and MRR\n")
    for name, about, _ in sets_of_queries:
        print(f"tests/{name}: {about}\n")
        print("| backend | configuration | sets | top-3 | MRR |")
        print("|---|---|---:|---:|---:|")
        for query_set, backend, configuration, sets, top3, mrr, n in rows:
            if query_set == name:
                print(f"| {backend} | {configuration} | {sets} | {top3}/{n} | {mrr:.3f} |")
        print()
    print("Unseen queries missed by the shipped analyser on SQLite (rank of the wanted set):")
    for line in missed:
        print(f"  {line}")


if __name__ == "__main__":
    main()
