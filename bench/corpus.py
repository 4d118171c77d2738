"""Where the benchmarks find the real documents: ``KAMERVRAGEN_CORPUS``, or
``../shared/corpus`` beside the repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def corpus_dir() -> Path:
    env = os.environ.get("KAMERVRAGEN_CORPUS")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not path.is_dir():
        sys.exit(f"corpus not found at {path} (set KAMERVRAGEN_CORPUS to the corpus directory)")
    return path
