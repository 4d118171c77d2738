"""Plain text as others extracted it from PDF or Word, and historic OCR."""

from __future__ import annotations

import re

from kamervragen.extract import DocumentError, Extracted


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError("it is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w/])_|_(?![\w/])")
_MD_NOTE = re.compile(r"\[(\d+)\s+\]")


def strip_markdown(text: str) -> str:
    """Markdown conversions of a PDF: headings, bold and italics marks out, ``[1 ]`` → ``[1]``."""
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return _MD_NOTE.sub(r"[\1]", text)


def extract(data: bytes, markdown: bool = False) -> Extracted:
    text = decode(data)
    if markdown or text.lstrip().startswith("#") or text.count("**") > 4:
        text = strip_markdown(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    pages = [page.split("\n") for page in text.split("\n\f\n")]
    return Extracted(format="text", pages=pages)
