"""The trend chart: PLMS and LMS index per night as an inline SVG (no script, no network).

Measured nights are filled dots, estimated (wearable) nights hollow ones; a night whose
index could not be computed is a grey cross on the axis, a diary-only night a grey diamond
under it. Every mark links to its night and says its numbers on hover.

>>> svg = trend_svg([{"id": 1, "date": "2024-03-01", "kind": "psg", "status": "done",
...                   "plms_index": 22.0, "lms_index": 35.0}])
>>> svg.startswith("<svg") and "PLMS index 22/h" in svg
True
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

WIDTH, HEIGHT = 800, 280
LEFT, RIGHT, TOP, BOTTOM = 46, 36, 14, 50
SERIES = (("plms_index", "PLMS index", "#1f4e79"), ("lms_index", "LMS index", "#c26a00"))
THRESHOLD = 15.0  # the usual adult limit of the PLMS index (WASM 2016 / AASM)


def _step(top: float) -> float:
    for step in (5, 10, 20, 25, 50, 100, 200, 500):
        if top / step <= 6:
            return float(step)
    return 1000.0


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def trend_svg(nights: list[dict], threshold: float = THRESHOLD) -> str:
    """The chart of every night with a date (scored, not scored, diary only)."""
    dated = sorted((n for n in nights if n.get("date")), key=lambda n: (n["date"], n["id"]))
    values = [n.get(key) for n in dated for key, _label, _colour in SERIES if n.get(key) is not None]
    top = max([threshold * 1.4, *(v * 1.1 for v in values)])
    step = _step(top)
    top = math.ceil(top / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    days = [(_date(n["date"]) - _date(dated[0]["date"])).days for n in dated] if dated else []
    span = max(days[-1], 1) if days else 1

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if len(set(days)) <= 1 else plot_w * days[i] / span)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    out = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="PLMS index and LMS index per night" xmlns="http://www.w3.org/2000/svg">'
    ]
    tick = 0.0
    while tick <= top + 1e-9:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">{tick:g}</text>'
        )
        tick += step
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(threshold):.1f}" y2="{y(threshold):.1f}" class="limit"/>'
        f'<text x="{WIDTH - RIGHT}" y="{y(threshold) - 4:.1f}" class="tick" text-anchor="end">'
        f"{threshold:g}/h: usual adult limit (PLMS)</text>"
        f'<text x="12" y="{TOP + plot_h / 2:.0f}" class="axis" transform="rotate(-90 12 {TOP + plot_h / 2:.0f})" '
        f'text-anchor="middle">per hour of sleep</text>'
    )
    out += _date_labels(dated, x)
    for key, label, colour in SERIES:
        out += _series(dated, key, label, colour, x, y)
    for i, night in enumerate(dated):
        if night["kind"] == "none":
            cx, cy = x(i), TOP + plot_h + 8
            out.append(
                f'<a href="/nights/{night["id"]}"><path d="M{cx:.1f} {cy - 5:.1f} l5 5 l-5 5 l-5 -5 z" class="diary-only">'
                f"<title>{escape(night['date'])}: no device, diary only</title></path></a>"
            )
        elif night["status"] == "done" and night.get("plms_index") is None:
            cx, cy = x(i), y(0)
            out.append(
                f'<a href="/nights/{night["id"]}"><path d="M{cx - 4:.1f} {cy - 4:.1f} l8 8 m0 -8 l-8 8" class="no-index">'
                f"<title>{escape(night['date'])}: no PLMS index (no scorable sleep)</title></path></a>"
            )
    out.append("</svg>")
    return "".join(out)


def _date_labels(dated: list[dict], x) -> list[str]:
    """Up to about ten date labels under the axis."""
    if not dated:
        return [f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" class="axis" text-anchor="middle">No nights yet</text>']
    every = max(1, math.ceil(len(dated) / 10))
    labels, seen = [], set()
    for i, night in enumerate(dated):
        if i % every or night["date"] in seen:
            continue
        seen.add(night["date"])
        day = _date(night["date"])
        labels.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 30}" class="tick" text-anchor="middle">{day:%d %b}</text>'
        )
    return labels


def _series(dated: list[dict], key: str, label: str, colour: str, x, y) -> list[str]:
    """One index: a line through consecutive nights that have it, and a mark per night."""
    out, run = [], []
    runs = []
    for i, night in enumerate(dated):
        value = night.get(key) if night["status"] == "done" else None
        if value is None:
            if run:
                runs.append(run)
            run = []
            continue
        run.append((x(i), y(value)))
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" class="line"/>')
    for i, night in enumerate(dated):
        value = night.get(key) if night["status"] == "done" else None
        if value is None:
            continue
        estimated = night["kind"] == "accelerometer"
        fill = "#fff" if estimated else colour
        how = " (estimated, wearable)" if estimated else ""
        out.append(
            f'<a href="/nights/{night["id"]}"><circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2" class="{"estimated" if estimated else "measured"} {key}">'
            f"<title>{escape(night['date'])}: {label} {value:.0f}/h{how}</title></circle></a>"
        )
    return out
