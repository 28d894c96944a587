"""The night at a glance: hypnogram with every LM as a tick below it, series, events, gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from plmscope.night import Hypnogram
from plmscope.pipeline import NightScore
from plmscope.report.figures.spans import (
    event_spans,
    lights_on_spans,
    runs,
    unscorable_spans,
    unstaged_spans,
)
from plmscope.report.figures.style import (
    CATEGORIES,
    OKABE_ITO,
    figure_to_data_uri,
    lm_category,
    new_figure,
    report_style,
    set_time_axis,
)

STAGE_LEVELS = {"W": 4, "R": 3, "N1": 2, "N2": 1, "N3": 0}
LEG_ROWS = {"left": "Left leg", "right": "Right leg", "bilateral": "Both legs"}
UNSCORABLE_GREY = "#D9D9D9"
SERIES_SHADE = (0.0, 0.447, 0.698, 0.13)  # Okabe–Ito blue, light


def draw_sleep_wake(ax: Axes, hyp: Hypnogram) -> None:
    """Sleep and wake estimated without EEG (an accelerometer night): two levels, no stages."""
    levels = np.array([{"W": 1.0, "S": 0.0}.get(s, np.nan) for s in hyp.stages], dtype=float)
    edges = hyp.onset + np.arange(len(levels) + 1) * hyp.epoch_s
    ax.stairs(levels, edges, baseline=None, color=OKABE_ITO["black"], lw=1.0)
    for start, end in unstaged_spans(hyp):
        ax.axvspan(start, end, color=UNSCORABLE_GREY, lw=0, zorder=0)
    ax.set_yticks([1.0, 0.0], ["Wake", "Sleep"])
    ax.set_ylim(-0.4, 1.4)
    ax.set_ylabel("Estimated")


def draw_hypnogram(ax: Axes, hyp: Hypnogram) -> None:
    """Stage steps (REM drawn thick), unscored epochs greyed; sleep/wake when estimated (``S``)."""
    if np.any(hyp.stages == "S"):
        draw_sleep_wake(ax, hyp)
        return
    levels = np.array([STAGE_LEVELS.get(s, np.nan) for s in hyp.stages], dtype=float)
    edges = hyp.onset + np.arange(len(levels) + 1) * hyp.epoch_s
    if np.isfinite(levels).any():
        ax.stairs(levels, edges, baseline=None, color=OKABE_ITO["black"], lw=1.0)
        first, last = runs(hyp.stages == "R")
        ax.hlines(
            np.full(len(first), 3.0),
            edges[first],
            edges[last],
            color=OKABE_ITO["purple"],
            lw=4.5,
            zorder=3,
        )
    else:
        ax.text(
            0.5,
            0.5,
            "No sleep staging available: stages unknown",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#444444",
        )
    for start, end in unstaged_spans(hyp):
        ax.axvspan(start, end, color=UNSCORABLE_GREY, lw=0, zorder=0)
    ax.set_yticks(list(STAGE_LEVELS.values()), list(STAGE_LEVELS.keys()))
    ax.set_ylim(-0.6, 4.6)
    ax.set_ylabel("Sleep stage")


def _rows(recorded: tuple[str, ...], movements: pd.DataFrame) -> list[str]:
    """LM rows to draw: each recorded leg, plus both legs when bilateral LMs were scored."""
    legs = [leg for leg in ("left", "right") if leg in recorded]
    has_bilateral = "leg" in movements and (movements["leg"] == "bilateral").any()
    return legs + (["bilateral"] if has_bilateral or len(legs) == 2 else [])


def draw_lm_rows(ax: Axes, scored: NightScore, unscorable: pd.DataFrame | None) -> None:
    """One row per leg with LM ticks by category, then breathing events and arousals."""
    movements = scored.movements
    rows = _rows(scored.legs, movements)
    y = {row: len(rows) + 1 - i for i, row in enumerate(rows)}
    y_breathing, y_arousal = 1.0, 0.0
    category = lm_category(movements)
    labels = []
    for row, level in y.items():
        for start, end in unscorable_spans(unscorable, None if row == "bilateral" else row):
            ax.fill_between([start, end], level - 0.4, level + 0.4, color=UNSCORABLE_GREY, lw=0)
        in_row = (movements["leg"] == row).to_numpy() if len(movements) else np.zeros(0, bool)
        for cat in CATEGORIES:
            pick = in_row & (category == cat.key)
            if pick.any():
                ax.scatter(
                    movements["onset"].to_numpy()[pick],
                    np.full(pick.sum(), level),
                    marker=cat.marker,
                    s=110 if cat.marker == "|" else 22,
                    lw=1.4,
                    color=cat.colour,
                    zorder=3,
                )
        labels.append(f"{LEG_ROWS[row]} ({int(in_row.sum())})")
    breathing = event_spans(scored, scored.rules.respiratory_events)
    if len(breathing):
        ax.broken_barh(
            list(zip(breathing["onset"], breathing["end"] - breathing["onset"])),
            (y_breathing - 0.3, 0.6),
            color=OKABE_ITO["sky_blue"],
        )
    arousals = event_spans(scored, ("arousal",))
    ax.scatter(
        arousals["onset"],
        np.full(len(arousals), y_arousal),
        marker="|",
        s=30,
        color=OKABE_ITO["black"],
        lw=0.8,
    )
    labels += [f"Breathing events ({len(breathing)})", f"Arousals ({len(arousals)})"]
    ax.set_yticks([*y.values(), y_breathing, y_arousal], labels)
    ax.set_ylim(-0.6, len(rows) + 1.6)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def shade_series_and_lights(axes: list[Axes], scored: NightScore) -> None:
    """PLM series as light blue bands, time outside lights-off…lights-on as hatched grey."""
    for ax in axes:
        for start, end in zip(scored.series.get("start", []), scored.series.get("end", [])):
            ax.axvspan(float(start), float(end), color=SERIES_SHADE, lw=0, zorder=0)
        for start, end in lights_on_spans(scored.lights, scored.duration):
            ax.axvspan(
                start, end, facecolor="none", edgecolor="#BBBBBB", hatch="///", lw=0, zorder=0
            )


def legend_handles() -> list:
    """Legend entries for every mark the glance figure can contain."""
    handles = [
        Line2D(
            [], [], ls="none", marker=c.marker, color=c.colour, markersize=8, mew=1.6, label=c.label
        )
        for c in CATEGORIES
    ]
    return handles + [
        Patch(color=SERIES_SHADE, label="PLM series"),
        Patch(color=OKABE_ITO["sky_blue"], label="apnea / hypopnea / RERA"),
        Line2D([], [], ls="none", marker="|", color="black", markersize=7, label="arousal"),
        Line2D([], [], color=OKABE_ITO["purple"], lw=4, label="REM sleep"),
        Patch(color=UNSCORABLE_GREY, label="unscorable / unstaged"),
        Patch(facecolor="none", edgecolor="#BBBBBB", hatch="///", label="lights on"),
    ]


def glance_figure(scored: NightScore, unscorable: pd.DataFrame | None = None) -> str:
    """The whole night in one figure, as an SVG data URI (``unscorable``: default the night's)."""
    unscorable = scored.unscorable if unscorable is None else unscorable
    with report_style():
        fig = new_figure(10.0, 5.2)
        hyp_ax, lm_ax = fig.subplots(2, 1, sharex=True, height_ratios=[1.0, 1.25])
        draw_hypnogram(hyp_ax, scored.hypnogram)
        draw_lm_rows(lm_ax, scored, unscorable)
        shade_series_and_lights([hyp_ax, lm_ax], scored)
        set_time_axis(lm_ax, 0.0, scored.duration, scored.start)
        hyp_ax.tick_params(labelbottom=False)
        fig.legend(
            handles=legend_handles(),
            loc="outside lower center",
            ncols=4,
            frameon=False,
            handlelength=1.6,
            columnspacing=1.2,
        )
        return figure_to_data_uri(fig)
