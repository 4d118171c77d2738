"""Known failures of the golden tests, counted: per document and field, how many checks pass
and of how many (``known_failures.json``). The golden test fails when a count drops, and
also when it rises, so that the file always holds the best count reached and a later
regression back to an old level is seen.

    .venv/bin/python -m tests.known_failures      # write the counts; refuses to lower one
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kamervragen.evaluate import Outcome, compare, squash
from kamervragen.parse import parse_path

FILE = Path(__file__).parent / "known_failures.json"
GOLDEN = Path(__file__).parent / "golden"
# Page furniture that must never be left in a block's text.
FURNITURE = (
    "ISSN 0921",
    "’s-Gravenhage 20",
    "Aanhangsel van de Handelingen",
    "Tweede Kamer der Staten-Generaal",
)


def load() -> dict[str, dict]:
    return json.loads(FILE.read_text(encoding="utf-8"))


def outcome(path: Path, corpus: Path) -> Outcome:
    """Every check of one golden document (plus "furniture" left in any text)."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    records = parse_path(corpus / golden["source"])
    out = Outcome()
    out.check("records", len(records) == len(golden["records"]), path.stem)
    for i, (expected, record) in enumerate(zip(golden["records"], records, strict=False)):
        where = f"{path.stem}[{i}]" if len(golden["records"]) > 1 else path.stem
        compare(expected, record, where, out)
    for record in records:
        for block in [*record.questions, *record.answers]:
            text = squash(block.text)
            leftover = [f for f in FURNITURE if f in text]
            out.check(
                "furniture", not leftover, path.stem, f"page furniture {leftover} left in: {text[:200]}"
            )
    return out


def counts(out: Outcome) -> dict[str, list[int]]:
    """[passed, total] of each field that does not pass fully."""
    return {
        name: [out.passed[name], out.total[name]]
        for name in sorted(out.total)
        if out.passed[name] < out.total[name]
    }


def problems(name: str, out: Outcome, known: dict[str, dict]) -> list[str]:
    """How the document's counts differ from the recorded ones, in words; empty when equal."""
    recorded = known.get(name, {}).get("passing", {})
    now = counts(out)
    found = []
    for field in sorted(set(recorded) | set(now)):
        was = recorded.get(field, [out.total.get(field, 0)] * 2)
        is_ = now.get(field, [out.passed.get(field, 0), out.total.get(field, 0)])
        if is_[0] < was[0]:
            found.append(f"{field}: {is_[0]} of {is_[1]} checks pass, {was[0]} did")
        elif is_ != was:
            found.append(
                f"{field}: now {is_[0]} of {is_[1]} (recorded {was[0]} of {was[1]}): run python -m tests.known_failures"
            )
    return found


def main(corpus: Path) -> int:
    known = load()
    new: dict[str, dict] = {}
    worse = []
    for path in sorted(GOLDEN.glob("*.json")):
        out = outcome(path, corpus)
        now = counts(out)
        for field, (passed, _) in now.items():
            was = known.get(path.stem, {}).get("passing", {}).get(field)
            if was is not None and passed < was[0]:
                worse.append(f"{path.stem} {field}: {passed} < {was[0]}")
        # A field not listed before passed fully: failing now is a regression, not a count.
        old_fields = known.get(path.stem, {}).get("passing", {})
        worse += [
            f"{path.stem} {f}: newly failing" for f in now if f not in old_fields and path.stem in known
        ]
        worse += [f"{path.stem}: newly failing {sorted(now)}" for _ in [0] if now and path.stem not in known]
        if now:
            new[path.stem] = {"why": known.get(path.stem, {}).get("why", "?"), "passing": now}
    if worse:
        print("Not written: these counts would get worse:\n" + "\n".join(worse))
        return 1
    FILE.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{FILE.name}: {sum(len(v['passing']) for v in new.values())} fields of {len(new)} documents")
    return 0


if __name__ == "__main__":
    from tests.conftest import CORPUS

    sys.exit(main(CORPUS))
