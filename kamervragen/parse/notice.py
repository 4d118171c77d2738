"""What a Mededeling says about its questions, read from its words: the one place that
tells a postponement from a withdrawal or an answer given by letter.

The Kamer files them all as "Mededeling" or "Mededeling (uitstel antwoord)", and a minister
writes each in other words, so the kind comes from the text (DESIGN.md: only a
postponement is a ``delay_notice``; any other Mededeling is a ``notice``).
"""

from __future__ import annotations

import re
from typing import Literal

from kamervragen.record import Kind

NoticeKind = Literal["delay", "withdrawn", "answered_by_letter", "other"]

_WITHDRAWN = re.compile(r"\bingetrokken\b|\bintrekking\b|\btrekt\b.{0,40}\bin\b", re.I | re.S)
# Answered already, in a letter or another answer: said in the past tense, or pointing at
# a letter that was sent ("bij brief van 3 mei", "zie de brief").
_ANSWERED = re.compile(
    r"\b(?:zijn|is|werden|werd|heb|hebben|heeft)\b[^.]{0,120}?\b(?:beantwoord|afgedaan)\b"
    r"|\bbeantwoord\s+(?:bij|in|met|per|via)\s+(?:de\s+|mijn\s+|onze\s+|een\s+)?(?:kamer)?brief\s+van\b"
    r"|\bzie\s+(?:hiervoor\s+)?(?:de|mijn|onze)\s+(?:kamer)?brief\b"
    r"|\b(?:betrokken|meegenomen|beantwoord)\s+(?:bij|in)\s+(?:de|mijn|onze)\s+(?:kamer)?brief\s+(?:van|d\.d\.)\s+\d",
    re.I | re.S,
)
_DELAY = re.compile(
    r"uitstel|niet binnen de (?:gebruikelijke |gestelde |daarvoor staande )?termijn|kunnen niet binnen|"
    r"niet\s+(?:tijdig|binnen\s+drie\s+weken)|nog\s+niet\s+(?:worden\s+)?beantwoord|"
    r"zo spoedig mogelijk|meer tijd|later\s+(?:worden\s+)?beantwoord",
    re.I,
)


def classify(text: str) -> NoticeKind:
    """The kind of a Mededeling from its text."""
    if _WITHDRAWN.search(text):
        return "withdrawn"
    if _ANSWERED.search(text):
        return "answered_by_letter"
    if _DELAY.search(text):
        return "delay"
    return "other"


def record_kind(text: str) -> Kind:
    """The record kind of a Mededeling: ``delay_notice`` for a postponement, else ``notice``."""
    return "delay_notice" if classify(text) == "delay" else "notice"
