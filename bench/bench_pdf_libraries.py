"""Compare three PDF text extractors on the corpus PDFs: speed and two simple quality checks.

Run from the repository root::

    .venv/bin/python bench/bench_pdf_libraries.py
    KAMERVRAGEN_CORPUS=/path/to/corpus .venv/bin/python bench/bench_pdf_libraries.py

The corpus defaults to ``../shared/corpus`` beside the repository. Documents are
``<corpus>/pdf/*.pdf`` plus ``<corpus>/koop/*.pdf``, all read into memory first.

What it measures, per library (pypdfium2, pdfplumber, pypdf; a library that is not
installed is skipped with one line saying so; pdfplumber and pypdf are the ``bench`` extra):

* ``docs/s``: documents per second on one core, in this single process: the whole set is
  extracted 3 times and the fastest repetition counts. Only opening the document and taking
  the text of every page is timed; the quality checks below run afterwards on the output.
  pypdfium2 uses ``PdfDocument(data)`` and ``page.get_textpage().get_text_range()``, the other
  two ``page.extract_text()``.
* ``footer``: share of pages whose text contains the document identifier ``ah-tk-``, which
  the Tweede Kamer prints in the page furniture. Not every page of every document carries
  it, so this compares the libraries with each other; it is no absolute recall figure.
* ``hyphens``: line-break hyphens counted in the text. A *marked* one is U+FFFE (PDFium's
  marker for a hyphen it saw at a line end) or U+00AD (soft hyphen); a *plain* one is an
  ordinary ``-`` after a letter at the end of a line, which cannot be told apart from a real
  hyphen (``Noord-\\nHolland``). ``marked`` is marked / (marked + plain). Hyphens that a
  library joins into the next line without any break or marker are invisible to this check
  (``kamervragen.extract.pdf`` recovers those for PDFium from the character boxes).
* ``fail``: documents the library raised an exception on (counted, not fatal).
"""

from __future__ import annotations

import importlib
import io
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from corpus import corpus_dir

REPEATS = 3
FOOTER = "ah-tk-"
MARKERS = ("\ufffe", "\u00ad")
PLAIN_LINE_END_HYPHEN = re.compile(r"[^\W\d_]-[ \t]*$", re.MULTILINE)


def load_pdfs(corpus: Path) -> list[tuple[str, bytes]]:
    files = sorted((corpus / "pdf").glob("*.pdf")) + sorted((corpus / "koop").glob("*.pdf"))
    return [(p.name, p.read_bytes()) for p in files]


# --- one extractor per library: bytes → list of page texts ---------------------------------


def pages_pypdfium2(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    texts = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    return texts


def pages_pdfplumber(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pages_pypdf(data: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


LIBRARIES: list[tuple[str, str, Callable[[bytes], list[str]]]] = [
    ("pypdfium2", "pypdfium2", pages_pypdfium2),
    ("pdfplumber", "pdfplumber", pages_pdfplumber),
    ("pypdf", "pypdf", pages_pypdf),
]


def version_of(module_name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module_name)
    except PackageNotFoundError:
        return "?"


def run_once(extract: Callable[[bytes], list[str]], docs: list[tuple[str, bytes]]):
    """Extract every document once; return (seconds, {name: pages or None on failure})."""
    out: dict[str, list[str] | None] = {}
    start = time.perf_counter()
    for name, data in docs:
        try:
            out[name] = extract(data)
        except Exception:
            out[name] = None
    return time.perf_counter() - start, out


def quality(results: dict[str, list[str] | None]) -> dict[str, float | int]:
    pages = footer = marked = plain = failed = 0
    for texts in results.values():
        if texts is None:
            failed += 1
            continue
        for text in texts:
            pages += 1
            footer += FOOTER in text
            marked += sum(text.count(m) for m in MARKERS)
            plain += len(PLAIN_LINE_END_HYPHEN.findall(text.replace("\r\n", "\n").replace("\r", "\n")))
    return {"pages": pages, "footer": footer, "marked": marked, "plain": plain, "failed": failed}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    –"


def main() -> None:
    corpus = corpus_dir()
    docs = load_pdfs(corpus)
    if not docs:
        sys.exit(f"no PDFs in {corpus / 'pdf'} or {corpus / 'koop'}")
    # pypdf and pdfminer log font warnings per page; they are noise here.
    for noisy in ("pypdf", "pdfminer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)

    total_mb = sum(len(d) for _, d in docs) / 1e6
    print(f"PDF extraction: {len(docs)} documents ({total_mb:.1f} MB) from {corpus}")
    print(f"best of {REPEATS} runs over the whole set, one process, Python {sys.version.split()[0]}\n")

    header = (
        f"{'library':<22} {'docs/s':>8} {'ms/doc':>8} {'pages':>6} {'footer':>7} "
        f"{'marked':>7} {'plain':>6} {'marked%':>8} {'fail':>5}"
    )
    rows = []
    skipped = []
    for label, module_name, extract in LIBRARIES:
        try:
            importlib.import_module(module_name)
        except ImportError:
            skipped.append(f"{label}: not installed, skipped (pip install '.[bench]')")
            continue
        best = float("inf")
        results: dict[str, list[str] | None] = {}
        for _ in range(REPEATS):
            seconds, results = run_once(extract, docs)
            best = min(best, seconds)
        q = quality(results)
        rows.append(
            f"{label + ' ' + version_of(module_name):<22} {len(docs) / best:8.1f} {1000 * best / len(docs):8.1f} "
            f"{q['pages']:6d} {pct(q['footer'], q['pages']):>7} {q['marked']:7d} {q['plain']:6d} "
            f"{pct(q['marked'], q['marked'] + q['plain']):>8} {q['failed']:5d}"
        )

    print(header)
    print("-" * len(header))
    for row in rows:
        print(row)
    for line in skipped:
        print(line)
    print(
        "\nfooter: share of pages containing 'ah-tk-'; marked/plain: line-break hyphens as "
        "U+FFFE/U+00AD vs a plain '-' at a line end; marked% = marked/(marked+plain)."
    )


if __name__ == "__main__":
    main()
