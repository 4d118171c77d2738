"""Every input bounded (issue 10): documents built to cost time by the square of their size
are parsed in a child process, and its time and peak memory must stay under a generous
ceiling (a ceiling, not a race: the real figures are a few seconds and a few hundred MB).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

CEILING_SECONDS = 60
CEILING_MB = 512

HEAD = (
    "Vragen van het lid Jansen (D66) aan de minister van Financiën over de rente "
    "(ingezonden 3 januari 2024).\nVraag 1\nIs de rente gestegen?\nAntwoord 1\n"
)
DOCUMENTS = {
    # one word of a million letters: the glued-word repair tried every split point
    "long-word": HEAD + "abcdefghij" * 100_000 + " is het antwoord.\n",
    # two million short lines in one answer: joining them copied the text per line
    "many-lines": HEAD + "x\n" * 2_000_000,
    # fifty thousand numbered lines: every one was tried as the start of a footnote zone
    "numbered-lines": HEAD + "\n".join(f"{i} Tekst van noot {i}" for i in range(1, 50_000)),
    # a million places beside digits on one line
    "letters-and-digits": HEAD + "a1" * 500_000,
}


def run_parse(path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kamervragen.cli", "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=CEILING_SECONDS * 2,
    )
    return done, time.monotonic() - start


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_document_built_to_be_slow_is_parsed_within_the_ceiling(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(DOCUMENTS[name])
    done, seconds = run_parse(path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < CEILING_SECONDS
    # the largest peak of any child so far: every one of them stayed under the ceiling
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 < CEILING_MB


def test_a_device_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    good = tmp_path / "goed.txt"
    good.write_text(HEAD + "Ja.\n")
    done = subprocess.run(
        [sys.executable, "-m", "kamervragen.cli", "parse", "/dev/zero", str(good)],
        capture_output=True,
        text=True,
        timeout=CEILING_SECONDS,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "kamervragen: /dev/zero: it is not a regular file (a device or a pipe)"
    assert '"text":"Ja."' in done.stdout  # the batch went on
