"""The sync-mirror job of the store: the Tweede Kamer's entities as received, where each
source left off, the cases worked out from them, and the Zaken still to work out.

A case's life decides the life of the stored documents with its Zaak number, so writing or
deleting a case has the records job work those out again (in the same transaction).
"""

from __future__ import annotations

import json
from typing import Any

from kamervragen.cases import Case, Document, assess
from kamervragen.store.contract import Outcome
from kamervragen.store.records import Records
from kamervragen.store.sql import Database

CASE_COLUMNS = (
    "nummer", "zaak_id", "title", "submitted_on", "termijn", "due_on", "notice_on", "answered_on", "status",
    "days_taken", "unknown_soorten", "documents",
)  # fmt: skip


class Mirror:
    def __init__(self, db: Database, records: Records) -> None:
        self.db = db
        self.records = records

    def sync_state(self, source: str, key: str) -> str | None:
        found = self.db.value("SELECT value FROM sync_state WHERE source = ? AND key = ?", (source, key))
        return str(found) if found is not None else None

    def set_sync_state(self, source: str, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO sync_state VALUES (?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET value = excluded.value",
            (source, key, value),
        )

    def put_entity(
        self,
        category: str,
        entity_id: str,
        updated: str | None,
        payload: dict[str, object],
        refs: dict[str, list[str]],
    ) -> Outcome:
        """A Tweede Kamer entity as received; the same version again changes nothing."""
        body = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        old = self.db.value("SELECT payload FROM tk_entities WHERE id = ?", (entity_id,))
        if old == body:
            return "unchanged"
        self.db.execute(
            "INSERT INTO tk_entities VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET category = excluded.category,"
            " updated = excluded.updated, payload = excluded.payload",
            (entity_id, category, updated, body),
        )
        self.db.execute("DELETE FROM tk_refs WHERE entity_id = ?", (entity_id,))
        self.db.many(
            "INSERT INTO tk_refs VALUES (?, ?, ?)",
            [(entity_id, relation, target) for relation, targets in refs.items() for target in targets],
        )
        return "updated" if old is not None else "new"

    def delete_entity(self, entity_id: str) -> bool:
        return self.db.execute("DELETE FROM tk_entities WHERE id = ?", (entity_id,)).rowcount > 0

    def entity(self, entity_id: str) -> tuple[str, dict[str, object]] | None:
        row = self.db.one("SELECT category, payload FROM tk_entities WHERE id = ?", (entity_id,))
        return (str(row[0]), json.loads(row[1])) if row else None

    def zaken_of(self, entity_id: str) -> list[str]:
        """The Zaak ids an entity hangs on (itself, for a Zaak)."""
        found = self.entity(entity_id)
        if found and found[0].lower() == "zaak":
            return [entity_id]
        return [
            str(r[0])
            for r in self.db.all(
                "SELECT r.target_id FROM tk_refs r JOIN tk_entities e ON e.id = r.target_id"
                " WHERE r.entity_id = ? AND lower(e.category) = 'zaak'",
                (entity_id,),
            )
        ]

    def linked(self, zaak_id: str) -> list[tuple[str, str, dict[str, object]]]:
        """Entities that refer to a Zaak: (id, category, fields)."""
        return [
            (str(r[0]), str(r[1]), json.loads(r[2]))
            for r in self.db.all(
                "SELECT e.id, e.category, e.payload FROM tk_refs r JOIN tk_entities e ON e.id = r.entity_id"
                " WHERE r.target_id = ? ORDER BY e.id",
                (zaak_id,),
            )
        ]

    def put_case(self, case: Case) -> None:
        documents = json.dumps([d.__dict__ for d in case.documents], sort_keys=True, ensure_ascii=False)
        marks = ", ".join("?" * len(CASE_COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in CASE_COLUMNS[1:])
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({marks}) ON CONFLICT (nummer) DO UPDATE SET {updates}",
                (
                    case.nummer, case.zaak_id, case.title, case.submitted_on, case.termijn, case.due_on,
                    case.notice_on, case.answered_on, case.status, case.days_taken,
                    json.dumps(case.unknown_soorten), documents,
                ),
            )  # fmt: skip
            self.records.relive(case.nummer)

    def delete_case(self, zaak_id: str) -> None:
        with self.db.transaction():
            nummer = self.db.value("SELECT nummer FROM cases WHERE zaak_id = ?", (zaak_id,))
            self.db.execute("DELETE FROM cases WHERE zaak_id = ?", (zaak_id,))
            if nummer:
                self.records.relive(str(nummer))

    def reassess_cases(self) -> None:
        """Every case's life again from its documents (after a change of the rules)."""
        for case in self.cases():
            documents = [Document(**d) for d in json.loads(str(case["documents"]))]
            self.put_case(
                assess(
                    Case(
                        nummer=str(case["nummer"]),
                        zaak_id=str(case["zaak_id"]),
                        title=case["title"],
                        submitted_on=case["submitted_on"],
                        termijn=case["termijn"],
                        documents=documents,
                    )
                )
            )

    def mark_dirty(self, zaak_ids: set[str]) -> None:
        self.db.many(
            "INSERT INTO dirty_cases VALUES (?) ON CONFLICT (zaak_id) DO NOTHING",
            [(z,) for z in sorted(zaak_ids)],
        )

    def dirty(self) -> list[str]:
        return [str(r[0]) for r in self.db.all("SELECT zaak_id FROM dirty_cases ORDER BY zaak_id")]

    def clean(self, zaak_id: str) -> None:
        self.db.execute("DELETE FROM dirty_cases WHERE zaak_id = ?", (zaak_id,))

    def case(self, nummer: str | None) -> dict[str, Any] | None:
        if not nummer:
            return None
        row = self.db.one(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE nummer = ?", (nummer,))
        return dict(zip(CASE_COLUMNS, row, strict=True)) if row else None

    def cases(self) -> list[dict[str, Any]]:
        return [
            dict(zip(CASE_COLUMNS, row, strict=True))
            for row in self.db.all(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY nummer")
        ]

    def dump(self) -> list[tuple[Any, ...]]:
        """Everything the sync keeps, in a fixed order (for comparing stores)."""
        rows = self.db.all("SELECT id, category, payload FROM tk_entities ORDER BY id")
        rows += self.db.all(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY nummer")
        rows += self.db.all("SELECT entity_id, relation, target_id FROM tk_refs ORDER BY 1, 2, 3")
        return rows
