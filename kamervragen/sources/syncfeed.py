"""The Tweede Kamer SyncFeed: Atom pages of entities (Zaak, Document, ZaakActor, Persoon,
Fractie, DocumentVersie), each page pointing to the next with a ``skiptoken``. A sync keeps
the last token per category and starts there next time, so a second run reads only what
changed; an entity marked ``verwijderd`` is to be removed.

Entities are read by local element names, so a field the Kamer adds later is kept in
``fields`` rather than breaking the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from lxml import etree

from kamervragen.sources.http import answer_root

CATEGORIES = ("Persoon", "Fractie", "Zaak", "ZaakActor", "Document", "DocumentVersie")
ATOM = "{http://www.w3.org/2005/Atom}"
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"


class FeedError(Exception):
    """A page that is not a readable SyncFeed page."""


@dataclass
class Entity:
    category: str
    id: str
    deleted: bool
    updated: str | None
    fields: dict[str, str] = field(default_factory=dict)
    refs: dict[str, list[str]] = field(default_factory=dict)
    resource: str | None = None  # the entry's enclosure: the file of a Document, a photo


@dataclass
class Page:
    entities: list[Entity]
    next_token: str | None  # the feed's own next page, absent on the last page
    resume_token: str | None  # after the last entry on this page: where a later sync starts


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _flag(element: etree._Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


def parse_entity(element: etree._Element) -> Entity:
    fields: dict[str, str] = {}
    refs: dict[str, list[str]] = {}
    for child in element:
        name = _local(child.tag)
        if not name:
            continue
        ref = child.get("ref")
        if ref is not None:
            refs.setdefault(name, []).append(ref)
        elif len(child) == 0 and child.text is not None:
            fields[name] = child.text.strip()
    return Entity(
        category=_local(element.tag),
        id=element.get("id") or "",
        deleted=(_flag(element, "verwijderd") or "false").lower() == "true",
        updated=_flag(element, "bijgewerkt"),
        fields=fields,
        refs=refs,
    )


def parse_page(data: bytes) -> Page:
    root = answer_root(data, (f"{ATOM}feed",), "an Atom feed page", FeedError)
    entities = []
    resume = None
    for entry in root.iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        element = next((c for c in content if isinstance(c.tag, str)), None) if content is not None else None
        if element is not None:
            if etree.QName(element).namespace != TK:
                raise FeedError(
                    f"an entry holds <{_local(element.tag)}> outside the Kamer's namespace {TK} "
                    f"(in {etree.QName(element).namespace or 'no namespace'})"
                )
            entity = parse_entity(element)
            entity.resource = next(
                (link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"),
                None,
            )
            entities.append(entity)
        # The Kamer's advice: keep each entry's own next link and resume from the last one,
        # since the last page has no next link of its own.
        resume = _token(entry) or resume
    next_token = _token(root)
    return Page(entities, next_token, resume or next_token)


def _token(element: etree._Element) -> str | None:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel") == "next":
            query = parse_qs(urlparse(link.get("href") or "").query)
            return next(iter(query.get("skiptoken", [])), None)
    return None


def pages(
    get: object, base_url: str, category: str, skiptoken: str | None
) -> Iterator[tuple[Page, str | None]]:
    """Every page of a category from ``skiptoken`` on; yields (page, token to resume after it)."""
    url = base_url.rstrip("/") + "/SyncFeed/2.0/Feed"
    token = skiptoken
    while True:
        params = {"category": category}
        if token:
            params["skiptoken"] = token
        page = _fetch_page(get, url, params)
        yield page, page.resume_token or token
        if not page.next_token or page.next_token == token:
            return
        token = page.next_token


def _fetch_page(get: object, url: str, params: dict[str, str], attempts: int = 3) -> Page:
    """A page, fetched again when it came back unreadable (a body cut off mid-way)."""
    problem: FeedError | None = None
    for _ in range(attempts):
        try:
            return parse_page(get(url, params))  # type: ignore[operator]
        except FeedError as exc:
            problem = exc
    raise FeedError(f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}: {problem}")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def resource_url(base_url: str, entity_id: str) -> str:
    """Where the SyncFeed serves an entity's file when its entry names no enclosure."""
    return base_url.rstrip("/") + f"/SyncFeed/2.0/Resources/{entity_id}"


def date_of(value: str | None) -> str | None:
    """The date part of a SyncFeed date or timestamp."""
    m = _DATE.match(value or "")
    return m.group(0) if m else None
