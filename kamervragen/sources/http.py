"""A polite HTTP client: one request at a time, a User-Agent naming the project, retries
with backoff on timeouts, dropped connections and 5xx, and respect for ``Retry-After``.
Every failure that survives the retries becomes a :class:`FetchError` with one sentence
naming the URL."""

from __future__ import annotations

import time
from collections.abc import Callable

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
        self.requests = 0

    def get(self, url: str, params: dict[str, str] | None = None) -> bytes:
        """The body of ``url``; retried on what may pass, refused on what will not."""
        problem = ""
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            try:
                self.requests += 1
                response = self.http.get(url, params=params)
                if response.status_code in RETRY_STATUS:
                    problem = f"the server answered {response.status_code}"
                    wait = max(wait, _retry_after(response.headers.get("Retry-After")))
                elif response.status_code >= 400:
                    raise FetchError(f"{url}: the server answered {response.status_code}")
                else:
                    body = response.content
                    expected = response.headers.get("Content-Length")
                    if expected is not None and expected.isdigit() and int(expected) != len(response.content):
                        problem = "the answer was cut off"
                    else:
                        return body
            except httpx.TimeoutException:
                problem = "no answer in time"
            except (httpx.TransportError, httpx.DecodingError) as exc:
                problem = f"the connection failed ({type(exc).__name__})"
            if attempt < self.retries:
                self.sleep(min(wait, self.max_wait))
        raise FetchError(f"{url}: {problem}, also after {self.retries} retries")

    def close(self) -> None:
        self.http.close()


def _retry_after(value: str | None) -> float:
    if value and value.strip().isdigit():
        return float(value.strip())
    return 0.0
