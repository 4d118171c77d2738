"""One name per party and ministry (kamervragen.names), whatever the document printed."""

from __future__ import annotations

import pytest

from kamervragen import names


@pytest.mark.parametrize(
    "printed, name",
    [
        ("V.V.D.", "VVD"),
        ("P.v.d.A.", "PvdA"),
        ("C.D.A.", "CDA"),
        ("Groen Links", "GroenLinks"),
        ("GL-PvdA", "GroenLinks-PvdA"),
        ("GroenLinks–PvdA", "GroenLinks-PvdA"),
        ("D'66", "D66"),
        ("Christen Unie", "ChristenUnie"),
        ("Partij voor de Dieren", "PvdD"),
        ("50+", "50PLUS"),
        ("Nieuw Sociaal Contract", "NSC"),
        ("Een Nieuwe Partij", "Een Nieuwe Partij"),  # not listed: kept as printed
    ],
)
def test_party_spellings(printed: str, name: str) -> None:
    assert names.party(printed) == name
    assert names.party(name) == name, "the one name is its own name"


@pytest.mark.parametrize(
    "printed, name",
    [
        ("Volksgezondheid Welzijn en Sport", "Volksgezondheid, Welzijn en Sport"),
        ("VWS", "Volksgezondheid, Welzijn en Sport"),
        ("J&V", "Justitie en Veiligheid"),
        ("BZK", "Binnenlandse Zaken en Koninkrijksrelaties"),
        (
            "Binnenlandse Zaken en Koninkrijksrelaties, bij afwezigheid van de Minister",
            "Binnenlandse Zaken en Koninkrijksrelaties",
        ),
        ("Justitie a.i.", "Justitie"),
        ("Asiel en migratie", "Asiel en Migratie"),
        ("Natuur en Stikstof", "Natuur en Stikstof"),  # a portfolio of its own: as printed
    ],
)
def test_ministry_spellings(printed: str, name: str) -> None:
    assert names.ministry(printed) == name
    assert names.ministry(name) == name


def test_mergers_are_history_not_one_party() -> None:
    assert names.successors("PvdA") == ["GroenLinks-PvdA"] and names.successors("GroenLinks") == [
        "GroenLinks-PvdA"
    ]
    assert set(names.party_info("CDA").merged_from) == {"KVP", "ARP", "CHU"}  # type: ignore[union-attr]
    assert names.party("KVP") == "KVP", "a party that merged keeps its own name for its own years"


def test_every_alias_is_unambiguous() -> None:
    seen: dict[str, str] = {}
    for p in names.PARTIES:
        for spelling in (p.name, p.full, *p.aliases):
            key = names._key(spelling)
            assert seen.setdefault(key, p.name) == p.name, spelling
    seen = {}
    for m in names.MINISTRIES:
        for spelling in (m.name, *m.aliases):
            assert seen.setdefault(names._key(spelling), m.name) == m.name, spelling
