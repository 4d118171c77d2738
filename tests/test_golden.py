"""Golden tests: the parser against records written by hand (tests/golden), field by field.

Documents with fields the parser still gets wrong are listed in ``known_failures.json`` with
those fields and why; any *other* field failing is a regression, and a listed field that
starts passing must be taken off the list (so the list only shrinks).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamervragen.evaluate import Outcome, compare, squash
from kamervragen.parse import parse_path

from .conftest import GOLDEN

KNOWN = json.loads((GOLDEN.parent / "known_failures.json").read_text(encoding="utf-8"))
FILES = sorted(GOLDEN.glob("*.json"))
FURNITURE = (
    "ISSN 0921",
    "’s-Gravenhage 20",
    "Aanhangsel van de Handelingen",
    "Tweede Kamer der Staten-Generaal",
)


def _failing_fields(path: Path, corpus: Path) -> tuple[set[str], Outcome, list]:
    """Fields that fail for one golden document (plus "furniture" left in any text)."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    records = parse_path(corpus / golden["source"])
    out = Outcome()
    out.check("records", len(records) == len(golden["records"]), path.stem)
    for expected, record in zip(golden["records"], records, strict=False):
        compare(expected, record, path.stem, out)
    for record in records:
        for block in [*record.questions, *record.answers]:
            text = squash(block.text)
            leftover = [f for f in FURNITURE if f in text]
            out.check(
                "furniture", not leftover, path.stem, f"page furniture {leftover} left in: {text[:200]}"
            )
    failing = {name for name in out.total if out.passed[name] < out.total[name]}
    return failing, out, records


def test_golden_set_is_large_enough() -> None:
    kinds = {p.name.split("--")[0] for p in FILES}
    assert len(FILES) >= 41
    assert {"seed", "pdf", "text", "docx", "historic", "wetsuite"} <= kinds


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden(path: Path, corpus: Path) -> None:
    failing, out, records = _failing_fields(path, corpus)
    known = set(KNOWN.get(path.stem, {}).get("fields", []))
    unexpected = failing - known
    assert not unexpected, "\n".join(f for f in out.failures if f.split(": ")[1].split()[0] in unexpected)
    fixed = known - failing
    assert not fixed, f"now correct, take off known_failures.json: {sorted(fixed)}"


def test_seed_exactly(corpus: Path) -> None:
    """The seed's record as DESIGN.md states it."""
    [record] = parse_path(corpus / "seed" / "000_4e958d3993e5ed75.txt")
    assert len(record.questions) == 9
    assert [a.questions for a in record.answers] == [[1, 2], [3], [4, 5], [6], [7, 8, 9]]
    assert [(m.name, m.party) for m in record.submitters] == [
        ("Beckerman", "SP"),
        ("Smeulders", "GroenLinks"),
        ("Nijboer", "PvdA"),
    ]
    assert record.submitted_on == "2020-09-30"
    assert [f.urls for f in record.footnotes] == [
        [
            "https://bondprecairewoonvormen.nl/2020/09/stop-huisuitzetting-jean-pierre-zorgmedewerker-uit-denhaag/"
        ]
    ]
    assert record.questions[0].footnotes == ["1"]
    assert "Jean-Pierre" in record.questions[1].text
    assert record.unanswered == [] and record.warnings == []
