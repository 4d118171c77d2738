"""The Tweede Kamer OData API: v4 now, v5 announced with renamed fields. The mapping from
its field names to the names the SyncFeed (and so the rest of kamervragen) uses lives here
and only here."""

from __future__ import annotations

import json
from collections.abc import Iterator

# SyncFeed element → OData field, per API version; v5 renames three of v4's fields.
_V4 = {
    "nummer": "Nummer",
    "soort": "Soort",
    "onderwerp": "Onderwerp",
    "titel": "Titel",
    "gestartOp": "GestartOp",
    "termijn": "Termijn",
    "vergaderjaar": "Vergaderjaar",
    "documentNummer": "DocumentNummer",
    "datum": "Datum",
    "aanhangselnummer": "Aanhangselnummer",
    "relatie": "Relatie",
    "actorNaam": "ActorNaam",
    "actorFractie": "ActorFractie",
    "functie": "Functie",
}
FIELDS: dict[str, dict[str, str]] = {
    "v4": _V4,
    "v5": {**_V4, "aanhangselnummer": "AanhangselNummer", "actorNaam": "Naam", "actorFractie": "FractieNaam"},
}
BASE = {
    "v4": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/",
    "v5": "https://gegevensmagazijn.tweedekamer.nl/OData/v5/",
}


def to_syncfeed(entity: dict[str, object], version: str = "v4") -> dict[str, str]:
    """An OData entity's fields under the SyncFeed's names (unknown fields are dropped here
    but kept in the raw payload by the caller)."""
    mapping = FIELDS[version]
    return {name: str(entity[odata]) for name, odata in mapping.items() if entity.get(odata) is not None}


def zaken_url(base: str, since: str | None = None, version: str = "v4") -> tuple[str, dict[str, str]]:
    """The query for the written-question Zaken (with their documents and actors) changed
    since a date; OData pages on with ``@odata.nextLink``."""
    condition = "Soort eq 'Schriftelijke vragen' and Verwijderd eq false"
    if since:
        condition += f" and GewijzigdOp ge {since}T00:00:00Z"
    return base.rstrip("/") + "/Zaak", {"$filter": condition, "$expand": "Document,ZaakActor"}


def zaken(
    get: object, base: str, since: str | None = None, version: str = "v4"
) -> Iterator[dict[str, object]]:
    """Every Zaak of written questions as a dict: the Zaak's fields under SyncFeed names,
    with ``documents`` and ``actors`` likewise; the raw entity under ``raw``."""
    url, params = zaken_url(base, since, version)
    next_url: str | None = url
    while next_url:
        body = json.loads(get(next_url, params if next_url == url else None))  # type: ignore[operator]
        for entity in body.get("value", []):
            yield {
                **to_syncfeed(entity, version),
                "id": entity.get("Id"),
                "documents": [
                    to_syncfeed(d, version) | {"id": d.get("Id")} for d in entity.get("Document", [])
                ],
                "actors": [
                    to_syncfeed(a, version) | {"id": a.get("Id")} for a in entity.get("ZaakActor", [])
                ],
                "raw": entity,
            }
        next_url = body.get("@odata.nextLink")
