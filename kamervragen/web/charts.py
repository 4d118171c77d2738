"""Charts drawn on the server as SVG: plain bars and a grid, readable without script, with
a title and a description for screen readers (ids prefixed by the chart's name, as several
share a page; the drawn heading is hidden there, where the page has its own). Pure
functions from rows to markup.

Drawn 480 units wide with 15-unit text, so that on a phone (about 360 px for the chart) the
text is still 11 px; every bar says how many sets it counts, and a share of fewer than
MIN_SETS sets is not drawn as a bar, since "100% late" of one set says nothing.
"""

from __future__ import annotations

from html import escape

from kamervragen.store.statistics import Rows

WIDTH = 480
BAR = 26
FONT = 15
LABEL = 170  # room for the labels left of the bars
MIN_SETS = 10  # fewer answered sets than this: no share is drawn
COLOUR = "#1f5f8b"


def bars(
    key: str,
    title: str,
    rows: Rows,
    axis: str,
    value: int = 1,
    label: int = 0,
    percent: bool = False,
    count: int | None = None,
) -> str:
    """Horizontal bars: one per data row, ``label`` column as the label, ``value`` as length;
    ``count`` names the column of sets behind a share."""
    data = rows[1:]
    height = 40 + BAR * len(data) + 44
    drawable = [r for r in data if count is None or int(r[count]) >= MIN_SETS]  # type: ignore[call-overload]
    top = 1.0 if percent else max((float(r[value]) for r in drawable), default=0.0) or 1.0  # type: ignore[arg-type]
    room = WIDTH - LABEL - 110
    description = ", ".join(_said(r, value, label, percent, count) for r in data)
    parts = _start(key, title, description, WIDTH, height)
    for i, row in enumerate(data):
        y = 40 + i * BAR
        text = str(row[label])
        short = text if len(text) <= 20 else text[:19] + "…"
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 17}" font-size="{FONT}" text-anchor="end">'
            f"<title>{escape(text)}</title>{escape(short)}</text>"
        )
        n = int(row[count]) if count is not None else None  # type: ignore[call-overload]
        if n is not None and n < MIN_SETS:
            parts.append(
                f'<text x="{LABEL + 4}" y="{y + 17}" font-size="{FONT - 1}" fill="#555">te weinig (n={n})</text>'
            )
            continue
        length = room * float(row[value]) / top  # type: ignore[arg-type]
        shown = _fmt(row[value], percent) + (f" (n={n})" if n is not None else "")
        parts += [
            f'<rect x="{LABEL}" y="{y + 4}" width="{length:.1f}" height="{BAR - 8}" fill="{COLOUR}"/>',
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 17}" font-size="{FONT - 1}">{shown}</text>',
        ]
    if not data:
        parts.append(f'<text x="0" y="60" font-size="{FONT}">Geen gegevens.</text>')
    parts.append(
        f'<text x="{LABEL}" y="{height - 12}" font-size="{FONT - 1}" fill="#333">{escape(axis)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def grid(key: str, title: str, rows: Rows) -> str:
    """Rows of (row label, month, count) as a shaded grid: parties × months, every month
    from the first to the last shown (an empty month is an empty column), with a legend."""
    data = rows[1:]
    row_labels = sorted({str(r[0]) for r in data})
    present = sorted({str(r[1]) for r in data})
    columns = _months(present[0], present[-1]) if present else []
    counts = {(str(r[0]), str(r[1])): int(r[2]) for r in data}  # type: ignore[call-overload]
    top = max(counts.values(), default=1)
    left = 120
    cell = max(10, min(22, (WIDTH - left - 10) // max(1, len(columns))))
    width = max(WIDTH, left + cell * len(columns) + 10)
    height = 80 + cell * len(row_labels) + 60
    description = "; ".join(f"{r[0]} {r[1]}: {r[2]}" for r in data)
    parts = _start(key, title, description, width, height)
    every = max(1, -(-48 // cell))  # a month label every so many columns, 48 units apart
    for j, column in enumerate(columns):
        if j % every == 0:
            x = left + j * cell
            parts.append(
                f'<text x="{x}" y="62" font-size="{FONT - 2}">{escape(column[5:7])}-{escape(column[2:4])}</text>'
            )
    for i, row_label in enumerate(row_labels):
        y = 70 + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + cell - 4}" font-size="{min(FONT, cell)}" text-anchor="end">'
            f"{escape(row_label[:14])}</text>"
        )
        for j, column in enumerate(columns):
            n = counts.get((row_label, column), 0)
            parts.append(
                f'<rect x="{left + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{COLOUR}" '
                f'fill-opacity="{_shade(n, top):.2f}" stroke="#999" stroke-width="0.5"><title>{escape(row_label)} '
                f"{escape(column)}: {n}</title></rect>"
            )
    y = 70 + cell * len(row_labels) + 22
    parts.append(f'<text x="0" y="{y + 13}" font-size="{FONT - 1}">Sets per maand:</text>')
    steps = sorted({0, *(round(top * k / 4) for k in range(1, 5))})
    for k, n in enumerate(steps):
        x = 130 + k * 68
        parts += [
            f'<rect x="{x}" y="{y}" width="18" height="18" fill="{COLOUR}" fill-opacity="{_shade(n, top):.2f}" '
            'stroke="#999" stroke-width="0.5"/>',
            f'<text x="{x + 24}" y="{y + 14}" font-size="{FONT - 1}">{n}</text>',
        ]
    parts.append(
        f'<text x="0" y="{height - 6}" font-size="{FONT - 2}" fill="#333">maand (mm-jj), partij links</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return out


def _shade(n: int, top: int) -> float:
    return 0.08 + 0.92 * n / top if n else 0.0


def _start(key: str, title: str, description: str, width: int, height: int) -> list[str]:
    """The opening of a chart: its size, and the title and description screen readers read."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d">',
        f'<title id="{key}-t">{escape(title)}</title>',
        f'<desc id="{key}-d">{escape(description)}</desc>',
        f'<text class="heading" x="0" y="20" font-size="{FONT}" font-weight="bold">{escape(title)}</text>',
    ]


def _said(row: tuple[object, ...], value: int, label: int, percent: bool, count: int | None) -> str:
    n = f" van {row[count]}" if count is not None else ""
    return f"{row[label]}: {_fmt(row[value], percent)}{n}"


def _fmt(value: object, percent: bool) -> str:
    return f"{100 * float(value):.0f}%" if percent else str(value)  # type: ignore[arg-type]


def draw(name: str, title: str, rows: Rows) -> str:
    if name == "partijen-per-maand":
        return grid(name, title, rows)
    if name.startswith("te-laat"):
        return bars(
            name,
            title,
            rows,
            "aandeel te laat beantwoord; n = beantwoorde sets",
            value=3,
            percent=True,
            count=1,
        )
    if name == "antwoordtijd":
        return bars(name, title, rows, "aantal beantwoorde sets")
    return bars(name, title, rows, "aantal voetnoten dat het domein noemt")
