"""The search job of the store: a parsed query and filters in, ranked hits out.

The backend's index ranks the blocks (filters applied inside it, before the limit); this
job weighs questions above answers, gathers the blocks into one result per set, adds what
a result shows of its set, and counts the
facets of a search in the vocabulary people read (party and ministry names, years,
statuses), never in the index's tokens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kamervragen import life
from kamervragen.query import Node, terms
from kamervragen.store.contract import Hit, SearchIndex
from kamervragen.store.filters import FacetCounts, Filters
from kamervragen.store.records import Records

QUESTION_BOOST = 1.3
# Blocks ranked to gather a search's sets: past this the count is "at least" (capped).
GROUP_CAP = 1000


@dataclass
class SetHit:
    """A set found: its best matching block, and its other matching blocks, best first."""

    best: Hit
    more: list[Hit]


@dataclass
class SetPage:
    total: int  # sets matching, among the first GROUP_CAP blocks
    capped: bool  # True: more blocks matched than were gathered
    sets: list[SetHit]


class Search:
    def __init__(self, index: SearchIndex, records: Records) -> None:
        self.index = index
        self.records = records

    def search(self, query: Node, filters: Filters, limit: int) -> list[Hit]:
        plan = self.records.plan(filters)
        if plan is None:
            return []
        # Questions weigh more than answers: rank a few more than asked, boost, then cut.
        ranked = self.index.rank(query, plan.groups, plan.checks("f"), limit * 3)
        hits = self.records.hits(ranked)
        out = [hits[block_id] for block_id, _ in ranked if block_id in hits]
        for hit in out:
            hit.score = round(hit.score * (QUESTION_BOOST if hit.block == "question" else 1.0), 4)
        out.sort(key=lambda h: -h.score)
        return out[:limit]

    def sets(
        self, query: Node, filters: Filters, limit: int, offset: int = 0, sort: str = "relevance"
    ) -> SetPage:
        """One result per set: its best matching block and the others, best first; the
        sets ordered by their best block (``sort="relevance"``) or newest first
        (``"date"``), ``limit`` of them from ``offset``, and how many sets match in all
        (among the best :data:`GROUP_CAP` blocks)."""
        plan = self.records.plan(filters)
        if plan is None:
            return SetPage(0, False, [])
        ranked = self.index.rank(query, plan.groups, plan.checks("f"), GROUP_CAP)
        owners = self.records.owners([block_id for block_id, _ in ranked])
        per_set: dict[int, list[tuple[int, float]]] = {}
        for block_id, score in ranked:
            if block_id in owners:
                set_id, kind, _ = owners[block_id]
                boosted = round(score * (QUESTION_BOOST if kind == "question" else 1.0), 4)
                per_set.setdefault(set_id, []).append((block_id, boosted))
        # A set asked by the member (or party) a query names, or addressed to the ministry
        # it names, comes before sets that only mention them (every set found holds every
        # word of the query, so this only reorders them).
        named = self.records.named_sets(set(terms(query)), list(per_set))
        for blocks in per_set.values():
            blocks.sort(key=lambda b: -b[1])
        dates = {set_id: submitted for set_id, _, submitted in owners.values()}
        if sort == "date":
            order = sorted(per_set, key=lambda s: (dates.get(s) or "", s), reverse=True)
        else:
            order = sorted(per_set, key=lambda s: (s not in named, -per_set[s][0][1], s))
        chosen = order[offset : offset + limit]
        hits = self.records.hits([b for s in chosen for b in per_set[s]])
        out = []
        for set_id in chosen:
            found = []
            for block_id, score in per_set[set_id]:
                if block_id in hits:
                    hits[block_id].score = score  # with the question boost
                    found.append(hits[block_id])
            if found:
                out.append(SetHit(found[0], found[1:]))
        return SetPage(len(per_set), len(ranked) >= GROUP_CAP, out)

    def facets(self, query: Node, filters: Filters, sample: int = 20_000) -> FacetCounts:
        """How many matching sets have each party, addressed ministry, year and status,
        over at most ``sample`` matching blocks."""
        plan = self.records.plan(filters)
        if plan is None:
            return FacetCounts()
        today = filters.today or life.today()
        per_set: dict[int, list[str]] = {}
        statuses: Counter[str] = Counter()
        for set_id, facets, outcome, due_on in self.index.facet_rows(
            query, plan.groups, plan.checks("f"), sample
        ):
            if set_id not in per_set:
                per_set[set_id] = [t for t in facets if t[:1] in "pay" and not t.startswith("sy")]
                statuses[life.status(outcome, due_on, today)] += 1
        wanted = {t for tokens in per_set.values() for t in tokens}
        parties = self.records.names("party", [int(t[1:]) for t in wanted if t[0] == "p"])
        offices = self.records.names("office", [int(t[1:]) for t in wanted if t[0] == "a"])
        values: dict[str, Counter[str]] = {"party": Counter(), "ministry": Counter(), "year": Counter()}
        for tokens in per_set.values():
            names = {("year", t[1:]) for t in tokens if t[0] == "y"}
            names |= {("party", parties[int(t[1:])]) for t in tokens if t[0] == "p" and int(t[1:]) in parties}
            names |= {
                ("ministry", offices[int(t[1:])]) for t in tokens if t[0] == "a" and int(t[1:]) in offices
            }
            for facet, name in names:
                values[facet][name] += 1
        out = FacetCounts({k: v.most_common() for k, v in values.items() if v})
        if statuses:
            out.values["status"] = statuses.most_common()
        return out
