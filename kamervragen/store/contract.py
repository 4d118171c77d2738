"""What the store's parts promise each other, and the types they share.

A backend brings a connection (:class:`~kamervragen.store.sql.Database`), its migrations and
a :class:`SearchIndex`; the records, sync-mirror and statistics jobs are written once over
the connection in portable SQL. The contract test suite runs every promise on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from kamervragen.query import Node

# "conflict": the record claimed a stored set's id but says otherwise (see
# records.disagreements); it was stored as a set of its own and the stored one kept.
Outcome = Literal["new", "updated", "unchanged", "conflict"]


@dataclass
class Hit:
    set_id: int
    block_id: int
    block: Literal["question", "answer"]
    numbers: list[int]
    score: float
    text: str
    doc_id: str | None
    case_number: str | None
    title: str | None
    submitted_on: str | None
    kind: str
    status: str = "open"
    submitters: list[str] = field(default_factory=list)


@dataclass
class IndexedBlock:
    """One question or answer block as the index takes it: analysed text per field (see
    kamervragen.analyze) and the facet tokens of its set (see filters.facet_tokens)."""

    block_id: int
    set_id: int
    kind: str
    title: str
    body: str
    parts: str
    notes: str
    facets: list[str]
    submitted_on: str | None
    outcome: str
    due_on: str | None


class SearchIndex(Protocol):
    """A backend's full-text index over the blocks, written in the records' transaction."""

    def add(self, blocks: list[IndexedBlock]) -> None: ...
    def remove(self, block_ids: list[int]) -> None: ...
    def relive(self, set_ids: list[int], outcome: str, due_on: str | None) -> None:
        """A new outcome and due date for every block of these sets."""

    def rank(
        self, query: Node, groups: list[list[str]], checks: tuple[list[str], list[object]], limit: int
    ) -> list[tuple[int, float]]:
        """Block ids and BM25-like scores (higher is better) of the best ``limit`` matches of
        ``query`` among the blocks carrying a token of every group and passing the checks
        (portable SQL over alias ``f`` with columns set_id, submitted_on, outcome, due_on)."""

    def facet_rows(
        self, query: Node, groups: list[list[str]], checks: tuple[list[str], list[object]], sample: int
    ) -> Iterator[tuple[int, list[str], str, str | None]]:
        """(set_id, facet tokens, outcome, due_on) of up to ``sample`` matching blocks."""

    def document_frequency(self, stems: list[str]) -> dict[str, int]: ...
    def count(self) -> int: ...
    def check(self) -> list[str]: ...
