"""The web app and API on a small store: pages, grouped answers, feeds, charts, hostile input."""

from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from kamervragen.ingest import ingest
from kamervragen.search import search
from kamervragen.store import open_store
from kamervragen.web.app import create_app

from .test_ingest import DOCUMENT
from .web_support import free_port, running, sample_store

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(sample_store(tmp_path_factory.mktemp("web"), 30)))


def sample_set(client: TestClient) -> int:
    store = open_store(client.app.state.location)  # type: ignore[attr-defined]
    found = store.sets.find("ah-tk-20252026-9999")
    assert found is not None
    return found


def test_search_page_with_filters_and_facets(client: TestClient) -> None:
    page = client.get("/", params={"q": "wachttijden", "party": "SP"})
    assert page.status_code == 200 and 'lang="nl"' in page.text
    assert "<mark>wachttijden</mark>" in page.text
    assert "Verfijnen" in page.text and "Partij" in page.text
    assert 'href="/feed?q=wachttijden&amp;party=SP"' in page.text, "every search can be followed"


def test_set_page_shows_each_question_beside_its_answer_grouped_once(client: TestClient) -> None:
    set_id = sample_set(client)
    page = client.get(f"/set/{set_id}")
    assert page.status_code == 200
    text = page.text
    assert text.count('id="antwoord-2"') == 1, "the answer to 2 and 3 is shown once"
    assert 'href="#antwoord-2"' in text, "question 3 links to the grouped answer"
    assert "Antwoord op vragen 2 en 3" in text and "Zie het antwoord op vragen 2 en 3" in text
    assert "https://example.org/voorbeeld/huisuitzetting-in-een-fictieve-gemeente" in text
    # Dates as Dutch readers write them (issue 12), not ISO.
    assert "Ingezonden: 2 maart 2026" in text and "Beantwoord: 30 maart 2026" in text
    assert (
        "Status: <strong>te laat beantwoord</strong> — beantwoord na 28 dagen; de termijn was 23 maart 2026."
        in text
    )
    assert "https://zoek.officielebekendmakingen.nl/ah-tk-20252026-9999.html" in text


def test_feeds_are_atom(client: TestClient) -> None:
    feed = client.get("/feed", params={"q": "huisuitzetting"})
    root = ElementTree.fromstring(feed.content)
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}entry") is not None
    one = ElementTree.fromstring(client.get(f"/set/{sample_set(client)}/feed").content)
    titles = [e.findtext(f"{ATOM}title") for e in one.iter(f"{ATOM}entry")]
    assert any(t and t.startswith("Beantwoord") for t in titles)


def test_charts_and_their_csv(client: TestClient) -> None:
    page = client.get("/cijfers")
    assert page.status_code == 200 and page.text.count("<svg") == 5
    ids = re.findall(r'\bid="([^"]+)"', page.text)
    assert len(ids) == len(set(ids)), "five charts on one page must not share ids"
    rows = list(csv.reader(io.StringIO(client.get("/cijfers/antwoordtijd.csv").text)))
    assert rows[0] == ["dagen", "sets"] and sum(int(r[1]) for r in rows[1:]) == 1
    assert client.get("/cijfers/bestaatniet.csv").status_code == 404


def test_api_search_pages_with_cursors(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "wachttijden", "limit": 7}).json()
    assert len(first["hits"]) == 7 and first["next"]
    second = client.get(
        "/api/search", params={"q": "wachttijden", "limit": 7, "cursor": first["next"]}
    ).json()
    seen = {(h["set"], h["block"], tuple(h["numbers"])) for h in first["hits"]}
    assert not seen & {(h["set"], h["block"], tuple(h["numbers"])) for h in second["hits"]}
    store = open_store(client.app.state.location)  # type: ignore[attr-defined]
    assert len(first["hits"]) + len(second["hits"]) == min(14, len(search(store, "wachttijden", limit=100)))


def test_cursors_are_stable_while_new_sets_arrive(tmp_path: Path) -> None:
    """A client paging through results while the sync adds sets sees each original hit
    once and no newcomer pushed in between pages."""

    def add(numbers: range) -> None:
        folder = tmp_path / f"docs{numbers.start}"
        folder.mkdir()
        for n in numbers:
            (folder / f"doc{n}.txt").write_text(DOCUMENT.format(n=n, day=1 + n % 28), encoding="utf-8")
        db = open_store(tmp_path / "k.db")
        ingest(db, [folder], workers=1)
        db.close()

    add(range(0, 12))
    api = TestClient(create_app(tmp_path / "k.db"))
    params: dict[str, str | int] = {"q": "wachttijden", "limit": 5}
    page = api.get("/api/search", params=params).json()
    seen = [h["set"] for h in page["hits"]]
    add(range(100, 112))  # newer sets that match as well
    while page["next"]:
        page = api.get("/api/search", params={**params, "cursor": page["next"]}).json()
        seen += [h["set"] for h in page["hits"]]
    assert len(seen) == len(set(seen)) == 12
    fresh = api.get("/api/search", params={"q": "wachttijden", "limit": 100}).json()
    assert len(fresh["hits"]) == 24, "a new search sees the newcomers"


def test_a_partial_date_covers_its_whole_period(client: TestClient) -> None:
    # Every set of the fixture was submitted in March 2026.
    def hits(**dates: str) -> int:
        return len(
            client.get("/api/search", params={"q": "wachttijden", "limit": 100, **dates}).json()["hits"]
        )

    everything = hits()
    assert everything > 0
    assert hits(to="2026") == hits(to="2026-03") == hits(to="2026-03-31") == everything
    assert hits(**{"from": "2026-03"}) == everything
    assert hits(to="2026-02") == hits(to="2025") == 0


def test_openapi_and_people(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/sets/{set_id}", "/api/people", "/api/stats/{name}"} <= set(spec["paths"])
    people = client.get("/api/people").json()
    assert {"name": "De Vries", "party": "SP", "sets": 1} in people


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/?q=%22open", 400),
        ("/api/search?q=%22open", 400),
        ("/api/search?q=x&from=gisteren", 422),
        ("/api/search?q=x&limit=100000", 422),
        ("/api/search?q=" + "a" * 600, 422),
        ("/?q=x&status=kapot", 422),
        ("/?cursor=garbage", 400),
        ("/set/99999", 404),
        ("/set/abc", 422),
        ("/api/sets/99999999999999999999999", 422),  # beyond SQLite's integers (schemathesis found it)
        ("/api/search?q=x&cursor=eyJvIjogMCwgInUiOiAtMX0", 400),  # {"o": 0, "u": -1}
        # forged cursors {"o": 1e999}, {"u": 1e999}, {"u": 2**63} (issue 10)
        ("/?q=x&cursor=eyJvIjogMWU5OTksICJ1IjogMX0", 400),
        ("/api/search?q=x&cursor=eyJvIjogMCwgInUiOiAxZTk5OX0", 400),
        ("/feed?q=x&cursor=eyJvIjogMCwgInUiOiA5MjIzMzcyMDM2ODU0Nzc1ODA4fQ", 400),
        ("/api/search?q=x&from=2024-13-45", 422),
        ("/?q=x&to=2024-02-30", 422),
        ("/api/stats/../../etc", 404),
    ],
)
def test_hostile_input_gets_a_4xx_with_a_message(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "Traceback" not in response.text and len(response.text) > 20


def test_invalid_parameters_are_explained_in_dutch(client: TestClient) -> None:
    detail = client.get("/api/search", params={"q": "x", "from": "gisteren", "limit": 0}).json()["detail"]
    assert (
        detail == "from moet een datum als 2024-03-01 (of 2024-03, of 2024) zijn; limit moet minstens 1 zijn"
    )
    page = client.get("/", params={"status": "kapot"})
    assert (
        page.status_code == 422
        and "status moet open, overdue, answered, answered_late, withdrawn, unanswered of late zijn"
        in page.text
    )


def test_script_tags_and_fts_syntax_are_harmless(client: TestClient) -> None:
    for q in ["<script>alert(1)</script>", "title:x", "NEAR(a b)", "x' OR 1=1 --", "a^b"]:
        response = client.get("/", params={"q": q})
        assert response.status_code in (200, 400)
        assert "<script>alert(1)</script>" not in response.text


def test_party_and_ministry_pages_count_every_set(client: TestClient) -> None:
    # 30 generated SP sets without answers, and the sample: SP, asked 2 March, answered
    # 30 March (28 days, so late).
    party = client.get("/partij/SP")
    assert party.status_code == 200
    # The 30 were asked in March 2026 (due three weeks later): past due, unanswered.
    assert "31 sets vragen: 1 te laat beantwoord, 30 onbeantwoord en te laat." in party.text
    ministry = client.get("/ministerie/Volkshuisvesting")
    assert "1 set vragen: 1 te laat beantwoord." in ministry.text
    assert "voorbeeldvraag" in ministry.text


@pytest.fixture(scope="module")
def live(client: TestClient) -> Iterator[str]:
    """The same app behind a real server, for what TestClient does not do: run requests on
    several threads, and pass a raw request line through unchanged."""
    with running(client.app) as url:  # type: ignore[arg-type]
        yield url


def test_concurrent_requests_never_share_a_connection_across_threads(live: str) -> None:
    """Under load a real server runs dependencies and endpoints on different worker threads;
    a store tied to one thread then fails with sqlite3.ProgrammingError (a 500)."""
    paths = ["/", "/?q=wachttijden", "/api/search?q=zorg", "/cijfers", "/open-en-te-laat"] * 20
    with httpx.Client(base_url=live) as http, ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda p: http.get(p).status_code, paths))
    assert codes == [200] * len(paths)


def test_a_raw_quote_in_the_url_keeps_the_feed_well_formed(live: str) -> None:
    # Browsers escape quotes in URLs; a hand-made request need not, and the feed puts its
    # own URL in an attribute.
    host, port = live.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as raw:
        raw.sendall(b'GET /feed?q="wachttijden"<x> HTTP/1.1\r\nHost: k\r\nConnection: close\r\n\r\n')
        reply = b"".join(iter(lambda: raw.recv(65536), b""))
    head, body = reply.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200")
    feed = ElementTree.fromstring(body)
    assert feed.find(f"{ATOM}link").get("href").endswith('q="wachttijden"<x>')  # type: ignore[union-attr]


def test_serve_starts_worker_processes_on_the_given_store(client: TestClient) -> None:
    """`kamervragen serve --workers 2`: each worker builds its app from the environment."""
    port = free_port()
    db = client.app.state.location  # type: ignore[attr-defined]
    command = [
        sys.executable,
        "-m",
        "kamervragen.cli",
        "serve",
        "--db",
        db,
        "--port",
        str(port),
        "--workers",
        "2",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        people = None
        while people is None and server.poll() is None:
            try:
                people = httpx.get(f"http://127.0.0.1:{port}/api/people", timeout=2).json()
            except httpx.HTTPError:
                time.sleep(0.1)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert people is not None, errors.decode()
    assert {"name": "De Vries", "party": "SP", "sets": 1} in people


def test_search_gives_one_result_per_set_with_page_numbers_and_sorting(client: TestClient) -> None:
    store = open_store(client.app.state.location)  # type: ignore[attr-defined]
    blocks = search(store, "onderwerp OR wachttijden", limit=1000)
    sets = {h.hit.set_id for h in blocks}
    assert len(blocks) > len(sets) > 20, "the test needs sets with several matching passages, over a page"
    first = client.get("/", params={"q": "onderwerp OR wachttijden"}).text
    assert f"{len(sets)} sets gevonden" in first
    listed = [int(n) for n in re.findall(r'<h3><a href="/set/(\d+)#', first)]
    assert len(listed) == 20 == len(set(listed)), "one result per set"
    assert "andere passage" in first, "a set's other matching passages can be unfolded"
    nav = re.search(r'<nav class="pages".*?</nav>', first, re.S)
    assert nav and '<span aria-current="page">1</span>' in nav.group(0) and 'rel="next"' in nav.group(0)
    second_url = re.search(r'<a href="(/\?[^"]*)">2</a>', nav.group(0))
    assert second_url
    second = client.get(second_url.group(1).replace("&amp;", "&")).text
    rest = [int(n) for n in re.findall(r'<h3><a href="/set/(\d+)#', second)]
    assert set(listed) | set(rest) == sets and not set(listed) & set(rest)
    assert 'rel="prev"' in second
    by_date = client.get("/", params={"q": "onderwerp OR wachttijden", "sort": "datum"}).text
    order = [
        store.sets.record(int(n)).submitted_on or "" for n in re.findall(r'<h3><a href="/set/(\d+)#', by_date)
    ]
    assert order == sorted(order, reverse=True), "newest first"
    api = client.get("/api/search", params={"q": "onderwerp OR wachttijden", "limit": 5}).json()
    assert api["total"] == len(sets) and len(api["sets"]) == 5
    assert sum(len(s["passages"]) for s in api["sets"]) == len(api["hits"])


def test_dates_on_pages_are_written_in_dutch() -> None:
    from kamervragen.web.app import dutch_date

    assert dutch_date("2024-11-20") == "20 november 2024"
    assert dutch_date("2024-03") == "maart 2024" and dutch_date(None) == "datum onbekend"


def test_names_have_one_page_and_unknown_ones_a_dutch_404(client: TestClient) -> None:
    moved = client.get("/partij/S.P.", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/partij/SP"
    party = client.get("/partij/SP")
    assert party.status_code == 200 and "Socialistische Partij" in party.text
    assert "Per jaar van indienen" in party.text and '<th scope="row">2026</th>' in party.text
    assert 'rel="next" href="?pagina=2"' not in party.text or "pagina 1 van" in party.text
    unknown = client.get("/lid/Niemand")
    assert (
        unknown.status_code == 404 and "Geen vragen gevonden" in unknown.text and 'lang="nl"' in unknown.text
    )
    nowhere = client.get("/bestaat/niet")
    assert nowhere.status_code == 404 and "Deze pagina bestaat niet." in nowhere.text
    assert client.get("/api/bestaat-niet").json() == {"detail": "Deze pagina bestaat niet."}
    past_the_end = client.get("/partij/SP", params={"pagina": 99})
    assert past_the_end.status_code == 404 and "de laatste is" in past_the_end.text


def test_the_party_filter_takes_any_spelling(client: TestClient) -> None:
    canonical = client.get("/api/search", params={"q": "wachttijden", "party": "SP", "limit": 100}).json()
    dotted = client.get("/api/search", params={"q": "wachttijden", "party": "S.P.", "limit": 100}).json()
    assert canonical["total"] == dotted["total"] > 0


def test_pages_load_nothing_from_another_host(client: TestClient) -> None:
    """Offline and private: no script, style or font from a CDN, /docs included."""
    set_id = sample_set(client)
    for url in (
        "/",
        "/?q=wachttijden",
        f"/set/{set_id}",
        "/cijfers",
        "/open-en-te-laat",
        "/docs",
        "/partij/SP",
    ):
        html = client.get(url).text
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), url
    docs = client.get("/docs").text
    assert "/api/search" in docs and "zoekparameter" in docs


def test_the_filter_form_suggests_names_as_they_are_typed(client: TestClient) -> None:
    home = client.get("/").text
    partijen = re.search(r'<datalist id="partijen">(.*?)</datalist>', home, re.S)
    leden = re.search(r'<datalist id="leden">(.*?)</datalist>', home, re.S)
    assert partijen and '<option value="SP">' in partijen.group(1)
    assert leden and '<option value="Lid3">' in leden.group(1)
    assert 'list="partijen"' in home and 'list="ministeries"' in home
