"""A polite HTTP client: a User-Agent naming the project, retries
with backoff on timeouts, dropped connections and 5xx, and respect for ``Retry-After``.
Every failure that survives the retries becomes a :class:`FetchError` with one sentence
naming the URL and, when it gave any, the server's own words. One client may serve a few
threads (the sync fetches documents a few at a time); a host's Retry-After holds them all."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import httpx
from lxml import etree

from kamervragen import __version__
from kamervragen.extract import DocumentError
from kamervragen.extract.markup import parse_xml

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
        # A host that asked us to wait (Retry-After) is left alone by every thread until then.
        self._quiet_until: dict[str, tuple[float, int]] = {}  # host → (until, thread asked)
        self._lock = threading.Lock()

    def get(self, url: str, params: dict[str, str] | None = None) -> bytes:
        """The body of ``url``; retried on what may pass, refused on what will not."""
        # Messages name the request whole: two pages of one service differ in their query.
        named = f"{url}?{urlencode(params)}" if params else url
        problem = ""
        host = urlsplit(url).netloc
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            self._wait_for(host)
            try:
                with self._lock:
                    self.requests += 1
                with self.http.stream("GET", url, params=params) as response:
                    if response.status_code in RETRY_STATUS:
                        problem = f"the server answered {response.status_code}{_words(response)}"
                        asked = _retry_after(response.headers.get("Retry-After"))
                        if asked:
                            self._quiet(host, min(asked, self.max_wait))
                        wait = max(wait, asked)
                    elif response.status_code >= 400:
                        raise FetchError(
                            f"{named}: the server answered {response.status_code}{_words(response)}"
                        )
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

    def _quiet(self, host: str, seconds: float) -> None:
        # Kept with the thread that was asked: it waits as part of its own retry.
        with self._lock:
            until = max(self._quiet_until.get(host, (0.0, 0))[0], time.monotonic() + seconds)
            self._quiet_until[host] = (until, threading.get_ident())

    def _wait_for(self, host: str) -> None:
        with self._lock:
            until, asked = self._quiet_until.get(host, (0.0, 0))
        if asked != threading.get_ident() and (left := until - time.monotonic()) > 0:
            self.sleep(left)

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


# Of an error answer, only this much is read for the server's own words.
_ERROR_BODY_BYTES = 65_536
_XML_MESSAGE = re.compile(rb"<(?:\w+:)?(?:Message|message|faultstring|diag:message)>([^<]{1,400})<")
_TAGS = re.compile(r"<[^>]*>")


def _words(response: httpx.Response) -> str:
    """The server's own words in an error answer, as a suffix for the message: the message
    of an XML error (the SyncFeed's ``<Error><Message>``), of an OData JSON error, or the
    start of a plain text or HTML page."""
    body = b""
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) >= _ERROR_BODY_BYTES:
                break
    except (httpx.TransportError, httpx.DecodingError):
        pass
    return server_words(body[:_ERROR_BODY_BYTES])


def server_words(body: bytes) -> str:
    """What an error body says, as ``: "…"`` (empty when it says nothing readable)."""
    text = ""
    if m := _XML_MESSAGE.search(body):
        text = m.group(1).decode("utf-8", "replace")
    elif body.lstrip().startswith(b"{"):
        try:
            error = json.loads(body).get("error")
            text = str(error.get("message") if isinstance(error, dict) else error or "")
        except (ValueError, AttributeError):
            text = ""
    else:
        decoded = body.decode("utf-8", "replace")
        title = re.search(r"<title>([^<]{1,200})</title>", decoded, re.I)
        text = title.group(1) if title else _TAGS.sub(" ", decoded)
    text = " ".join(text.split())[:200]
    return f': "{text}"' if text else ""


def answer_root(data: bytes, expected: tuple[str, ...], what: str, error: type[Exception]) -> etree._Element:
    """The XML root of a service's answer when it is one of ``expected`` (Clark names);
    else ``error`` in one sentence, with the server's own words where it gave any: an HTML
    page (sent with status 200 by a proxy), the service's error body, another document,
    unreadable XML."""
    looks_html = data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
    try:
        root = parse_xml(data)
    except DocumentError as exc:
        if looks_html:
            raise error(f"an HTML page came instead of {what}{server_words(data)}") from None
        raise error(f"not a readable {what} ({exc})") from None
    if root.tag in expected:
        return root
    name = etree.QName(root).localname
    if name.lower() == "html":
        raise error(f"an HTML page came instead of {what}{server_words(data)}")
    if name.lower() == "error":  # the SyncFeed's <Error><Message>
        raise error(f"the service sent an error instead of {what}{server_words(data)}")
    raise error(f"not {what} (its root is <{name}>)")


def _retry_after(value: str | None) -> float:
    if value and value.strip().isdigit():
        return float(value.strip())
    return 0.0
