"""Recorded responses: ``Recorder`` saves every answer of a live sync in a folder, and
``Replay`` answers the same requests from that folder, offline. One file per request,
named after its URL and parameters."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlparse

from kamervragen.sources.http import FetchError

Get = Callable[[str, dict[str, str] | None], bytes]


def response_path(folder: Path, url: str, params: dict[str, str] | None) -> Path:
    parsed = urlparse(url)
    query = urlencode(sorted((params or {}).items()))
    if parsed.query:
        query = parsed.query + ("&" + query if query else "")
    stem = re.sub(r"[^\w.-]+", "_", parsed.path.strip("/")) or "index"
    if query:
        readable = re.sub(r"[^\w.=-]+", "_", query)[:80]
        stem += "__" + readable + "_" + hashlib.sha256(query.encode()).hexdigest()[:10]
    return folder / stem


class Recorder:
    def __init__(self, get: Get, folder: Path) -> None:
        self.inner = get
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, url: str, params: dict[str, str] | None = None) -> bytes:
        body = self.inner(url, params)
        path = response_path(self.folder, url, params)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(body)
        tmp.replace(path)
        return body


class Replay:
    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise FetchError(f"{folder}: no such folder of recorded responses")
        self.folder = folder
        self.requests = 0

    def get(self, url: str, params: dict[str, str] | None = None) -> bytes:
        self.requests += 1
        path = response_path(self.folder, url, params)
        if not path.is_file():
            raise FetchError(f"{url}: not among the recorded responses in {self.folder}")
        return path.read_bytes()
