"""Segment: find the question and answer labels and cut the body into blocks.

Label styles found in the corpus: ``Vraag 1``, ``Vraag 3, 4 en 5``, ``Vragen 2 en 3``,
``Antwoord 1``, ``Antwoord vraag 7, 8 en 9``, ``Antwoord 3, 4, 5``, ``Antwoord op vraag 1``,
``Antwoord op vragen 2 en 3``, ``Antwoord op vraag 3 en 8``, ``Ad 5``, and numbered
questions ``1.`` / ``1)`` followed by ``Antwoord:`` or ``Antwoord``. A Mededeling after
the blocks ends them (``Segmented.trailer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

_NUM = r"\d{1,3}[a-z]?"
_NUMS = rf"{_NUM}(?:(?:\s*(?:,\s*en\b|,|\ben\b|t/m|tot en met|–|-|&)\s*|\s+){_NUM}\b)*"
_QUESTION_LABEL = re.compile(rf"^Vra(?:ag|gen)\s+(?P<nums>{_NUMS})\s*[:.]?\s*(?P<rest>.*)$", re.I)
_ANSWER_LABEL = re.compile(
    rf"^(?:Antwoord(?:en)?(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?|Ad(?=\s+\d))"
    rf"\s*(?P<nums>{_NUMS})?\s*(?P<colon>[:.])?\s*(?P<rest>.*)$",
    re.I,
)
# A Mededeling printed after the questions ends them: its text is no question's.
_NOTICE = re.compile(r"^Mededeling\s+(?:van|\()", re.I)
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})(?:\s?[.)]\s*(?P<rest>\S.*)?|\s*)$")
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
        if len(m.group(1)) > 4 or len(m.group(2)) > 4:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a < 50:
            numbers.extend(range(a, b + 1))
    text = _RANGE.sub(" ", text)
    numbers.extend(int(n) for n in re.findall(r"(?<!\d)\d{1,4}(?!\d)", text))
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
    for at, line in enumerate(lines):
        if segments and _NOTICE.match(line):
            return Segmented(heading, _split_unlabelled_answers(segments), trailer=lines[at:])
        q = _QUESTION_LABEL.match(line) if has_vraag_labels else None
        a = None if q else _answer_label(line)
        n = None
        if not q and not a and not has_vraag_labels:
            n = _NUMBERED.match(line)
            if n and int(n.group("num")) != expected:
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
    return Segmented(heading=heading, segments=_split_unlabelled_answers(segments))


def _split_unlabelled_answers(segments: list[Segment]) -> list[Segment]:
    """A ministry letter sometimes forgets the "Antwoord" label: the question is the first
    paragraph, the answer the paragraphs after it."""
    if not any(s.kind == "answer" for s in segments):
        return segments
    out: list[Segment] = []
    for i, seg in enumerate(segments):
        out.append(seg)
        following = segments[i + 1] if i + 1 < len(segments) else None
        if seg.kind != "question" or (following is not None and following.kind == "answer"):
            continue
        for j, line in enumerate(seg.lines):
            rest = [x for x in seg.lines[j + 1 :] if x.strip()]
            if not line.strip() and j > 0 and seg.lines[j - 1].rstrip().endswith("?") and rest:
                answer = Segment("answer", list(seg.numbers), seg.lines[j + 1 :], label="")
                seg.lines = seg.lines[:j]
                out.append(answer)
                break
    return out


def split_grouped_question(seg: Segment) -> list[list[str]] | None:
    """``Vraag 3, 4 en 5`` heading one paragraph per question: cut where a line ends in a
    question mark and the next begins with a capital, preferring the shortest such lines (a
    paragraph's last line is seldom full)."""
    n = len(seg.numbers)
    lines = seg.lines
    blank_cuts = [i for i, line in enumerate(lines) if not line.strip() and 0 < i < len(lines) - 1]
    if len(blank_cuts) == n - 1:
        cuts = blank_cuts
    else:
        candidates = [
            i + 1
            for i in range(len(lines) - 1)
            if re.search(r"\?(?:⟦\w+⟧)*$", lines[i].rstrip()) and lines[i + 1][:1].isupper()
        ]
        if len(candidates) < n - 1:
            # A question may end in a full stop ("… een vergelijkbare situatie speelde."):
            # then only a short last line tells the paragraph ended.
            longest = max((len(line) for line in lines), default=0)
            candidates += [
                i + 1
                for i in range(len(lines) - 1)
                if lines[i].rstrip().endswith(".")
                and len(lines[i]) < 0.6 * longest
                and lines[i + 1][:1].isupper()
            ]
        if len(candidates) < n - 1:
            return None
        cuts = sorted(sorted(candidates, key=lambda i: len(lines[i - 1]))[: n - 1])
    bounds = [0, *cuts, len(lines)]
    return [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _open_questions(segments: list[Segment]) -> list[int]:
    """Question numbers after the last answer block."""
    numbers: list[int] = []
    for seg in reversed(segments):
        if seg.kind == "answer":
            break
        numbers = seg.numbers + numbers
    return numbers
