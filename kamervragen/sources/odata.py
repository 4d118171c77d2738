"""The Tweede Kamer OData API: v4 now, v5 announced with renamed fields. The mapping from
its field names to the names the SyncFeed (and so the rest of kamervragen) uses lives here
and only here."""

from __future__ import annotations

# SyncFeed element → OData field, per API version.
FIELDS: dict[str, dict[str, str]] = {
    "v4": {
        "nummer": "Nummer", "soort": "Soort", "onderwerp": "Onderwerp", "titel": "Titel",
        "gestartOp": "GestartOp", "termijn": "Termijn", "vergaderjaar": "Vergaderjaar",
        "documentNummer": "DocumentNummer", "datum": "Datum", "aanhangselnummer": "Aanhangselnummer",
        "relatie": "Relatie", "actorNaam": "ActorNaam", "actorFractie": "ActorFractie", "functie": "Functie",
    },
    "v5": {
        "nummer": "Nummer", "soort": "Soort", "onderwerp": "Onderwerp", "titel": "Titel",
        "gestartOp": "GestartOp", "termijn": "Termijn", "vergaderjaar": "Vergaderjaar",
        "documentNummer": "DocumentNummer", "datum": "Datum", "aanhangselnummer": "AanhangselNummer",
        "relatie": "Relatie", "actorNaam": "Naam", "actorFractie": "FractieNaam", "functie": "Functie",
    },
}
BASE = {"v4": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/", "v5": "https://gegevensmagazijn.tweedekamer.nl/OData/v5/"}


def to_syncfeed(entity: dict[str, object], version: str = "v4") -> dict[str, str]:
    """An OData entity's fields under the SyncFeed's names (unknown fields are dropped here
    but kept in the raw payload by the caller)."""
    mapping = FIELDS[version]
    return {name: str(entity[odata]) for name, odata in mapping.items() if entity.get(odata) is not None}
