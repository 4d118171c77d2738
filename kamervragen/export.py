"""Export the stored records: JSON Lines (the published record, one per line), CSV (one row
per set, the fields people filter and count on, with the set's status, due date and days
taken) or Parquet (the whole record, nested, with the same three)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Literal

from kamervragen.store.records import Stored

Format = Literal["jsonl", "csv", "parquet"]

CSV_COLUMNS = [
    "id",
    "kind",
    "oral",
    "chamber",
    "session_year",
    "appendix_number",
    "case_number",
    "title",
    "submitted_on",
    "received_on",
    "submitters",
    "parties",
    "addressees",
    "answered_by",
    "questions",
    "answers",
    "unanswered",
    "footnote_urls",
    "status",
    "due_on",
    "days_taken",
]
LIFE = ("status", "due_on", "days_taken")


def csv_row(stored: Stored) -> dict[str, object]:
    record = stored.record
    return {
        "id": record.id,
        "kind": record.kind,
        "oral": record.oral,
        "chamber": record.chamber,
        "session_year": record.session_year,
        "appendix_number": record.appendix_number,
        "case_number": record.case_number,
        "title": record.title,
        "submitted_on": record.submitted_on,
        "received_on": record.received_on,
        "submitters": "; ".join(m.name for m in record.submitters),
        "parties": "; ".join(m.party or "" for m in record.submitters),
        "addressees": "; ".join(f"{o.role} {o.portfolio or ''}".strip() for o in record.addressees),
        "answered_by": "; ".join(
            f"{o.role} {o.name or ''} ({o.portfolio or ''})" for o in record.answered_by
        ),
        "questions": len(record.questions),
        "answers": len(record.answers),
        "unanswered": " ".join(map(str, record.unanswered)),
        "footnote_urls": " ".join(u for f in record.footnotes for u in f.urls),
        **{name: getattr(stored, name) for name in LIFE},
    }


def write(records: Iterable[Stored], fmt: Format, out: IO[str] | Path) -> int:
    """Write ``records`` to ``out`` (a text stream, or a path for Parquet); returns the count."""
    count = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [{**r.record.model_dump(mode="json"), **{n: getattr(r, n) for n in LIFE}} for r in records]
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file: give --output")
        pq.write_table(pa.Table.from_pylist(rows), out)
        return len(rows)
    assert not isinstance(out, Path)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record.record.model_dump(mode="json"), ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count
