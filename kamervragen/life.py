"""The life of a question set: asked, perhaps postponed, then answered, withdrawn or still
open — and from that its due date, its status and the days it took.

This module is the one place that decides these facts (see "The life of a question set" in
DESIGN.md). Everything known about a set is first turned into :class:`Event` s — from the
parsed documents (:func:`record_events`) and from the SyncFeed case history
(:func:`case_events`) — and :func:`assess` works out the rest. Pure functions, no store.

Time: "open" becomes "overdue" when the due date passes without a new document. The store
keeps what does not change with time (:attr:`Life.outcome`: answered, answered late,
withdrawn, or still pending) together with the due date, and :func:`status` decides
open or overdue when asked, against :func:`today`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kamervragen.parse import notice

Status = Literal["open", "overdue", "answered", "answered_late", "withdrawn"]
STATUSES: tuple[Status, ...] = ("open", "overdue", "answered", "answered_late", "withdrawn")
# Shorthands of the status filter, never rules of their own.
SHORTHANDS: dict[str, tuple[Status, ...]] = {
    "unanswered": ("open", "overdue"),
    "late": ("overdue", "answered_late"),
}
STATUS_FILTERS = STATUSES + tuple(SHORTHANDS)
# In Dutch, for pages and messages.
LABELS: dict[str, str] = {
    "open": "open, binnen de termijn",
    "overdue": "onbeantwoord en te laat",
    "answered": "op tijd beantwoord",
    "answered_late": "te laat beantwoord",
    "withdrawn": "ingetrokken",
    "unanswered": "onbeantwoord",
    "late": "te laat",
}

# What does not change as days pass; "pending" is open or overdue by the due date.
Outcome = Literal["pending", "answered", "answered_late", "withdrawn"]
OUTCOMES: tuple[Outcome, ...] = ("pending", "answered", "answered_late", "withdrawn")

EventKind = Literal["asked", "delay", "answer", "withdrawal"]
TERM = timedelta(weeks=3)  # Reglement van Orde: three weeks, three more after a delay notice


def today() -> date:
    """The day statuses are judged on: ``KAMERVRAGEN_TODAY`` (YYYY-MM-DD) when set — to
    reproduce figures as of a day, and for tests — else the calendar's."""
    fixed = os.environ.get("KAMERVRAGEN_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: str | None  # ISO date; None when the source does not say


@dataclass(frozen=True)
class Life:
    outcome: Outcome
    submitted_on: str | None
    due_on: str | None
    answered_on: str | None  # the first answer; a later ("nader") answer does not move it
    days_taken: int | None
    delay_notices: tuple[str, ...]
    known_from: Literal["documents", "sync"]  # "sync" when the SyncFeed knows the case

    def status(self, on: date | None = None) -> Status:
        return status(self.outcome, self.due_on, on)


def status(outcome: str, due_on: str | None, on: date | None = None) -> Status:
    """The status of a set with this outcome and due date, on a day (default: today)."""
    if outcome != "pending":
        return outcome  # type: ignore[return-value]
    if due_on and due_on < (on or today()).isoformat():
        return "overdue"
    return "open"


def statuses(name: str) -> tuple[Status, ...]:
    """The statuses a filter value stands for: itself, or the ones a shorthand names."""
    if name in SHORTHANDS:
        return SHORTHANDS[name]
    if name in STATUSES:
        return (name,)
    raise ValueError(f"unknown status {name!r}; known: {', '.join(STATUS_FILTERS)}")


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def assess(events: Iterable[Event], termijn: str | None = None, known_from: str = "documents") -> Life:
    """Due date, outcome and days taken from everything known about one set.

    Due: ``termijn`` when the Zaak names one, else three weeks after submission; three weeks
    more when a delay notice came before the answer. Days taken run from submission to the
    first answer. A withdrawal counts only when no answer came."""
    events = list(events)

    def first(kind: str) -> date | None:
        days = sorted(d for e in events if e.kind == kind and (d := _day(e.on)) is not None)
        return days[0] if days else None

    submitted = first("asked")
    answered = first("answer")
    answer_known = answered is not None or any(e.kind == "answer" for e in events)
    # A notice counts when it came before the answer (or its date is not known).
    delays = [_day(e.on) for e in events if e.kind == "delay"]
    delays = [d for d in delays if d is None or answered is None or d <= answered]
    notices = sorted({d for d in delays if d is not None})
    due = _day(termijn) or (submitted + TERM if submitted else None)
    if due is not None and delays:
        due += TERM
    outcome: Outcome
    if answer_known:
        late = answered is not None and due is not None and answered > due
        outcome = "answered_late" if late else "answered"
    elif any(e.kind == "withdrawal" for e in events):
        outcome = "withdrawn"
    else:
        outcome = "pending"
    return Life(
        outcome=outcome,
        submitted_on=submitted.isoformat() if submitted else None,
        due_on=due.isoformat() if due else None,
        answered_on=answered.isoformat() if answered else None,
        days_taken=(answered - submitted).days if answered and submitted else None,
        delay_notices=tuple(d.isoformat() for d in notices),
        known_from="sync" if known_from == "sync" else "documents",
    )


def record_events(
    kind: str, submitted_on: str | None, received_on: str | None, text: str = ""
) -> list[Event]:
    """What one parsed document says happened: it was asked on ``submitted_on``, and —
    by its kind — postponed, answered or withdrawn on ``received_on``. ``text`` is read
    only for a Mededeling (withdrawn, or answered by letter)."""
    events = [Event("asked", submitted_on)]
    if kind == "delay_notice":
        events.append(Event("delay", received_on))
    elif kind == "answer":
        events.append(Event("answer", received_on))
    elif kind == "notice":
        said = notice.classify(text)
        if said in NOTICE_EVENTS:
            events.append(Event(NOTICE_EVENTS[said], received_on))
    return events


# What a Mededeling's words mean for the life (kamervragen.parse.notice); one that says
# something else ("other") says nothing about it.
NOTICE_EVENTS: dict[str, EventKind] = {
    "delay": "delay",
    "withdrawn": "withdrawal",
    "answered_by_letter": "answer",
}


# Document.Soort values of the SyncFeed (see kamervragen.cases) that say by their kind
# what happened.
SOORT_EVENTS: dict[str, EventKind] = {
    "Schriftelijke vragen": "asked",
    "Antwoord schriftelijke vragen": "answer",
    "Antwoord schriftelijke vragen (nader)": "answer",
    "Mededeling (uitstel antwoord)": "delay",
}
# A plain Mededeling says what happened only in its words: a withdrawal, an answer by
# letter, a postponement or something else (kamervragen.parse.notice reads them).
NOTICE_SOORT = "Mededeling"


def case_events(
    submitted_on: str | None, documents: Iterable[tuple[str, str | None, str | None]]
) -> list[Event]:
    """What a SyncFeed case says happened: the Zaak's start and its documents
    (``(soort, datum, what a Mededeling says)``); documents of unknown kinds, and a
    Mededeling not (yet) read, say nothing about the life."""
    events = [Event("asked", submitted_on)] if submitted_on else []
    for soort, datum, said in documents:
        if soort in SOORT_EVENTS:
            events.append(Event(SOORT_EVENTS[soort], datum))
        elif soort == NOTICE_SOORT and said in NOTICE_EVENTS:
            events.append(Event(NOTICE_EVENTS[str(said)], datum))
    return events
