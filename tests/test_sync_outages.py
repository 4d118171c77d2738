"""The sync against the services as they really fail (issue 11): a category down for many
syncs, documents that fail, records with only a PDF or HTML, Mededelingen read by their
words, malformed answers; and the real fragments in ../shared/real-responses."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest

from kamervragen import life
from kamervragen.sources import sru, syncfeed
from kamervragen.sources.http import Client, FetchError, server_words
from kamervragen.store import Filters, open_store
from kamervragen.sync import status_lines, sync_koop, sync_tk

from .fake_services import FakeServices, Faults, History
from .test_sync import client, dump, holdings


class Interrupted(Exception):
    """Stands for a sync stopped half-way (Ctrl-C, a kill between pages)."""


def test_a_category_down_costs_only_itself_and_comes_back_first(tmp_path: Path) -> None:
    history = History(300, seed=21)
    store = open_store(tmp_path / "k.db")
    with FakeServices(history, page_size=40) as fake:
        fake.down = {"ZaakActor"}
        first = sync_tk(store, client().get, fake.url)
        # One sentence for the category, with the URL and the server's own words.
        assert len(first.failed) == 1
        assert "SyncFeed ZaakActor" in first.failed[0] and f"{fake.url}/SyncFeed/2.0/Feed" in first.failed[0]
        assert '"An error has occurred."' in first.failed[0] and "500" in first.failed[0]
        # Every other category was read: the documents are there, the actors are not.
        held = holdings(store)
        assert {n: z["documents"] for n, z in held.items()} == {
            n: z["documents"] for n, z in history.expected().items()
        }
        assert all(z["actors"] == [] for z in held.values())
        assert any("ZaakActor" in line and "FAILING" in line for line in status_lines(store))
        fake.down = set()
        asked: list[str] = []

        def get(url: str, params: dict[str, str] | None) -> bytes:
            asked.append((params or {}).get("category", ""))
            return client().get(url, params)

        second = sync_tk(store, get, fake.url)
        assert not second.failed and asked[0] == "ZaakActor", "the failed category goes first"
        assert holdings(store) == history.expected()
        assert not any("FAILING" in line for line in status_lines(store))


@pytest.mark.parametrize("phase", ["before", "mid-category", "interrupted", "many syncs"])
def test_an_outage_in_any_phase_ends_in_the_store_of_a_sync_without_one(tmp_path: Path, phase: str) -> None:
    """The outage starts before the sync, half-way through the category, or while the
    sync is stopped half-way; or it lasts several syncs while the Kamer goes on publishing.
    Once the service is back, one sync ends where a sync that never saw it does."""
    history = History(400, seed=22)
    store = open_store(tmp_path / "outage.db")
    with FakeServices(history, page_size=25) as fake:
        pages = {"n": 0}

        def progress(message: str) -> None:
            if message.startswith("ZaakActor"):
                pages["n"] += 1
                if phase in ("mid-category", "interrupted") and pages["n"] == 3:
                    fake.down = {"ZaakActor"}
                    if phase == "interrupted":
                        raise Interrupted

        if phase in ("before", "many syncs"):
            fake.down = {"ZaakActor"}
        try:
            sync_tk(store, client().get, fake.url, progress=progress)
        except Interrupted:
            sync_tk(store, client().get, fake.url)  # restarted while still down
        if phase == "many syncs":
            for _ in range(3):
                history.advance(new_cases=10, updates=10, deletions=3)
                assert sync_tk(store, client().get, fake.url).failed
        fake.down = set()
        assert not sync_tk(store, client().get, fake.url).failed
        reference = open_store(tmp_path / "reference.db")
        sync_tk(reference, client().get, fake.url)
    assert holdings(store) == history.expected()
    assert dump(store) == dump(reference)
    assert store.check() == []


def test_a_failed_document_is_retried_until_stored_and_never_skipped(tmp_path: Path) -> None:
    history = History(120, seed=23)
    store = open_store(tmp_path / "k.db")
    failing = Faults(error500=1.0, kinds=frozenset({"document"}))
    with FakeServices(history, faults=failing) as fake:
        quick = Client(timeout=5, retries=1, backoff=0.01, max_wait=0.02)
        first = sync_koop(store, quick.get, fake.url)
        answers = history.live_answers()
        assert first.new == 0 and len(first.failed) == len(answers)
        assert all(a.identifier in " ".join(first.failed) for a in answers)
        lines = status_lines(store)
        assert sum("document to retry" in line for line in lines) == len(answers)
        assert any("complete up to" in line for line in lines), "the position moved on: all are on the list"
        again = sync_koop(store, quick.get, fake.url)  # still failing: still reported
        assert len(again.failed) == len(answers) and "(again)" in again.failed[0]
        fake.faults = Faults()
        fake.requests.clear()
        third = sync_koop(store, quick.get, fake.url)
        assert not third.failed and third.retried == third.new == len(answers)
        assert fake.requests["sru"] == 2, "nothing was left to find but the retries"
    assert not any("to retry" in line for line in status_lines(store))
    stored = {s.record.id for s in store.sets.records(Filters())}
    assert stored == {a.identifier for a in answers}


@pytest.mark.parametrize(
    "manifestations, read",
    [(("xml",), "xml"), (("html",), "html"), (("pdf",), "pdf"), (("pdf", "html"), "html"), ((), None)],
)
def test_each_record_is_read_from_its_best_manifestation(
    tmp_path: Path, corpus: Path, manifestations: tuple[str, ...], read: str | None
) -> None:
    history = History(5, seed=24)
    store = open_store(tmp_path / "k.db")
    with FakeServices(history, recorded=corpus / "koop", manifestations=manifestations) as fake:
        summary = sync_koop(store, client().get, fake.url)
    recorded = [s for s in store.sets.records(Filters()) if s.record.id == "ah-tk-20202021-3235"]
    if read is None:
        assert not recorded
        assert any("ah-tk-20202021-3235" in f and "lists no XML, HTML or PDF" in f for f in summary.failed)
    else:
        generated = len(history.live_answers())  # the fake's own answers are XML
        assert summary.manifestations[read] == 1 + (generated if read == "xml" else 0) and not summary.failed
        (stored,) = recorded
        # The document has nine <vraag> elements; every manifestation gives them all.
        assert len(stored.record.questions) == 9 and stored.record.case_number == "2021Z09739"
        source = store.sets.db.value("SELECT source FROM sets WHERE doc_id = ?", ("ah-tk-20202021-3235",))
        assert str(source).endswith(f".{read}")


def test_mededelingen_are_read_and_decide_their_case(tmp_path: Path) -> None:
    history = History(300, seed=25, mededeling_share=0.15)
    store = open_store(tmp_path / "k.db")
    with FakeServices(history, faults=Faults(error500=1.0, kinds=frozenset({"resource"}))) as fake:
        quick = Client(timeout=5, retries=0, backoff=0.01)
        down = sync_tk(store, quick.get, fake.url)
        said = {c.nummer: c.said for c in history.cases if c.said}
        assert len(said) >= 20 and set(said.values()) == {"withdrawn", "answered_by_letter", "other"}
        # Not readable yet: reported, waiting, and saying nothing about their cases.
        assert sum("Mededeling" in f for f in down.failed) == len(said)
        assert sum("Mededeling to read" in line for line in status_lines(store)) == len(said)
        fake.faults = Faults()
        summary = sync_tk(store, client().get, fake.url)
    assert not summary.failed and sum(summary.notices.values()) == len(said)
    cases = {str(c["nummer"]): c for c in store.mirror.cases()}
    for nummer, what in said.items():
        outcome = cases[nummer]["status"]
        if what == "withdrawn":
            assert outcome == "withdrawn", nummer
        elif what == "answered_by_letter":
            assert outcome in ("answered", "answered_late"), nummer
        else:
            assert outcome == "pending", nummer
        assert life.NOTICE_SOORT in json.dumps(cases[nummer]["documents"])
    assert not any("to read" in line for line in status_lines(store))


MALFORMED = {
    "rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    "foreign namespace": (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/xml">'
        b'<zaak xmlns="http://example.org/other" id="1"/></content></entry></feed>'
    ),
    "html page": b"<!DOCTYPE html><html><head><title>Onderhoud</title></head><body>Even geduld</body></html>",
    "json": b'{"value": []}',
    "error body": b"<Error><Message>An error has occurred.</Message></Error>",
    "empty": b"",
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_answer_is_one_sentence_naming_the_url(tmp_path: Path, kind: str) -> None:
    store = open_store(tmp_path / "k.db")

    def get(url: str, params: dict[str, str] | None) -> bytes:
        return MALFORMED[kind]

    tk = sync_tk(store, get, "https://tk.example")
    koop = sync_koop(store, get, "https://koop.example")
    assert len(tk.failed) == len(syncfeed.CATEGORIES), "no category reads as empty"
    assert len(koop.failed) == len(sru.PUBLICATIONS)
    for message in tk.failed + koop.failed:
        assert "\n" not in message and "Traceback" not in message
        assert "https://tk.example/SyncFeed/2.0/Feed?" in message or "https://koop.example/sru?" in message
    if kind in ("html page", "error body"):
        words = "Onderhoud" if kind == "html page" else "An error has occurred."
        assert all(words in m for m in tk.failed + koop.failed)


def test_the_cli_reports_an_outage_and_says_where_each_source_stands(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kamervragen.cli import app

    runner = CliRunner()
    db = str(tmp_path / "k.db")
    with FakeServices(History(60, seed=26)) as fake:
        fake.down = {"Document"}
        run = runner.invoke(app, ["sync", "--tk-url", fake.url, "--koop-url", fake.url, "--db", db])
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert "SyncFeed Document" in run.stderr and "An error has occurred." in run.stderr
    assert "koop: " in run.stdout, "the other source went on"
    status = runner.invoke(app, ["sync", "--status", "--db", db])
    assert status.exit_code == 0
    assert "Document: " in status.stdout and "FAILING" in status.stdout
    assert "Zaak: skiptoken 16" in status.stdout and "complete up to" in status.stdout


def test_fetching_documents_side_by_side_stores_the_same(tmp_path: Path) -> None:
    history = History(200, seed=27)
    stores = []
    with FakeServices(history, delay=0.005) as fake:
        for concurrency in (1, 4):
            store = open_store(tmp_path / f"c{concurrency}.db")
            summary = sync_koop(store, client().get, fake.url, concurrency=concurrency)
            assert not summary.failed and summary.new == len(history.live_answers())
            records = sorted(s.record.model_dump_json() for s in store.sets.records(Filters()))
            stores.append((records, store.sets.db.all("SELECT doc_id, source FROM sets ORDER BY 1")))
    assert stores[0] == stores[1]


def test_a_retry_after_holds_every_thread_of_the_client() -> None:
    seen: list[tuple[str, float]] = []
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            seen.append((request.url.path, time.monotonic()))
            first = len(seen) == 1
        if first:
            return httpx.Response(503, headers={"Retry-After": "1"}, text="busy")
        return httpx.Response(200, text="ok")

    waits: list[float] = []
    c = Client(transport=httpx.MockTransport(handler), sleep=lambda s: (waits.append(s), time.sleep(s)))
    c.get("https://example.test/a")  # asked to wait 1 s, and waits itself
    other = threading.Thread(target=c.get, args=("https://example.test/b",))
    started = time.monotonic()
    c._quiet("example.test", 0.3)  # as if another thread had just been told to wait
    other.start()
    other.join()
    assert waits[0] == 1.0
    assert seen[-1][0] == "/b" and seen[-1][1] - started >= 0.25, "the other thread waited too"


# --- the real fragments ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(corpus: Path) -> Path:
    folder = corpus.parent / "real-responses"
    if not folder.is_dir():
        pytest.skip(f"real responses not found at {folder}")
    return folder


def test_the_real_syncfeed_page_reads(real: Path) -> None:
    page = syncfeed.parse_page((real / "syncfeed" / "erikbstorm-test_syncfeed-SAMPLE_FEED.xml").read_bytes())
    (person,) = page.entities
    assert person.category == "persoon" and person.fields["achternaam"] == "Savornin Lohman"
    assert "roepnaam" not in person.fields, "xsi:nil is no value"
    assert person.updated == "2023-08-29T11:09:44Z" and not person.deleted
    assert page.next_token == "99", "the skiptoken before the category"


def test_the_real_error_bodies_give_the_servers_words(real: Path) -> None:
    body = (real / "syncfeed" / "issue84-ZaakActor-error-body.xml").read_bytes()
    assert server_words(body) == ': "An error has occurred."'
    with pytest.raises(syncfeed.FeedError, match="An error has occurred"):
        syncfeed.parse_page(body)
    odata = (real / "odata" / "odata-error.json").read_bytes()
    assert "The query specified in the URI is not valid" in server_words(odata)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, content=body)

    c = Client(transport=httpx.MockTransport(handler), retries=1, sleep=lambda s: None)
    with pytest.raises(FetchError, match=r'Feed\?category=ZaakActor: the server answered 500: "An error'):
        c.get("https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed", {"category": "ZaakActor"})


def test_real_sru_records_with_only_a_pdf_are_read_from_it(real: Path, corpus: Path) -> None:
    bijlage = sru.parse_response((real / "sru" / "plooi-sru_record_bijlage.xml").read_bytes())
    (record,) = bijlage.records
    assert record.document() == (
        "pdf",
        "https://repository.overheid.nl/frbr/officielepublicaties/blg/onopgemaakt/blg-936562/1/pdf/blg-936562.pdf",
    )
    # An "onopgemaakt" Kamervragen record that lists XML and HTML is read from its XML.
    for name in ("corpus/koop/plooi-test-sru_record_kv_onopgemaakt.xml", "sru/plooi-sru_record_kst.xml"):
        path = corpus / name.removeprefix("corpus/") if name.startswith("corpus/") else real / name
        records = sru.parse_response(path.read_bytes()).records
        assert records and all((r.document() or ("",))[0] == "xml" for r in records)


def test_the_fake_holds_the_real_proportions_of_document_kinds(real: Path) -> None:
    counts = json.loads((real / "document-soorten-counts.json").read_text())
    history = History(4000, seed=28)
    made = {
        soort: sum(1 for e in history.events if e.category == "Document" and e.get("soort") == soort)
        for soort in (
            "Schriftelijke vragen",
            "Antwoord schriftelijke vragen",
            "Mededeling (uitstel antwoord)",
        )
    }
    for soort, n in made.items():
        real_share = counts[soort] / counts["Schriftelijke vragen"]
        assert abs(n / made["Schriftelijke vragen"] - real_share) < 0.03, soort
    kinds = {e.get("soort") for e in history.events if e.category == "Document"}
    assert kinds <= set(counts), "every kind the fake makes is a real Document.Soort"
