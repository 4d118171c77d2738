"""Numbers about the stored sets: how long answers take, how often they are late, who asks
how much, which sources are cited. The chart functions return rows (a header, then data) that
the web app draws and offers as CSV; `overdue` lists what is open past its due date."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any
from urllib.parse import urlparse

from kamervragen.store import LATE_AFTER_DAYS, SQLiteStore

Rows = list[tuple[object, ...]]
BINS = [
    (0, 7, "0–7"),
    (8, 14, "8–14"),
    (15, 21, "15–21"),
    (22, 28, "22–28"),
    (29, 42, "29–42"),
    (43, 63, "43–63"),
    (64, 91, "64–91"),
    (92, 100_000, "92+"),
]


def answer_times(store: SQLiteStore) -> Rows:
    """How many sets were answered in how many days."""
    counts: Counter[str] = Counter()
    for (days,) in store.db.execute(
        "SELECT days_taken FROM sets WHERE days_taken IS NOT NULL AND days_taken >= 0"
    ):
        label = next(label for low, high, label in BINS if low <= days <= high)
        counts[label] += 1
    return [("dagen", "sets"), *((label, counts[label]) for _, _, label in BINS)]


def late_by_ministry(store: SQLiteStore, top: int = 12) -> Rows:
    """Share of answers later than three weeks, per addressed ministry (the most asked)."""
    rows = store.db.execute(
        "SELECT o.portfolio, count(DISTINCT s.id), count(DISTINCT CASE WHEN s.days_taken > ? THEN s.id END)"
        " FROM sets s JOIN set_offices so ON so.set_id = s.id AND so.relation = 'addressee'"
        " JOIN offices o ON o.id = so.office_id WHERE s.days_taken IS NOT NULL AND o.portfolio != ''"
        " GROUP BY o.portfolio ORDER BY count(DISTINCT s.id) DESC LIMIT ?",
        (LATE_AFTER_DAYS, top),
    ).fetchall()
    return [("ministerie", "beantwoord", "te laat", "aandeel te laat")] + [
        (p, n, late, round(late / n, 3)) for p, n, late in rows
    ]


def late_by_year(store: SQLiteStore) -> Rows:
    rows = store.db.execute(
        "SELECT substr(submitted_on, 1, 4) AS y, count(*), sum(days_taken > ?) FROM sets"
        " WHERE days_taken IS NOT NULL AND submitted_on IS NOT NULL GROUP BY y ORDER BY y",
        (LATE_AFTER_DAYS,),
    ).fetchall()
    return [("jaar", "beantwoord", "te laat", "aandeel te laat")] + [
        (y, n, late, round(late / n, 3)) for y, n, late in rows
    ]


def party_by_month(store: SQLiteStore, months: int = 24, top: int = 10) -> Rows:
    """Sets asked per party per month, for the most recent months in the store."""
    last = store.db.execute("SELECT max(substr(submitted_on, 1, 7)) FROM sets").fetchone()[0]
    if not last:
        return [("partij", "maand", "sets")]
    year, month = int(last[:4]), int(last[5:7])
    wanted = []
    for _ in range(months):
        wanted.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    rows = store.db.execute(
        f"SELECT pa.name, substr(s.submitted_on, 1, 7) AS m, count(DISTINCT s.id) FROM sets s"
        f" JOIN set_people sp ON sp.set_id = s.id JOIN people p ON p.id = sp.person_id JOIN parties pa ON pa.id = p.party_id"
        f" WHERE m IN ({','.join('?' * len(wanted))}) GROUP BY pa.name, m",
        wanted,
    ).fetchall()
    totals: Counter[str] = Counter()
    for party, _, n in rows:
        totals[party] += n
    keep = {p for p, _ in totals.most_common(top)}
    return [("partij", "maand", "sets")] + sorted((p, m, n) for p, m, n in rows if p in keep)


def cited_domains(store: SQLiteStore, top: int = 15) -> Rows:
    counts: Counter[str] = Counter()
    for (urls,) in store.db.execute("SELECT urls FROM footnotes WHERE urls != '[]'"):
        for url in json.loads(urls):
            host = urlparse(url if "://" in url else "https://" + url).hostname or ""
            host = host.removeprefix("www.")
            if host:
                counts[host] += 1
    rows: Rows = [("domein", "voetnoten")]
    return rows + [(domain, n) for domain, n in counts.most_common(top)]


CHARTS = {
    "antwoordtijd": ("Hoe lang het antwoord duurde (dagen)", answer_times),
    "te-laat-per-ministerie": ("Aandeel te laat beantwoord per ministerie", late_by_ministry),
    "te-laat-per-jaar": ("Aandeel te laat beantwoord per jaar", late_by_year),
    "partijen-per-maand": ("Vragen per partij per maand", party_by_month),
    "bronnen": ("Meest geciteerde bronnen in voetnoten", cited_domains),
}


def overdue(db: SQLiteStore, today: date) -> dict[str, Any]:
    """Cases past their due date without an answer (as of the last sync), longest overdue
    first, with counts per addressed ministry and per asking party."""
    rows = db.db.execute(
        "SELECT nummer, zaak_id, title, submitted_on, due_on, status FROM cases"
        " WHERE answered_on IS NULL AND status != 'withdrawn' AND due_on < ? ORDER BY due_on",
        (today.isoformat(),),
    ).fetchall()
    per_ministry: dict[str, int] = {}
    per_party: dict[str, int] = {}
    cases = []
    for nummer, zaak_id, title, submitted, due, status in rows:
        actors = [f for _, c, f in db.linked(zaak_id) if c.lower() == "zaakactor"]
        ministries = sorted(
            {str(f.get("functie") or f.get("actorNaam")) for f in actors if f.get("relatie") == "Gericht aan"}
        )
        parties = sorted(
            {
                str(f.get("actorFractie"))
                for f in actors
                if f.get("relatie") in ("Indiener", "Medeindiener") and f.get("actorFractie")
            }
        )
        for m in ministries:
            per_ministry[m] = per_ministry.get(m, 0) + 1
        for p in parties:
            per_party[p] = per_party.get(p, 0) + 1
        cases.append(
            {
                "nummer": nummer,
                "title": title,
                "submitted_on": submitted,
                "due_on": due,
                "status": status,
                "days_over": (today - date.fromisoformat(due)).days,
                "ministries": ministries,
                "parties": parties,
            }
        )
    return {
        "cases": cases,
        "per_ministry": sorted(per_ministry.items(), key=lambda kv: -kv[1]),
        "per_party": sorted(per_party.items(), key=lambda kv: -kv[1]),
    }
