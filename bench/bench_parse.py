"""Parse throughput of kamervragen itself, per input format, on one core.

Run from the repository root::

    .venv/bin/python bench/bench_parse.py
    KAMERVRAGEN_CORPUS=/path/to/corpus .venv/bin/python bench/bench_parse.py

The corpus defaults to ``../shared/corpus`` beside the repository.

What it measures: for each format group the files are read into memory first, then
``kamervragen.parse.parse_bytes(data, name)`` (extraction + cleaning + segmentation +
linking + metadata, i.e. the whole pipeline from bytes to records, without file I/O) is
timed over the group, repeating the group until at least 2 seconds have passed. Reported
are documents per second and mean milliseconds per document, in this single process. One
parse runs before any timing, so the lazily loaded Dutch word list is not counted. The
first pass over each group is reported on its own (``first/s``): the parser caches how it
splits unknown words, and repeating the same documents warms that cache more than a real
stream of new documents would, so ``first/s`` is the honest figure for unseen documents
and ``docs/s`` the one for a corpus whose vocabulary recurs. The first pass also counts the
documents that raise ``kamervragen.extract.DocumentError`` (``fail``) and the records
produced. Failing documents stay in the timed loop: a refusal costs time too.

Groups (relative to the corpus):

=============  ==================================================
text           text/*.txt, seed/*, text/*.md
pdf            pdf/*.pdf, koop/*.pdf
docx           docx/*.docx
xml            koop/ah-tk-20202021-3235.xml
html           koop/*.html
record-json    wetsuite-records/*.json
historic OCR   historic-ocr/*.txt
=============  ==================================================
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from corpus import corpus_dir

MIN_SECONDS = 2.0


def groups(corpus: Path) -> list[tuple[str, list[Path]]]:
    def g(pattern: str) -> list[Path]:
        return sorted(p for p in corpus.glob(pattern) if p.is_file())

    return [
        ("text", g("text/*.txt") + g("seed/*") + g("text/*.md")),
        ("pdf", g("pdf/*.pdf") + g("koop/*.pdf")),
        ("docx", g("docx/*.docx")),
        ("xml", g("koop/ah-tk-20202021-3235.xml")),
        ("html", g("koop/*.html")),
        ("record-json", g("wetsuite-records/*.json")),
        ("historic OCR", g("historic-ocr/*.txt")),
    ]


def main() -> None:
    corpus = corpus_dir()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from kamervragen.extract import DocumentError
    from kamervragen.parse import parse_bytes

    loaded = [(label, [(p.name, p.read_bytes()) for p in paths]) for label, paths in groups(corpus)]

    # Warm-up: the word list and lazily imported extractors load on first use.
    first = next((docs[0] for _, docs in loaded if docs), None)
    if first is None:
        sys.exit(f"no documents found under {corpus}")
    try:
        parse_bytes(first[1], first[0])
    except DocumentError:
        pass

    print(f"parse_bytes throughput per format, corpus {corpus}")
    print(f"one process, each group repeated until >= {MIN_SECONDS:.0f} s, Python {sys.version.split()[0]}\n")
    header = (
        f"{'format':<13} {'docs':>5} {'MB':>6} {'fail':>5} {'records':>8} {'first/s':>8} "
        f"{'parses':>7} {'docs/s':>9} {'ms/doc':>8}"
    )
    print(header)
    print("-" * len(header))

    for label, docs in loaded:
        if not docs:
            print(f"{label:<13} {0:5d}  (no files)")
            continue
        # First pass, timed on its own: the caches of word splits are still cold for
        # these documents, as for documents a running process has not seen before.
        failures = records = 0
        first_start = time.perf_counter()
        for name, data in docs:
            try:
                records += len(parse_bytes(data, name))
            except DocumentError:
                failures += 1
        first_rate = len(docs) / (time.perf_counter() - first_start)

        parses = 0
        start = time.perf_counter()
        while True:
            for name, data in docs:
                try:
                    parse_bytes(data, name)
                except DocumentError:
                    pass
            parses += len(docs)
            elapsed = time.perf_counter() - start
            if elapsed >= MIN_SECONDS:
                break

        mb = sum(len(d) for _, d in docs) / 1e6
        print(
            f"{label:<13} {len(docs):5d} {mb:6.2f} {failures:5d} {records:8d} {first_rate:8.1f} {parses:7d} "
            f"{parses / elapsed:9.1f} {1000 * elapsed / parses:8.2f}"
        )


if __name__ == "__main__":
    main()
