"""The ``kamervragen`` command: parse documents, render them, measure accuracy."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from kamervragen.extract import DocumentError
from kamervragen.record import Record

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEFAULT_CORPUS = Path(os.environ.get("KAMERVRAGEN_CORPUS", "../shared/corpus"))
SAMPLES = Path(__file__).with_name("samples")


class Format(StrEnum):
    json = "json"
    md = "md"


def _markdown(record: Record) -> str:
    """Questions beside their answers, as a Markdown table (grouped answers shown once)."""
    who = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in record.submitters)
    lines = [f"# {record.title or record.id or 'Kamervragen'}", ""]
    facts = [
        ("id", record.id),
        ("soort", record.kind),
        ("ingezonden", record.submitted_on),
        ("ontvangen", record.received_on),
        ("vragenstellers", who or None),
    ]
    lines += [f"- **{k}**: {v}" for k, v in facts if v]
    lines += ["", "| vraag | antwoord |", "|---|---|"]
    shown: set[int] = set()
    by_question = {n: a for a in record.answers for n in a.questions}
    for q in record.questions:
        answer = by_question.get(q.number)
        if answer is None:
            cell = "*(geen antwoord)*"
        elif id(answer) in shown:
            cell = f"*zie antwoord op vraag {answer.questions[0]}*"
        else:
            shown.add(id(answer))
            cell = answer.text
        q_cell = f"**{q.number}.** {q.text}"
        lines.append(
            f"| {q_cell.replace('|', '/').replace(chr(10), '<br>')} | {cell.replace('|', '/').replace(chr(10), '<br>')} |"
        )
    if record.footnotes:
        lines += ["", *[f"[{f.number}] {f.text}" for f in record.footnotes]]
    if record.warnings:
        lines += ["", *[f"> let op: {w}" for w in record.warnings]]
    return "\n".join(lines)


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="Documents: PDF, XML, HTML, .docx, text, OCR."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json (default) or md."),
) -> None:
    """Print one JSON record per file (JSON Lines for several files)."""
    from kamervragen.parse import parse_path

    failed = False
    records_out: list[Record] = []
    for path in files:
        try:
            records = parse_path(path)
        except DocumentError as exc:
            typer.echo(f"kamervragen: {path}: {exc}", err=True)
            failed = True
            continue
        except OSError as exc:
            typer.echo(f"kamervragen: {path}: cannot be read ({exc.strerror or exc})", err=True)
            failed = True
            continue
        records_out.extend(records)
        if format is Format.md:
            for record in records:
                typer.echo(_markdown(record) + "\n")
        elif len(files) == 1 and len(records) == 1:
            typer.echo(records[0].model_dump_json(indent=2))
        else:
            for record in records:
                typer.echo(record.model_dump_json())
    if failed:
        raise typer.Exit(2)


@app.command("eval")
def evaluate_command(
    golden: Path = typer.Argument(Path("tests/golden"), help="Folder of golden records."),
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="Where the documents are."),
    failures: bool = typer.Option(False, "--failures", help="List every failed check."),
) -> None:
    """Per-field accuracy against golden records written by hand."""
    from kamervragen.evaluate import evaluate, report

    if not corpus.is_dir():
        typer.echo(
            f"kamervragen: {corpus}: corpus folder not found (set --corpus or KAMERVRAGEN_CORPUS)", err=True
        )
        raise typer.Exit(2)
    outcome, problems = evaluate(golden, corpus)
    typer.echo(report(outcome))
    for problem in problems:
        typer.echo(f"kamervragen: {problem}", err=True)
    if failures:
        typer.echo("\n".join(outcome.failures))


@app.command()
def demo(corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus")) -> None:
    """The main job on the embedded default: parse the corpus (or the bundled samples) and
    summarise what came out."""
    from kamervragen.parse import parse_path

    root = corpus if corpus.is_dir() else SAMPLES
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in (".pdf", ".xml", ".html", ".docx", ".txt", ".md", ".json")
        and not p.name.endswith((".source.json", ".metadata.xml", ".metadata_owms.xml"))
        and "tk-syncfeed-xsd" not in p.parts
        and p.name not in ("PROVENANCE.md", "README.md")
    )
    counts: dict[str, int] = {}
    questions = answers = warned = errors = 0
    for path in files:
        try:
            records = parse_path(path)
        except (DocumentError, OSError) as exc:
            errors += 1
            typer.echo(f"kamervragen: {path}: {exc}", err=True)
            continue
        for record in records:
            counts[record.kind] = counts.get(record.kind, 0) + 1
            questions += len(record.questions)
            answers += len(record.answers)
            warned += bool(record.warnings)
    typer.echo(
        f"{root}: {len(files)} documents, {sum(counts.values())} records "
        f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}), "
        f"{questions} questions, {answers} answer blocks, {warned} records with warnings, "
        f"{errors} unreadable"
    )


def main() -> None:  # pragma: no cover
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
