"""Sync against the local fake of the SyncFeed and KOOP (tests/fake_services.py): a first
sync of a generated history, a second that reads only changes, every injected fault
survived, and kills at random moments ending in the same store as an uninterrupted run."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kamervragen import life
from kamervragen.query import parse_query
from kamervragen.sources.http import Client
from kamervragen.store import Filters, Store, open_store
from kamervragen.sync import sync_koop, sync_tk

from .fake_services import FakeServices, Faults, History
from .test_ingest import kill_at_random


def client(timeout: float = 5.0) -> Client:
    return Client(timeout=timeout, retries=8, backoff=0.01, max_wait=0.05, sleep=time.sleep)


def holdings(store: Store) -> dict[str, dict]:
    """What the store knows, in the shape of History.expected()."""
    out: dict[str, dict] = {}
    for case in store.mirror.cases():
        zaak_id = str(case["zaak_id"])
        linked = store.mirror.linked(zaak_id)
        zaak = store.mirror.entity(zaak_id)
        assert zaak is not None
        out[str(case["nummer"])] = {
            "id": zaak_id,
            "onderwerp": zaak[1].get("onderwerp"),
            "documents": {
                (f.get("soort"), f.get("documentNummer")) for _, c, f in linked if c.lower() == "document"
            },
            "actors": sorted(
                (f.get("relatie"), f.get("actorNaam")) for _, c, f in linked if c.lower() == "zaakactor"
            ),
        }
    return out


def dump(store: Store) -> list[tuple]:
    return store.mirror.dump()


def test_first_sync_then_only_changes(tmp_path: Path) -> None:
    history = History(2000, seed=3)
    store = open_store(tmp_path / "k.db")
    with FakeServices(history) as fake:
        first = sync_tk(store, client().get, fake.url)
        assert not first.failed
        assert holdings(store) == history.expected()
        assert sum(first.cases.values()) == 2000
        assert set(first.cases) <= set(life.OUTCOMES)
        assert first.unknown_soorten == set()  # the fake's kinds are the Kamer's real ones
        requests_first = fake.requests["feed"]

        history.advance(new_cases=40, updates=60, deletions=15)
        fake.requests.clear()
        second = sync_tk(store, client().get, fake.url)
        assert not second.failed
        assert holdings(store) == history.expected()
        assert second.deleted == 15
        assert second.new + second.updated > 0 and second.unchanged < 50
        assert fake.requests["feed"] < requests_first / 5, "the second sync reads only what changed"

        fake.requests.clear()
        third = sync_tk(store, client().get, fake.url)
        assert (third.new, third.updated, third.deleted) == (0, 0, 0)
    assert store.check() == []


def test_koop_documents_are_parsed_and_linked_to_their_case(location: str, corpus: Path) -> None:
    """On every backend, and through the command line on the same store."""
    from typer.testing import CliRunner

    from kamervragen.cli import app

    history = History(150, seed=5)
    store = open_store(location)
    with FakeServices(history, recorded=corpus / "koop") as fake:
        tk = sync_tk(store, client().get, fake.url)
        koop = sync_koop(store, client().get, fake.url)
        assert not tk.failed and not koop.failed
        answers = history.live_answers()
        assert koop.new == len(answers) + 1  # and the recorded real answer
        numbers = {str(c["nummer"]) for c in store.mirror.cases()}
        stored = {s.record.case_number for s in store.sets.records(Filters())}
        assert {a.case.nummer for a in answers} <= stored & numbers
        # The cases' statuses feed the search filters of the sets parsed from KOOP.
        late_cases = {
            str(c["nummer"])
            for c in store.mirror.cases()
            if life.status(c["status"], c["due_on"]) in ("overdue", "answered_late")
        }
        hits = store.search.search(
            parse_query("vragen OR antwoord OR minister"), Filters(status="late"), 1000
        )
        assert hits and {h.case_number for h in hits} <= late_cases
        again = sync_koop(store, client().get, fake.url)
        assert again.new == 0 and again.updated == 0
        with_cli = CliRunner().invoke(
            app, ["sync", "--tk-url", fake.url, "--koop-url", fake.url, "--db", location, "--retries", "8"]
        )
        assert with_cli.exit_code == 0, with_cli.output
        assert "tk: 0 new, 0 updated" in with_cli.stdout and "koop: 0 new, 0 updated" in with_cli.stdout
    assert store.check() == []
    store.close()


def test_every_fault_is_survived(tmp_path: Path) -> None:
    reference = History(300, seed=9)
    clean = open_store(tmp_path / "clean.db")
    with FakeServices(reference) as fake:
        sync_tk(clean, client().get, fake.url)
    for fault in ("timeout", "error500", "unavailable", "truncate", "duplicate", "delete_after_fetch"):
        history = History(300, seed=9)
        store = open_store(tmp_path / f"{fault}.db")
        faults = Faults(**{fault: 0.3}, seed=1, sleep_seconds=1.0, limit=20)  # type: ignore[arg-type]
        with FakeServices(history, page_size=50, faults=faults) as fake:
            summary = sync_tk(store, client(timeout=0.5).get, fake.url)
            assert not summary.failed, (fault, summary.failed)
            assert fake.fired[fault] > 0, f"{fault} never fired"
            if fault == "delete_after_fetch":
                sync_tk(store, client().get, fake.url)  # the deletions arrive later
                assert holdings(store) == history.expected()
            else:
                assert dump(store) == dump(clean), fault
        assert store.check() == []


def test_killed_sync_resumes_to_the_same_store(tmp_path: Path) -> None:
    history = History(2000, seed=11)
    reference = open_store(tmp_path / "reference.db")
    with FakeServices(history, page_size=100) as fake:
        sync_tk(reference, client().get, fake.url)
        command = [
            sys.executable,
            "-m",
            "kamervragen.cli",
            "sync",
            "--source",
            "tk",
            "--tk-url",
            fake.url,
            "--db",
            str(tmp_path / "killed.db"),
        ]
        kills = kill_at_random(command, tmp_path / "killed.db", runs=4, seed=4, after=(0.6, 2.5))
        assert kills >= 2, "the sync finished before the kills; the test proved too little"
    assert dump(open_store(tmp_path / "killed.db")) == dump(reference)


def test_cli_records_and_replays_offline(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kamervragen.cli import app

    runner = CliRunner()
    history = History(60, seed=13)
    with FakeServices(history) as fake:
        live = runner.invoke(
            app,
            [
                "sync",
                "--tk-url",
                fake.url,
                "--koop-url",
                fake.url,
                "--db",
                str(tmp_path / "live.db"),
                "--record",
                str(tmp_path / "responses"),
            ],
        )
    assert live.exit_code == 0, live.output
    assert "tk:" in live.stdout and "koop:" in live.stdout
    replay = runner.invoke(
        app,
        [
            "sync",
            "--tk-url",
            fake.url,
            "--koop-url",
            fake.url,
            "--db",
            str(tmp_path / "offline.db"),
            "--offline",
            str(tmp_path / "responses"),
        ],
    )
    assert replay.exit_code == 0, replay.output
    assert dump(open_store(tmp_path / "offline.db")) == dump(open_store(tmp_path / "live.db"))
    broken = runner.invoke(
        app,
        [
            "sync",
            "--source",
            "tk",
            "--tk-url",
            "http://127.0.0.1:9",
            "--db",
            str(tmp_path / "x.db"),
            "--timeout",
            "0.2",
            "--retries",
            "1",
        ],
    )
    assert broken.exit_code == 2 and "Traceback" not in broken.output
    assert "http://127.0.0.1:9/SyncFeed/2.0/Feed" in broken.stderr
