"""The statistics job of the store: counts over the stored sets by their life.

One question set is one Zaak: the documents of one Zaak (its questions, a delay notice, the
answer) are stored as sets of their own that share a life, and are counted once here (a set
without a Zaak number counts by itself). Statuses are read from the stored outcome and due
date with the one rendering of kamervragen.life's rule (filters.status_condition), so the
numbers here are the numbers of every search filter and page.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any
from urllib.parse import urlparse

from kamervragen import life, names
from kamervragen.store.filters import Filters, status_condition
from kamervragen.store.mirror import Mirror
from kamervragen.store.records import Records
from kamervragen.store.sql import Database

Rows = list[tuple[object, ...]]
UNIT = "coalesce(s.case_number, CAST(s.id AS TEXT))"
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


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


class Statistics:
    def __init__(self, db: Database, records: Records, mirror: Mirror) -> None:
        self.db = db
        self.records = records
        self.mirror = mirror

    def tally(self, filters: Filters, on: date | None = None) -> dict[str, int]:
        """Question sets the filters select, in all and per status (each Zaak once)."""
        out: dict[str, int] = {"total": 0, **dict.fromkeys(life.STATUSES, 0)}
        selected = self.records.selected(filters)
        if selected is None:
            return out
        where, params = selected
        today = (on or filters.today or life.today()).isoformat()
        # A Zaak's documents share one life, so any of them gives its status.
        for status in life.STATUSES:
            condition, args = status_condition("s", (status,), today)
            out[status] = int(
                self.db.value(
                    f"SELECT count(DISTINCT {UNIT}) FROM sets s WHERE {where} AND {condition}",
                    [*params, *args],
                )
            )
        out["total"] = sum(out[s] for s in life.STATUSES)
        return out

    def per_year(self, filters: Filters) -> list[tuple[str, int, int, int]]:
        """Per year of submission: sets the filters select, answered, and answered late
        (each Zaak once)."""
        selected = self.records.selected(filters)
        if selected is None:
            return []
        where, params = selected
        rows = self.db.all(
            f"SELECT substr(s.submitted_on, 1, 4), count(DISTINCT {UNIT}),"
            f" count(DISTINCT CASE WHEN s.outcome IN ('answered', 'answered_late') THEN {UNIT} END),"
            f" count(DISTINCT CASE WHEN s.outcome = 'answered_late' THEN {UNIT} END)"
            f" FROM sets s WHERE {where} AND s.submitted_on IS NOT NULL GROUP BY 1 ORDER BY 1 DESC",
            params,
        )
        return [(str(y), int(n), int(a), int(late)) for y, n, a, late in rows]

    def answer_times(self) -> Rows:
        """How many sets were answered in how many days."""
        counts: Counter[str] = Counter()
        for (days,) in self.db.all(
            f"SELECT min(s.days_taken) FROM sets s WHERE s.days_taken IS NOT NULL AND s.days_taken >= 0 GROUP BY {UNIT}"
        ):
            label = next(label for low, high, label in BINS if low <= days <= high)
            counts[label] += 1
        return [("dagen", "sets"), *((label, counts[label]) for _, _, label in BINS)]

    def late_by_ministry(self, top: int = 12) -> Rows:
        """Share of answers after the due date, per addressed ministry (the most asked)."""
        rows = self.db.all(
            f"SELECT o.portfolio, count(DISTINCT {UNIT}),"
            f" count(DISTINCT {UNIT}) FILTER (WHERE s.outcome = 'answered_late')"
            " FROM sets s JOIN set_offices so ON so.set_id = s.id AND so.relation = 'addressee'"
            " JOIN offices o ON o.id = so.office_id WHERE s.outcome IN ('answered', 'answered_late')"
            " AND o.portfolio != '' GROUP BY o.portfolio ORDER BY 2 DESC, 1 LIMIT ?",
            (top,),
        )
        return [("ministerie", "beantwoord", "te laat", "aandeel te laat")] + [
            (p, n, late, _share(late, n)) for p, n, late in rows
        ]

    def late_by_year(self) -> Rows:
        rows = self.db.all(
            f"SELECT substr(s.submitted_on, 1, 4) AS y, count(DISTINCT {UNIT}),"
            f" count(DISTINCT {UNIT}) FILTER (WHERE s.outcome = 'answered_late') FROM sets s"
            " WHERE s.outcome IN ('answered', 'answered_late') AND s.submitted_on IS NOT NULL"
            " GROUP BY substr(s.submitted_on, 1, 4) ORDER BY 1"
        )
        return [("jaar", "beantwoord", "te laat", "aandeel te laat")] + [
            (y, n, late, _share(late, n)) for y, n, late in rows
        ]

    def party_by_month(self, months: int = 24, top: int = 10) -> Rows:
        """Sets asked per party per month, for the most recent months in the store."""
        last = self.db.value("SELECT max(substr(submitted_on, 1, 7)) FROM sets")
        if not last:
            return [("partij", "maand", "sets")]
        year, month = int(last[:4]), int(last[5:7])
        wanted = []
        for _ in range(months):
            wanted.append(f"{year:04d}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        rows = self.db.all(
            f"SELECT pa.name, substr(s.submitted_on, 1, 7), count(DISTINCT {UNIT}) FROM sets s"
            " JOIN set_people sp ON sp.set_id = s.id JOIN people p ON p.id = sp.person_id"
            " JOIN parties pa ON pa.id = p.party_id"
            f" WHERE substr(s.submitted_on, 1, 7) IN ({','.join('?' * len(wanted))})"
            " GROUP BY pa.name, substr(s.submitted_on, 1, 7)",
            wanted,
        )
        totals: Counter[str] = Counter()
        for party, _, n in rows:
            totals[party] += n
        keep = {p for p, _ in totals.most_common(top)}
        header: Rows = [("partij", "maand", "sets")]
        return header + sorted((p, m, n) for p, m, n in rows if p in keep)

    def cited_domains(self, top: int = 15) -> Rows:
        counts: Counter[str] = Counter()
        for (urls,) in self.db.all("SELECT urls FROM footnotes WHERE urls != '[]'"):
            for url in json.loads(urls):
                host = urlparse(url if "://" in url else "https://" + url).hostname or ""
                host = host.removeprefix("www.")
                if host:
                    counts[host] += 1
        rows: Rows = [("domein", "voetnoten")]
        return rows + [(domain, n) for domain, n in counts.most_common(top)]

    def overdue(self, on: date | None = None) -> dict[str, Any]:
        """Question sets past their due date without an answer, longest overdue first, with
        counts per addressed ministry and per asking party; from the stored documents and,
        for Zaken the sync knows without a stored document, from the SyncFeed's case."""
        today = on or life.today()
        condition, args = status_condition("s", ("overdue",), today.isoformat())
        units: dict[str, dict[str, Any]] = {}
        for unit, set_id, title, submitted, due, known_from, nummer in self.db.all(
            f"SELECT {UNIT}, s.id, s.title, s.submitted_on, s.due_on, s.known_from, s.case_number FROM sets s"
            f" WHERE {condition} ORDER BY s.due_on, s.id",
            args,
        ):
            entry = units.setdefault(
                unit, _overdue(int(set_id), nummer, title, submitted, due, known_from or "documents", today)
            )
            for (portfolio,) in self.db.all(
                "SELECT o.portfolio FROM set_offices so JOIN offices o ON o.id = so.office_id"
                " WHERE so.set_id = ? AND so.relation = 'addressee' AND o.portfolio != ''",
                (set_id,),
            ):
                entry["ministries"].add(portfolio)
            for (party,) in self.db.all(
                "SELECT pa.name FROM set_people sp JOIN people p ON p.id = sp.person_id"
                " JOIN parties pa ON pa.id = p.party_id WHERE sp.set_id = ?",
                (set_id,),
            ):
                entry["parties"].add(party)
        # Zaken of the sync with no stored document: what the SyncFeed says of them.
        for nummer, zaak_id, title, submitted, due in self.db.all(
            "SELECT c.nummer, c.zaak_id, c.title, c.submitted_on, c.due_on FROM cases c WHERE c.status = 'pending'"
            " AND c.due_on < ? AND NOT EXISTS (SELECT 1 FROM sets s WHERE s.case_number = c.nummer)",
            (today.isoformat(),),
        ):
            actors = [f for _, c, f in self.mirror.linked(zaak_id) if c.lower() == "zaakactor"]
            units[nummer] = _overdue(None, nummer, title, submitted, due, "sync", today)
            units[nummer]["ministries"] = {
                names.ministry(str(f.get("functie") or f.get("actorNaam")))
                for f in actors
                if f.get("relatie") == "Gericht aan"
            }
            units[nummer]["parties"] = {
                names.party(str(f.get("actorFractie")))
                for f in actors
                if f.get("relatie") in ("Indiener", "Medeindiener") and f.get("actorFractie")
            }
        cases = sorted(units.values(), key=lambda e: (e["due_on"], e["nummer"] or ""))
        per_ministry: Counter[str] = Counter()
        per_party: Counter[str] = Counter()
        for entry in cases:
            entry["ministries"] = sorted(entry["ministries"])
            entry["parties"] = sorted(entry["parties"])
            per_ministry.update(entry["ministries"])
            per_party.update(entry["parties"])
        return {
            "today": today.isoformat(),
            "cases": cases,
            "per_ministry": sorted(per_ministry.items(), key=lambda kv: (-kv[1], kv[0])),
            "per_party": sorted(per_party.items(), key=lambda kv: (-kv[1], kv[0])),
            "sources": self.sources(),
        }

    def sources(self) -> dict[str, int]:
        """Where the store's knowledge of lives comes from: sets judged from their documents
        alone, sets whose Zaak the sync knows, and the cases the sync has."""
        counts = dict.fromkeys(("documents", "sync"), 0)
        for known_from, n in self.db.all(
            "SELECT coalesce(known_from, 'documents'), count(*) FROM sets GROUP BY 1"
        ):
            counts[str(known_from)] = int(n)
        counts["cases"] = int(self.db.value("SELECT count(*) FROM cases"))
        return counts


def _overdue(
    set_id: int | None,
    nummer: str | None,
    title: str | None,
    submitted: str | None,
    due: str,
    known_from: str,
    today: date,
) -> dict[str, Any]:
    return {
        "set": set_id,
        "nummer": nummer,
        "title": title,
        "submitted_on": submitted,
        "due_on": due,
        "status": "overdue",
        "days_over": (today - date.fromisoformat(due)).days,
        "known_from": known_from,
        "ministries": set(),
        "parties": set(),
    }


CHARTS = {
    "antwoordtijd": ("Hoe lang het antwoord duurde (dagen)", Statistics.answer_times),
    "te-laat-per-ministerie": ("Aandeel te laat beantwoord per ministerie", Statistics.late_by_ministry),
    "te-laat-per-jaar": ("Aandeel te laat beantwoord per jaar", Statistics.late_by_year),
    "partijen-per-maand": ("Vragen per partij per maand", Statistics.party_by_month),
    "bronnen": ("Meest geciteerde bronnen in voetnoten", Statistics.cited_domains),
}
