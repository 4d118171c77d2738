"""The store's contract, run on every backend: identity, updates, filters, the life of a
set, transactions, statistics and migrations. Records are built in the test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kamervragen import life
from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.query import parse_query
from kamervragen.record import Answer, Answerer, Member, Office, Question, Record
from kamervragen.store import Filters, Store, open_store
from kamervragen.store import sqlite as sqlite_backend

DELAY = "Mededeling (uitstel antwoord)"
ANSWER = "Antwoord schriftelijke vragen"


def record(**changes: object) -> Record:
    base = Record(
        id="ah-tk-20252026-1",
        kind="answer",
        chamber="Tweede Kamer",
        session_year="2025-2026",
        case_number="2025Z10001",
        title="woningnood bij studenten",
        submitted_on="2025-10-01",
        received_on="2025-11-20",
        submitters=[Member(name="De Vries", party="SP"), Member(name="Jansen", party="VVD")],
        addressees=[Office(role="Minister", portfolio="Volkshuisvesting en Ruimtelijke Ordening")],
        answered_by=[
            Answerer(role="Minister", name="Bakker", portfolio="Volkshuisvesting en Ruimtelijke Ordening")
        ],
        questions=[
            Question(number=1, text="Hoeveel studenten zoeken een kamer?"),
            Question(number=2, text="Wat doet u aan studentenhuisvesting?"),
        ],
        answers=[Answer(questions=[1, 2], text="Er worden meer studentenwoningen gebouwd.")],
    )
    return base.model_copy(update=changes)


def questions(**changes: object) -> Record:
    """The questions of a set as published before any answer (kind questions)."""
    base = dict(id="kv-tk-2025Z10001", kind="questions", received_on=None, answered_by=[], answers=[])
    return record(**{**base, **changes})


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    opened = open_store(location)
    yield opened
    opened.close()


def ids(store: Store, text: str, **filters: object) -> set[str | None]:
    return {h.doc_id for h in store.search.search(parse_query(text), Filters(**filters), 50)}  # type: ignore[arg-type]


# -- identity ----------------------------------------------------------------------------


def test_same_id_updates_never_duplicates(store: Store) -> None:
    assert store.sets.put(record(), "a.xml") == "new"
    assert store.sets.put(record(), "a.xml") == "unchanged"
    changed = record(answers=[Answer(questions=[1, 2], text="Anders.")])
    assert store.sets.put(changed, "a.xml") == "updated"
    assert store.sets.count() == 1
    found = store.sets.find("ah-tk-20252026-1")
    assert found is not None and store.sets.record(found).answers[0].text == "Anders."  # type: ignore[union-attr]
    assert store.sets.find("2025Z10001") == found and store.sets.find(str(found)) == found
    assert store.check() == []


def test_without_id_the_content_is_the_identity(store: Store) -> None:
    assert store.sets.put(record(id=None), "a.txt") == "new"
    assert store.sets.put(record(id=None), "b.txt") == "unchanged"
    assert store.sets.put(record(id=None, title="iets anders", case_number="2025Z2"), "c.txt") == "new"
    assert store.sets.count() == 2


def test_the_richer_source_is_kept(store: Store) -> None:
    store.sets.put(record(), "a.xml")
    assert store.sets.put(record(title="uit de pdf"), "a.pdf") == "unchanged"
    assert store.sets.put(record(title=f"{record().title}, herzien"), "b.xml") == "updated"


def test_a_document_that_only_names_a_stored_sets_id_replaces_nothing(store: Store) -> None:
    store.sets.put(record(), "a.txt")
    junk = record(title="Kwartaalrapportage ICT-projecten", submitted_on="2019-05-01")
    assert store.sets.put(junk, "junk.docx") == "conflict"  # richer, but another document
    assert store.sets.count() == 2  # both kept
    found = store.sets.find("ah-tk-20252026-1")
    assert found is not None and store.sets.record(found).title == record().title  # type: ignore[union-attr]
    assert store.check() == []


# -- search and filters ------------------------------------------------------------------


def test_filters_on_people_offices_dates_and_kinds(store: Store) -> None:
    store.sets.put(record(), "a.xml")
    store.sets.put(
        record(
            id="ah-tk-20252026-2",
            case_number="2020Z1",
            submitters=[Member(name="Klaver", party="GroenLinks-PvdA")],
            submitted_on="2020-01-01",
            received_on="2020-01-10",
        ),
        "b.xml",
    )
    assert ids(store, "studenten", party="sp") == {"ah-tk-20252026-1"}
    assert ids(store, "studenten", member="klaver") == {"ah-tk-20252026-2"}
    assert ids(store, "studenten", date_from="2025-01-01") == {"ah-tk-20252026-1"}
    assert ids(store, "studenten", date_to="2020") == {"ah-tk-20252026-2"}  # a year covers all of it
    assert ids(store, "studenten", status="late") == {"ah-tk-20252026-1"}  # day 50 of 21
    assert ids(store, "studenten", status="answered") == {"ah-tk-20252026-2"}
    assert ids(store, "studenten", ministry="volkshuisvesting") == {"ah-tk-20252026-1", "ah-tk-20252026-2"}
    assert store.search.search(parse_query("studenten"), Filters(minister="Bakker", block="answer"), 10)
    assert ids(store, "studenten", kind="questions") == set()
    assert ids(store, "studenten", party="Partij die er niet is") == set()


def test_compound_parts_phrases_and_prefixes(store: Store) -> None:
    store.sets.put(record(), "a.xml")
    hits = store.search.search(parse_query("huisvesting"), Filters(), 10)
    assert [h.numbers for h in hits] == [[2]]  # "studentenhuisvesting"
    assert ids(store, '"zoeken een kamer"') == {"ah-tk-20252026-1"}
    assert ids(store, '"kamer zoeken"') == set()
    assert ids(store, "studentenw*") == {"ah-tk-20252026-1"}
    assert ids(store, "studenten -woningnood") == set()
    assert ids(store, "fietsen OR kamer") == {"ah-tk-20252026-1"}


def test_questions_rank_above_answers_and_the_title_counts(store: Store) -> None:
    store.sets.put(record(), "a.xml")
    store.sets.put(
        record(id="ah-tk-20252026-3", case_number="2025Z3", title="fietspaden", questions=[Question(number=1, text="Fietst u?")],
               answers=[Answer(questions=[1], text="Studenten fietsen veel.")]),
        "c.xml",
    )  # fmt: skip
    hits = store.search.search(parse_query("studenten"), Filters(), 10)
    assert hits[0].doc_id == "ah-tk-20252026-1" and hits[0].block == "question"
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert hits[0].submitters == ["De Vries (SP)", "Jansen (VVD)"]


def test_facets_are_counted_in_names_people_read(store: Store) -> None:
    store.sets.put(record(), "a.xml")
    store.sets.put(questions(id="kv-tk-2025Z2", case_number="2025Z2"), "q.xml")
    counts = store.search.facets(parse_query("studenten"), Filters(today=date(2026, 1, 1))).values
    assert dict(counts["party"]) == {"SP": 2, "VVD": 2}
    assert dict(counts["ministry"]) == {"Volkshuisvesting en Ruimtelijke Ordening": 2}
    assert dict(counts["year"]) == {"2025": 2}
    assert dict(counts["status"]) == {"answered_late": 1, "overdue": 1}


# -- the life of a set -------------------------------------------------------------------


def test_the_documents_of_one_zaak_share_one_life(store: Store) -> None:
    # Asked 2025-10-01 (due 10-22), delay notice 10-20 (due 11-12), answered 11-20: late.
    store.sets.put(questions(), "q.xml")
    store.sets.put(
        record(id="kv-tk-uitstel", kind="delay_notice", received_on="2025-10-20", answers=[], answered_by=[]),
        "d.xml",
    )
    store.sets.put(record(), "a.xml")
    lives = [store.sets.life(s.set_id) for s in store.sets.records(Filters())]
    assert {(x.outcome, x.due_on, x.days_taken, x.delay_notices) for x in lives if x} == {
        ("answered_late", "2025-11-12", 50, ("2025-10-20",))
    }
    assert {s.status for s in store.sets.records(Filters())} == {"answered_late"}
    assert len(list(store.sets.records(Filters(status="late")))) == 3
    assert store.stats.tally(Filters()) == {
        "total": 1, "open": 0, "overdue": 0, "answered": 0, "answered_late": 1, "withdrawn": 0,
    }  # fmt: skip


def test_open_turns_overdue_as_days_pass(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.sets.put(questions(), "q.xml")  # asked 2025-10-01, due 2025-10-22
    [stored] = store.sets.records(Filters())
    on_due_day, day_after = date(2025, 10, 22), date(2025, 10, 23)
    assert ids(store, "studenten", status="open", today=on_due_day) == {"kv-tk-2025Z10001"}
    assert ids(store, "studenten", status="overdue", today=on_due_day) == set()
    assert ids(store, "studenten", status="overdue", today=day_after) == {"kv-tk-2025Z10001"}
    assert ids(store, "studenten", status="late", today=day_after) == {"kv-tk-2025Z10001"}
    assert ids(store, "studenten", status="unanswered", today=day_after) == {"kv-tk-2025Z10001"}
    assert ids(store, "studenten", status="answered", today=day_after) == set()
    monkeypatch.setenv("KAMERVRAGEN_TODAY", "2025-10-22")
    assert store.sets.life(stored.set_id).status() == "open"  # type: ignore[union-attr]
    assert store.stats.tally(Filters())["open"] == 1 and store.stats.overdue()["cases"] == []
    monkeypatch.setenv("KAMERVRAGEN_TODAY", "2025-10-23")
    assert store.sets.life(stored.set_id).status() == "overdue"  # type: ignore[union-attr]
    overdue = store.stats.overdue()
    assert [(c["nummer"], c["days_over"], c["known_from"]) for c in overdue["cases"]] == [
        ("2025Z10001", 1, "documents")
    ]
    assert overdue["per_party"] == [("SP", 1), ("VVD", 1)]
    assert overdue["sources"] == {"documents": 1, "sync": 0, "cases": 0}


def test_the_sync_case_informs_the_life_of_its_documents(store: Store) -> None:
    # The answer alone: day 30 of 21, late. The case knows of a delay notice: due on day 42.
    store.sets.put(record(received_on="2025-10-31"), "a.xml")
    [stored] = store.sets.records(Filters())
    assert stored.status == "answered_late"
    case = Case(
        "2025Z10001",
        "z1",
        "woningnood bij studenten",
        "2025-10-01",
        documents=[
            Document("d1", QUESTIONS, "2025-10-01"),
            Document("d2", DELAY, "2025-10-20"),
            Document("d3", ANSWER, "2025-10-31"),
        ],
    )
    with store.transaction():
        store.mirror.put_case(assess(case))
    lived = store.sets.life(stored.set_id)
    assert lived is not None
    assert (lived.status(), lived.due_on, lived.days_taken, lived.known_from) == (
        "answered",
        "2025-11-12",
        30,
        "sync",
    )
    assert ids(store, "studenten", status="answered") == {"ah-tk-20252026-1"}
    assert ids(store, "studenten", status="late") == set()
    assert store.stats.late_by_ministry()[1][1:] == (1, 0, 0.0)
    with store.transaction():
        store.mirror.delete_case("z1")
    assert store.sets.life(stored.set_id).status() == "answered_late"  # type: ignore[union-attr]


def test_a_case_known_only_to_the_sync_is_listed_overdue(store: Store) -> None:
    with store.transaction():
        store.mirror.put_entity("zaak", "z9", None, {"nummer": "2025Z99", "soort": QUESTIONS}, {})
        store.mirror.put_entity(
            "zaakActor", "a9", None, {"relatie": "Indiener", "actorFractie": "SP"}, {"zaak": ["z9"]}
        )
        store.mirror.put_case(assess(Case("2025Z99", "z9", "iets", "2025-01-01", documents=[])))
    overdue = store.stats.overdue(date(2025, 3, 1))
    assert [(c["nummer"], c["known_from"], c["parties"]) for c in overdue["cases"]] == [
        ("2025Z99", "sync", ["SP"])
    ]
    assert overdue["sources"]["cases"] == 1


def test_a_withdrawal_notice_and_a_letter_notice(store: Store) -> None:
    store.sets.put(
        questions(id="kv-tk-x", kind="notice", received_on="2025-10-10", title="De vragen zijn ingetrokken"),
        "n.xml",
    )
    store.sets.put(
        questions(id="kv-tk-y", case_number="2025Z7", kind="notice", received_on="2025-10-10",
                  title="beantwoord bij brief van 10 oktober"),
        "m.xml",
    )  # fmt: skip
    statuses = {s.record.id: s.status for s in store.sets.records(Filters())}
    assert statuses == {"kv-tk-x": "withdrawn", "kv-tk-y": "answered"}


# -- writing -------------------------------------------------------------------------------


def test_a_failed_write_leaves_no_half_set(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.sets.put(record(), "a.xml")

    def broken(blocks: object) -> None:
        raise RuntimeError("the index failed")

    monkeypatch.setattr(store.sets.index, "add", broken)
    with pytest.raises(RuntimeError):
        store.sets.put(record(id="ah-tk-20252026-9", case_number="2025Z9"), "b.xml")
    monkeypatch.undo()
    assert store.sets.count() == 1 and store.check() == []
    # Inside a batch the failed set is undone alone (a savepoint); the batch goes on.
    with store.transaction():
        monkeypatch.setattr(store.sets.index, "add", broken)
        with pytest.raises(RuntimeError):
            store.sets.put(record(id="ah-tk-20252026-9", case_number="2025Z9"), "b.xml")
        monkeypatch.undo()
        store.sets.put(record(id="ah-tk-20252026-10", case_number="2025Z10"), "c.xml")
    assert store.sets.count() == 2 and store.check() == []


def test_a_transaction_is_all_or_nothing(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt), store.transaction():
        store.sets.put(record(), "a.xml")
        store.mirror.set_sync_state("tk", "Zaak", "token")
        raise KeyboardInterrupt
    assert store.sets.count() == 0 and store.mirror.sync_state("tk", "Zaak") is None
    with store.transaction():
        store.sets.put(record(), "a.xml")
        store.mirror.set_sync_state("tk", "Zaak", "token")
    assert store.sets.count() == 1 and store.mirror.sync_state("tk", "Zaak") == "token"


def test_migrations_are_named_and_run_once(location: str) -> None:
    first = open_store(location)
    names = [r[0] for r in first.db.all("SELECT name FROM migrations ORDER BY name")]
    first.sets.put(record(), "a.xml")
    first.close()
    again = open_store(location)
    assert [r[0] for r in again.db.all("SELECT name FROM migrations ORDER BY name")] == names
    assert names and names[0].startswith("0001_") and again.sets.count() == 1 and again.check() == []
    again.close()


def test_statistics_count_each_zaak_once(store: Store) -> None:
    store.sets.put(questions(), "q.xml")
    store.sets.put(record(), "a.xml")
    store.sets.put(record(id="ah-tk-20252026-5", case_number="2025Z5", received_on="2025-10-10"), "b.xml")
    assert store.stats.answer_times()[1:] == [
        ("0–7", 0), ("8–14", 1), ("15–21", 0), ("22–28", 0), ("29–42", 0), ("43–63", 1), ("64–91", 0), ("92+", 0),
    ]  # fmt: skip
    assert store.stats.late_by_year() == [
        ("jaar", "beantwoord", "te laat", "aandeel te laat"),
        ("2025", 2, 1, 0.5),
    ]
    assert store.stats.tally(Filters(party="SP"))["total"] == 2
    assert store.sets.people("vries", 10) == [("De Vries", "SP", 3)]


# -- SQLite's own history ------------------------------------------------------------------


def test_a_version_1_sqlite_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in sqlite_backend.HISTORY[0].split(";\n"):
        if statement.strip():
            old.execute(statement)
    old.execute(
        "INSERT INTO sets (id, doc_id, content_hash, source, kind, oral, title, submitted_on, received_on, record_json)"
        " VALUES (1, 'ah-tk-20252026-1', 'h', 's.xml', 'answer', 0, 't', '2025-10-01', '2025-11-20', ?)",
        (record().model_dump_json(),),
    )
    old.execute("INSERT INTO blocks VALUES (1, 1, 'question', 0, '1', 'Hoeveel studenten zoeken een kamer?')")
    old.execute(
        "INSERT INTO blocks_fts (rowid, title, body, parts, notes) VALUES (1, '', 'hoevel student zoek een kamer', '', '')"
    )
    old.execute("INSERT INTO parties VALUES (1, 'SP')")
    old.execute("INSERT INTO people VALUES (1, 'De Vries', 1)")
    old.execute("INSERT INTO set_people VALUES (1, 1, 0)")
    old.execute("PRAGMA user_version = 1")
    old.close()
    new = open_store(path)
    names = [r[0] for r in new.db.all("SELECT name FROM migrations ORDER BY name")]
    assert names == [m.name for m in sqlite_backend.MIGRATIONS]
    hits = new.search.search(parse_query("studenten"), Filters(block="question", party="SP"), 10)
    assert {h.set_id for h in hits} == {1} and all(h.status == "answered_late" for h in hits)
    assert new.sets.record(1) == record() and new.check() == []


def test_status_labels_cover_every_status() -> None:
    assert set(life.LABELS) == set(life.STATUS_FILTERS)


def test_past_the_rank_cap_the_newest_matches_are_ranked(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamervragen.store import postgres as postgres_backend

    monkeypatch.setattr(sqlite_backend, "RANK_CAP", 5)
    monkeypatch.setattr(postgres_backend, "RANK_CAP", 5)
    with store.transaction():
        for i in range(40):
            store.sets.put(
                record(id=f"ah-tk-20252026-{100 + i}", case_number=f"2025Z{20000 + i}",
                       questions=[Question(number=1, text=f"Hoe gaat het met de fietsen nummer {i}?")],
                       answers=[Answer(questions=[1], text="Goed.")]),
                f"{i}.xml",
            )  # fmt: skip
    if store.backend == "postgresql":
        store.db.execute("ANALYZE block_index")  # the planner's estimate bounds what is read
    hits = store.search.search(parse_query("fietsen"), Filters(), 10)
    assert hits and {h.doc_id for h in hits} <= {f"ah-tk-20252026-{100 + i}" for i in range(35, 40)}
