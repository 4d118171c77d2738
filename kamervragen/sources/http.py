"""A polite HTTP client: one request at a time, a User-Agent naming the project, retries
with backoff on timeouts, dropped connections and 5xx, and respect for ``Retry-After``.
Every failure that survives the retries becomes a :class:`FetchError` with one sentence
naming the URL."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

import httpx

from kamervragen import __version__

USER_AGENT = f"kamervragen/{__version__} (+https://github.com/kamervragen/kamervragen; polite sync)"
RETRY_STATUS = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A request that failed for good; the message names the URL and says why."""


class Client:
    def __init__(
        self,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        max_bytes: int = 100_000_000,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.http = httpx.Client(
            timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True, transport=transport
        )
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.max_bytes = max_bytes  # an answer larger than this is refused as it arrives
        self.requests = 0

    def get(self, url: str, params: dict[str, str] | None = None) -> bytes:
        """The body of ``url``; retried on what may pass, refused on what will not."""
        # Messages name the request whole: two pages of one service differ in their query.
        named = f"{url}?{urlencode(params)}" if params else url
        problem = ""
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            try:
                self.requests += 1
                with self.http.stream("GET", url, params=params) as response:
                    if response.status_code in RETRY_STATUS:
                        problem = f"the server answered {response.status_code}"
                        wait = max(wait, _retry_after(response.headers.get("Retry-After")))
                    elif response.status_code >= 400:
                        raise FetchError(f"{named}: the server answered {response.status_code}")
                    else:
                        body = self._body(response, named)
                        expected = response.headers.get("Content-Length")
                        if expected is not None and expected.isdigit() and int(expected) != len(body):
                            problem = "the answer was cut off"
                        else:
                            return body
            except httpx.TimeoutException:
                problem = "no answer in time"
            except (httpx.TransportError, httpx.DecodingError) as exc:
                problem = f"the connection failed ({type(exc).__name__})"
            if attempt < self.retries:
                self.sleep(min(wait, self.max_wait))
        raise FetchError(f"{named}: {problem}, also after {self.retries} retries")

    def _body(self, response: httpx.Response, named: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{named}: the answer is larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.http.close()


def _retry_after(value: str | None) -> float:
    if value and value.strip().isdigit():
        return float(value.strip())
    return 0.0
