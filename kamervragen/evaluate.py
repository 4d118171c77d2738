"""Accuracy of the parser against golden records written by hand (``tests/golden``).

A golden file names a document of the corpus and gives the expected record(s); every key it
gives is compared, keys it leaves out are not. Texts compare with whitespace collapsed; a long
block may be given by its first and last words plus snippets it must contain.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamervragen.extract import DocumentError
from kamervragen.parse import parse_path
from kamervragen.record import Record

SCALARS = (
    "id",
    "kind",
    "oral",
    "chamber",
    "session_year",
    "appendix_number",
    "case_number",
    "title",
    "submitted_on",
    "received_on",
    "unanswered",
)
LISTS = ("submitters", "addressees", "answered_by")
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def text_mismatch(expected: dict[str, Any], actual: str) -> str | None:
    """None when the text matches; otherwise where it first goes wrong, in words."""
    got = squash(actual)
    if "text" in expected:
        want = squash(expected["text"])
        if got == want:
            return None
        at = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want))
        )
        return f"differs at {at}: expected …{want[max(0, at - 30) : at + 50]!r}, got …{got[max(0, at - 30) : at + 50]!r}"
    if "text_start" in expected and not got.startswith(squash(expected["text_start"])):
        return f"starts {got[:90]!r}, expected {squash(expected['text_start'])!r}"
    if "text_end" in expected and not got.endswith(squash(expected["text_end"])):
        return f"ends {got[-120:]!r}, expected {squash(expected['text_end'])!r}"
    for snippet in expected.get("contains", []):
        if squash(snippet) not in got:
            return f"lacks {squash(snippet)!r}"
    return None


def text_matches(expected: dict[str, Any], actual: str) -> bool:
    return text_mismatch(expected, actual) is None


def _people(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """People compare on what the golden gives; absent keys and nulls are the same."""
    out = []
    for item in items or []:
        clean = {k: v for k, v in item.items() if v not in (None, [])}
        if "on_behalf_of" in clean:
            clean["on_behalf_of"] = _people(clean["on_behalf_of"])
        out.append(clean)
    return out


@dataclass
class Outcome:
    """Per field: how many checks passed, and the failures in words."""

    passed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, where: str, detail: str = "") -> None:
        self.total[name] += 1
        if ok:
            self.passed[name] += 1
        else:
            self.failures.append(f"{where}: {name} {detail}".rstrip())


def compare(expected: dict[str, Any], record: Record, where: str, out: Outcome) -> None:
    actual = record.model_dump()
    for key in SCALARS:
        if key in expected:
            out.check(
                key, actual[key] == expected[key], where, f"expected {expected[key]!r}, got {actual[key]!r}"
            )
    for key in LISTS:
        if key in expected:
            want, got = _people(expected[key]), _people(actual[key])
            out.check(key, want == got, where, f"expected {want}, got {got}")
    if "questions" in expected:
        want_numbers = [q["number"] for q in expected["questions"]]
        got_by_number = {q["number"]: q for q in actual["questions"]}
        out.check(
            "questions.numbers",
            want_numbers == [q["number"] for q in actual["questions"]],
            where,
            f"expected {want_numbers}, got {list(got_by_number)}",
        )
        for q in expected["questions"]:
            got_q = got_by_number.get(q["number"])
            if any(k in q for k in ("text", "text_start", "text_end", "contains")):
                problem = text_mismatch(q, got_q["text"]) if got_q else "missing"
                out.check("questions.text", problem is None, where, f"question {q['number']}: {problem}")
            if "footnotes" in q:
                out.check(
                    "questions.footnotes",
                    got_q is not None and got_q["footnotes"] == q["footnotes"],
                    where,
                    f"question {q['number']}: expected {q['footnotes']}, got {got_q['footnotes'] if got_q else None}",
                )
    if "answers" in expected:
        want_groups = [a["questions"] for a in expected["answers"]]
        got_groups = [a["questions"] for a in actual["answers"]]
        out.check(
            "answers.questions", want_groups == got_groups, where, f"expected {want_groups}, got {got_groups}"
        )
        for a in expected["answers"]:
            match = next((g for g in actual["answers"] if g["questions"] == a["questions"]), None)
            if any(k in a for k in ("text", "text_start", "text_end", "contains")):
                problem = text_mismatch(a, match["text"]) if match else "missing"
                out.check("answers.text", problem is None, where, f"answer {a['questions']}: {problem}")
            if "footnotes" in a:
                out.check(
                    "answers.footnotes",
                    match is not None and match["footnotes"] == a["footnotes"],
                    where,
                    f"answer {a['questions']}: expected {a['footnotes']}, got {match['footnotes'] if match else None}",
                )
    if "footnotes" in expected:
        want_notes = [(f["number"], sorted(f.get("urls", []))) for f in expected["footnotes"] or []]
        got_notes = [(f["number"], sorted(f["urls"])) for f in actual["footnotes"]]
        out.check("footnotes", want_notes == got_notes, where, f"expected {want_notes}, got {got_notes}")
        got_texts = {f["number"]: squash(f["text"]) for f in actual["footnotes"]}
        for note in expected["footnotes"] or []:
            if "text" in note:
                got_text = got_texts.get(note["number"])
                out.check(
                    "footnotes.text",
                    got_text == squash(note["text"]),
                    where,
                    f"footnote {note['number']}: expected {squash(note['text'])!r}, got {got_text!r}",
                )


def evaluate(golden_dir: Path, corpus: Path) -> tuple[Outcome, list[str]]:
    """Compare every golden file in ``golden_dir``; returns the outcome and unreadable files."""
    out = Outcome()
    problems: list[str] = []
    for path in sorted(golden_dir.glob("*.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        source = corpus / golden["source"]
        try:
            records = parse_path(source)
        except (DocumentError, OSError) as exc:
            problems.append(f"{source}: {exc}")
            out.check("document", False, path.stem, str(exc))
            continue
        expected_records = golden["records"]
        out.check(
            "records",
            len(records) == len(expected_records),
            path.stem,
            f"expected {len(expected_records)} record(s), got {len(records)}",
        )
        for i, expected in enumerate(expected_records):
            if i < len(records):
                compare(
                    expected, records[i], f"{path.stem}[{i}]" if len(expected_records) > 1 else path.stem, out
                )
    return out, problems


def report(out: Outcome) -> str:
    lines = [f"{'field':<22} {'correct':>8} {'of':>5} {'accuracy':>9}"]
    for name in sorted(out.total):
        p, t = out.passed[name], out.total[name]
        lines.append(f"{name:<22} {p:>8} {t:>5} {100 * p / t:>8.1f}%")
    p, t = sum(out.passed.values()), sum(out.total.values())
    lines.append(f"{'all checks':<22} {p:>8} {t:>5} {100 * p / t if t else 0:>8.1f}%")
    return "\n".join(lines)
