"""Mutation fuzzing of the whole parser: documents of every format, damaged at random, go
through ``parse_bytes``; anything but a ``DocumentError`` is a finding (a traceback a user
would see).

    .venv/bin/python bench/fuzz_parse.py [SECONDS] [SEED]      # default 300 s, seed 1

Seeds are the bundled sample sets and small documents of each format; each run applies 1–20
mutations (bytes changed, inserted, deleted, or tokens the parser looks for: labels,
markers, identifiers, byte-order marks) under a random file name. It prints the number of
executions and each distinct finding with the end of its traceback.
"""

from __future__ import annotations

import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kamervragen.extract import DocumentError  # noqa: E402
from kamervragen.parse import parse_bytes  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "kamervragen" / "samples"
SEEDS = [path.read_bytes() for path in sorted(SAMPLES.iterdir()) if path.is_file()] + [
    b"<kamervragen><vraag><nr>Vraag 1</nr><al>Is dat zo?</al></vraag>"
    b"<antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord></kamervragen>",
    b'<html><body><div class="vraag"><h2>Vraag 1</h2><p>Is dat zo?</p></div></body></html>',
    b'{"vraagdata": {"a": {"vraag": [{"nr": 1, "tekst": "Is dat zo?"}]}}}',
    b"%PDF-1.4\n",
    b"PK\x03\x04",
]
TOKENS = [b"Vraag 1", b"Antwoord 2", b"\n", b"1)", b"[3]", b" 1 Noot", b"ah-tk-20202021-1", b"\xef\xbb\xbf"]
TOKENS += [b"\x00", b"<", b"(", b"?1", b"\xc2\xb2", b"\n-----\n", b"Mededeling", b"\xff\xfe"]
NAMES = ["x.txt", "x.pdf", "x.docx", "x.xml", "x.html", "x.json", "x.md", "x"]


def mutate(rng: random.Random, data: bytearray) -> bytes:
    for _ in range(rng.randint(1, 20)):
        at = rng.randint(0, max(0, len(data) - 1))
        roll = rng.random()
        if roll < 0.4 and data:
            data[at] = rng.randint(0, 255)
        elif roll < 0.7:
            data[at:at] = bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 30)))
        elif roll < 0.85 and data:
            del data[at : at + rng.randint(1, 30)]
        else:
            data[at:at] = rng.choice(TOKENS)
    return bytes(data)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    runs, findings, start = 0, {}, time.monotonic()
    while time.monotonic() - start < seconds:
        data = mutate(rng, bytearray(rng.choice(SEEDS)))
        runs += 1
        try:
            parse_bytes(data, rng.choice(NAMES))
        except DocumentError:
            pass
        except Exception as exc:  # a finding
            findings.setdefault(f"{type(exc).__name__}: {str(exc)[:80]}", traceback.format_exc()[-800:])
    print(f"{runs:,} executions in {seconds:.0f} s, {len(findings)} distinct findings")
    for key, trace in findings.items():
        print(f"--- {key}\n{trace}")


if __name__ == "__main__":
    main()
