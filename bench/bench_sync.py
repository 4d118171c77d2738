"""How fast a KOOP sync fetches documents against a service that takes its time.

    python bench/bench_sync.py [answers] [delay_ms]

Serves a generated history (tests/fake_services.py) whose every answer takes ``delay_ms``
(150 by default, about what repository.overheid.nl takes), and runs a first KOOP sync of
its ``answers`` (default 200) into a fresh SQLite store with 1, 2 and 4 documents fetched
at a time. Each document costs two requests (the XML and its metadata.xml); the SRU pages
are fetched one after the other. Prints documents per second and the requests made.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kamervragen.sources.http import Client  # noqa: E402
from kamervragen.store import open_store  # noqa: E402
from kamervragen.sync import sync_koop  # noqa: E402
from tests.fake_services import FakeServices, History  # noqa: E402


def main() -> None:
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    delay = (float(sys.argv[2]) if len(sys.argv) > 2 else 150.0) / 1000
    history = History(round(answers / 0.93), seed=1)
    documents = len(history.live_answers())
    print(f"{documents} documents, {delay * 1000:.0f} ms per answer of the service")
    print(f"{'at a time':>9} {'seconds':>8} {'docs/s':>7} {'requests':>9}")
    with FakeServices(history, delay=delay) as fake, tempfile.TemporaryDirectory() as folder:
        for concurrency in (1, 2, 4):
            store = open_store(Path(folder) / f"c{concurrency}.db")
            client = Client()
            fake.requests.clear()
            start = time.perf_counter()
            summary = sync_koop(store, client.get, fake.url, concurrency=concurrency)
            seconds = time.perf_counter() - start
            assert not summary.failed and summary.new == documents, summary.line()
            print(
                f"{concurrency:>9} {seconds:>8.1f} {documents / seconds:>7.1f} {sum(fake.requests.values()):>9}"
            )
            client.close()
            store.close()


if __name__ == "__main__":
    main()
