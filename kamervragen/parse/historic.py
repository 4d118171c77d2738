"""Historic OCR pages (1906–1995). Placeholder replaced below."""

from __future__ import annotations

from kamervragen.parse.clean import Cleaned
from kamervragen.record import Record


def is_historic(lines: list[str]) -> bool:
    return False


def parse(cleaned: Cleaned, raw: str) -> list[Record]:
    raise NotImplementedError
