"""Load on the web API: 50 concurrent clients searching a store of 100,000 synthetic sets for
60 seconds, on loopback only; throughput, p50/p95/p99 latency and errors.

    .venv/bin/python bench/bench_web_load.py                # 100000 sets, 50 clients, 60 s
    .venv/bin/python bench/bench_web_load.py 10000 20 10 2  # sets, clients, seconds, server workers

The store is built once in /tmp/kamervragen-bench/web-<sets>.db (bench/synthetic.py) and
reused. The server is ``kamervragen serve`` in its own process (one uvicorn worker unless
told, with its thread pool); the clients are one asyncio process. Requests are bounded by the time limit.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from bench_search import make_queries  # noqa: E402
from corpus import corpus_dir  # noqa: E402
from synthetic import Vocabulary, records  # noqa: E402

from kamervragen.store import open_store  # noqa: E402

WORKDIR = Path("/tmp/kamervragen-bench")


def build(path: Path, sets: int, vocabulary: Vocabulary) -> None:
    if path.exists():
        return
    tmp = path.with_suffix(".part")
    store = open_store(tmp)
    batch = list(records(vocabulary, sets, seed=2))
    for i in range(0, len(batch), 500):
        with store.transaction():
            for record in batch[i : i + 500]:
                store.sets.put(record, "synthetic.json")
    store.close()
    tmp.rename(path)


async def client(
    base: str,
    queries: list[tuple[str, dict[str, str]]],
    until: float,
    seed: int,
    latencies: list[float],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.perf_counter() < until:
            text, filters = rng.choice(queries)
            params = {
                "q": text,
                "limit": "20",
                **({k.replace("date_", ""): v for k, v in filters.items()} if rng.random() < 0.5 else {}),
            }
            start = time.perf_counter()
            try:
                response = await http.get("/api/search", params=params)
                if response.status_code >= 500 or response.status_code == 0:
                    errors.append(f"{response.status_code} {params}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {params}")
            latencies.append(1000 * (time.perf_counter() - start))


def main(sets: int, clients: int, seconds: float, workers: int) -> None:
    WORKDIR.mkdir(exist_ok=True)
    vocabulary = Vocabulary(corpus_dir())
    db = WORKDIR / f"web-{sets}.db"
    build(db, sets, vocabulary)
    queries = make_queries(vocabulary)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamervragen.cli",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/people?limit=1", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        latencies: list[float] = []
        errors: list[str] = []
        until = time.perf_counter() + seconds

        async def run() -> None:
            await asyncio.gather(
                *(client(base, queries, until, i, latencies, errors) for i in range(clients))
            )

        started = time.perf_counter()
        asyncio.run(run())
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()

    def at(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0.0

    print(
        json.dumps(
            {
                "sets": sets,
                "clients": clients,
                "workers": workers,
                "seconds": round(elapsed, 1),
                "requests": len(latencies),
                "per_second": round(len(latencies) / elapsed, 1),
                "p50_ms": round(at(0.5), 1),
                "p95_ms": round(at(0.95), 1),
                "p99_ms": round(at(0.99), 1),
                "errors": len(errors),
                "first_errors": errors[:3],
            }
        )
    )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [100_000, 50, 60, 1][len(args) :]))
