"""Ingest: files and folders → records → the store.

Documents are parsed in worker processes (all cores) and written by this process alone, in
transactions of a few hundred sets: a kill loses at most the open batch, which a re-run
writes again, and a set is never half written. A file that cannot be read is reported with
its reason and the rest go on.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kamervragen.extract import DocumentError, NotKamervragen
from kamervragen.record import Record
from kamervragen.store import Store

SUFFIXES = (".pdf", ".xml", ".html", ".htm", ".docx", ".txt", ".md", ".json")
# Files that travel with documents but are not documents themselves.
SKIP_SUFFIXES = (".source.json", ".metadata.xml", ".metadata_owms.xml")
SKIP_NAMES = {"README.md", "PROVENANCE.md", "metadata.xml"}
BATCH = 200
BATCH_SECONDS = 2.0


def document_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The documents among ``paths``: files as given, folders searched for known types."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not child.name.endswith(SKIP_SUFFIXES)
                    and child.name not in SKIP_NAMES
                ):
                    yield child
        else:
            yield path


# What one document may cost: seconds of parsing, and the memory of the process parsing it
# (its address space; a worker holds the word lists too, about 200 MB of it).
DEADLINE_SECONDS = float(os.environ.get("KAMERVRAGEN_DEADLINE", "60"))
MEMORY_MB = int(os.environ.get("KAMERVRAGEN_MEMORY_MB", "1536"))


class _Deadline(BaseException):  # not an Exception: no parser's `except Exception` may swallow it
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the parse after ``seconds`` (only on a process's main thread, where signals
    arrive; elsewhere the parse runs unbounded in time)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def worker_start() -> None:
    """A parsing worker: its address space limited to MEMORY_MB (an allocation past it fails
    with MemoryError, which the parse reports), and ending with the process that started it
    (Linux: PR_SET_PDEATHSIG), so that a killed ingest leaves no workers behind."""
    limit = MEMORY_MB * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their queue closes


# How long past its deadline a worker may keep a document before it is killed: the deadline
# interrupts Python code, but not a call stuck in a C library (PDFium).
GRACE_SECONDS = 30.0


def parse_in_workers(files: list[str], workers: int) -> Iterator[tuple[str, list[Record] | None, str | None]]:
    """``parse_reported`` of each file, in order, in worker processes (see worker_start).
    A worker that holds a file past its deadline and the grace is killed with the others,
    the file reported, and the files after it parsed by new workers."""
    pending = files
    while pending:
        with multiprocessing.get_context("fork").Pool(workers, initializer=worker_start) as pool:
            results = pool.imap(parse_reported, pending, chunksize=1)
            for at, path in enumerate(pending):
                try:
                    yield results.next(timeout=DEADLINE_SECONDS + GRACE_SECONDS)
                except multiprocessing.TimeoutError:
                    limit = f"{DEADLINE_SECONDS + GRACE_SECONDS:g} s"
                    yield path, None, f"parsing it did not end within {limit}; its process was stopped"
                    pending = pending[at + 1 :]
                    break  # leaving the pool's block kills its workers
            else:
                pending = []


def parse_reported(path: str) -> tuple[str, list[Record] | None, str | None]:
    """Parse one file for a batch: its records, or why there are none (a file without
    Kamervragen gives [] and the reason; a file that failed gives None and the reason).
    Never raises for any input: one file must not stop the others."""
    from kamervragen.parse import parse_path

    return (path, *_bounded(lambda: parse_path(path)))


def parse_bytes_reported(
    data: bytes, name: str, metadata_xml: bytes | None = None
) -> tuple[list[Record] | None, str | None]:
    """:func:`parse_reported` for a document already in memory (a download)."""
    from kamervragen.parse import parse_bytes

    return _bounded(lambda: parse_bytes(data, name, metadata_xml))


def _bounded(parse: Callable[[], list[Record]]) -> tuple[list[Record] | None, str | None]:
    from kamervragen.parse import parser_failure

    try:
        with _deadline(DEADLINE_SECONDS):
            return parse(), None
    except _Deadline:
        return None, f"parsing it took longer than the limit of {DEADLINE_SECONDS:g} s"
    except MemoryError:
        return None, f"parsing it needed more memory than the limit of {MEMORY_MB} MB"
    except NotKamervragen as exc:
        return [], str(exc)
    except DocumentError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    except Exception as exc:  # a parser bug must not stop the batch; it is reported
        return None, parser_failure(exc)


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    # documents that named a stored set's id but said otherwise: stored apart, reported
    conflicts: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.files} files in {self.seconds:.1f} s: {self.new} sets new, {self.updated} updated, "
            f"{self.unchanged} unchanged, "
            + (f"{len(self.conflicts)} kept apart, " if self.conflicts else "")
            + f"{len(self.skipped)} files without Kamervragen skipped, "
            f"{len(self.failed)} files failed"
        )


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    files = [str(p) for p in document_files(paths)]
    summary = Summary(files=len(files))
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    results: Iterator[tuple[str, list[Record] | None, str | None]]
    if workers > 1 and len(files) > 8:
        results = parse_in_workers(files, workers)
    else:
        results = map(parse_reported, files)
    done = 0
    batch: list[tuple[str, list[Record]]] = []
    last_commit = time.perf_counter()

    def write() -> None:
        with store.transaction():
            for path, records in batch:
                for record in records:
                    outcome = store.sets.put(record, path)
                    if outcome == "conflict":
                        summary.conflicts.append(path)
                    else:
                        setattr(summary, outcome, getattr(summary, outcome) + 1)
        batch.clear()

    try:
        for path, records, error in results:
            done += 1
            if records == [] and error:
                summary.skipped.append((path, error))
            elif error is not None or records is None:
                summary.failed.append((path, error or "no records"))
            else:
                batch.append((path, records))
            if len(batch) >= BATCH or time.perf_counter() - last_commit > BATCH_SECONDS:
                write()
                last_commit = time.perf_counter()
            if progress:
                progress(done, len(files))
        write()
    finally:
        close = getattr(results, "close", None)
        if close:
            close()  # ends the workers
    summary.seconds = time.perf_counter() - started
    return summary
