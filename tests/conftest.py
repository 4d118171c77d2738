"""Shared fixtures. Tests that need the real documents read them from the corpus folder
(``KAMERVRAGEN_CORPUS``, default ``../shared/corpus`` beside the repository) and are skipped
with a clear message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("KAMERVRAGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}; set KAMERVRAGEN_CORPUS to the shared corpus folder")
    return CORPUS
