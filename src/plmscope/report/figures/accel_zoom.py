"""Zoom panels of an ankle-accelerometer night: each leg's movement envelope with its LMs.

The envelope is what the detector thresholds (band-passed vector magnitude, mg), drawn with
that leg's onset and offset thresholds, the movements detected (shaded), the scored LMs
(coloured bars) and the posture changes (hatched: counted apart, never LMs).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from plmscope.detect.accel.envelope import movement_envelope
from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS
from plmscope.night import Signal
from plmscope.pipeline import NightScore
from plmscope.report.figures.style import CATEGORY_BY_KEY, OKABE_ITO, lm_category
from plmscope.report.figures.zoom import DETECTED_SHADE, ZoomWindow, _leg_lms, panel_figure, zoom_legend

MARGIN_S = 10.0  # filter run-in on each side of the window


def window_envelope(signal: Signal, start: float, end: float) -> tuple[np.ndarray, np.ndarray]:
    """(times, envelope in mg) of one leg over [start, end], as the detector computes it."""
    sf = float(signal.sf)
    lo = max(0, int((start - MARGIN_S) * sf))
    hi = min(len(signal.data), int((end + MARGIN_S) * sf))
    env = movement_envelope(signal.data[lo:hi], sf, DEFAULT_ACCEL_SETTINGS) * 1000.0
    times = (lo + np.arange(hi - lo)) / sf
    keep = (times >= start) & (times <= end)
    return times[keep], env[keep]


def draw_accel_leg(ax: Axes, scored: NightScore, signal: Signal, leg: str, window: ZoomWindow) -> None:
    """One leg: envelope, thresholds, detected movements, scored LMs, posture changes."""
    times, env = window_envelope(signal, window.start, window.end)
    settings = (scored.detection.get("settings") or {}).get(leg, {})
    onset, offset = settings.get("onset_mg"), settings.get("offset_mg")
    top = max(float(np.percentile(env, 99.5)) * 1.2 if env.size else 0.0, 3.0 * (onset or 10.0))
    detected = scored.monolateral
    if len(detected):
        mine = detected[(detected["leg"] == leg) & (detected["offset"] >= window.start) & (detected["onset"] <= window.end)]
        for a, b in zip(mine["onset"], mine["offset"], strict=True):
            ax.axvspan(a, b, color=DETECTED_SHADE, lw=0, zorder=0)
    for period in (scored.detection.get("posture_changes") or {}).get("periods", []):
        if period["offset"] >= window.start and period["onset"] <= window.end:
            ax.axvspan(period["onset"], period["offset"], facecolor="none", edgecolor="#777777", hatch="xx", lw=0)
    ax.plot(times, env, color=OKABE_ITO["black"], lw=0.7, rasterized=True)
    for level, style in ((onset, "--"), (offset, ":")):
        if level:
            ax.axhline(level, color=OKABE_ITO["vermillion"], lw=0.8, ls=style)
    lms = _leg_lms(scored.movements, leg, window.start, window.end)
    for a, b, cat in zip(lms["onset"], lms["offset"], lm_category(lms), strict=True):
        ax.plot([a, b], [0.94 * top, 0.94 * top], color=CATEGORY_BY_KEY[cat].colour, lw=4, solid_capstyle="butt")
    ax.set_ylim(0, top)
    ax.set_ylabel(f"{leg.capitalize()} ankle (mg)")
    if onset:
        ax.set_title(f"movement above the night's noise: onset {onset:.0f} mg (dashed), offset {offset:.0f} mg (dotted)",
                     loc="right", fontsize=8, color="#444444", pad=2)


def accel_zoom_figure(scored: NightScore, window: ZoomWindow, signals: dict[str, Signal]) -> str:
    """One zoom panel of an accelerometer night, as an SVG data URI."""
    legs = [leg for leg in ("left", "right") if leg in signals]
    posture = Patch(facecolor="none", edgecolor="#777777", hatch="xx", label="posture change (not an LM)")
    return panel_figure(
        scored, window, legs,
        lambda ax, leg: draw_accel_leg(ax, scored, signals[leg], leg, window),
        zoom_legend(True)[:-2] + [posture],
    )  # fmt: skip


def has_estimated_sleep(stages: pd.Series | np.ndarray) -> bool:
    """Whether a hypnogram is sleep/wake estimated without EEG (it has ``S`` epochs)."""
    return bool(np.any(np.asarray(stages) == "S"))
