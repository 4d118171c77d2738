"""KOOP's SRU 2.0 search (``repository.overheid.nl/sru``): the Aanhangsel answers and the
questions without answer, paged with ``nextRecordPosition``; each record names the
document's manifestations (XML, HTML, PDF) and its ``metadata.xml``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from kamervragen.extract import DocumentError
from kamervragen.sources.http import answer_root

SRU = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
DCTERMS = "{http://purl.org/dc/terms/}"
GZD = "{http://standaarden.overheid.nl/sru}"
OW = "{http://standaarden.overheid.nl/wetgeving/}"
PUBLICATIONS = ('"Kamervragen (Aanhangsel)"', '"Kamervragen zonder antwoord"')


# The manifestations a document can be read from, best first: KOOP's XML carries the
# structure, its HTML the same text, and some records ("onopgemaakt") have only a PDF.
MANIFESTATIONS = ("xml", "html", "pdf")


@dataclass
class SruRecord:
    identifier: str
    title: str | None
    modified: str | None
    publication: str | None
    urls: dict[str, str]  # manifestation → URL, as the record lists them

    def document(self) -> tuple[str, str] | None:
        """The best manifestation to read: (kind, URL), or None when it has none of them."""
        return next(((kind, self.urls[kind]) for kind in MANIFESTATIONS if self.urls.get(kind)), None)

    @property
    def metadata_url(self) -> str | None:
        return self.urls.get("metadata")


@dataclass
class SruPage:
    total: int
    records: list[SruRecord]
    next_position: int | None


def query(publication: str, since: str | None = None) -> str:
    cql = f"w.publicatienaam=={publication}"
    if since:
        cql += f" and dt.modified>={since}"
    return cql


DIAG = "{http://docs.oasis-open.org/ns/search-ws/diagnostic}"


def parse_response(data: bytes) -> SruPage:
    root = answer_root(
        data, (f"{SRU}searchRetrieveResponse", f"{SRU}record"), "an SRU 2.0 answer", DocumentError
    )
    diagnostic = root.find(f".//{DIAG}diagnostic")
    if diagnostic is not None:
        words = diagnostic.findtext(f"{DIAG}message") or diagnostic.findtext(f"{DIAG}details") or ""
        raise DocumentError(f"the SRU service reports an error: {' '.join(words.split())[:200]!r}")
    records = []
    found = [root] if root.tag == f"{SRU}record" else list(root.iter(f"{SRU}record"))
    count = (root.findtext(f"{SRU}numberOfRecords") or "").strip()
    if count and not count.isdigit():
        raise DocumentError(f"the SRU answer's numberOfRecords is not a number ({count[:40]!r})")
    total = int(count) if count else len(found)
    for record in found:
        urls = {
            str(u.get("manifestation")): (u.text or "").strip()
            for u in record.iter(f"{GZD}itemUrl")
            if u.get("manifestation") and (u.text or "").strip()
        }
        records.append(
            SruRecord(
                identifier=(record.findtext(f".//{DCTERMS}identifier") or "").strip(),
                title=record.findtext(f".//{DCTERMS}title"),
                modified=record.findtext(f".//{DCTERMS}modified"),
                publication=record.findtext(f".//{OW}publicatienaam"),
                urls=urls,
            )
        )
    position = root.findtext(f"{SRU}nextRecordPosition")
    return SruPage(total, records, int(position) if position and position.strip().isdigit() else None)


def search(
    get: Callable[[str, dict[str, str]], bytes], base_url: str, cql: str, start: int = 1, page_size: int = 100
) -> Iterator[tuple[SruPage, int]]:
    """Every page of a search from ``start``; yields (page, position to resume after it)."""
    position: int | None = start
    while position is not None:
        params = {
            "version": "2.0",
            "operation": "searchRetrieve",
            "query": cql,
            "startRecord": str(position),
            "maximumRecords": str(page_size),
        }
        url = base_url.rstrip("/") + "/sru"
        try:
            page = parse_response(get(url, params))
        except DocumentError as exc:
            raise DocumentError(f"{url}?{urlencode(params)}: {exc}") from None
        resume = page.next_position or position + len(page.records)
        yield page, resume
        if page.next_position is None or page.next_position <= position:
            return
        position = page.next_position
