"""FastAPI app: pages for people (search, a question set, members, parties, ministries,
what is open and late, the numbers), Atom feeds to follow them, and a JSON API with the
same parameters. Works without JavaScript: every search is a plain GET, so a shareable URL.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode
from xml.sax.saxutils import escape as xml_escape

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from kamervragen import __version__, life, names, titles
from kamervragen.parse.metadata import MONTH_NAMES
from kamervragen.query import QueryError, parse_query
from kamervragen.record import Record
from kamervragen.search import SetResults, question_text, search_sets, similar
from kamervragen.search import search as run_search
from kamervragen.store import CHARTS, PARTIAL_DATE, Filters, Store, default_location
from kamervragen.store.filters import invalid
from kamervragen.store.pool import StorePool
from kamervragen.web.charts import draw

HERE = Path(__file__).parent
PAGE_SIZE = 20
DOWNLOAD_SETS = 1000  # sets in a search's CSV or JSON
DOWNLOAD_FIELDS = (
    "set",
    "url",
    "id",
    "zaak",
    "titel",
    "ingezonden",
    "status",
    "gesteld_door",
    "passages",
    "beste_passage",
)
LISTING_SIZE = 50  # sets per page of a member, party or ministry
Pagina = Annotated[int, Query(ge=1, le=100_000, description="paginanummer")]
# Starlette's own words for the errors it raises itself, in Dutch.
DUTCH_DETAIL = {
    "Not Found": "Deze pagina bestaat niet.",
    "Method Not Allowed": "Dat kan op dit adres niet (alleen lezen met GET).",
}
MAX_OFFSET = 10_000  # how deep a cursor may page
SORT = {"relevantie": "relevance", "datum": "date"}  # the page's words → the search's
OFFICIAL = "https://zoek.officielebekendmakingen.nl/{}.html"
# The Kamer's own search for a Zaak number finds the case with all its documents.
ZAAK = "https://www.tweedekamer.nl/zoeken?qry={}"


# Empty values are allowed: a plain HTML form sends every field, filled in or not.
DATE = rf"^({PARTIAL_DATE})?$"
Text = Annotated[str | None, Query(max_length=200)]


class SearchParams:
    """The parameters of a search, the same for the page, its feed and the API."""

    def __init__(
        self,
        q: Annotated[str, Query(max_length=500, description='Words, "phrases", OR, NOT/-, prefix*')] = "",
        member: Text = None,
        party: Text = None,
        ministry: Text = None,
        minister: Text = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
        session_year: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{4})?$")] = None,
        kind: Annotated[str | None, Query(pattern="^(questions|answer|delay_notice|notice)?$")] = None,
        status: Annotated[str | None, Query(pattern=f"^({'|'.join(life.STATUS_FILTERS)})?$")] = None,
        sort: Annotated[
            str | None, Query(pattern="^(relevantie|datum)?$", description="relevantie of datum")
        ] = None,
        cursor: Annotated[str | None, Query(max_length=100)] = None,
    ) -> None:
        self.q = q.strip()
        self.sort = sort or "relevantie"
        self.filters = Filters(
            member=member or None,
            party=party or None,
            ministry=ministry or None,
            minister=minister or None,
            date_from=date_from or None,
            date_to=date_to or None,
            session_year=session_year or None,
            kind=kind or None,
            status=status or None,
        )
        for name, value in (("from", date_from), ("to", date_to)):
            if value and invalid("date_" + name, value):
                raise HTTPException(422, f"{name} {value}: die datum bestaat niet")
        self.offset, self.filters.upto_set = _position(cursor)

    def pin(self, db: Store) -> None:
        """On the first page, pin the sets there are now (see Filters.upto_set)."""
        if self.filters.upto_set is None:
            self.filters.upto_set = db.sets.last_set()

    def next_cursor(self, step: int) -> str:
        return self.cursor_at(self.offset + step)

    def page_at(self, offset: int) -> str:
        """The query string of the page that starts at ``offset`` (the first needs no cursor)."""
        return self.query_string(cursor=self.cursor_at(offset)) if offset else self.query_string()

    def cursor_at(self, offset: int) -> str:
        position = {"o": offset, "u": self.filters.upto_set}
        return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")

    def query_string(self, **changes: object) -> str:
        f = self.filters
        values = {
            "q": self.q,
            "member": f.member,
            "party": f.party,
            "ministry": f.ministry,
            "minister": f.minister,
            "from": f.date_from,
            "to": f.date_to,
            "session_year": f.session_year,
            "kind": f.kind,
            "status": f.status,
            "sort": self.sort if self.sort != "relevantie" else None,
            **changes,
        }
        return urlencode({k: v for k, v in values.items() if v})


def _position(cursor: str | None) -> tuple[int, int | None]:
    """Cursors are opaque to clients; they hold the position in the ranked list and the
    last set there was when the first page was served."""
    if not cursor:
        return 0, None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, upto = int(value["o"]), int(value["u"])
    except (ValueError, KeyError, TypeError, OverflowError):
        raise HTTPException(
            400, "deze cursor komt niet van deze server; begin opnieuw zonder cursor"
        ) from None
    if not 0 <= offset <= MAX_OFFSET or not 0 <= upto < 2**63:
        raise HTTPException(400, "deze cursor valt buiten het bereik")
    return offset, upto


def get_store(request: Request) -> Iterator[Store]:
    """Lend a store from the app's pool for one request. FastAPI may run this dependency and
    the endpoint on different worker threads, so a store belongs to a request, not a thread."""
    pool: StorePool = request.app.state.pool
    with pool.borrow() as store:
        yield store


Db = Annotated[Store, Depends(get_store)]
SetId = Annotated[int, PathParam(ge=1, le=2**63 - 1, description="a set's number in this store")]
Params = Annotated[SearchParams, Depends()]


def create_app(location: str | Path) -> FastAPI:
    app = FastAPI(
        title="kamervragen",
        version=__version__,
        description="Schriftelijke Kamervragen: zoeken, volgen en meten. Een JSON-API; de HTML-pagina's nemen dezelfde parameters.",
        # FastAPI's /docs loads its script from a CDN and is blank offline: /docs is a page
        # of this app, built from the same OpenAPI description.
        docs_url=None,
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["marks"] = _marks
    templates.env.filters["en"] = _and_list
    templates.env.filters["dutch_date"] = dutch_date
    templates.env.filters["title_of"] = titles.title
    templates.env.filters["query_items"] = lambda query: parse_qsl(query)
    templates.env.globals["official"] = lambda doc_id: OFFICIAL.format(doc_id) if doc_id else None
    templates.env.globals["zaak_url"] = lambda nummer: ZAAK.format(quote(nummer))
    templates.env.filters["party_name"] = names.party
    templates.env.filters["ministry_name"] = names.ministry
    templates.env.globals["status_labels"] = life.LABELS
    templates.env.globals["status_choices"] = [(s, life.LABELS[s]) for s in life.STATUS_FILTERS]
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.location = str(location)
    app.state.pool = StorePool(str(location))
    app.router.on_shutdown.append(app.state.pool.close)

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(_explain(e) for e in exc.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=422)
        return page(request, "error.html", 422, message=f"Ongeldige invoer: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = DUTCH_DETAIL.get(str(exc.detail), str(exc.detail))
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", exc.status_code, message=detail)

    def run(db: Store, params: SearchParams, limit: int) -> tuple[list[Any], bool]:
        params.pin(db)
        try:
            results = run_search(db, params.q, params.filters, params.offset + limit + 1)
        except QueryError as exc:
            raise HTTPException(400, f"de zoekvraag klopt niet: {exc}") from None
        window = results[params.offset : params.offset + limit]
        return window, len(results) > params.offset + limit

    def run_sets(db: Store, params: SearchParams, limit: int) -> SetResults:
        params.pin(db)
        try:
            return search_sets(db, params.q, params.filters, limit, params.offset, SORT[params.sort])
        except QueryError as exc:
            raise HTTPException(400, f"de zoekvraag klopt niet: {exc}") from None

    known: dict[int, dict[str, list[str]]] = {}

    def suggestions(db: Store) -> dict[str, list[str]]:
        """The names the filter form offers; worked out again only when sets were added
        (counting every member's sets on each page view would cost a large store dearly)."""
        last = db.sets.last_set()
        if last not in known:
            known.clear()
            known[last] = db.sets.suggestions()
        return known[last]

    def pages(params: SearchParams, total: int) -> list[tuple[int, str | None]]:
        """Page numbers with the link to each (None for the current one), at most ten around it."""
        count = min(-(-total // PAGE_SIZE), MAX_OFFSET // PAGE_SIZE + 1)
        current = params.offset // PAGE_SIZE
        first = max(0, min(current - 4, count - 10))
        return [
            (n + 1, None if n == current else params.page_at(n * PAGE_SIZE))
            for n in range(first, min(count, first + 10))
        ]

    # -- pages -------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: Db, params: Params) -> HTMLResponse:
        found: SetResults | None = None
        facets: dict[str, list[tuple[str, str, int]]] = {}
        recent: list[Any] = []
        more = False
        if params.q:
            found = run_sets(db, params, PAGE_SIZE)
            more = params.offset + PAGE_SIZE < found.total
            facets = _facets(db, params)
        else:
            params.pin(db)
            recent = db.sets.recent(params.filters, PAGE_SIZE, params.offset)
            more = len(recent) == PAGE_SIZE
        return page(
            request,
            "search.html",
            params=params,
            found=found,
            pages=pages(params, found.total) if found else [],
            previous=params.page_at(max(0, params.offset - PAGE_SIZE)) if params.offset else None,
            recent=recent,
            facets=facets,
            suggestions=suggestions(db),
            next_cursor=params.next_cursor(PAGE_SIZE) if more else None,
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        schema = app.openapi()
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary") or "",
                "description": op.get("description") or "",
                "parameters": [
                    {
                        "name": p["name"],
                        "where": {"query": "zoekparameter", "path": "in het pad"}.get(p["in"], p["in"]),
                        "required": p.get("required", False),
                        "description": p.get("description") or p.get("schema", {}).get("description", ""),
                    }
                    for p in op.get("parameters", [])
                ],
            }
            for path, methods in schema["paths"].items()
            for method, op in methods.items()
        ]
        return page(request, "docs.html", operations=operations, info=schema["info"])

    @app.get("/zoeken.{extension}", include_in_schema=False)
    def download(request: Request, db: Db, params: Params, extension: str) -> Response:
        """The sets a search finds (at most DOWNLOAD_SETS), one row each, as CSV or JSON:
        what the page shows, to take away."""
        if extension not in ("csv", "json"):
            raise HTTPException(404, "Download als .csv of .json.")
        if not params.q:
            raise HTTPException(400, "Geef zoekwoorden in q.")
        params.offset = 0
        found = run_sets(db, params, DOWNLOAD_SETS)
        base = str(request.base_url).rstrip("/")
        rows = [
            {
                "set": s.best.hit.set_id,
                "url": f"{base}/set/{s.best.hit.set_id}",
                "id": s.best.hit.doc_id or "",
                "zaak": s.best.hit.case_number or "",
                "titel": s.best.hit.title or "",
                "ingezonden": s.best.hit.submitted_on or "",
                "status": life.LABELS[s.best.hit.status],
                "gesteld_door": "; ".join(s.best.hit.submitters),
                "passages": 1 + len(s.more),
                "beste_passage": s.best.snippet.replace("**", ""),
            }
            for s in found.sets
        ]
        name = "kamervragen-" + re.sub(r"[^\w-]+", "-", params.q)[:40].strip("-")
        disposition = {"Content-Disposition": f'attachment; filename="{name}.{extension}"'}
        if extension == "json":
            body = json.dumps(
                {"query": params.q, "total": found.total, "sets": rows}, ensure_ascii=False, indent=1
            )
            return Response(body, media_type="application/json", headers=disposition)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(DOWNLOAD_FIELDS))
        writer.writeheader()
        writer.writerows(rows)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)

    @app.get("/set/{set_id}", response_class=HTMLResponse, include_in_schema=False)
    def question_set(request: Request, db: Db, set_id: SetId) -> HTMLResponse:
        record, lived = _set(db, set_id)
        return page(
            request,
            "set.html",
            record=record,
            set_id=set_id,
            rows=_rows(record),
            life=lived,
            status=lived.status(),
            labels=life.LABELS,
            timeline=_timeline(record, lived),
            similar=similar(db, question_text(record), limit=5, exclude_set=set_id),
        )

    @app.get("/lid/{name}", response_class=HTMLResponse, include_in_schema=False)
    def member(request: Request, db: Db, name: str, pagina: Pagina = 1) -> Response:
        return _listing(request, db, "lid", name, f"Kamerlid {name}", Filters(member=name), pagina)

    @app.get("/partij/{name}", response_class=HTMLResponse, include_in_schema=False)
    def party(request: Request, db: Db, name: str, pagina: Pagina = 1) -> Response:
        if names.party(name) != name:  # one page per party: "P.v.d.A." is "PvdA"
            return RedirectResponse(f"/partij/{quote(names.party(name))}", status_code=301)
        info = names.party_info(name)
        history = []
        if info is not None:
            start, _, end = info.years.partition("–")
            history.append(
                f"{info.full}, in de Tweede Kamer " + (f"van {start} tot {end}" if end else f"sinds {start}")
            )
            if info.merged_from:
                history.append("ontstaan uit " + _and_list(list(info.merged_from)))
        if later := names.successors(name):
            history.append("later opgegaan in " + _and_list(later))
        return _listing(request, db, "partij", name, f"Partij {name}", Filters(party=name), pagina, history)

    @app.get("/ministerie/{name}", response_class=HTMLResponse, include_in_schema=False)
    def ministry(request: Request, db: Db, name: str, pagina: Pagina = 1) -> Response:
        if names.ministry(name) != name:  # "VWS" is "Volksgezondheid, Welzijn en Sport"
            return RedirectResponse(f"/ministerie/{quote(names.ministry(name))}", status_code=301)
        return _listing(
            request, db, "ministerie", name, f"Ministerie van {name}", Filters(ministry=name), pagina
        )

    def _listing(
        request: Request,
        db: Store,
        kind: str,
        name: str,
        title: str,
        filters: Filters,
        number: int,
        history: list[str] | None = None,
    ) -> HTMLResponse:
        counts = db.stats.tally(filters)
        if not counts["total"]:
            raise HTTPException(404, f"Geen vragen gevonden van of aan {kind} {name!r}.")
        last = max(1, -(-counts["total"] // LISTING_SIZE))
        if number > last:
            raise HTTPException(404, f"Pagina {number} bestaat niet; de laatste is {last}.")
        sets = db.sets.recent(filters, LISTING_SIZE, (number - 1) * LISTING_SIZE)
        return page(
            request,
            "listing.html",
            title=title,
            sets=sets,
            counts=counts,
            years=db.stats.per_year(filters),
            history=history or [],
            labels=life.LABELS,
            number=number,
            last=last,
        )

    @app.get("/open-en-te-laat", response_class=HTMLResponse, include_in_schema=False)
    def overdue_page(request: Request, db: Db) -> HTMLResponse:
        return page(request, "overdue.html", **db.stats.overdue())

    @app.get("/cijfers", response_class=HTMLResponse, include_in_schema=False)
    def numbers(request: Request, db: Db) -> HTMLResponse:
        charts = [
            (name, title, Markup(draw(name, title, fn(db.stats)))) for name, (title, fn) in CHARTS.items()
        ]
        return page(request, "numbers.html", charts=charts)

    @app.get("/cijfers/{name}.svg", include_in_schema=False)
    def chart_svg(db: Db, name: str) -> Response:
        title, fn = _chart(name)
        return Response(draw(name, title, fn(db.stats)), media_type="image/svg+xml")

    @app.get("/cijfers/{name}.csv", include_in_schema=False)
    def chart_csv(db: Db, name: str) -> Response:
        _, fn = _chart(name)
        out = io.StringIO()
        csv.writer(out).writerows(fn(db.stats))
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )

    # -- feeds -------------------------------------------------------------------------

    @app.get("/feed", include_in_schema=False)
    def search_feed(request: Request, db: Db, params: Params) -> Response:
        if params.q:
            results, _ = run(db, params, 50)
            seen: dict[int, Any] = {}
            for r in results:
                seen.setdefault(r.hit.set_id, r)
            entries = [(set_id, db.sets.record(set_id)) for set_id in seen]
        else:
            entries = [(s.set_id, s.record) for s in db.sets.recent(params.filters, 50)]
        title = f"Kamervragen: {params.q or 'nieuwste vragen'}"
        items = [
            _entry(request, set_id, rec, db.sets.life(set_id)) for set_id, rec in entries if rec is not None
        ]
        return _atom(request, title, str(request.url), items)

    @app.get("/set/{set_id}/feed", include_in_schema=False)
    def set_feed(request: Request, db: Db, set_id: SetId) -> Response:
        record, lived = _set(db, set_id)
        link = str(request.url_for("question_set", set_id=set_id))
        items = [
            {
                "id": f"{link}#{what}",
                "title": f"{label}: {titles.title(record)}",
                "link": link,
                "updated": day,
                "summary": label,
            }
            for what, label, day in _timeline(record, lived)
            if day
        ]
        return _atom(request, f"Kamervragen: {titles.title(record)}", str(request.url), items)

    # -- API ---------------------------------------------------------------------------

    @app.get("/api/search", tags=["zoeken"])
    def api_search(
        db: Db, params: Params, limit: Annotated[int, Query(ge=1, le=100)] = PAGE_SIZE
    ) -> dict[str, Any]:
        """The sets found, one per set with its matching passages (``sets``, and ``total``
        sets in all), and the same passages one by one (``hits``); ``next`` is the cursor
        of the next page of sets."""
        if not params.q:
            raise HTTPException(400, "geef een zoekvraag in q")
        found = run_sets(db, params, limit)
        # The same passages one by one, as before sets were gathered: the page's sets' blocks.
        results = [r for s in found.sets for r in (s.best, *s.more)]
        more = params.offset + limit < found.total

        return {
            "total": found.total,
            "total_is_lower_bound": found.capped,
            "sets": [
                {
                    "set": s.best.hit.set_id,
                    "id": s.best.hit.doc_id,
                    "case_number": s.best.hit.case_number,
                    "title": s.best.hit.title,
                    "submitted_on": s.best.hit.submitted_on,
                    "kind": s.best.hit.kind,
                    "status": s.best.hit.status,
                    "submitters": s.best.hit.submitters,
                    "passages": [r.passage() for r in (s.best, *s.more)],
                }
                for s in found.sets
            ],
            "hits": [
                {
                    "set": r.hit.set_id,
                    "id": r.hit.doc_id,
                    "case_number": r.hit.case_number,
                    "title": r.hit.title,
                    "block": r.hit.block,
                    "numbers": r.hit.numbers,
                    "score": r.hit.score,
                    "snippet": r.snippet,
                    "submitted_on": r.hit.submitted_on,
                    "kind": r.hit.kind,
                    "status": r.hit.status,
                    "submitters": r.hit.submitters,
                }
                for r in results
            ],
            "next": params.next_cursor(limit) if more else None,
        }

    @app.get("/api/sets/{set_id}", tags=["sets"])
    def api_set(db: Db, set_id: SetId) -> dict[str, Any]:
        """One question set: its status, due date and days taken (kamervragen.life, as on
        every page), the record, and its case when the sync knows it."""
        record, lived = _set(db, set_id)
        return {
            "status": lived.status(),
            "due_on": lived.due_on,
            "days_taken": lived.days_taken,
            "answered_on": lived.answered_on,
            "delay_notices": list(lived.delay_notices),
            "known_from": lived.known_from,
            "record": record.model_dump(mode="json"),
            "case": db.mirror.case(record.case_number),
        }

    @app.get("/api/people", tags=["mensen"])
    def api_people(
        db: Db,
        q: Annotated[str, Query(max_length=100)] = "",
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> list[dict[str, Any]]:
        """Members who asked, with their party and how many sets."""
        return [{"name": n, "party": party, "sets": c} for n, party, c in db.sets.people(q, limit)]

    @app.get("/api/stats/{name}", tags=["cijfers"])
    def api_stats(db: Db, name: str) -> dict[str, Any]:
        """The data behind a chart: ``columns`` and ``rows``."""
        title, fn = _chart(name)
        rows = fn(db.stats)
        return {"title": title, "columns": list(rows[0]), "rows": [list(r) for r in rows[1:]]}

    @app.get("/api/open", tags=["cijfers"])
    def api_open(db: Db) -> dict[str, Any]:
        """Sets past their due date without an answer, and the counts per ministry and party;
        ``sources`` says how many sets the documents alone and the sync's cases inform."""
        return db.stats.overdue()

    return app


def from_environment() -> FastAPI:
    """The app on the store ``KAMERVRAGEN_DB`` names (for ``serve --workers``)."""
    return create_app(default_location())


# What a parameter must look like, for the one-sentence error (pydantic's own messages are
# English and name regular expressions).
_SHAPES = {
    "from": "een datum als 2024-03-01 (of 2024-03, of 2024)",
    "to": "een datum als 2024-03-01 (of 2024-03, of 2024)",
    "session_year": "een vergaderjaar als 2023-2024",
    "kind": "questions, answer, delay_notice of notice",
    "status": ", ".join(life.STATUS_FILTERS[:-1]) + " of " + life.STATUS_FILTERS[-1],
}


def _explain(error: dict[str, Any]) -> str:
    """One validation error in Dutch: which parameter, and what it must be."""
    name = ".".join(str(p) for p in error["loc"][1:]) or "invoer"
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        return f"{name} moet {_SHAPES.get(name, 'een andere vorm hebben')} zijn"
    if kind == "string_too_long":
        return f"{name} is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind == "less_than_equal":
        return f"{name} mag hoogstens {ctx.get('le')} zijn"
    if kind == "greater_than_equal":
        return f"{name} moet minstens {ctx.get('ge')} zijn"
    if kind in ("int_parsing", "int_type"):
        return f"{name} moet een geheel getal zijn"
    if kind == "missing":
        return f"{name} ontbreekt"
    return f"{name}: {error['msg']}"


def _chart(name: str) -> tuple[str, Any]:
    if name not in CHARTS:
        raise HTTPException(404, f"er is geen grafiek {name!r}; wel: {', '.join(CHARTS)}")
    return CHARTS[name]


def _and_list(items: list[Any]) -> str:
    """[2, 3, 4] as "2, 3 en 4", the way the documents write it."""
    words = [str(i) for i in items]
    return ", ".join(words[:-1]) + " en " + words[-1] if len(words) > 1 else "".join(words)


def dutch_date(value: str | None) -> str:
    """ "2024-11-20" → "20 november 2024"; a partial date as far as it goes."""
    if not value:
        return "datum onbekend"
    parts = value[:10].split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def _marks(snippet: str) -> Markup:
    """A snippet with its **marked** words as <mark>, everything else escaped."""
    return Markup(re.sub(r"\*\*(.+?)\*\*", r"<mark>\1</mark>", str(escape(snippet))))


def _set(db: Store, set_id: int) -> tuple[Record, life.Life]:
    record, lived = db.sets.record(set_id), db.sets.life(set_id)
    if record is None or lived is None:
        raise HTTPException(404, "deze set vragen bestaat niet")
    return record, lived


def _rows(record: Record) -> list[dict[str, Any]]:
    """Each question with its answer; an answer covering several questions is shown once,
    beside the first, and linked from the others."""
    by_question = {n: i for i, a in enumerate(record.answers) for n in a.questions}
    shown: set[int] = set()
    rows = []
    for q in record.questions:
        i = by_question.get(q.number)
        answer = record.answers[i] if i is not None else None
        first = i is not None and i not in shown
        if i is not None:
            shown.add(i)
        rows.append({"question": q, "answer": answer, "answer_index": i, "first": first})
    return rows


def _timeline(record: Record, lived: life.Life) -> list[tuple[str, str, str | None]]:
    events = [("ingezonden", "Ingezonden", lived.submitted_on or record.submitted_on)]
    events += [(f"uitstel-{i}", "Uitstel gemeld", day) for i, day in enumerate(lived.delay_notices, 1)]
    if lived.due_on:
        events.append(("termijn", "Antwoord verwacht uiterlijk", lived.due_on))
    if lived.answered_on:
        events.append(("beantwoord", "Beantwoord", lived.answered_on))
    return events


def _facets(db: Store, params: SearchParams) -> dict[str, list[tuple[str, str, int]]]:
    """Counts per party, ministry, year and status for the current search, as (label, URL
    query, count) for links that add the facet to the search."""
    counts = db.search.facets(parse_query(params.q), params.filters).values
    out: dict[str, list[tuple[str, str, int]]] = {}
    links = {
        "party": ("Partij", lambda v: params.query_string(party=v)),
        "ministry": ("Ministerie", lambda v: params.query_string(ministry=v)),
        "year": ("Jaar", lambda v: params.query_string(**{"from": v + "-01-01", "to": v + "-12-31"})),
        "status": ("Status", lambda v: params.query_string(status=v)),
    }
    for facet, (heading, link) in links.items():
        values = counts.get(facet, [])
        if facet == "year":
            values = sorted(values, reverse=True)
        label = (lambda v: life.LABELS[v]) if facet == "status" else (lambda v: v)
        if values:
            out[heading] = [(label(v), link(v), n) for v, n in values[:12]]
    return out


def _entry(request: Request, set_id: int, record: Record, lived: life.Life | None) -> dict[str, Any]:
    link = str(request.url_for("question_set", set_id=set_id))
    status = f" ({life.LABELS[lived.status()]})" if lived else ""
    return {
        "id": link,
        "title": titles.title(record) + status,
        "link": link,
        "updated": record.received_on or record.submitted_on,
        "summary": " ".join(q.text for q in record.questions)[:500],
    }


_QUOTE = {'"': "&quot;"}  # the URLs go into attributes, and a raw query may hold a quote


def _atom(request: Request, title: str, self_url: str, items: list[dict[str, Any]]) -> Response:
    updated = max((str(i["updated"]) for i in items if i.get("updated")), default="1970-01-01")
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
        f"<title>{xml_escape(title)}</title>",
        f"<id>{xml_escape(self_url)}</id>",
        f'<link rel="self" href="{xml_escape(self_url, _QUOTE)}"/>',
        f"<updated>{updated}T00:00:00Z</updated>",
        "<author><name>kamervragen</name></author>",
    ]
    for item in items:
        day = item.get("updated") or "1970-01-01"
        parts += [
            "<entry>",
            f"<id>{xml_escape(item['id'])}</id>",
            f"<title>{xml_escape(item['title'])}</title>",
            f'<link href="{xml_escape(item["link"], _QUOTE)}"/>',
            f"<updated>{day}T00:00:00Z</updated>",
            f"<summary>{xml_escape(item['summary'])}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return Response("\n".join(parts), media_type="application/atom+xml; charset=utf-8")
