"""Sync: bring the store in step with the official sources.

The Tweede Kamer SyncFeed gives the cases (Zaak, its documents and actors); KOOP's SRU
search gives the published documents, which are parsed and stored as records. Each page is
written together with the point to resume after it, in one transaction: a sync killed at
any moment resumes where it stopped, and a second sync a week later reads only what
changed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from kamervragen import life
from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.extract import DocumentError, extract_bytes
from kamervragen.ingest import parse_bytes_reported
from kamervragen.parse import notice, parser_failure
from kamervragen.sources import sru, syncfeed
from kamervragen.sources.http import FetchError
from kamervragen.store import Store

Get = Callable[[str, dict[str, str] | None], bytes]
Progress = Callable[[str], None]


@dataclass
class SyncSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflict: int = 0  # documents that named a stored set's id but said otherwise; kept apart
    failed: list[str] = field(default_factory=list)
    retried: int = 0  # documents that had failed before and are now stored
    manifestations: Counter[str] = field(default_factory=Counter)  # documents read, per kind
    not_kamervragen: list[str] = field(default_factory=list)  # read, but no set in them
    notices: Counter[str] = field(default_factory=Counter)  # Mededelingen read, by what they say
    cases: Counter[str] = field(default_factory=Counter)
    unknown_soorten: set[str] = field(default_factory=set)
    unknown_relations: set[str] = field(default_factory=set)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def line(self) -> str:
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.cases.items()))
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {self.deleted} deleted, "
            + (f"{self.conflict} kept apart (another set's id, other content), " if self.conflict else "")
            + f"{len(self.failed)} failed"
            + (f", {self.retried} stored on retry" if self.retried else "")
            + (
                " (read from "
                + ", ".join(f"{n} {k.upper()}" for k, n in sorted(self.manifestations.items()))
                + ")"
                if self.manifestations
                else ""
            )
            + (f", {len(self.not_kamervragen)} without Kamervragen" if self.not_kamervragen else "")
            + (
                "; Mededelingen read: " + ", ".join(f"{n} {k}" for k, n in sorted(self.notices.items()))
                if self.notices
                else ""
            )
            + (f"; cases: {statuses}" if statuses else "")
        )


def sync_tk(store: Store, get: Get, base_url: str, progress: Progress | None = None) -> SyncSummary:
    summary = SyncSummary()
    mirror = store.mirror
    status = SourceStatus.load(store, "tk")
    # A category that failed last time goes first: its outage should cost one sync, not
    # leave it behind the others for good. Each category resumes at its own point, and
    # entities refer to each other by id whatever order they come in, so one category's
    # outage costs the others nothing.
    for category in sorted(syncfeed.CATEGORIES, key=lambda c: c not in status.failed):
        token = mirror.sync_state("tk", category)
        try:
            for page, resume in syncfeed.pages(get, base_url, category, token):
                # A page, the point to resume after it and the Zaken it touched: one transaction.
                with store.transaction():
                    touched: set[str] = set()
                    for entity in page.entities:
                        touched.update(mirror.zaken_of(entity.id))
                        if entity.deleted:
                            if mirror.delete_entity(entity.id):
                                summary.deleted += 1
                        else:
                            summary.count(
                                mirror.put_entity(
                                    entity.category,
                                    entity.id,
                                    entity.updated,
                                    dict(entity.fields),
                                    entity.refs,
                                )
                            )
                            touched.update(mirror.zaken_of(entity.id))
                            if (
                                entity.fields.get("soort") == life.NOTICE_SOORT
                                and entity.category.lower() == "document"
                            ):
                                # Its words say what it reports: read once it is stored.
                                status.retry.setdefault(
                                    entity.id,
                                    {
                                        "url": entity.resource or syncfeed.resource_url(base_url, entity.id),
                                        "tries": 0,
                                    },
                                )
                    mirror.mark_dirty(touched)
                    mirror.set_sync_state("tk", category, resume or "")
                    status.save(store)  # the Mededelingen to read, with the page that named them
                if progress:
                    progress(f"{category}: {summary.new + summary.updated + summary.unchanged} entities")
        except (FetchError, syncfeed.FeedError) as exc:
            summary.failed.append(f"SyncFeed {category}: {exc}")
            status.failed[category] = str(exc)
        else:
            status.failed.pop(category, None)
    _read_notices(store, get, status, summary)
    for zaak_id in mirror.dirty():
        with store.transaction():
            case = build_case(store, zaak_id)
            if case is None:
                mirror.delete_case(zaak_id)
            else:
                mirror.put_case(assess(case))
                summary.unknown_soorten.update(case.unknown_soorten)
                summary.unknown_relations.update(case.unknown_relations)
            mirror.clean(zaak_id)
    summary.cases.update(c["status"] for c in mirror.cases())
    with store.transaction():
        status.save(store, succeeded=not summary.failed)
    return summary


def _read_notices(store: Store, get: Get, status: SourceStatus, summary: SyncSummary) -> None:
    """Each Mededeling waiting to be read (new, or failed before): fetched, its words
    classified (kamervragen.parse.notice) and kept beside it, its case worked out again.
    One that cannot be read stays waiting and is reported."""
    for document_id, item in sorted(status.retry.items()):
        if store.mirror.entity(document_id) is None:  # deleted by the Kamer meanwhile
            with store.transaction():
                del status.retry[document_id]
                status.save(store)
            continue
        problem = None
        try:
            data = get(item["url"], None)
            extracted = extract_bytes(data, document_id)
            lines = (
                [b.text for b in extracted.blocks]
                if extracted.blocks is not None
                else [line for page in extracted.pages for line in page]
            )
            text = " ".join(lines)
        except FetchError as exc:  # its message names the URL
            problem = str(exc)
        except DocumentError as exc:
            problem = f"{item['url']}: {exc}"
        except Exception as exc:  # an extractor bug must not stop the sync; it is reported
            problem = f"{item['url']}: {parser_failure(exc)}"
        with store.transaction():
            if problem is None:
                said = notice.classify(text)
                store.mirror.set_sync_state("tk-notice", document_id, said)
                store.mirror.mark_dirty(set(store.mirror.zaken_of(document_id)))
                summary.notices[said] += 1
                del status.retry[document_id]
            else:
                status.fail(document_id, problem, url=item["url"])
                summary.failed.append(f"Mededeling {document_id}: {problem}")
            status.save(store)


def build_case(store: Store, zaak_id: str) -> Case | None:
    """The case of a Zaak of written questions, from the entities that hang on it."""
    found = store.mirror.entity(zaak_id)
    if found is None:
        return None
    _, zaak = found
    if zaak.get("soort") != QUESTIONS or not zaak.get("nummer"):
        return None
    linked = store.mirror.linked(zaak_id)
    documents = [
        Document(
            id=entity_id,
            soort=str(fields.get("soort") or ""),
            datum=syncfeed.date_of(str(fields.get("datum") or "")),
            nummer=str(fields.get("documentNummer") or "") or None,
            aanhangselnummer=str(fields.get("aanhangselnummer") or "") or None,
            notice=store.mirror.sync_state("tk-notice", entity_id),
        )
        for entity_id, category, fields in linked
        if category.lower() == "document"
    ]
    relations = [
        str(fields.get("relatie") or "") for _, category, fields in linked if category.lower() == "zaakactor"
    ]
    return Case(
        nummer=str(zaak["nummer"]),
        zaak_id=zaak_id,
        title=str(zaak.get("onderwerp") or zaak.get("titel") or "") or None,
        submitted_on=syncfeed.date_of(str(zaak.get("gestartOp") or "")),
        termijn=syncfeed.date_of(str(zaak.get("termijn") or "")),
        documents=sorted(documents, key=lambda d: (d.datum or "", d.id)),
        relations=relations,
    )


def sync_koop(
    store: Store,
    get: Get,
    base_url: str,
    since: str | None = None,
    progress: Progress | None = None,
    concurrency: int = 1,
) -> SyncSummary:
    """Every answer and unanswered set KOOP published (or changed) since the last sync.
    A document that cannot be fetched or read goes on the retry list, which is tried
    first the next time and reported until it succeeds: the position moves past a
    document only once it is stored or on that list. ``concurrency`` documents are fetched
    at a time (the client keeps each host's Retry-After for all of them)."""
    summary = SyncSummary()
    status = SourceStatus.load(store, "koop")
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        # (The search from the last day on lists that day's documents again: one tried
        # just now from the retry list is not tried twice.)
        tried = _retry_failed(store, get, status, summary, pool)
        for publication in sru.PUBLICATIONS:
            state = json.loads(store.mirror.sync_state("koop", publication) or "{}")
            start_since = since or state.get("since")
            # A search killed half-way resumes at its position, with the same "since".
            start = (
                state.get("position", 1) if state.get("running") and state.get("from") == start_since else 1
            )
            newest = state.get("since")
            try:
                for page, resume in sru.search(get, base_url, sru.query(publication, start_since), start):
                    records = [r for r in page.records if r.identifier not in tried]
                    fetched = pool.map(lambda record: _fetch(get, record), records)
                    with store.transaction():
                        for record in page.records:
                            newest = max(
                                filter(None, [newest, (record.modified or "")[:10] or None]), default=None
                            )
                        for record, (download, problem) in zip(records, fetched, strict=True):
                            _settle(store, status, summary, record, download, problem)
                        running = {
                            "running": True,
                            "from": start_since,
                            "position": resume,
                            "since": state.get("since"),
                        }
                        store.mirror.set_sync_state("koop", publication, json.dumps(running))
                        status.save(store)
                    if progress:
                        progress(
                            f"{publication}: {summary.new + summary.updated + summary.unchanged} documents"
                        )
            except (FetchError, DocumentError) as exc:
                summary.failed.append(f"SRU {publication}: {exc}")
                status.failed[publication] = str(exc)
                continue
            status.failed.pop(publication, None)
            with store.transaction():
                store.mirror.set_sync_state("koop", publication, json.dumps({"since": newest}))
    with store.transaction():
        status.save(store, succeeded=not summary.failed)
    return summary


Download = tuple[str, str, bytes, bytes | None]  # manifestation, URL, document, metadata.xml


def _fetch(get: Get, record: sru.SruRecord) -> tuple[Download | None, str | None]:
    """A record's best manifestation and its metadata, or why not (network only: it runs
    beside other fetches, while parsing and storing stay in one thread)."""
    best = record.document()
    if best is None:
        listed = ", ".join(sorted(record.urls)) or "none"
        return None, f"the record lists no XML, HTML or PDF to read (manifestations: {listed})"
    kind, url = best
    try:
        data = get(url, None)
        metadata = get(record.metadata_url, None) if record.metadata_url else None
    except FetchError as exc:  # its message names the URL
        return None, str(exc)
    return (kind, url, data, metadata), None


def _store(store: Store, record: sru.SruRecord, download: Download, summary: SyncSummary) -> str | None:
    """Parse and store one download; None when done, else why it failed."""
    kind, url, data, metadata = download
    parsed, problem = parse_bytes_reported(data, f"{record.identifier}.{kind}", metadata)
    if parsed is None:
        return f"{url}: {problem}"
    for one in parsed:
        summary.count(store.sets.put(one, url))
    summary.manifestations[kind] += 1
    if not parsed:  # read, but no Kamervragen in it: said, not retried
        summary.not_kamervragen.append(f"{record.identifier}: {url}: {problem}")
    return None


def _retry_failed(
    store: Store, get: Get, status: SourceStatus, summary: SyncSummary, pool: ThreadPoolExecutor
) -> set[str]:
    """The documents that failed before, tried again first; returns their identifiers."""
    pending = [sru.SruRecord(**item["record"]) for item in status.retry.values()]
    fetched = pool.map(lambda record: _fetch(get, record), pending)
    for record, (download, problem) in zip(pending, fetched, strict=True):
        with store.transaction():
            if _settle(store, status, summary, record, download, problem, again=True):
                summary.retried += 1
            status.save(store)
    return {record.identifier for record in pending}


def _settle(
    store: Store,
    status: SourceStatus,
    summary: SyncSummary,
    record: sru.SruRecord,
    download: Download | None,
    problem: str | None,
    again: bool = False,
) -> bool:
    """A fetched record stored, or put (back) on the retry list with why; True if stored."""
    if problem is None and download is not None:
        problem = _store(store, record, download, summary)
    if problem is None:
        status.retry.pop(record.identifier, None)
        return True
    status.fail(record.identifier, problem, record=asdict(record))
    summary.failed.append(f"{record.identifier}{' (again)' if again else ''}: {problem}")
    return False


@dataclass
class SourceStatus:
    """Where a source stands, kept in the store beside its resume points: when a sync
    last ran and last succeeded, what failed (a category or publication and why), and
    the documents to retry."""

    source: str
    last_sync: str | None = None
    last_success: str | None = None
    failed: dict[str, str] = field(default_factory=dict)
    retry: dict[str, dict] = field(default_factory=dict)  # identifier → record, error, tries

    @classmethod
    def load(cls, store: Store, source: str) -> SourceStatus:
        saved = json.loads(store.mirror.sync_state(source, "status") or "{}")
        return cls(
            source,
            **{k: v for k, v in saved.items() if k in ("last_sync", "last_success", "failed", "retry")},
        )

    def fail(self, key: str, problem: str, **what: object) -> None:
        """``key`` (a document) failed again: kept to retry with ``what`` it takes."""
        tries = self.retry.get(key, {}).get("tries", 0) + 1
        self.retry[key] = {**what, "error": problem, "tries": tries}

    def save(self, store: Store, succeeded: bool | None = None) -> None:
        if succeeded is not None:
            self.last_sync = _now()
            if succeeded:
                self.last_success = self.last_sync
        body = {
            "last_sync": self.last_sync,
            "last_success": self.last_success,
            "failed": self.failed,
            "retry": self.retry,
        }
        store.mirror.set_sync_state(
            self.source, "status", json.dumps(body, sort_keys=True, ensure_ascii=False)
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def status_lines(store: Store) -> list[str]:
    """What ``kamervragen sync --status`` says, per source: positions, last sync and last
    success, and what is failing or waiting to be retried."""
    lines = []
    for source, keys in (("tk", syncfeed.CATEGORIES), ("koop", sru.PUBLICATIONS)):
        status = SourceStatus.load(store, source)
        name = "Tweede Kamer SyncFeed" if source == "tk" else "KOOP SRU"
        lines.append(
            f"{name}: last sync {status.last_sync or 'never'}, last without failures {status.last_success or 'never'}"
        )
        for key in keys:
            state = store.mirror.sync_state(source, key)
            if source == "tk":
                position = f"skiptoken {state}" if state else "not started"
            else:
                saved = json.loads(state or "{}")
                position = (
                    f"half-way, at record {saved.get('position')} of the changes since {saved.get('from') or 'the start'}"
                    if saved.get("running")
                    else f"complete up to {saved['since']}"
                    if saved.get("since")
                    else "not started"
                )
            failing = f"; FAILING: {status.failed[key]}" if key in status.failed else ""
            lines.append(f"  {key}: {position}{failing}")
        for identifier, item in sorted(status.retry.items()):
            what = "Mededeling to read" if source == "tk" else "document to retry"
            lines.append(
                f"  {what}: {identifier} ({item['tries']} tries): {item.get('error') or 'not read yet'}"
            )
    return lines
