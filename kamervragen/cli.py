"""The ``kamervragen`` command: parse, ingest, search, find similar questions, export,
measure accuracy."""

from __future__ import annotations

import json
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from kamervragen import life, titles
from kamervragen.extract import DocumentError
from kamervragen.record import Record
from kamervragen.store import Filters, Store, StoreError
from kamervragen.store import filters as declared

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEFAULT_CORPUS = Path(os.environ.get("KAMERVRAGEN_CORPUS", "../shared/corpus"))
SAMPLES = Path(__file__).with_name("samples")


class Format(StrEnum):
    json = "json"
    md = "md"


def _markdown(record: Record) -> str:
    """Questions beside their answers, as a Markdown table (grouped answers shown once)."""
    who = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in record.submitters)
    lines = [f"# {titles.title(record)}", ""]
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
    from kamervragen.ingest import parse_in_workers

    failed = False
    records_out: list[Record] = []
    # Each file is parsed in a worker process under the limits of ingest's workers (see
    # kamervragen.ingest): a file over them costs that process, not this one.
    results = parse_in_workers([str(path) for path in files], 1)
    for path, (_, records, reason) in zip(files, results, strict=True):
        if not records:
            if reason:
                typer.echo(f"kamervragen: {path}: {reason}", err=True)
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


DbOption = typer.Option(
    None,
    "--db",
    help="Database file or postgresql://user@host/dbname URL (default: KAMERVRAGEN_DB or the user data folder).",
)


def _store(db: str | None, any_thread: bool = False) -> Store:
    from kamervragen.store import open_store

    try:
        return open_store(db, any_thread=any_thread)
    except StoreError as exc:
        typer.echo(f"kamervragen: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        None, help="Files and folders (default: the corpus, else the bundled sample)."
    ),
    db: str | None = DbOption,
    workers: int = typer.Option(0, "--workers", help="Parser processes (default: all cores)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list the files skipped."),
) -> None:
    """Parse documents and store them; the same document again updates, never duplicates."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from kamervragen.ingest import ingest as run

    if not paths:
        paths = [DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else SAMPLES]
    store = _store(db)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("ingest", total=None)
        summary = run(
            store,
            paths,
            workers=workers or None,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    store.close()
    for path, reason in summary.failed:
        typer.echo(f"kamervragen: {path}: {reason}", err=True)
    for path in summary.conflicts:
        typer.echo(
            f"kamervragen: {path}: names a stored set's id but differs from it (date, askers or title);"
            " kept as a set of its own",
            err=True,
        )
    if verbose:
        for path, reason in summary.skipped:
            typer.echo(f"kamervragen: {path}: skipped, {reason}", err=True)
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(2)  # the others are stored; the exit code says not all were


Status = StrEnum("Status", {name: name for name in life.STATUS_FILTERS})  # type: ignore[misc]


def _filters(
    member: str | None,
    party: str | None,
    ministry: str | None,
    minister: str | None,
    date_from: str | None,
    date_to: str | None,
    session_year: str | None,
    kind: str | None,
    status: str | None,
) -> Filters:
    filters = Filters(
        member=member,
        party=party,
        ministry=ministry,
        minister=minister,
        date_from=date_from,
        date_to=date_to,
        session_year=session_year,
        kind=kind,
        status=str(status.value) if isinstance(status, StrEnum) else status,
    )
    for d in declared.FILTERS:
        value = getattr(filters, d.name)
        problem = declared.invalid(d.name, value) if value else None
        if problem:
            typer.echo(f"kamervragen: {problem}", err=True)
            raise typer.Exit(2)
    return filters


def _option(name: str) -> Any:
    d = next(d for d in declared.FILTERS if d.name == name)
    return typer.Option(None, d.option, help=d.help)


MemberOption = _option("member")
PartyOption = _option("party")
MinistryOption = _option("ministry")
MinisterOption = _option("minister")
FromOption = _option("date_from")
ToOption = _option("date_to")
YearOption = _option("session_year")
KindOption = _option("kind")
StatusOption = _option("status")


@app.command()
def search(
    query: str = typer.Argument(..., help='Words (all must occur), "a phrase", OR, NOT/-word, prefix*.'),
    db: str | None = DbOption,
    member: str | None = MemberOption,
    party: str | None = PartyOption,
    ministry: str | None = MinistryOption,
    minister: str | None = MinisterOption,
    date_from: str | None = FromOption,
    date_to: str | None = ToOption,
    session_year: str | None = YearOption,
    kind: str | None = KindOption,
    status: Status | None = StatusOption,
    limit: int = typer.Option(20, "--limit", min=1, max=1000),
    sort: str = typer.Option("relevance", "--sort", help="relevance (best first) or date (newest first)."),
    blocks: bool = typer.Option(False, "--blocks", help="One line per matching passage, not per set."),
    as_json: bool = typer.Option(
        False, "--json", help="One set (or, with --blocks, passage) per line as JSON."
    ),
) -> None:
    """Search questions and answers in Dutch: one result per set, best matches first."""
    from kamervragen.query import QueryError
    from kamervragen.search import SORTS, search_sets
    from kamervragen.search import search as run

    if sort not in SORTS:
        typer.echo(f"kamervragen: --sort {sort!r}: kies relevance of date", err=True)
        raise typer.Exit(2)
    filters = _filters(member, party, ministry, minister, date_from, date_to, session_year, kind, status)
    store = _store(db)
    try:
        found = (
            [(r, []) for r in run(store, query, filters, limit)]
            if blocks
            else [(s.best, s.more) for s in search_sets(store, query, filters, limit, 0, sort).sets]
        )
    except QueryError as exc:
        typer.echo(f"kamervragen: query {query!r}: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        store.close()

    for r, more in found:
        h = r.hit
        if as_json:
            line: dict[str, object] = {
                "set": h.set_id,
                "id": h.doc_id,
                "case_number": h.case_number,
                "title": h.title,
                **r.passage(),
                "submitted_on": h.submitted_on,
                "kind": h.kind,
                "status": h.status,
                "submitters": h.submitters,
            }
            if not blocks:
                line["more"] = [m.passage() for m in more]
            typer.echo(json.dumps(line, ensure_ascii=False))
        else:
            label = ("vraag " if h.block == "question" else "antwoord ") + ", ".join(map(str, h.numbers))
            also = f"  (+{len(more)} passages)" if more else ""
            typer.echo(
                f"{h.submitted_on or '????-??-??'}  {h.doc_id or h.case_number or '#' + str(h.set_id)}  {label}"
                f"  [{life.LABELS[h.status]}]{also}"
            )
            typer.echo(f"  {h.title or ''}")
            typer.echo(f"  {r.snippet}\n")
    if not found and not as_json:
        typer.echo("geen resultaten", err=True)


@app.command()
def similar(
    source: str = typer.Argument(..., help="A new question as a file, or the id of a stored set."),
    db: str | None = DbOption,
    limit: int = typer.Option(10, "--limit", min=1, max=100),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Earlier questions most like this one, with what the government answered."""
    from kamervragen.parse import parse_path
    from kamervragen.search import question_text
    from kamervragen.search import similar as run

    store = _store(db)
    exclude = None
    path = Path(source)
    try:
        if path.is_file():
            try:
                records = parse_path(path)
            except DocumentError as exc:
                typer.echo(f"kamervragen: {path}: {exc}", err=True)
                raise typer.Exit(2) from None
            record = records[0]
            exclude = store.sets.find(record.id) if record.id else None
        else:
            exclude = store.sets.find(source)
            found = store.sets.record(exclude) if exclude is not None else None
            if found is None:
                typer.echo(f"kamervragen: {source}: no such file, and no stored set with that id", err=True)
                raise typer.Exit(2)
            record = found
        results = run(
            store, question_text(record), limit=limit, exclude_set=exclude, before=record.submitted_on
        )
    finally:
        store.close()
    for s in results:
        r = s.record
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "id": r.id,
                        "case_number": r.case_number,
                        "title": r.title,
                        "submitted_on": r.submitted_on,
                        "score": s.score,
                        "question": {"numbers": s.question.numbers, "text": s.question.text},
                        "answers": [{"questions": q, "text": t} for q, t in s.answers],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            typer.echo(f"{r.submitted_on or '????-??-??'}  {r.id or r.case_number or ''}  {r.title or ''}")
            typer.echo(f"  vraag {', '.join(map(str, s.question.numbers))}: {s.question.text[:300]}")
            for numbers, text in s.answers[:2]:
                typer.echo(f"  antwoord {', '.join(map(str, numbers))}: {text[:400]}")
            typer.echo("")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write (default: standard output)."
    ),
    db: str | None = DbOption,
    member: str | None = MemberOption,
    party: str | None = PartyOption,
    ministry: str | None = MinistryOption,
    minister: str | None = MinisterOption,
    date_from: str | None = FromOption,
    date_to: str | None = ToOption,
    session_year: str | None = YearOption,
    kind: str | None = KindOption,
    status: Status | None = StatusOption,
) -> None:
    """Write the stored records (with the same filters as search)."""
    from kamervragen.export import write

    filters = _filters(member, party, ministry, minister, date_from, date_to, session_year, kind, status)
    store = _store(db)
    try:
        records = store.sets.records(filters)
        if format is ExportFormat.parquet:
            if output is None:
                typer.echo("kamervragen: Parquet is a binary file: give --output FILE", err=True)
                raise typer.Exit(2)
            count = write(records, "parquet", output)
        elif output is None:
            count = write(records, format.value, sys.stdout)  # type: ignore[arg-type]
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = write(records, format.value, handle)  # type: ignore[arg-type]
    finally:
        store.close()
    if output is not None:
        typer.echo(f"{count} records written to {output}", err=True)


class Source(StrEnum):
    tk = "tk"
    koop = "koop"
    all = "all"


TK_URL = "https://gegevensmagazijn.tweedekamer.nl"
SHOWN_FAILURES = 50  # per source; a long outage would bury the summary
KOOP_URL = "https://repository.overheid.nl"


@app.command()
def sync(
    source: Source = typer.Option(Source.all, "--source", help="tk (SyncFeed), koop (SRU) or all."),
    since: str | None = typer.Option(
        None, "--since", help="KOOP: documents modified on or after (YYYY-MM-DD)."
    ),
    db: str | None = DbOption,
    offline: Path | None = typer.Option(None, "--offline", help="Replay a folder of recorded responses."),
    record: Path | None = typer.Option(None, "--record", help="Also save every response in this folder."),
    tk_url: str = typer.Option(TK_URL, "--tk-url", help="SyncFeed host."),
    koop_url: str = typer.Option(KOOP_URL, "--koop-url", help="SRU and document host."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds to wait for one answer."),
    retries: int = typer.Option(
        5, "--retries", min=0, max=20, help="Retries of a failed request, with backoff."
    ),
    concurrency: int = typer.Option(
        1, "--concurrency", min=1, max=4, help="KOOP documents fetched at a time (at most 4: be polite)."
    ),
    status_only: bool = typer.Option(
        False, "--status", help="Only say where each source stands: positions, failures, documents to retry."
    ),
) -> None:
    """Bring the store in step with the Tweede Kamer and KOOP: new, changed and deleted
    cases and documents, politely; a second run reads only changes, and what failed is
    tried again first."""
    from rich.console import Console

    from kamervragen.sources.http import Client, FetchError
    from kamervragen.sources.replay import Recorder, Replay
    from kamervragen.sync import SyncSummary, status_lines, sync_koop, sync_tk

    if status_only:
        store = _store(db)
        try:
            for line in status_lines(store):
                typer.echo(line)
        finally:
            store.close()
        return

    if since and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", since) and not declared.invalid("date_from", since)):
        typer.echo(f"kamervragen: --since {since!r}: give a date that exists, as YYYY-MM-DD", err=True)
        raise typer.Exit(2)
    client = None
    try:
        if offline is not None:
            get = Replay(offline).get
        else:
            client = Client(timeout=timeout, retries=retries)
            get = client.get
        if record is not None:
            get = Recorder(get, record).get
    except FetchError as exc:
        typer.echo(f"kamervragen: {exc}", err=True)
        raise typer.Exit(2) from None
    store = _store(db)
    console = Console(stderr=True)
    summaries: list[tuple[str, SyncSummary]] = []
    try:
        with console.status("sync") as status:
            if source in (Source.tk, Source.all):
                summaries.append(("tk", sync_tk(store, get, tk_url, progress=lambda m: status.update(m))))
            if source in (Source.koop, Source.all):
                summaries.append(
                    (
                        "koop",
                        sync_koop(
                            store,
                            get,
                            koop_url,
                            since,
                            progress=lambda m: status.update(m),
                            concurrency=concurrency,
                        ),
                    )
                )
    finally:
        store.close()
        if client is not None:
            client.close()
    failed = False
    for name, summary in summaries:
        for problem in summary.failed[:SHOWN_FAILURES]:
            typer.echo(f"kamervragen: {problem}", err=True)
        if len(summary.failed) > SHOWN_FAILURES:
            typer.echo(
                f"kamervragen: and {len(summary.failed) - SHOWN_FAILURES} more failures"
                " (kamervragen sync --status lists what waits to be retried)",
                err=True,
            )
        if summary.unknown_soorten:
            typer.echo(
                f"kamervragen: kept documents of unknown kinds: {', '.join(sorted(summary.unknown_soorten))}",
                err=True,
            )
        if summary.unknown_relations:
            typer.echo(
                f"kamervragen: kept actors of unknown relations: {', '.join(sorted(summary.unknown_relations))}",
                err=True,
            )
        typer.echo(f"{name}: {summary.line()}")
        failed = failed or bool(summary.failed)
    if failed:
        raise typer.Exit(2)


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(
        1, "--workers", min=1, help="server processes (one per core helps under load)"
    ),
) -> None:
    """The web app and JSON API (pages in Dutch; API documented at /docs)."""
    import uvicorn

    from kamervragen.store import default_location, is_postgres

    location = db or default_location()
    if not is_postgres(location):
        location = str(Path(location).resolve())
    _store(location).close()  # create or migrate it now, and fail here with a clear message
    # Worker processes build their own app from the import string, so the location goes
    # by the environment.
    os.environ["KAMERVRAGEN_DB"] = location
    uvicorn.run("kamervragen.web.app:from_environment", factory=True, host=host, port=port, workers=workers)


def main() -> None:  # pragma: no cover
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
