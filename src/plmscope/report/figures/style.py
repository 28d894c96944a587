"""Shared look of the report figures: colour-blind safe palette, LM categories, time axes, SVG out.

Colours are the Okabe–Ito palette; every LM category also has its own marker shape, so the
figures still read in grey print. Figures are built on ``matplotlib.figure.Figure`` (no pyplot,
no global state) and returned as ``data:image/svg+xml`` URIs to inline in the HTML.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib
    from matplotlib.figure import Figure

# matplotlib is imported where a figure is made: the tables and the terminal's summary use the
# categories and clock times here, and importing matplotlib costs them a quarter of a second.

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#8C8C8C",
}

#: Matplotlib settings applied (locally, via rc_context) to every report figure.
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text: small, crisp, searchable
    "svg.hashsalt": "plmscope",  # stable ids: the same night gives the same file
}


@dataclass(frozen=True)
class Category:
    """How one kind of leg movement is drawn: name in words, colour and marker."""

    key: str
    label: str
    colour: str
    marker: str


#: LM categories, in priority order (an LM belongs to the first that applies).
CATEGORIES: tuple[Category, ...] = (
    Category("respiratory", "respiratory-related LM", OKABE_ITO["vermillion"], "x"),
    Category("periodic", "periodic LM (PLM)", OKABE_ITO["blue"], "|"),
    Category("short_interval", "short-interval LM (IMI < min)", OKABE_ITO["green"], "^"),
    Category("isolated", "isolated LM", OKABE_ITO["orange"], "o"),
    Category("other", "other LM (not a candidate)", OKABE_ITO["grey"], "s"),
)
CATEGORY_BY_KEY = {c.key: c for c in CATEGORIES}


def _flag(movements: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column as a numpy array; all False when the column is missing."""
    if column not in movements:
        return np.zeros(len(movements), dtype=bool)
    return movements[column].fillna(False).to_numpy(dtype=bool)


def lm_category(movements: pd.DataFrame) -> np.ndarray:
    """Each scored LM's drawing category (respiratory > periodic > short-interval > isolated)."""
    keys = [c.key for c in CATEGORIES]
    conditions = [_flag(movements, k) for k in keys[:-1]]
    return np.select(conditions, keys[:-1], default=keys[-1]).astype(object)


def clock_offset(start: dt.datetime | None) -> float:
    """Seconds from midnight of the recording start (0 when the start is unknown)."""
    if start is None:
        return 0.0
    return start.hour * 3600.0 + start.minute * 60.0 + start.second + start.microsecond / 1e6


SVG_RASTER_DPI = 200  # dense EMG envelopes are embedded as images at this resolution

_TICK_STEPS_S = (10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800)


def time_ticks(
    t0: float, t1: float, start: dt.datetime | None, max_ticks: int = 9
) -> tuple[np.ndarray, list[str]]:
    """Tick positions (s from recording start) at round clock times, and their labels."""
    offset = clock_offset(start)
    span = max(t1 - t0, 1.0)
    step = next((s for s in _TICK_STEPS_S if span / s <= max_ticks), _TICK_STEPS_S[-1])
    first = np.ceil((t0 + offset) / step) * step - offset
    positions = np.arange(first, t1 + 1e-9, step)
    return positions, [format_time(p, start, seconds=step < 60) for p in positions]


def format_time(t: float, start: dt.datetime | None, seconds: bool = False) -> str:
    """A time in s from recording start as clock time (hh:mm) or, without a start, elapsed h:mm."""
    if start is not None:
        total = int(round(t + clock_offset(start))) % 86400
        h, rest = divmod(total, 3600)
        text = f"{h:02d}:{rest // 60:02d}"
    else:
        total = int(round(t))
        h, rest = divmod(total, 3600)
        text = f"{h}:{rest // 60:02d}"
    return f"{text}:{rest % 60:02d}" if seconds else text


def time_axis_label(start: dt.datetime | None, seconds: bool = False) -> str:
    """The x-axis label matching :func:`format_time`."""
    unit = ("hh:mm" if start is not None else "h:mm") + (":ss" if seconds else "")
    return f"Clock time ({unit})" if start is not None else f"Time since recording start ({unit})"


def set_time_axis(
    ax: matplotlib.axes.Axes, t0: float, t1: float, start: dt.datetime | None
) -> None:
    """Clock-time ticks and label on an axis spanning ``t0``–``t1`` seconds."""
    positions, labels = time_ticks(t0, t1, start)
    ax.set_xlim(t0, t1)
    ax.set_xticks(positions, labels)
    ax.set_xlabel(
        time_axis_label(start, seconds=len(labels[0].split(":")) == 3 if labels else False)
    )


def report_style() -> matplotlib.rc_context:
    """Context in which report figures are built and saved (local rcParams, nothing global)."""
    import matplotlib

    return matplotlib.rc_context(RC)


def new_figure(width_in: float, height_in: float) -> Figure:
    """A blank figure (pyplot-free); build it inside :func:`report_style`."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), layout="constrained")


def figure_to_data_uri(fig: Figure) -> str:
    """The figure as an inline ``data:image/svg+xml;base64`` URI (no files, no network)."""
    buffer = io.BytesIO()
    with report_style():
        fig.savefig(
            buffer, format="svg", dpi=SVG_RASTER_DPI, metadata={"Date": None, "Creator": "plmscope"}
        )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
