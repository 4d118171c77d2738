"""Where a cold pass of the text parser spends its time, stage by stage.

    python bench/parse_stages.py [group]

Loads a group of `bench_parse.py`, parses it once to load the word lists, then parses it
seven times with every cache of word splits cleared before each pass (so each pass is as
cold as the first) and prints the fastest pass, split into the stages of
``kamervragen.parse``. Comparing two versions in one sitting (run it from another checkout
with ``PYTHONPATH=.``) is steadier than comparing `bench_parse.py` runs on a shared machine.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_parse import groups  # noqa: E402
from corpus import corpus_dir  # noqa: E402

import kamervragen.parse as parse  # noqa: E402
from kamervragen.extract import DocumentError  # noqa: E402

STAGES = ("extract_bytes", "split_run_on", "restore_pages", "clean_pages", "_from_text")
PASSES = 7


def _caches() -> list:
    """Every cache of the parser that fills as documents are parsed (not the word lists)."""
    for name in ("breaks", "clean", "dutch", "text", "metadata", "segment", "link", "historic"):
        try:
            importlib.import_module(f"kamervragen.parse.{name}")
        except ImportError:  # an older version without that module
            pass
    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("kamervragen"):
            for value in vars(module).values():
                if hasattr(value, "cache_clear") and value.cache_parameters().get("maxsize") != 1:
                    found.append(value)
    return found


def main() -> None:
    group = sys.argv[1] if len(sys.argv) > 1 else "text"
    docs = [(p.name, p.read_bytes()) for p in dict(groups(corpus_dir()))[group]]
    spent: dict[str, float] = {}

    def timed(stage: str, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start

        return run

    def one_pass() -> None:
        for name, data in docs:
            try:
                parse.parse_bytes(data, name)
            except DocumentError:
                pass

    one_pass()  # loads the word lists and the extractors
    caches = _caches()
    for stage in STAGES:
        if hasattr(parse, stage):
            setattr(parse, stage, timed(stage, getattr(parse, stage)))
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(PASSES):
        for cache in caches:
            cache.cache_clear()
        spent.clear()
        start = time.perf_counter()
        one_pass()
        total = time.perf_counter() - start
        if best is None or total < best[0]:
            best = (total, dict(spent))
    assert best is not None
    total, stages = best
    print(
        f"{group}: {len(docs)} documents, fastest of {PASSES} cold passes {total * 1000:.0f} ms "
        f"({len(docs) / total:.0f} docs/s)"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:15} {seconds * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
