"""The search language, parsed into a small tree any store can run.

    huisuitzetting corona          both words (AND)
    huisuitzetting OR ontruiming   either
    huisuitzetting NOT corona      the first without the second (also: -corona)
    "tweede coronagolf"            the words in this order
    uitzet*                        words beginning so
    (a OR b) c                     grouping

Words are analysed as the index is (see :mod:`kamervragen.analyze`); a malformed query
raises :class:`QueryError` with a message for people, never a stack trace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kamervragen.analyze import fold, stem, tokens


class QueryError(ValueError):
    """A query that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Term:
    stem: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    stems: tuple[str, ...]


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    include: Node
    exclude: Node


Node = Term | Phrase | And | Or | Not

_TOKEN = re.compile(r'\s*(?:(")|(\()|(\))|(-)(?=\S)|([^\s"()]+))')
MAX_QUERY = 500


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise QueryError(f"bij {text[pos : pos + 20]!r} is de zoekvraag niet te lezen")
        quote, open_, close, minus, word = m.groups()
        if quote:
            end = text.find('"', m.end())
            if end == -1:
                raise QueryError('een zinsdeel begint met " maar wordt niet gesloten')
            out.append(("phrase", text[m.end() : end]))
            pos = end + 1
            continue
        if open_:
            out.append(("(", "("))
        elif close:
            out.append((")", ")"))
        elif minus:
            out.append(("NOT", "-"))
        elif word in ("AND", "OR", "NOT"):
            out.append((word, word))
        else:
            out.append(("word", word))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items
        self.pos = 0

    def peek(self) -> str | None:
        return self.items[self.pos][0] if self.pos < len(self.items) else None

    def take(self) -> tuple[str, str]:
        item = self.items[self.pos]
        self.pos += 1
        return item

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek() is not None:
            kind, value = self.take()
            raise QueryError(f"onverwacht {value!r} in de zoekvraag" if kind != ")" else "een ) zonder (")
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        include: list[Node] = []
        exclude: list[Node] = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
                continue
            if self.peek() == "NOT":
                self.take()
                if self.peek() in (None, "OR", ")", "AND", "NOT"):
                    raise QueryError("na NOT (of -) moet een woord of zinsdeel komen")
                exclude.append(self.atom())
            else:
                include.append(self.atom())
        if not include:
            if exclude:
                raise QueryError("een zoekvraag kan niet alleen uitsluiten: geef ook een woord om te zoeken")
            raise QueryError("een lege zoekvraag of groep: geef ten minste één woord")
        node: Node = include[0] if len(include) == 1 else And(tuple(include))
        for item in exclude:
            node = Not(node, item)
        return node

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "(":
            node = self.or_expr()
            if self.peek() != ")":
                raise QueryError("een ( wordt niet gesloten")
            self.take()
            return node
        if kind == "phrase":
            stems = tuple(stem(w) for w in tokens(value))
            if not stems:
                raise QueryError('een leeg zinsdeel ""')
            return Term(stems[0]) if len(stems) == 1 else Phrase(stems)
        if kind == "word":
            prefix = value.endswith("*")
            words = tokens(value.rstrip("*"))
            if not words:
                raise QueryError(f"in {value!r} staat geen woord om te zoeken")
            if prefix:
                return (
                    Term(fold(words[-1]), prefix=True)
                    if len(words) == 1
                    else Phrase(tuple(stem(w) for w in words))
                )
            if len(words) > 1:  # "covid-19", "e-mail": the parts in order
                return Phrase(tuple(stem(w) for w in words))
            return Term(stem(words[0]))
        raise QueryError(f"onverwacht {value!r} in de zoekvraag")


def parse_query(text: str) -> Node:
    if len(text) > MAX_QUERY:
        raise QueryError(f"de zoekvraag is langer dan {MAX_QUERY} tekens")
    if not text.strip():
        raise QueryError("de zoekvraag is leeg")
    return _Parser(_lex(text)).parse()


def terms(node: Node) -> list[str]:
    """The stems a query looks for (not those it excludes), for highlighting."""
    if isinstance(node, Term):
        return [node.stem]
    if isinstance(node, Phrase):
        return list(node.stems)
    if isinstance(node, Not):
        return terms(node.include)
    return [t for item in node.items for t in terms(item)]
