"""Charts drawn on the server as SVG: plain bars and a grid, readable without script, with
a title and a description for screen readers (ids prefixed by the chart's name, as several
share a page; the drawn heading is hidden there, where the page has its own). Pure functions from rows to markup."""

from __future__ import annotations

from html import escape

from kamervragen.store.statistics import Rows

WIDTH = 720
BAR = 22


def bars(key: str, title: str, rows: Rows, value: int = 1, label: int = 0, percent: bool = False) -> str:
    """Horizontal bars: one per data row, ``label`` column as the label, ``value`` as length."""
    data = rows[1:]
    height = 40 + BAR * len(data) + 10
    top = max((float(r[value]) for r in data), default=0.0) or 1.0  # type: ignore[arg-type]
    left, room = 300, WIDTH - 300 - 70
    description = ", ".join(f"{r[label]}: {_fmt(r[value], percent)}" for r in data)
    parts = _start(key, title, description, WIDTH, height)
    for i, row in enumerate(data):
        y = 40 + i * BAR
        length = room * float(row[value]) / top  # type: ignore[arg-type]
        text = str(row[label])
        short = text if len(text) <= 42 else text[:40] + "…"
        parts += [
            f'<text x="{left - 8}" y="{y + 15}" font-size="12" text-anchor="end">{escape(short)}</text>',
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{BAR - 6}" fill="#1f5f8b"/>',
            f'<text x="{left + length + 6:.1f}" y="{y + 15}" font-size="12">{_fmt(row[value], percent)}</text>',
        ]
    if not data:
        parts.append('<text x="0" y="50" font-size="13">Geen gegevens.</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def grid(key: str, title: str, rows: Rows) -> str:
    """Rows of (row label, column label, count) as a shaded grid: parties × months."""
    data = rows[1:]
    row_labels = sorted({str(r[0]) for r in data})
    columns = sorted({str(r[1]) for r in data})
    counts = {(str(r[0]), str(r[1])): int(r[2]) for r in data}  # type: ignore[call-overload]
    top = max(counts.values(), default=1)
    cell, left = 22, 170
    width = max(WIDTH, left + cell * len(columns) + 10)
    height = 70 + cell * len(row_labels)
    description = "; ".join(f"{r[0]} {r[1]}: {r[2]}" for r in data)
    parts = _start(key, title, description, width, height)
    for j, column in enumerate(columns):
        x = left + j * cell + cell / 2
        parts.append(f'<text x="{x}" y="52" font-size="9" text-anchor="middle">{escape(column[2:])}</text>')
    for i, row_label in enumerate(row_labels):
        y = 60 + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(row_label[:24])}</text>'
        )
        for j, column in enumerate(columns):
            n = counts.get((row_label, column), 0)
            shade = 0.08 + 0.92 * n / top if n else 0.0
            parts.append(
                f'<rect x="{left + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#1f5f8b" '
                f'fill-opacity="{shade:.2f}" stroke="#ccc" stroke-width="0.5"><title>{escape(row_label)} '
                f"{escape(column)}: {n}</title></rect>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def _start(key: str, title: str, description: str, width: int, height: int) -> list[str]:
    """The opening of a chart: its size, and the title and description screen readers read."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d">',
        f'<title id="{key}-t">{escape(title)}</title>',
        f'<desc id="{key}-d">{escape(description)}</desc>',
        f'<text class="heading" x="0" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]


def _fmt(value: object, percent: bool) -> str:
    return f"{100 * float(value):.0f}%" if percent else str(value)  # type: ignore[arg-type]


def draw(name: str, title: str, rows: Rows) -> str:
    if name == "partijen-per-maand":
        return grid(name, title, rows)
    if name.startswith("te-laat"):
        return bars(name, title, rows, value=3, percent=True)
    return bars(name, title, rows)
