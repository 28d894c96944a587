"""Zoom panels: a few minutes of the EMG of both legs with the detected LMs drawn over it.

The windows are chosen from the result (densest PLM series, a respiratory-related LM, sleep
onset) so a technologist can check the detector with their own eyes; the EMG is shown through
the detector's filters (see :mod:`plmscope.report.figures.emg`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from plmscope.night import Signal
from plmscope.pipeline import NightScore
from plmscope.report.figures.emg import DisplayFilter, minmax_envelope
from plmscope.report.figures.spans import event_spans
from plmscope.report.figures.style import (
    CATEGORIES,
    CATEGORY_BY_KEY,
    OKABE_ITO,
    figure_to_data_uri,
    format_time,
    lm_category,
    new_figure,
    report_style,
    set_time_axis,
)

ENVELOPE_COLUMNS = 1200
DETECTED_SHADE = (0.902, 0.624, 0.0, 0.22)  # Okabe–Ito orange, light


@dataclass(frozen=True)
class ZoomWindow:
    """One stretch of the night worth looking at closely."""

    key: str
    title: str
    start: float
    end: float


def _clip(key: str, title: str, start: float, end: float, duration: float) -> ZoomWindow:
    """A window moved inside the recording, keeping its length where possible."""
    length = min(end - start, duration)
    start = min(max(start, 0.0), duration - length)
    return ZoomWindow(key, title, start, start + length)


def choose_windows(scored: NightScore) -> list[ZoomWindow]:
    """Densest PLM series, one respiratory-related LM, and sleep onset (those that exist)."""
    windows: list[ZoomWindow] = []
    series = scored.series
    if len(series):
        density = series["n_lms"] / series["duration"].clip(lower=1.0)
        best = series.loc[density.idxmax()]
        length = float(np.clip(best["end"] - best["start"] + 20.0, 120.0, 180.0))
        title = (
            f"Densest PLM series ({int(best['n_lms'])} PLMs, "
            f"mean IMI {float(best.get('mean_imi', np.nan)):.0f} s)"
        )
        windows.append(
            _clip(
                "series", title, best["start"] - 10.0, best["start"] - 10.0 + length, scored.duration
            )
        )
    movements = scored.movements
    respiratory = (
        movements[movements["respiratory"].fillna(False).astype(bool)]
        if len(movements)
        else movements
    )
    if len(respiratory):
        onset = float(respiratory["onset"].iloc[len(respiratory) // 2])
        windows.append(
            _clip(
                "respiratory",
                "A respiratory-related LM (after a breathing event)",
                onset - 90.0,
                onset + 30.0,
                scored.duration,
            )
        )
    sleep_onset = scored.sleep.get("sleep_onset")
    if sleep_onset is not None and np.isfinite(sleep_onset):
        windows.append(
            _clip(
                "sleep_onset",
                "Sleep onset",
                float(sleep_onset) - 60.0,
                float(sleep_onset) + 120.0,
                scored.duration,
            )
        )
    return windows


def _leg_lms(movements: pd.DataFrame, leg: str, start: float, end: float) -> pd.DataFrame:
    """Scored LMs involving ``leg`` (bilateral LMs count for both) inside the window."""
    on_leg = movements["leg"].isin([leg, "bilateral"])
    inside = (movements["offset"] >= start) & (movements["onset"] <= end)
    return movements[on_leg & inside]


def draw_leg(
    ax: Axes,
    signal: Signal,
    leg: str,
    window: ZoomWindow,
    movements: pd.DataFrame,
    detected: pd.DataFrame | None,
    view: DisplayFilter | None = None,
) -> None:
    """One leg's EMG envelope, its detected LMs shaded and scored LMs as coloured bars on top."""
    view = view or DisplayFilter()
    times, lo, hi = minmax_envelope(signal, window.start, window.end, ENVELOPE_COLUMNS, view)
    limit = (
        max(float(np.percentile(np.abs(np.concatenate([lo, hi])), 99.5)) * 1.15, 25.0)
        if len(times)
        else 25.0
    )
    if detected is not None and len(detected):
        mine = detected[
            (detected["leg"] == leg)
            & (detected["offset"] >= window.start)
            & (detected["onset"] <= window.end)
        ]
        for onset, offset in zip(mine["onset"], mine["offset"]):
            ax.axvspan(onset, offset, color=DETECTED_SHADE, lw=0, zorder=0)
    ax.fill_between(times, lo, hi, color=OKABE_ITO["black"], lw=0.5, rasterized=True)
    lms = _leg_lms(movements, leg, window.start, window.end)
    categories = lm_category(lms)
    for onset, offset, cat in zip(lms["onset"], lms["offset"], categories):
        ax.plot(
            [onset, offset],
            [0.94 * limit, 0.94 * limit],
            color=CATEGORY_BY_KEY[cat].colour,
            lw=4,
            solid_capstyle="butt",
        )
    ax.set_ylim(-limit, limit)
    ax.set_ylabel(f"{leg.capitalize()} EMG (µV)")
    ax.set_title(view.describe(signal.sf), loc="right", fontsize=8, color="#444444", pad=2)


def draw_events(ax: Axes, scored: NightScore, window: ZoomWindow, respiratory: tuple[str, ...]) -> None:
    """Breathing events and arousals as bars, sleep stage of each epoch as a letter."""
    for names, level, colour in (
        (respiratory, 1.0, OKABE_ITO["sky_blue"]),
        (("arousal",), 0.0, OKABE_ITO["black"]),
    ):
        spans = event_spans(scored, names)
        spans = spans[(spans["end"] >= window.start) & (spans["onset"] <= window.end)]
        ax.broken_barh(
            list(zip(spans["onset"], (spans["end"] - spans["onset"]).clip(lower=1.0))),
            (level - 0.3, 0.6),
            color=colour,
        )
    hyp = scored.hypnogram
    first = int(np.floor((window.start - hyp.onset) / hyp.epoch_s))
    for epoch in range(
        max(first, 0), min(int(np.ceil((window.end - hyp.onset) / hyp.epoch_s)), len(hyp.stages))
    ):
        centre = hyp.onset + (epoch + 0.5) * hyp.epoch_s
        if window.start <= centre <= window.end:
            ax.text(
                centre,
                2.0,
                hyp.stages[epoch],
                ha="center",
                va="center",
                fontsize=8,
                color="#333333",
            )
    ax.set_yticks([2.0, 1.0, 0.0], ["Stage", "Breathing", "Arousal"])
    ax.set_ylim(-0.6, 2.6)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)


def zoom_legend(has_detected: bool) -> list:
    """Legend entries of a zoom panel."""
    handles = [Line2D([], [], color=c.colour, lw=4, label=c.label) for c in CATEGORIES]
    if has_detected:
        handles.append(Patch(color=DETECTED_SHADE, label="detected on this leg"))
    return handles + [
        Patch(color=OKABE_ITO["sky_blue"], label="breathing event"),
        Patch(color=OKABE_ITO["black"], label="arousal"),
    ]


def zoom_figure(
    scored: NightScore,
    window: ZoomWindow,
    signals: dict[str, Signal],
    detected: pd.DataFrame | None = None,
    views: dict[str, DisplayFilter] | None = None,
) -> str:
    """One zoom panel (each leg in ``signals`` + events) as an SVG data URI; ``views``: filters."""
    legs = [leg for leg in ("left", "right") if leg in signals]
    return panel_figure(
        scored, window, legs,
        lambda ax, leg: draw_leg(ax, signals[leg], leg, window, scored.movements, detected, (views or {}).get(leg)),
        zoom_legend(detected is not None),
    )  # fmt: skip


def panel_figure(
    scored: NightScore, window: ZoomWindow, legs: list[str], draw_one_leg: Callable[[Axes, str], None], handles: list
) -> str:
    """A zoom panel's frame: a row per leg drawn by ``draw_one_leg(ax, leg)``, the events row,
    the clock axis, the window's title and the legend ``handles``; an SVG data URI."""
    with report_style():
        fig = new_figure(10.0, 1.5 + 1.35 * len(legs))
        axes = fig.subplots(len(legs) + 1, 1, sharex=True, height_ratios=[1.0] * len(legs) + [0.55])
        for ax, leg in zip(axes, legs):
            draw_one_leg(ax, leg)
            ax.tick_params(labelbottom=False)
        draw_events(axes[-1], scored, window, scored.rules.respiratory_events)
        set_time_axis(axes[-1], window.start, window.end, scored.start)
        fig.suptitle(
            f"{window.title}: {format_time(window.start, scored.start, seconds=True)}"
            f"–{format_time(window.end, scored.start, seconds=True)}",
            fontsize=11,
        )
        fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False, handlelength=1.6)
        return figure_to_data_uri(fig)
