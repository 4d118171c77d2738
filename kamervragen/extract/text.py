"""Plain text as others extracted it from PDF or Word, and historic OCR."""

from __future__ import annotations

from kamervragen.extract import DocumentError, Extracted


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError("it is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def extract(data: bytes) -> Extracted:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    pages = [page.split("\n") for page in text.split("\n\f\n")]
    return Extracted(format="text", pages=pages)
