"""The record: the one data model every part of kamervragen speaks.

Field meanings are those of DESIGN.md. The JSON Schema shipped in
``kamervragen/record.schema.json`` is generated from these classes
(``python -m kamervragen.record``) and a test keeps the two in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["questions", "answer", "delay_notice", "notice"]
Chamber = Literal["Tweede Kamer", "Eerste Kamer"]

SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Member(_Model):
    """A member of parliament who asked, with the party as printed."""

    name: str
    party: str | None = None


class Office(_Model):
    """A government office: role and portfolio, and the holder's name when printed."""

    role: str
    name: str | None = None
    portfolio: str | None = None


class Answerer(Office):
    """Who answered (or sent a notice); ``on_behalf_of`` lists "mede namens"."""

    on_behalf_of: list[Office] = Field(default_factory=list)


class Question(_Model):
    number: int
    text: str
    footnotes: list[str] = Field(default_factory=list)


class Answer(_Model):
    questions: list[int]
    text: str
    footnotes: list[str] = Field(default_factory=list)


class Footnote(_Model):
    number: str
    text: str
    urls: list[str] = Field(default_factory=list)


class Record(_Model):
    """One question set as one document tells it."""

    id: str | None = None
    kind: Kind = "questions"
    oral: bool = False
    chamber: Chamber | None = None
    session_year: str | None = None
    appendix_number: int | None = None
    case_number: str | None = None
    title: str | None = None
    submitted_on: str | None = Field(default=None, description="ISO date (ingezonden)")
    received_on: str | None = Field(default=None, description="ISO date (ontvangen)")
    submitters: list[Member] = Field(default_factory=list)
    addressees: list[Office] = Field(default_factory=list)
    answered_by: list[Answerer] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    unanswered: list[int] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    see_also: list[str] = Field(
        default_factory=list, description='"Zie ook Aanhangsel …" references, as printed'
    )
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/kamervragen/kamervragen/record.schema.json"
    return schema


if __name__ == "__main__":
    SCHEMA_PATH.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {SCHEMA_PATH}")
