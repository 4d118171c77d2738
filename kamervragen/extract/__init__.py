"""Extract: bytes of a document → text lines or labelled blocks, per format.

Every format ends up as an :class:`Extracted`: either ``pages`` of text lines (PDF, Word,
plain text, OCR) for the text parser to segment, or ready ``blocks`` (KOOP XML and HTML,
whose markup already says what is a question and what an answer). Nothing here interprets
the content; that is :mod:`kamervragen.parse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# How an extractor that knows a footnote reference (Word) writes it into the text; the
# cleaner writes the markers it finds itself the same way. Keys are note numbers or, for
# notes numbered by the extractor, "w1", "w2", … until the cleaner numbers all notes.
NOTE_REF = "⟦{}⟧"


class DocumentError(Exception):
    """A document that cannot be read; the message says why in one sentence."""


class NotKamervragen(DocumentError):
    """A readable file that holds no Kamervragen (an SRU response, a metadata file)."""


@dataclass
class Block:
    """A question or answer block whose extent the markup already gives."""

    kind: Literal["question", "answer"]
    label: str
    text: str
    footnote_refs: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    format: str
    pages: list[list[str]] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    blocks: list[Block] | None = None
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)


MAX_BYTES = 50_000_000


def detect_format(data: bytes, name: str) -> str:
    """Decide the format from the content first, the file name second."""
    head = data[:2048].lstrip()
    lowered = name.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"{") and lowered.endswith(".json"):
        return "record-json"
    if head.startswith(b"<"):
        text = head.decode("utf-8", "replace").lower()
        if "<html" in text or "<!doctype html" in text:
            return "html"
        return "xml"
    if lowered.endswith(".pdf"):
        return "pdf"
    if lowered.endswith(".docx"):
        return "docx"
    return "text"


_UTF16_DECLARATION = re.compile(rb"""(<\?xml[^>]*encoding=["'])utf-?16(?:le|be)?(["'])""", re.IGNORECASE)


def as_utf8(data: bytes) -> bytes:
    """Text in UTF-16 (with a byte-order mark, or without one where every other byte of
    the start is NUL) as UTF-8, and a UTF-8 byte-order mark dropped, so that what follows
    reads every text as UTF-8 (an XML declaration saying UTF-16 is changed with it)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    head = data[:64]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(head) >= 8 and head[1::2].count(0) == len(head[1::2]) and head[0::2].count(0) == 0:
        encoding = "utf-16-le"
    elif len(head) >= 8 and head[0::2].count(0) == len(head[0::2]) and head[1::2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return data
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(f"it starts as {encoding.upper()} text but is not") from None
    return _UTF16_DECLARATION.sub(rb"\1UTF-8\2", text.lstrip("\ufeff").encode("utf-8"), count=1)


def extract_bytes(data: bytes, name: str) -> Extracted:
    if not data.strip():
        raise DocumentError("the file is empty")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    data = as_utf8(data)
    fmt = detect_format(data, name)
    if fmt == "pdf":
        from kamervragen.extract import pdf

        return pdf.extract(data)
    if fmt == "docx":
        from kamervragen.extract import docx

        return docx.extract(data)
    if fmt in ("xml", "html", "record-json"):
        from kamervragen.extract import markup

        if fmt == "xml":
            return markup.extract_xml(data)
        if fmt == "html":
            return markup.extract_html(data)
        return markup.extract_record_json(data)
    from kamervragen.extract import text

    return text.extract(data)


def read_document(path: str | Path) -> bytes:
    """A document's bytes, never more than the limit: a larger file, a device or a pipe is
    refused without being read."""
    p = Path(path)
    try:
        if p.exists() and not p.is_dir() and not p.is_file():
            raise DocumentError("it is not a regular file (a device or a pipe)")
        if p.is_file() and p.stat().st_size > MAX_BYTES:
            raise DocumentError(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
        with p.open("rb") as f:
            return f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise DocumentError("it is a directory, not a file") from None
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
