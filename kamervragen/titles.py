"""The title a set is shown under: the one place that decides it.

A set's record keeps the title as the document printed it (the subject after "over" in
"Vragen van … over …"), or none. Pages, feeds, exports and the search index show this one:
the printed subject with its first letter raised, cut at a word boundary when an OCR page
ran into it; else the first words of the first question; never an identifier or the bare
word "Kamervragen".
"""

from __future__ import annotations

import re

from kamervragen.record import Record

MAX_CHARS = 160
FIRST_WORDS = 14
_IDENTIFIER = re.compile(r"^(?:kv|ah|h|kst|blg)-[\w-]+$|^\d{4}Z\d{5}$", re.I)
_EMPTY = {"", "kamervragen", "vragen", "antwoord", "schriftelijke vragen"}


def title(record: Record) -> str:
    printed = " ".join((record.title or "").split())
    if printed.lower() not in _EMPTY and not _IDENTIFIER.match(printed):
        return _cut(printed[:1].upper() + printed[1:])
    if record.questions:
        words = record.questions[0].text.split()
        if words:
            return " ".join(words[:FIRST_WORDS]) + (" …" if len(words) > FIRST_WORDS else "")
    kind = {"answer": "Antwoord", "delay_notice": "Uitstel", "notice": "Mededeling"}.get(
        record.kind, "Vragen"
    )
    who = ", ".join(m.name for m in record.submitters[:3])
    return f"{kind} {('van ' + who) if who else ''}".strip() + (
        f" ({record.submitted_on})" if record.submitted_on else ""
    )


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"
