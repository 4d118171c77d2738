"""What the web tests share: a small store of generated sets plus the bundled sample, and
the app behind a real uvicorn server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from kamervragen.ingest import ingest
from kamervragen.store import open_store

from .test_ingest import write_documents

# An answer written for the tests (invented names and facts), beside the generated sets.
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "voorbeeld"


def sample_store(folder: Path, generated: int) -> Path:
    """`generated` unanswered SP sets (see test_ingest.DOCUMENT) and the bundled sample."""
    write_documents(folder / "docs", generated)
    store = open_store(folder / "k.db")
    ingest(store, [folder / "docs", SAMPLES], workers=1)
    store.close()
    return folder / "k.db"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
