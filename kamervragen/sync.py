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
from dataclasses import dataclass, field

from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.extract import DocumentError
from kamervragen.parse import parse_bytes, parser_failure
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
            + (f"; cases: {statuses}" if statuses else "")
        )


def sync_tk(store: Store, get: Get, base_url: str, progress: Progress | None = None) -> SyncSummary:
    summary = SyncSummary()
    mirror = store.mirror
    for category in syncfeed.CATEGORIES:
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
                    mirror.mark_dirty(touched)
                    mirror.set_sync_state("tk", category, resume or "")
                if progress:
                    progress(f"{category}: {summary.new + summary.updated + summary.unchanged} entities")
        except (FetchError, syncfeed.FeedError) as exc:
            # Later categories refer to earlier ones (a Document to its Zaak): stop here,
            # keep what is stored, and resume from this point next time.
            summary.failed.append(str(exc))
            break
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
    return summary


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
    store: Store, get: Get, base_url: str, since: str | None = None, progress: Progress | None = None
) -> SyncSummary:
    summary = SyncSummary()
    for publication in sru.PUBLICATIONS:
        state = json.loads(store.mirror.sync_state("koop", publication) or "{}")
        start_since = since or state.get("since")
        # A search killed half-way resumes at its position, with the same "since".
        start = state.get("position", 1) if state.get("running") and state.get("from") == start_since else 1
        newest = state.get("since")
        try:
            for page, resume in sru.search(get, base_url, sru.query(publication, start_since), start):
                with store.transaction():
                    for record in page.records:
                        newest = max(
                            filter(None, [newest, (record.modified or "")[:10] or None]), default=None
                        )
                        _store_document(store, get, record, summary)
                    running = {
                        "running": True,
                        "from": start_since,
                        "position": resume,
                        "since": state.get("since"),
                    }
                    store.mirror.set_sync_state("koop", publication, json.dumps(running))
                if progress:
                    progress(f"{publication}: {summary.new + summary.updated + summary.unchanged} documents")
        except (FetchError, DocumentError) as exc:
            summary.failed.append(str(exc))
            continue
        with store.transaction():
            store.mirror.set_sync_state("koop", publication, json.dumps({"since": newest}))
    return summary


def _store_document(store: Store, get: Get, record: sru.SruRecord, summary: SyncSummary) -> None:
    if not record.xml_url:
        return
    try:
        data = get(record.xml_url, None)
        metadata = get(record.metadata_url, None) if record.metadata_url else None
        for parsed in parse_bytes(data, record.identifier + ".xml", metadata):
            summary.count(store.sets.put(parsed, record.xml_url))
    except FetchError as exc:  # its message names the URL
        summary.failed.append(f"{record.identifier}: {exc}")
    except DocumentError as exc:
        summary.failed.append(f"{record.identifier}: {record.xml_url}: {exc}")
    except Exception as exc:  # a parser bug must not stop the sync; it is reported
        summary.failed.append(f"{record.identifier}: {record.xml_url}: {parser_failure(exc)}")
