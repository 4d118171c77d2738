"""Search on the real corpus: ranking against hand-made judgements, filters, snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamervragen.ingest import ingest
from kamervragen.query import QueryError
from kamervragen.search import search, similar
from kamervragen.store import Filters, Store, open_store

RELEVANCE = json.loads((Path(__file__).with_name("relevance.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = open_store(tmp_path_factory.mktemp("db") / "corpus.db")
    summary = ingest(db, [corpus], workers=1)
    assert summary.new > 100 and not summary.failed
    return db


def _top_sources(store: Store, query: str, n: int = 3) -> list[str]:
    sources: list[str] = []
    for result in search(store, query, limit=50):
        source = store.db.value("SELECT source FROM sets WHERE id = ?", (result.hit.set_id,))
        if source not in sources:
            sources.append(source)
        if len(sources) == n:
            break
    return sources


def test_relevance_set_is_large_enough() -> None:
    assert len(RELEVANCE["queries"]) >= 15


@pytest.mark.parametrize("case", RELEVANCE["queries"], ids=[q["query"] for q in RELEVANCE["queries"]])
def test_ranking(store: Store, corpus: Path, case: dict) -> None:
    top = _top_sources(store, case["query"])
    wanted = {str(corpus / s) for s in case["sources"]}
    assert wanted & set(top), f"{case['query']!r}: {case['why']}; top 3 were {top}"


def test_filters_apply_before_the_limit(store: Store) -> None:
    everything = search(store, "minister", limit=5)
    assert everything
    sp = search(store, "minister", Filters(party="SP"), limit=5)
    assert sp and all(any("(SP)" in s for s in r.hit.submitters) for r in sp)
    old = search(store, "minister", Filters(date_to="1995-12-31"), limit=5)
    assert old and all(r.hit.submitted_on and r.hit.submitted_on <= "1995-12-31" for r in old)
    answers = search(store, "minister", Filters(status="answered"), limit=50)
    assert answers and all(r.hit.status == "answered" for r in answers)
    late = search(store, "minister", Filters(status="late"), limit=50)
    assert late and all(r.hit.status in ("overdue", "answered_late") for r in late)
    assert {r.hit.status for r in late} == {"overdue", "answered_late"}


def test_snippet_marks_the_matched_words(store: Store) -> None:
    [first] = search(store, "huisuitzettingen", limit=1)
    assert "**huisuitzettingen**" in first.snippet


def test_hostile_queries_are_refused_or_harmless(store: Store) -> None:
    for query in ["title:x", "NEAR(a b)", 'a"', "'; DROP TABLE sets; --", "x^2", "* OR *", "<script>"]:
        try:
            search(store, query, limit=5)
        except QueryError:
            pass
    assert store.sets.count() > 100 and store.check() == []


def test_similar_finds_the_same_subject(store: Store) -> None:
    text = "Bent u bekend met berichten over de ontruiming van huurders en huisuitzettingen door verhuurders?"
    [first, *_] = similar(store, text, limit=3)
    assert first.record.title == "huisuitzettingen in de tweede coronagolf"
    assert first.answers, "the answers of the set found are shown"


def test_a_set_asked_by_the_member_a_query_names_comes_first(tmp_path: Path) -> None:
    from kamervragen.search import search_sets

    from .test_ingest import DOCUMENT

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "asked.txt").write_text(DOCUMENT.format(n=2, day=3), encoding="utf-8")
    # Another member's set that mentions Lid2 three times in its question.
    mention = DOCUMENT.format(n=7, day=4).replace(
        "Kent u het bericht over onderwerp 7", "Kent u het bericht van Lid2 over Lid2 en Lid2, onderwerp 7"
    )
    (docs / "mentions.txt").write_text(mention, encoding="utf-8")
    db = open_store(tmp_path / "k.db")
    ingest(db, [docs], workers=1)
    found = search_sets(db, "Lid2").sets
    assert [s.best.hit.case_number for s in found] == ["2025Z00002", "2025Z00007"]
