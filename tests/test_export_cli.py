"""Export formats and the search commands of the CLI, on a small store built in the test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.record import json_schema

from .test_ingest import write_documents
from .web_support import SAMPLES

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    docs = tmp_path / "docs"
    write_documents(docs, 5)
    path = str(tmp_path / "k.db")
    assert runner.invoke(app, ["ingest", str(docs), str(SAMPLES), "--db", path]).exit_code == 0
    return path


def test_search_json_has_the_promised_fields(db: str) -> None:
    result = runner.invoke(app, ["search", "huisuitzetting", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and hits[0]["id"] == "ah-tk-20252026-9999"
    for key in ("id", "case_number", "title", "block", "numbers", "score", "snippet"):
        assert key in hits[0]
    assert hits[0]["block"] == "question" and hits[0]["numbers"] == [1]


def test_search_filters_and_errors(db: str) -> None:
    sp = runner.invoke(app, ["search", "wachttijden", "--db", db, "--json", "--party", "SP", "--limit", "3"])
    assert len(sp.stdout.splitlines()) == 3
    none = runner.invoke(app, ["search", "wachttijden", "--db", db, "--json", "--party", "VVD"])
    assert none.stdout == ""
    bad = runner.invoke(app, ["search", '"open', "--db", db])
    assert bad.exit_code == 2 and "niet gesloten" in bad.stderr and "Traceback" not in bad.output
    bad_date = runner.invoke(app, ["search", "x", "--db", db, "--from", "gisteren"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_similar_from_a_file(db: str, tmp_path: Path) -> None:
    new = tmp_path / "nieuw.txt"
    new.write_text(
        "Vragen van het lid X (SP) aan de Minister van Financiën over wachttijden bij gemeenten "
        "(ingezonden 1 april 2026).\nVraag 1\nWat doet u aan de wachttijden bij gemeente 3?\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["similar", str(new), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) >= 1


def test_export_jsonl_follows_the_schema(db: str) -> None:
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    for record in records:
        jsonschema.validate(record, json_schema())


def test_export_csv_and_parquet(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--party", "SP"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 6 and rows[0]["parties"]
    out = tmp_path / "k.parquet"
    assert (
        runner.invoke(app, ["export", "--format", "parquet", "--output", str(out), "--db", db]).exit_code == 0
    )
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == 6 and "questions" in table.column_names
    assert runner.invoke(app, ["export", "--format", "parquet", "--db", db]).exit_code == 2
