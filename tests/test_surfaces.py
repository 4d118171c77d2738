"""One set, one status, everywhere: every set of the corpus store (plus a delay notice and
a case from the sync) walked through search, export, the command line, the API and the
pages, on each backend. The status of record is the store's life of the set."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kamervragen import life
from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.cli import app as cli
from kamervragen.ingest import ingest
from kamervragen.record import Answer, Member, Office, Question, Record
from kamervragen.store import Filters, Store, open_store
from kamervragen.web.app import create_app

TODAY = "2026-12-01"
EVERYTHING = "de OR het OR een OR van OR minister OR vraag"


def extra_sets() -> list[Record]:
    """A Zaak with questions, a delay notice and an answer on day 30 (in time after the
    notice), and one whose answer on day 30 the sync will put in time."""
    asked = Record(
        id="kv-tk-2026Z00001",
        kind="questions",
        case_number="2026Z00001",
        title="de wachttijd voor een huurtoeslag",
        submitted_on="2026-01-05",
        submitters=[Member(name="Testlid", party="SP")],
        addressees=[Office(role="Minister", portfolio="Financiën")],
        questions=[Question(number=1, text="Hoe lang wacht een huurder op de minister?")],
    )
    notice = asked.model_copy(
        update={"id": "kv-tk-uitstel-1", "kind": "delay_notice", "received_on": "2026-01-20"}
    )
    answer = asked.model_copy(
        update={
            "id": "ah-tk-20252026-77",
            "kind": "answer",
            "received_on": "2026-02-04",
            "answers": [Answer(questions=[1], text="Het antwoord van de minister.")],
        }
    )
    synced = asked.model_copy(
        update={
            "id": "ah-tk-20252026-78",
            "case_number": "2026Z00002",
            "kind": "answer",
            "received_on": "2026-02-04",
            "answers": [Answer(questions=[1], text="Een ander antwoord van de minister.")],
        }
    )
    return [asked, notice, answer, synced]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, TestClient]]:
    from .conftest import drop_postgres_database, postgres_database

    mp = pytest.MonkeyPatch()
    mp.setenv("KAMERVRAGEN_TODAY", TODAY)
    name = f"kv_surfaces_{request.param}"
    if request.param == "sqlite":
        location = str(tmp_path_factory.mktemp("surfaces") / "k.db")
    else:
        location = postgres_database(name)
    store = open_store(location)
    ingest(store, [corpus], workers=1)
    with store.transaction():
        for r in extra_sets():
            store.sets.put(r, "extra.xml")
        documents = [
            Document("d1", QUESTIONS, "2026-01-05"),
            Document("d2", "Mededeling (uitstel antwoord)", "2026-01-20"),
        ]
        store.mirror.put_case(assess(Case("2026Z00002", "z2", "synced", "2026-01-05", documents=documents)))
    client = TestClient(create_app(location))
    yield store, client
    client.app.state.pool.close()  # type: ignore[attr-defined]
    store.close()
    if request.param == "postgresql":
        drop_postgres_database(name)
    mp.undo()


def truth(store: Store) -> dict[int, str]:
    return {s.set_id: s.status for s in store.sets.records(Filters())}


def test_the_extra_sets_have_the_lives_the_rules_give(world: tuple[Store, TestClient]) -> None:
    store, _ = world
    lives = {s.record.id: store.sets.life(s.set_id) for s in store.sets.records(Filters())}
    for doc_id in ("kv-tk-2026Z00001", "kv-tk-uitstel-1", "ah-tk-20252026-77"):
        lived = lives[doc_id]
        assert lived and (lived.status(), lived.due_on, lived.days_taken) == ("answered", "2026-02-16", 30)
    synced = lives["ah-tk-20252026-78"]
    assert synced and (synced.status(), synced.known_from) == ("answered", "sync")


def test_every_set_has_one_status_on_every_surface(world: tuple[Store, TestClient]) -> None:
    store, client = world
    statuses = truth(store)
    by_status: dict[str, set[int]] = {s: {i for i, x in statuses.items() if x == s} for s in life.STATUSES}
    assert sum(map(len, by_status.values())) == len(statuses) > 100
    assert all(by_status[s] for s in ("overdue", "answered", "answered_late")), "the corpus shows these"
    for name in life.STATUS_FILTERS:
        wanted = {i for i, x in statuses.items() if x in life.statuses(name)}
        # export through the store and through the command line
        assert {s.set_id for s in store.sets.records(Filters(status=name))} == wanted
        out = CliRunner().invoke(cli, ["export", "--format", "csv", "--status", name, "--db", store.location])
        assert out.exit_code == 0, out.output
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        assert len(rows) == len(wanted) and {r["status"] for r in rows} <= set(life.statuses(name))
        # search: the store, the command line and the API agree with the status of record
        hits = store.search.search(life_query(), Filters(status=name), 1000)
        assert {h.set_id for h in hits} <= wanted and all(statuses[h.set_id] == h.status for h in hits)
        api = client.get("/api/search", params={"q": EVERYTHING, "status": name, "limit": 100}).json()
        assert all(statuses[h["set"]] == h["status"] for h in api["hits"])
        assert {h["set"] for h in api["hits"]} <= wanted
        found = CliRunner().invoke(
            cli, ["search", EVERYTHING, "--status", name, "--json", "--db", store.location]
        )
        assert found.exit_code == 0
        assert all(statuses[h["set"]] in life.statuses(name) for h in map(_json, found.stdout.splitlines()))
    for set_id, status in statuses.items():
        assert client.get(f"/api/sets/{set_id}").json()["status"] == status
        page = client.get(f"/set/{set_id}").text
        assert f"Status: <strong>{life.LABELS[status]}</strong>" in page, set_id


def test_listings_count_what_the_filters_select(world: tuple[Store, TestClient]) -> None:
    store, client = world
    counts = Counter(truth(store).values())
    tally = store.stats.tally(Filters())
    assert tally["total"] <= sum(counts.values()) and all(tally[s] <= counts[s] for s in life.STATUSES)
    page = client.get("/partij/SP").text
    sp = store.stats.tally(Filters(party="SP"))
    assert f"{sp['total']} sets vragen" in page
    for stored in store.sets.recent(Filters(party="SP"), 200):
        assert stored.status == truth(store)[stored.set_id]


def test_the_open_and_late_page_lists_what_the_documents_show(world: tuple[Store, TestClient]) -> None:
    store, client = world
    overdue = client.get("/api/open").json()
    overdue_sets = {i for i, s in truth(store).items() if s == "overdue"}
    assert {c["set"] for c in overdue["cases"]} <= overdue_sets
    assert len(overdue["cases"]) >= 10 and overdue["today"] == TODAY
    page = client.get("/open-en-te-laat").text
    assert "Niets open." not in page and "Bron:" in page


def life_query() -> object:
    from kamervragen.query import parse_query

    return parse_query(EVERYTHING)


def _json(line: str) -> dict:  # type: ignore[type-arg]
    import json

    return dict(json.loads(line))


def test_the_command_line_takes_a_postgresql_url(world: tuple[Store, TestClient], corpus: Path) -> None:
    store, _ = world
    result = CliRunner().invoke(cli, ["similar", "kv-tk-2026Z00001", "--db", store.location, "--json"])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(cli, ["ingest", str(corpus / "seed"), "--db", store.location])
    assert again.exit_code == 0 and re.search(r"0 sets new, 0 updated, \d+ unchanged", again.stdout), (
        again.stdout
    )
