"""Search and similar questions over a :class:`~kamervragen.store.Store`.

Search parses the query (:mod:`kamervragen.query`), lets the store rank the matching
question and answer blocks (BM25 over Dutch stems and compound parts, title and questions
weighted up, filters applied before the limit) and cuts a snippet from each block's own
text with the matched words marked.

Similar questions: the words of a new question, weighted by how rare they are in the store,
become one OR query over earlier question blocks; the sets found are listed with their
answers. Lexical on purpose: nothing to download, and it explains itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kamervragen.analyze import compound_parts, stem, tokens
from kamervragen.query import Node, Or, Term, parse_query, terms
from kamervragen.record import Record
from kamervragen.store import Filters, Hit, Store

SNIPPET_WORDS = 30
MARK_OPEN, MARK_CLOSE = "**", "**"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _matches(word: str, wanted: set[str], prefixes: tuple[str, ...]) -> bool:
    s = stem(word)
    return (
        s in wanted
        or bool(prefixes and s.startswith(prefixes))
        or any(p in wanted for p in compound_parts(word))
    )


def snippet(text: str, wanted: set[str], prefixes: tuple[str, ...] = (), size: int = SNIPPET_WORDS) -> str:
    """The stretch of ``size`` words with the most matches, matched words marked **so**."""
    words = list(_WORD.finditer(text))
    if not words:
        return ""
    hits = [i for i, m in enumerate(words) if _matches(m.group(0), wanted, prefixes)]
    start = 0
    if hits:
        best = max(hits, key=lambda i: sum(1 for j in hits if i <= j < i + size))
        start = max(0, min(best - 3, len(words) - size))
    end = min(len(words), start + size)
    out: list[str] = []
    pos = words[start].start()
    marked = set(hits)
    for i in range(start, end):
        m = words[i]
        out.append(text[pos : m.start()])
        out.append(f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}" if i in marked else m.group(0))
        pos = m.end()
    piece = "".join(out).strip()
    return ("… " if start > 0 else "") + " ".join(piece.split()) + (" …" if end < len(words) else "")


@dataclass
class Result:
    hit: Hit
    snippet: str

    def passage(self) -> dict[str, object]:
        """What a passage shows, for JSON (the CLI's and the API's)."""
        return {
            "block": self.hit.block,
            "numbers": self.hit.numbers,
            "score": self.hit.score,
            "snippet": self.snippet,
        }


def _results(tree: Node) -> Callable[[Hit], Result]:
    """A hit with its snippet: the words and prefixes of the query marked."""
    wanted = set(terms(tree))
    prefixes = tuple(t.stem for t in _prefix_terms(tree))
    return lambda hit: Result(hit, snippet(hit.text, wanted, prefixes))


def search(store: Store, query: str, filters: Filters | None = None, limit: int = 20) -> list[Result]:
    tree = parse_query(query)
    return list(map(_results(tree), store.search.search(tree, filters or Filters(), limit)))


@dataclass
class SetResult:
    """One set found: the passage that matched best, and the other matching passages."""

    best: Result
    more: list[Result]


@dataclass
class SetResults:
    total: int  # sets that match ("at least", when capped)
    capped: bool
    sets: list[SetResult]


SORTS = ("relevance", "date")


def search_sets(
    store: Store,
    query: str,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str = "relevance",
) -> SetResults:
    """One result per set, with its best passage first (see Search.sets)."""
    tree = parse_query(query)
    found = store.search.sets(tree, filters or Filters(), limit, offset, sort)
    result = _results(tree)
    return SetResults(
        found.total,
        found.capped,
        [SetResult(result(s.best), [result(h) for h in s.more]) for s in found.sets],
    )


def _prefix_terms(node: object) -> list[Term]:
    if isinstance(node, Term):
        return [node] if node.prefix else []
    items = getattr(node, "items", None)
    if items is not None:
        return [t for item in items for t in _prefix_terms(item)]
    include = getattr(node, "include", None)
    return _prefix_terms(include) if include is not None else []


# Words every question uses: they say nothing about its subject.
_QUESTION_WORDS = frozenset(
    stem(w)
    for w in """bent kent klopt kunt wilt deelt acht vindt hoe wat waarom welke wanneer wie minister
    staatssecretaris kabinet bericht artikel mening bereid zo nee ja toelichten aangeven
    reactie vraag vragen antwoord kamer uw u""".split()
)


@dataclass
class Similar:
    record: Record
    set_id: int
    score: float
    question: Hit
    answers: list[tuple[list[int], str]] = field(default_factory=list)


def similar(
    store: Store,
    text: str,
    limit: int = 10,
    exclude_set: int | None = None,
    before: str | None = None,
    terms_used: int = 25,
) -> list[Similar]:
    """Earlier question sets most like ``text`` (a new question), best first."""
    counts: dict[str, int] = {}
    for word in tokens(text):
        s = stem(word)
        if len(s) > 2 and s not in _QUESTION_WORDS and not s.isdigit():
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return []
    total = max(store.index.count(), 1)
    frequency = store.index.document_frequency(list(counts))
    weight = {
        s: n * math.log(1 + total / (1 + frequency[s])) for s, n in counts.items() if frequency.get(s, 0) > 0
    }
    chosen = sorted(weight, key=weight.get, reverse=True)[:terms_used]  # type: ignore[arg-type]
    if not chosen:
        return []
    tree = Or(tuple(Term(s) for s in chosen))
    filters = Filters(block="question", exclude_set=exclude_set, date_to=before)
    hits = store.search.search(tree, filters, limit * 5)
    best: dict[int, Hit] = {}
    for hit in hits:
        if hit.set_id not in best:
            best[hit.set_id] = hit
    out: list[Similar] = []
    for set_id, hit in list(best.items())[:limit]:
        record = store.sets.record(set_id)
        if record is None:
            continue
        answers = [(a.questions, a.text) for a in record.answers if set(a.questions) & set(hit.numbers)]
        out.append(
            Similar(
                record, set_id, hit.score, hit, answers or [(a.questions, a.text) for a in record.answers]
            )
        )
    return out


def question_text(record: Record) -> str:
    return " ".join([record.title or "", *(q.text for q in record.questions)])


__all__ = [
    "Result",
    "SetResult",
    "SetResults",
    "Similar",
    "parse_query",
    "question_text",
    "search",
    "search_sets",
    "similar",
    "snippet",
]
