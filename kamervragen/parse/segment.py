"""Segment: find the question and answer labels and cut the body into blocks.

Label styles found in the corpus: ``Vraag 1``, ``Vraag 3, 4 en 5``, ``Vragen 2 en 3``,
``Antwoord 1``, ``Antwoord vraag 7, 8 en 9``, ``Antwoord 3, 4, 5``, ``Antwoord op vraag 1``,
``Antwoord op vragen 2 en 3``, ``Antwoord op vraag 3 en 8``, and numbered questions
``1.`` / ``1)`` followed by ``Antwoord:`` or ``Antwoord``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

_NUM = r"\d{1,3}[a-z]?"
_NUMS = rf"{_NUM}(?:\s*(?:,|\ben\b|t/m|tot en met|–|-|&)\s*{_NUM})*"
_QUESTION_LABEL = re.compile(rf"^Vra(?:ag|gen)\s+(?P<nums>{_NUMS})\s*[:.]?\s*(?P<rest>.*)$", re.I)
_ANSWER_LABEL = re.compile(
    rf"^Antwoord(?:en)?(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?\s*(?P<nums>{_NUMS})?\s*(?P<colon>[:.])?\s*(?P<rest>.*)$",
    re.I,
)
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s?[.)]\s*(?P<rest>\S.*)?$")
_RANGE = re.compile(r"(\d+)\s*(?:t/m|tot en met|–|-)\s*(\d+)")


@dataclass
class Segment:
    kind: Literal["question", "answer"]
    numbers: list[int]
    lines: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class Segmented:
    heading: list[str]
    segments: list[Segment]
    trailer: list[str] = field(default_factory=list)


def parse_numbers(text: str) -> list[int]:
    """``"7, 8 en 9"`` → [7, 8, 9]; ``"2 t/m 4"`` → [2, 3, 4]."""
    numbers: list[int] = []
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a < 50:
            numbers.extend(range(a, b + 1))
    text = _RANGE.sub(" ", text)
    numbers.extend(int(n) for n in re.findall(r"\d+", text))
    return sorted(set(numbers))


def _answer_label(line: str) -> re.Match[str] | None:
    m = _ANSWER_LABEL.match(line)
    if not m:
        return None
    rest = m.group("rest")
    # "Antwoord van Minister X (ontvangen …)" is the heading, not a label.
    if not m.group("nums") and rest and not m.group("colon"):
        return None
    if m.group("nums") and rest and not m.group("colon") and rest[:1].islower():
        return None
    return m


def segment(lines: list[str]) -> Segmented:
    has_vraag_labels = sum(1 for line in lines if _QUESTION_LABEL.match(line)) >= 1
    segments: list[Segment] = []
    heading: list[str] = []
    expected = 1
    last_question: list[int] = []
    for line in lines:
        q = _QUESTION_LABEL.match(line) if has_vraag_labels else None
        a = None if q else _answer_label(line)
        n = None
        if not q and not a and not has_vraag_labels:
            n = _NUMBERED.match(line)
            if n and int(n.group("num")) != expected:
                n = None
            if n and segments and segments[-1].kind == "question" and not any(
                s.kind == "answer" for s in segments
            ) and False:
                n = None
        if q:
            numbers = parse_numbers(q.group("nums"))
            seg = Segment("question", numbers, label=line)
            if q.group("rest"):
                seg.lines.append(q.group("rest"))
            segments.append(seg)
            last_question = numbers
            expected = max(numbers) + 1 if numbers else expected
        elif a and (segments or heading):
            numbers = parse_numbers(a.group("nums") or "")
            if not numbers:
                # "Antwoord:" after a numbered question: it answers the questions since the
                # previous answer.
                numbers = _open_questions(segments) or list(last_question)
            seg = Segment("answer", numbers, label=line)
            if a.group("rest"):
                seg.lines.append(a.group("rest"))
            segments.append(seg)
        elif n:
            num = int(n.group("num"))
            seg = Segment("question", [num], label=line)
            if n.group("rest"):
                seg.lines.append(n.group("rest"))
            segments.append(seg)
            last_question = [num]
            expected = num + 1
        elif segments:
            segments[-1].lines.append(line)
        else:
            heading.append(line)
    return Segmented(heading=heading, segments=segments)


def _open_questions(segments: list[Segment]) -> list[int]:
    """Question numbers after the last answer block."""
    numbers: list[int] = []
    for seg in reversed(segments):
        if seg.kind == "answer":
            break
        numbers = seg.numbers + numbers
    return numbers
