"""The store on records built in the test: identity, updates, migrations, integrity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kamervragen.query import parse_query
from kamervragen.record import Answer, Answerer, Member, Office, Question, Record
from kamervragen.store import MIGRATIONS, Filters, SQLiteStore


def record(**changes: object) -> Record:
    base = Record(
        id="ah-tk-20252026-1",
        kind="answer",
        chamber="Tweede Kamer",
        session_year="2025-2026",
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


def test_same_id_updates_never_duplicates(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    assert store.put(record(), "a.xml") == "new"
    assert store.put(record(), "a.xml") == "unchanged"
    changed = record(answers=[Answer(questions=[1, 2], text="Anders.")])
    assert store.put(changed, "a.xml") == "updated"
    store.commit()
    assert store.count() == 1
    assert store.record(store.find("ah-tk-20252026-1")).answers[0].text == "Anders."  # type: ignore[arg-type,union-attr]
    assert store.check() == []
    store.close()


def test_without_id_the_content_is_the_identity(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    assert store.put(record(id=None), "a.txt") == "new"
    assert store.put(record(id=None), "b.txt") == "unchanged"
    assert store.put(record(id=None, title="iets anders"), "c.txt") == "new"
    store.commit()
    assert store.count() == 2


def test_the_richer_source_is_kept(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    store.put(record(), "a.xml")
    assert store.put(record(title="uit de pdf"), "a.pdf") == "unchanged"
    assert store.put(record(title="nieuwe xml"), "b.xml") == "updated"


def test_filters_on_people_and_offices(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    store.put(record(), "a.xml")
    store.put(
        record(
            id="ah-tk-20252026-2",
            submitters=[Member(name="Klaver", party="GroenLinks-PvdA")],
            submitted_on="2020-01-01",
            received_on="2020-01-10",
        ),
        "b.xml",
    )
    store.commit()
    query = parse_query("studenten")
    assert {h.doc_id for h in store.search(query, Filters(party="sp"), 10)} == {"ah-tk-20252026-1"}
    assert {h.doc_id for h in store.search(query, Filters(member="Klaver"), 10)} == {"ah-tk-20252026-2"}
    assert {h.doc_id for h in store.search(query, Filters(date_from="2025-01-01"), 10)} == {
        "ah-tk-20252026-1"
    }
    assert {h.doc_id for h in store.search(query, Filters(status="late"), 10)} == {"ah-tk-20252026-1"}
    assert {h.doc_id for h in store.search(query, Filters(ministry="Volkshuisvesting"), 10)} == {
        "ah-tk-20252026-1",
        "ah-tk-20252026-2",
    }
    assert store.search(query, Filters(minister="Bakker", block="answer"), 10)
    assert not store.search(query, Filters(kind="questions"), 10)


def test_compound_parts_are_found(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    store.put(record(), "a.xml")
    hits = store.search(parse_query("huisvesting"), Filters(), 10)
    assert [h.numbers for h in hits] == [[2]]  # "studentenhuisvesting"


def test_migrations_bring_an_old_database_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    SQLiteStore(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    store = SQLiteStore(path)  # opening again runs nothing twice
    assert store.check() == []


def test_a_failed_write_leaves_no_half_set(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    store.put(record(), "a.xml")
    store.commit()
    store.db.execute("CREATE TRIGGER fail BEFORE INSERT ON footnotes BEGIN SELECT RAISE(ABORT, 'boom'); END")
    from kamervragen.record import Footnote

    broken = record(id="ah-tk-20252026-9", footnotes=[Footnote(number="1", text="x")])
    try:
        store.put(broken, "b.xml")
    except sqlite3.DatabaseError:
        pass
    store.commit()
    assert store.count() == 1 and store.check() == []


def test_a_version_1_database_is_migrated_with_its_data(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import kamervragen.store as store_module

    path = tmp_path / "old.db"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:1])
    old = SQLiteStore(path)
    old.db.execute("BEGIN")
    old.db.execute(
        "INSERT INTO sets (id, doc_id, content_hash, source, kind, oral, title, record_json)"
        " VALUES (1, 'x', 'h', 's', 'answer', 0, 't', ?)",
        (record().model_dump_json(),),
    )
    old.db.execute(
        "INSERT INTO blocks VALUES (1, 1, 'question', 0, '1', 'Hoeveel studenten zoeken een kamer?')"
    )
    old.db.execute(
        "INSERT INTO blocks_fts (rowid, title, body, parts, notes) VALUES (1, '', 'hoevel student zoek een kamer', '', '')"
    )
    old.db.execute("INSERT INTO parties VALUES (1, 'SP')")
    old.db.execute("INSERT INTO people VALUES (1, 'De Vries', 1)")
    old.db.execute("INSERT INTO set_people VALUES (1, 1, 0)")
    old.db.execute("COMMIT")
    old.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    new = SQLiteStore(path)
    assert new.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 5
    [hit] = new.search(parse_query("studenten"), Filters(block="question", party="SP"), 10)
    assert hit.block == "question" and hit.set_id == 1
    assert new.check() == []
