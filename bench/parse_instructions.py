"""Instructions one cold pass of the parser costs over a format group, counted by valgrind's
callgrind: unlike seconds, the count is the same on a busy machine and from run to run, so
two versions of the parser can be compared on a shared machine.

    .venv/bin/python bench/parse_instructions.py            # the text group
    .venv/bin/python bench/parse_instructions.py pdf

It runs one process that loads the group and parses one document (loading the word lists
and the extractors) and one that then also parses every document of the group once, each
under callgrind, and prints the difference: the instructions of the cold pass alone.
Needs ``valgrind`` (Debian's package); takes about a minute per group for text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(group: str, parse_all: bool) -> None:
    sys.path.insert(0, str(HERE.parent))
    from bench_parse import groups
    from corpus import corpus_dir

    from kamervragen.extract import DocumentError
    from kamervragen.parse import parse_bytes

    docs = [(p.name, p.read_bytes()) for p in dict(groups(corpus_dir()))[group]]
    for name, data in docs[:1] + (docs if parse_all else []):
        try:
            parse_bytes(data, name)
        except DocumentError:
            pass


def instructions(group: str, parse_all: bool) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__]
    env = dict(os.environ, PARSE_INSTRUCTIONS_CHILD=group + ("+all" if parse_all else ""))
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", run.stderr)
    if not m:
        sys.exit(f"callgrind gave no count:\n{run.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    group = sys.argv[1] if len(sys.argv) > 1 else "text"
    base, total = instructions(group, False), instructions(group, True)
    print(f"{group}: one cold pass costs {(total - base) / 1e6:,.0f}M instructions")


if __name__ == "__main__":
    job = os.environ.get("PARSE_INSTRUCTIONS_CHILD")
    if job:
        sys.path.insert(0, str(HERE))
        child(job.removesuffix("+all"), job.endswith("+all"))
    else:
        main()
