"""The web app in a real headless Chromium (Debian's, driven by Playwright with its
executable path; nothing is downloaded): search with filters, open a set, follow a grouped
answer, read the open-and-late page, download a chart's CSV. Screenshots of the main pages
go to ``artifacts/screenshots``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.store import open_store

from .web_support import running, sample_store

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("KAMERVRAGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}; install Debian's chromium or set KAMERVRAGEN_CHROMIUM"
        )
    from kamervragen.web.app import create_app

    db = sample_store(tmp_path_factory.mktemp("site"), 25)
    store = open_store(db)
    # One case past its due date without an answer, as a sync would leave it.
    submitted = (date.today() - timedelta(days=40)).isoformat()
    store.mirror.put_entity(
        "zaak",
        "z-open",
        None,
        {"nummer": "2026Z00042", "soort": QUESTIONS, "onderwerp": "wachtlijsten jeugdzorg"},
        {},
    )
    store.mirror.put_entity(
        "zaakActor",
        "a-open",
        None,
        {"relatie": "Gericht aan", "functie": "minister van Volksgezondheid, Welzijn en Sport"},
        {"zaak": ["z-open"]},
    )
    store.mirror.put_entity(
        "zaakActor",
        "b-open",
        None,
        {"relatie": "Indiener", "actorNaam": "Lid Test", "actorFractie": "SP"},
        {"zaak": ["z-open"]},
    )
    store.mirror.put_case(
        assess(
            Case(
                "2026Z00042",
                "z-open",
                "wachtlijsten jeugdzorg",
                submitted,
                documents=[Document("d-open", QUESTIONS, submitted)],
            )
        )
    )
    store.close()
    with running(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_search_with_filters_then_open_a_set_and_follow_a_grouped_answer(site: str, page: object) -> None:
    p = page
    p.goto(site + "/")  # type: ignore[attr-defined]
    shot(p, "home")
    p.fill("#q", "huisuitzetting")  # type: ignore[attr-defined]
    p.click("summary")  # type: ignore[attr-defined]
    p.fill("#party", "SP")  # type: ignore[attr-defined]
    p.keyboard.press("Enter")  # type: ignore[attr-defined]
    p.wait_for_selector("ol.results li")  # type: ignore[attr-defined]
    assert "party=SP" in p.url  # type: ignore[attr-defined]
    assert p.locator("ol.results mark").count() > 0  # type: ignore[attr-defined]
    shot(p, "search")
    p.click("ol.results li h3 a")  # type: ignore[attr-defined]
    p.wait_for_selector(".qa")  # type: ignore[attr-defined]
    shot(p, "set")
    p.click("a.grouped")  # type: ignore[attr-defined]
    assert p.url.endswith("#antwoord-2")  # type: ignore[attr-defined]
    assert p.locator("#antwoord-2").is_visible()  # type: ignore[attr-defined]
    assert "ik ben bereid" in p.locator("#antwoord-2").inner_text()  # type: ignore[attr-defined]


def test_keyboard_reaches_the_search_box_and_the_skip_link(site: str, page: object) -> None:
    p = page
    p.goto(site + "/")  # type: ignore[attr-defined]
    p.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert p.evaluate("document.activeElement.textContent") == "Naar de inhoud"  # type: ignore[attr-defined]


def test_open_and_late_page(site: str, page: object) -> None:
    p = page
    p.goto(site + "/open-en-te-laat")  # type: ignore[attr-defined]
    text = p.locator("main").inner_text()  # type: ignore[attr-defined]
    # The sync's "minister van …" is counted under the ministry, as the documents' portfolios are.
    assert "2026Z00042" in text and "Volksgezondheid, Welzijn en Sport" in text and "SP" in text
    assert p.locator("a[href='/ministerie/Volksgezondheid%2C%20Welzijn%20en%20Sport']").count() == 1  # type: ignore[attr-defined]
    shot(p, "open-en-te-laat")


def test_download_a_charts_csv(site: str, page: object) -> None:
    p = page
    p.goto(site + "/cijfers")  # type: ignore[attr-defined]
    shot(p, "cijfers")
    with p.expect_download() as info:  # type: ignore[attr-defined]
        p.click("#antwoordtijd a[download]")  # type: ignore[attr-defined]
    content = Path(info.value.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0] == "dagen,sets"


def test_phone_width_is_readable(site: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(site + "/?q=wachttijden")
    width = p.evaluate("document.documentElement.scrollWidth")
    shot(p, "phone")
    context.close()
    assert width <= 400, "no sideways scrolling on a phone"


AXE = ROOT / "tests" / ".browser" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = (
    "/",
    "/?q=wachttijden",
    "/?q=onderwerp+OR+wachttijden&sort=datum",
    "/set/{set}",
    "/lid/Lid3",
    "/partij/SP",
    "/ministerie/Financi%C3%ABn",
    "/cijfers",
    "/open-en-te-laat",
    "/docs",
    "/bestaat-niet",
)


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_the_screen_and_passes_axe(site: str, browser: object, width: int) -> None:
    """At a desktop's and a phone's width: no page scrolls sideways, and axe-core (run in
    the page) finds no violation of WCAG 2.1 A and AA."""
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE}; run tests/setup-browser.sh")
    import httpx

    set_id = httpx.get(site + "/api/search", params={"q": "huisuitzetting"}).json()["sets"][0]["set"]
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    p = context.new_page()
    problems = []
    for path in PAGES:
        p.goto(site + path.format(set=set_id))
        wide = p.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if wide[0] > wide[1]:
            culprits = p.evaluate(
                "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right"
                " > window.innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className)"
            )
            problems.append(f"{path}: {wide[0]} px wide at {wide[1]} ({culprits})")
        p.add_script_tag(path=str(AXE))
        found = p.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')))"
        )
        problems += [f"{path}: {v}" for v in found]
    context.close()
    assert not problems, "\n".join(problems)
