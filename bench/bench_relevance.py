"""Ranking quality on the hand-judged queries of ``tests/relevance.json``, with and without
compound awareness (the index column of compound parts), and with and without stemming:
hits in the top 3 and mean reciprocal rank of the first relevant set.

    .venv/bin/python bench/bench_relevance.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import corpus_dir  # noqa: E402

import kamervragen.store as store_module  # noqa: E402
from kamervragen.ingest import ingest  # noqa: E402
from kamervragen.search import search  # noqa: E402
from kamervragen.store import SQLiteStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


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


def evaluate(store: SQLiteStore, corpus: Path, queries: list[dict]) -> tuple[int, float]:
    rankings = []
    for case in queries:
        ranked = [
            store.db.execute("SELECT source FROM sets WHERE id = ?", (r.hit.set_id,)).fetchone()[0]
            for r in search(store, case["query"], limit=100)
        ]
        rankings.append((ranked, {str(corpus / s) for s in case["sources"]}))
    return score(rankings)


def evaluate_plain(store: SQLiteStore, corpus: Path, queries: list[dict]) -> tuple[int, float]:
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
        rows = store.db.execute(
            "SELECT s.source FROM plain_fts JOIN blocks b ON b.id = plain_fts.rowid JOIN sets s ON s.id = b.set_id"
            " WHERE plain_fts MATCH ? ORDER BY s.submitted_on DESC",
            (text,),
        ).fetchall()
        rankings.append(([r[0] for r in rows], {str(corpus / s) for s in case["sources"]}))
    return score(rankings)


def main() -> None:
    corpus = corpus_dir()
    queries = json.loads((ROOT / "tests" / "relevance.json").read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "k.db")
        ingest(store, [corpus], workers=1)
        full = store_module._fts
        print(f"{len(queries)} hand-judged queries over {store.count()} sets of the corpus")
        print(f"{'configuration':<40} {'top-3':>6} {'MRR':>6}")
        top3, mrr = evaluate(store, corpus, queries)
        print(f"{'stems + compound parts (shipped)':<40} {top3:>3}/{len(queries)} {mrr:6.3f}")
        store_module._fts = lambda node: (
            full(node)
            .replace("{title body parts notes}", "{title body notes}")
            .replace("{title body parts}", "{title body}")
        )
        top3, mrr = evaluate(store, corpus, queries)
        print(f"{'stems only (no compound parts)':<40} {top3:>3}/{len(queries)} {mrr:6.3f}")
        store_module._fts = full
        top3, mrr = evaluate_plain(store, corpus, queries)
        print(f"{'plain FTS5 unicode61, newest first':<40} {top3:>3}/{len(queries)} {mrr:6.3f}")
        store.close()


if __name__ == "__main__":
    main()
