"""Plain text as others extracted it from PDF or Word, and historic OCR."""

from __future__ import annotations

import re

from kamervragen.extract import DocumentError, Extracted

# Controls a text does not hold; tab, line feed, form feed and carriage return it does.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError("it is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > len(sample) / 100:
        raise DocumentError("it is a binary file, not text (control characters throughout)")
    return text


_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w/])_|_(?![\w/])")
_MD_NOTE = re.compile(r"\[(\d+(?:\s+\d+)*)\s+\]")
# The converters of PDF to Markdown mark each page end with a rule.
_MD_PAGE_END = re.compile(r"^-{5}$", re.M)


def strip_markdown(text: str) -> str:
    """Markdown conversions of a PDF: headings, bold and italics marks out, ``[1 ]`` → ``[1]``,
    ``[4 5 ]`` → ``[4][5]``, page rules to page breaks."""
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    text = _MD_PAGE_END.sub("\f", text)
    return _MD_NOTE.sub(lambda m: "".join(f"[{n}]" for n in m.group(1).split()), text)


def extract(data: bytes, markdown: bool = False) -> Extracted:
    text = decode(data)
    if markdown or text.lstrip().startswith("#") or text.count("**") > 4:
        text = strip_markdown(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    pages = [page.split("\n") for page in text.split("\n\f\n")]
    return Extracted(format="text", pages=pages)
