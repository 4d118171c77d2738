"""A case: one Zaak of soort "Schriftelijke vragen" with all its documents — the questions,
delay notices, the answer, a later "nader" answer, a withdrawal — and what follows from
them: when the answer was due, whether it came, and how late.

The rules (Reglement van Orde): an answer is due three weeks after the questions were
submitted, unless the Zaak names a ``termijn``; a delay notice (Mededeling, uitstel) gives
three weeks more. Pure functions over plain data; the store keeps the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

Status = Literal["open", "answered", "late", "late_without_notice", "withdrawn"]

QUESTIONS = "Schriftelijke vragen"
ANSWER = "Antwoord schriftelijke vragen"
LATER_ANSWER = "Antwoord schriftelijke vragen (nader)"
DELAY = "Mededeling (uitstel antwoord)"
NOTICE = "Mededeling"
KNOWN_SOORTEN = {QUESTIONS, ANSWER, LATER_ANSWER, DELAY, NOTICE}
KNOWN_RELATIONS = {"Indiener", "Medeindiener", "Gericht aan"}
TERM = timedelta(weeks=3)


@dataclass
class Document:
    id: str
    soort: str
    datum: str | None
    nummer: str | None = None
    aanhangselnummer: str | None = None


@dataclass
class Case:
    nummer: str
    zaak_id: str
    title: str | None
    submitted_on: str | None
    termijn: str | None = None
    documents: list[Document] = field(default_factory=list)
    due_on: str | None = None
    notice_on: str | None = None
    answered_on: str | None = None
    status: Status = "open"
    days_taken: int | None = None
    unknown_soorten: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)  # ZaakActor.Relatie of each actor

    @property
    def unknown_relations(self) -> list[str]:
        return sorted(set(self.relations) - KNOWN_RELATIONS)


def _first(documents: list[Document], soort: str) -> str | None:
    dates = sorted(d.datum[:10] for d in documents if d.soort == soort and d.datum)
    return dates[0] if dates else None


def assess(case: Case, today: date) -> Case:
    """Fill in due date, status and days taken from the case's documents."""
    docs = case.documents
    submitted = case.submitted_on or _first(docs, QUESTIONS)
    case.submitted_on = submitted
    case.notice_on = _first(docs, DELAY)
    case.answered_on = _first(docs, ANSWER) or _first(docs, LATER_ANSWER)
    case.unknown_soorten = sorted({d.soort for d in docs if d.soort not in KNOWN_SOORTEN})
    if submitted is None:
        case.status = "answered" if case.answered_on else "open"
        return case
    start = date.fromisoformat(submitted)
    due = date.fromisoformat(case.termijn[:10]) if case.termijn else start + TERM
    if case.notice_on:
        due += TERM
    case.due_on = due.isoformat()
    end = date.fromisoformat(case.answered_on) if case.answered_on else None
    case.days_taken = (end - start).days if end else None
    withdrawn = any(d.soort == NOTICE for d in docs) and not end
    if withdrawn:
        case.status = "withdrawn"
    elif (end or today) <= due:
        case.status = "answered" if end else "open"
    elif case.notice_on is None:
        case.status = "late_without_notice"
    else:
        case.status = "late"
    return case
