"""A case: one Zaak of soort "Schriftelijke vragen" with all its documents — the questions,
delay notices, the answer, a later "nader" answer, a withdrawal — and what follows from
them: when the answer was due, whether it came, and how late.

The rules are kamervragen.life's, the one place that decides a set's life; this module
turns a Zaak's documents into its events. Pure functions over plain data; the store keeps
the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kamervragen import life

QUESTIONS = "Schriftelijke vragen"
KNOWN_SOORTEN = {*life.SOORT_EVENTS, life.NOTICE_SOORT}  # what each says happened is decided there
KNOWN_RELATIONS = {"Indiener", "Medeindiener", "Gericht aan"}


@dataclass
class Document:
    id: str
    soort: str
    datum: str | None
    nummer: str | None = None
    aanhangselnummer: str | None = None
    notice: str | None = None  # what a Mededeling says (kamervragen.parse.notice), once read


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
    status: life.Outcome = "pending"  # see kamervragen.life
    days_taken: int | None = None
    unknown_soorten: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)  # ZaakActor.Relatie of each actor

    @property
    def unknown_relations(self) -> list[str]:
        return sorted(set(self.relations) - KNOWN_RELATIONS)


def assess(case: Case) -> Case:
    """Fill in due date, outcome and days taken from the case's documents (the rules are
    kamervragen.life's; open or overdue is decided when asked, from ``due_on``)."""
    docs = case.documents
    events = life.case_events(
        case.submitted_on, [(d.soort, d.datum[:10] if d.datum else None, d.notice) for d in docs]
    )
    lived = life.assess(events, case.termijn, "sync")
    case.submitted_on = lived.submitted_on
    case.due_on = lived.due_on
    case.notice_on = lived.delay_notices[0] if lived.delay_notices else None
    case.answered_on = lived.answered_on
    case.status = lived.outcome
    case.days_taken = lived.days_taken
    case.unknown_soorten = sorted({d.soort for d in docs if d.soort not in KNOWN_SOORTEN})
    return case
