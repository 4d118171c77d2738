"""The search and browse filters, declared once, and what they ask of a stored set.

Every filter is declared here (:data:`FILTERS`: its name, how a person writes it, the help
text) and read by the command line and the web app. A :class:`Filters` value becomes a
:class:`Plan` in one place (:func:`plan`): groups of facet tokens that the search index
intersects with the words (each backend indexes the same tokens, see :func:`facet_tokens`),
plus the few checks left for the rows the tokens let through (exact dates, the due date that
makes a pending set open or overdue today, paging bounds). Both backends render a plan;
neither decides what a filter means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from kamervragen import life
from kamervragen.record import Record

# A date filter may name a year, a month or a day; see through() for the upper bound.
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
KINDS = ("questions", "answer", "delay_notice", "notice")


@dataclass(frozen=True)
class Declared:
    name: str  # attribute of Filters and web parameter
    option: str  # command-line option
    help: str
    pattern: str | None = None  # what a value must look like (web and CLI check it)


FILTERS: tuple[Declared, ...] = (
    Declared("member", "--member", "Asked by this member (part of the name)."),
    Declared("party", "--party", "Asked by a member of this party."),
    Declared("ministry", "--ministry", "Addressed to this ministry (part of the portfolio)."),
    Declared("minister", "--minister", "Answered by this minister (name or portfolio)."),
    Declared("date_from", "--from", "Submitted on or after (YYYY-MM-DD, YYYY-MM or YYYY).", PARTIAL_DATE),
    Declared("date_to", "--to", "Submitted on or before (YYYY-MM-DD, YYYY-MM or YYYY).", PARTIAL_DATE),
    Declared("session_year", "--session-year", "Vergaderjaar, e.g. 2023-2024.", r"\d{4}-\d{4}"),
    Declared("kind", "--kind", "Document kind: " + ", ".join(KINDS) + ".", "|".join(KINDS)),
    Declared(
        "status",
        "--status",
        "Status: "
        + ", ".join(life.STATUSES)
        + "; or unanswered (open+overdue), late (overdue+answered_late).",
        "|".join(life.STATUS_FILTERS),
    ),
)


@dataclass
class Filters:
    """Restrictions applied inside the search, before any limit."""

    member: str | None = None
    party: str | None = None
    ministry: str | None = None
    minister: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    session_year: str | None = None
    kind: str | None = None
    status: str | None = None  # a life.Status or one of its shorthands
    block: Literal["question", "answer"] | None = None
    exclude_set: int | None = None
    # Paging pins the sets stored when the first page was served, so sets that arrive in
    # between do not shift the later pages.
    upto_set: int | None = None
    today: date | None = None  # the day open and overdue are judged on (default life.today())


def invalid(name: str, value: str) -> str | None:
    """Why a filter value is refused, in one sentence, or None."""
    declared = next(d for d in FILTERS if d.name == name)
    if declared.pattern and not re.fullmatch(declared.pattern, value):
        return f"{declared.option} {value!r}: {declared.help}"
    if declared.pattern == PARTIAL_DATE and not _real_date(value):
        return f"{declared.option} {value!r}: die datum bestaat niet"
    return None


def _real_date(value: str) -> bool:
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


# -- facet tokens: what the index knows of a set, per block ------------------------------

OUTCOME_TOKENS: dict[str, str] = {
    "pending": "spending",
    "answered": "sanswered",
    "answered_late": "slate",
    "withdrawn": "swithdrawn",
}


def facet_tokens(
    record: Record,
    block: str,
    outcome: str,
    people: list[int],
    parties: list[int],
    addressees: list[int],
    answerers: list[int],
) -> list[str]:
    """What the filters can ask of a block, as index tokens: y2024 (year) d202 (decade)
    sy20232024 (session) kanswer (kind) spending/sanswered/slate/swithdrawn (the set's
    outcome, see kamervragen.life) bq/ba (block) m12 (member) p3 (party) a7 (addressed
    office) r9 (answering office)."""
    tokens = []
    if record.submitted_on:
        tokens += [f"y{record.submitted_on[:4]}", f"d{record.submitted_on[:3]}"]
    if record.session_year:
        tokens.append("sy" + record.session_year.replace("-", ""))
    tokens.append(_kind_token(record.kind))
    tokens.append(OUTCOME_TOKENS[outcome])
    if block:
        tokens.append("bq" if block == "question" else "ba")
    tokens += [f"m{i}" for i in people] + [f"p{i}" for i in dict.fromkeys(parties)]
    tokens += [f"a{i}" for i in addressees] + [f"r{i}" for i in answerers]
    return tokens


def _kind_token(kind: str) -> str:
    return "k" + ("delay" if kind == "delay_notice" else re.sub(r"\W", "", kind))


# -- from filters to a plan ----------------------------------------------------------------


class Names(Protocol):
    """Looks up the ids behind the names a filter gives (implemented by the store)."""

    def ids(self, what: Literal["member", "party", "ministry", "minister"], value: str) -> list[int]: ...


@dataclass
class Plan:
    """A filter as the index applies it: every group must match one of its tokens; the
    row checks then decide exactly (columns submitted_on, due_on, outcome, set_id)."""

    groups: list[list[str]] = field(default_factory=list)
    submitted_from: str | None = None
    submitted_through: str | None = None
    statuses: tuple[life.Status, ...] | None = None
    today: str = ""
    exclude_set: int | None = None
    upto_set: int | None = None

    def checks(self, alias: str, set_id: str = "set_id") -> tuple[list[str], list[object]]:
        """The row checks as portable SQL over a row with the plan's columns (the set's
        number in column ``set_id``)."""
        where: list[str] = []
        params: list[object] = []
        if self.submitted_from:
            where.append(f"{alias}.submitted_on >= ?")
            params.append(self.submitted_from)
        if self.submitted_through:
            where.append(f"{alias}.submitted_on <= ?")
            params.append(self.submitted_through)
        if self.statuses is not None:
            sql, args = status_condition(alias, self.statuses, self.today)
            where.append(sql)
            params += args
        if self.exclude_set is not None:
            where.append(f"{alias}.{set_id} != ?")
            params.append(self.exclude_set)
        if self.upto_set is not None:
            where.append(f"{alias}.{set_id} <= ?")
            params.append(self.upto_set)
        return where, params


def status_condition(alias: str, statuses: tuple[str, ...], today: str) -> tuple[str, list[object]]:
    """Statuses as SQL over a row's outcome and due date: the one rendering of life.status
    (a pending set is overdue once its due date is before today)."""
    parts: list[str] = []
    params: list[object] = []
    for status in statuses:
        if status == "open":
            parts.append(f"({alias}.outcome = 'pending' AND ({alias}.due_on IS NULL OR {alias}.due_on >= ?))")
            params.append(today)
        elif status == "overdue":
            parts.append(f"({alias}.outcome = 'pending' AND {alias}.due_on < ?)")
            params.append(today)
        else:
            parts.append(f"{alias}.outcome = ?")
            params.append(status)
    return "(" + " OR ".join(parts) + ")", params


def through(date_to: str) -> str:
    """An upper bound that includes the whole period a partial date names: "2024" and
    "2024-03" reach to their last day ("~" sorts after every digit and "-")."""
    return date_to + "~"


def years(date_from: str | None, date_to: str | None) -> list[str]:
    """Facet tokens covering a date range: whole decades as d199, the rest as y1998."""
    first = int(date_from[:4]) if date_from else 1800
    last = int(date_to[:4]) if date_to else date.today().year + 1
    tokens, year = [], first
    while year <= last:
        if year % 10 == 0 and year + 9 <= last:
            tokens.append(f"d{year // 10}")
            year += 10
        else:
            tokens.append(f"y{year}")
            year += 1
    return tokens


def plan(filters: Filters, names: Names) -> Plan | None:
    """The plan of a filter; None when a filter names no one in the store (nothing matches)."""
    out = Plan(exclude_set=filters.exclude_set, upto_set=filters.upto_set)
    for what, prefix in (("member", "m"), ("party", "p"), ("ministry", "a"), ("minister", "r")):
        value = getattr(filters, what)
        if value:
            found = names.ids(what, value)  # type: ignore[arg-type]
            if not found:
                return None
            out.groups.append([f"{prefix}{i}" for i in found])
    if filters.date_from or filters.date_to:
        out.groups.append(years(filters.date_from, filters.date_to))
        out.submitted_from = filters.date_from
        out.submitted_through = through(filters.date_to) if filters.date_to else None
    if filters.session_year:
        out.groups.append(["sy" + re.sub(r"\D", "", filters.session_year)])
    if filters.kind:
        out.groups.append([_kind_token(filters.kind)])
    if filters.status:
        statuses = life.statuses(filters.status)
        outcomes = {"pending" if s in ("open", "overdue") else s for s in statuses}
        out.groups.append(sorted(OUTCOME_TOKENS[o] for o in outcomes))
        if any(s in ("open", "overdue") for s in statuses):
            # Whether a pending set is open or overdue depends on the day: a row check.
            out.statuses = statuses
            out.today = (filters.today or life.today()).isoformat()
    if filters.block:
        out.groups.append(["bq" if filters.block == "question" else "ba"])
    return out


# -- facets: counts per party, ministry, year and status for a search --------------------

FACETS = ("party", "ministry", "year", "status")


@dataclass
class FacetCounts:
    """How many matching sets carry each value: {"party": [("SP", 12), …], …}, by count."""

    values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
