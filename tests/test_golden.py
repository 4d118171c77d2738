"""Golden tests: the parser against records written by hand (tests/golden), field by field.

Documents with fields the parser still gets wrong are counted in ``known_failures.json``
(per field: checks passed, of how many, and why); a count that drops is a regression, and
one that rises must be recorded (``python -m tests.known_failures``), so the counts only
improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kamervragen.parse import parse_path

from .conftest import GOLDEN
from .known_failures import load, outcome, problems

KNOWN = load()
FILES = sorted(GOLDEN.glob("*.json"))


def test_golden_set_is_large_enough() -> None:
    kinds = {p.name.split("--")[0] for p in FILES}
    assert len(FILES) >= 41
    assert {"seed", "pdf", "text", "docx", "historic", "wetsuite"} <= kinds


def test_known_failures_name_golden_files() -> None:
    assert set(KNOWN) <= {p.stem for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden(path: Path, corpus: Path) -> None:
    out = outcome(path, corpus)
    found = problems(path.stem, out, KNOWN)
    fields = {p.split(":")[0] for p in found}
    failed = [f for f in out.failures if f.split(": ", 1)[1].split()[0] in fields]
    assert not found, "\n".join(found + failed)


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
