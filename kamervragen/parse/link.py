"""Link: each answer block to the questions it covers; what stays unanswered; the kind."""

from __future__ import annotations

import re

from kamervragen.parse import notice
from kamervragen.parse.segment import Segment
from kamervragen.record import Answer, Question, Record

Block = tuple[Segment, str, list[str]]


def _split_grouped_question(seg: Segment, text: str) -> list[str] | None:
    """``Vraag 3, 4 en 5`` followed by as many paragraphs or question sentences."""
    n = len(seg.numbers)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) == n:
        return paragraphs
    # Lines were joined with single spaces; a new question starts after a "?" (and any
    # footnote marker) where a capital follows. Use those cuts only when they count right.
    cuts = [m.end() for m in re.finditer(r"\?(?:⟦\d+⟧)*\s+(?=[A-Z])", text)]
    if len(cuts) + 1 == n:
        bounds = [0, *cuts, len(text)]
        return [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    sentences = re.findall(r"[^?]*\?\s*", text)
    if len(sentences) == n and "".join(sentences).strip() == text.strip():
        return [s.strip() for s in sentences]
    return None


def _repair_repeated_labels(blocks: list[Block], warnings: list[str]) -> None:
    """ "Vraag 7" printed twice where the second is plainly 8 (no question 8, an answer 8):
    take the second as the missing number."""
    asked = [n for seg, _, _ in blocks if seg.kind == "question" for n in seg.numbers]
    answered = {n for seg, _, _ in blocks if seg.kind == "answer" for n in seg.numbers}
    seen: set[int] = set()
    for seg, _, _ in blocks:
        if seg.kind != "question" or len(seg.numbers) != 1:
            continue
        n = seg.numbers[0]
        if n in seen and n + 1 not in asked and n + 1 in answered:
            warnings.append(f"question {n} is printed twice; the second is taken as {n + 1}")
            seg.numbers = [n + 1]
            asked.append(n + 1)
        seen.add(seg.numbers[0])


def link(record: Record, blocks: list[Block], heading: str) -> None:
    questions: dict[int, Question] = {}
    answers: list[Answer] = []
    warnings = record.warnings
    _repair_repeated_labels(blocks, warnings)
    for seg, text, refs in blocks:
        if seg.kind == "question":
            parts = _split_grouped_question(seg, text) if len(seg.numbers) > 1 else None
            if len(seg.numbers) > 1 and parts is None:
                warnings.append(f"questions {', '.join(map(str, seg.numbers))} share one block of text")
            for i, number in enumerate(seg.numbers or [len(questions) + 1]):
                part = parts[i] if parts else text
                part_refs = [r for r in refs if f"⟦{r}⟧" in part] if parts else refs
                if number in questions:
                    warnings.append(f"question {number} appears twice")
                    questions[number].text += "\n\n" + part
                    continue
                questions[number] = Question(
                    number=number, text=part.strip(), footnotes=list(refs if not parts else part_refs)
                )
        else:
            if not seg.numbers:
                warnings.append("an answer block names no question")
            answers.append(Answer(questions=seg.numbers, text=text, footnotes=refs))
    record.questions = list(questions.values())
    record.answers = answers
    for a in answers:
        for n in a.questions:
            if n not in questions:
                warnings.append(f"answer names question {n}, which is not in the document")
    if record.kind == "notice" and not answers:
        record.kind = notice.record_kind(heading + " " + " ".join(t for _, t, _ in blocks))
        return
    if answers or record.answered_by:
        record.kind = "answer"
        covered = {n for a in answers for n in a.questions}
        record.unanswered = [q.number for q in record.questions if q.number not in covered]
        for n in record.unanswered:
            warnings.append(f"question {n} has no answer")
    else:
        record.kind = "questions"
    numbers = [q.number for q in record.questions]
    if numbers and numbers != list(range(1, len(numbers) + 1)) and numbers[0] == 1:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            warnings.append(f"question numbers skip {', '.join(map(str, missing))}")
    if not record.questions and record.kind in ("questions", "answer"):
        warnings.append("no questions found")
