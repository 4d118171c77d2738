"""The same answer (ah-tk-20202021-3235) as KOOP XML, HTML and PDF gives the same record."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamervragen.evaluate import squash
from kamervragen.parse import parse_path


@pytest.fixture(scope="module")
def records(corpus: Path) -> dict:
    base = corpus / "koop" / "ah-tk-20202021-3235"
    return {fmt: parse_path(base.with_suffix(f".{fmt}"))[0] for fmt in ("xml", "html", "pdf")}


def test_xml_record(records: dict) -> None:
    xml = records["xml"]
    assert xml.id == "ah-tk-20202021-3235"
    assert xml.kind == "answer" and xml.chamber == "Tweede Kamer"
    assert xml.session_year == "2020-2021" and xml.appendix_number == 3235
    assert xml.case_number == "2021Z09739"
    assert xml.submitted_on == "2021-06-03" and xml.received_on == "2021-06-21"
    assert [(m.name, m.party) for m in xml.submitters] == [
        ("Van Weyenberg", "D66"),
        ("Romke de Jong", "D66"),
        ("Kat", "D66"),
    ]
    assert [(a.role, a.name, a.portfolio) for a in xml.answered_by] == [
        ("Minister", "Koolmees", "Sociale Zaken en Werkgelegenheid")
    ]
    assert xml.title == "de TOZO"


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_same_as_xml(records: dict, fmt: str) -> None:
    xml, other = records["xml"], records[fmt]
    for key in ("kind", "title", "submitted_on", "received_on", "submitters", "addressees", "answered_by"):
        assert getattr(other, key) == getattr(xml, key), key
    assert [q.number for q in other.questions] == [q.number for q in xml.questions]
    assert [a.questions for a in other.answers] == [a.questions for a in xml.answers]
    for a, b in zip(other.questions + other.answers, xml.questions + xml.answers, strict=True):
        assert squash(a.text) == squash(b.text)
