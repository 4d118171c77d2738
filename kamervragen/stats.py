"""Numbers about the stored sets: how long answers take, how often they are late, who asks
how much, which sources are cited. Each function returns rows (a header, then data) that
the web app draws and offers as CSV."""

from __future__ import annotations

import json
from collections import Counter
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
