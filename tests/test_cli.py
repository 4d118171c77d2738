"""The command line: records out, one-line errors, exit code 2, the others still parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.record import SCHEMA_PATH, json_schema

from .test_ingest import write_documents

runner = CliRunner()
SAMPLE = Path(__file__).parent / "fixtures" / "voorbeeld" / "voorbeeld-antwoord.txt"


def test_sample_record_written_by_hand() -> None:
    """The bundled sample was written for the tests; its record, checked by hand."""
    result = runner.invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "ah-tk-20252026-9999"
    assert record["kind"] == "answer"
    assert record["session_year"] == "2025-2026" and record["appendix_number"] == 9999
    assert record["submitters"] == [{"name": "De Vries", "party": "SP"}, {"name": "Jansen", "party": "SP"}]
    assert record["answered_by"][0]["name"] == "Bakker"
    assert record["answered_by"][0]["on_behalf_of"] == [
        {"role": "Staatssecretaris", "name": None, "portfolio": "Financiën"}
    ]
    assert [a["questions"] for a in record["answers"]] == [[1], [2, 3]]
    assert record["questions"][0]["footnotes"] == ["1"]
    assert record["answers"][1]["text"].endswith("ik ben bereid met de gemeenten in gesprek te gaan.")
    assert record["footnotes"][0]["urls"] == [
        "https://example.org/voorbeeld/huisuitzetting-in-een-fictieve-gemeente"
    ]
    assert record["unanswered"] == [] and record["warnings"] == []


def test_bad_files_give_one_line_errors_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<")
    xml = tmp_path / "fout.xml"
    xml.write_bytes(b"<kamervragen><vraag>")
    result = runner.invoke(
        app, ["parse", str(empty), str(SAMPLE), str(broken), str(xml), str(tmp_path / "weg.txt")]
    )
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == ["ah-tk-20252026-9999"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    for name, line in zip(["leeg.txt", "kapot.pdf", "fout.xml", "weg.txt"], errors, strict=True):
        assert name in line and "Traceback" not in line


def test_markdown_side_by_side() -> None:
    result = runner.invoke(app, ["parse", "--format", "md", str(SAMPLE)])
    assert result.exit_code == 0
    assert "| vraag | antwoord |" in result.stdout
    assert "zie antwoord op vraag 2" in result.stdout


def test_schema_file_matches_model() -> None:
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


def test_records_validate_against_schema() -> None:
    import jsonschema

    record = json.loads(runner.invoke(app, ["parse", str(SAMPLE)]).stdout)
    jsonschema.validate(record, json_schema())


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30", "2023-00"])
def test_impossible_dates_are_refused_with_a_reason(tmp_path: Path, date: str) -> None:
    result = runner.invoke(app, ["search", "x", "--from", date, "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kamervragen: --from {date!r}: die datum bestaat niet"


def test_sync_refuses_an_impossible_since(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["sync", "--since", "2024-02-30", "--offline", str(tmp_path), "--db", str(tmp_path / "k.db")]
    )
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "kamervragen: --since '2024-02-30': give a date that exists, as YYYY-MM-DD"
    )


def test_search_prints_each_set_once_and_blocks_on_request(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, 3)
    db = str(tmp_path / "k.db")
    assert CliRunner().invoke(app, ["ingest", str(docs), "--db", db]).exit_code == 0
    per_set = CliRunner().invoke(app, ["search", "onderwerp OR wachttijden", "--db", db, "--json"])
    lines = [json.loads(line) for line in per_set.stdout.splitlines()]
    assert len(lines) == 3 == len({line["set"] for line in lines})
    assert all(len(line["more"]) == 1 for line in lines), "the other matching question of each set"
    per_block = CliRunner().invoke(
        app, ["search", "onderwerp OR wachttijden", "--db", db, "--json", "--blocks"]
    )
    assert len(per_block.stdout.splitlines()) == 6
    wrong = CliRunner().invoke(app, ["search", "x", "--db", db, "--sort", "alfabet"])
    assert wrong.exit_code == 2 and "relevance" in wrong.output
