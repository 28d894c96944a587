"""Figures of several nights: a dot plot of the PLMS index per night, and one strip per night."""

from __future__ import annotations

import numpy as np

from plmscope.interpret import plms_threshold
from plmscope.pipeline import NightScore, NightsScore
from plmscope.night import SLEEP_STAGES
from plmscope.report.figures.glance import SERIES_SHADE, UNSCORABLE_GREY
from plmscope.report.figures.spans import runs
from plmscope.report.figures.style import (
    CATEGORIES,
    OKABE_ITO,
    figure_to_data_uri,
    lm_category,
    new_figure,
    report_style,
    set_time_axis,
)


def plms_dot_plot(many: NightsScore) -> str:
    """Each night's PLMS index as a dot, the median as a line, the usual threshold dashed."""
    values = [n.indices.get("plms_index") for n in many.nights]
    threshold = plms_threshold(many.nights[0].rules)
    with report_style():
        fig = new_figure(7.5, 2.8)
        ax = fig.subplots()
        x = np.arange(len(values))
        shown = np.array([np.nan if v is None else v for v in values], dtype=float)
        ax.scatter(x, shown, s=60, color=OKABE_ITO["blue"], zorder=3)
        for xi, v in zip(x, shown, strict=True):
            ax.annotate("–" if np.isnan(v) else f"{v:.1f}", (xi, 0 if np.isnan(v) else v), textcoords="offset points",
                        xytext=(0, 8), ha="center", fontsize=9)
        if np.isfinite(shown).any():
            ax.axhline(float(np.nanmedian(shown)), color=OKABE_ITO["black"], lw=1.2, label="median")
        ax.axhline(threshold, color=OKABE_ITO["vermillion"], lw=1, ls="--", label=f"{threshold:g}/h (adults)")
        ax.set_xticks(x, many.names, rotation=0)
        ax.set_xlim(-0.6, len(values) - 0.4)
        top = np.nanmax(np.r_[shown, threshold]) if np.isfinite(np.r_[shown, threshold]).any() else threshold
        ax.set_ylim(0, 1.25 * top + 1)
        ax.set_ylabel("PLMS index (/h)")
        ax.legend(frameon=False, loc="upper right", fontsize=8)
        return figure_to_data_uri(fig)


def night_strip(night: NightScore, name: str) -> str:
    """One night at a glance, small: sleep/wake band, each LM as a tick, series and unscorable shaded."""
    with report_style():
        fig = new_figure(10.0, 1.25)
        ax = fig.subplots()
        hyp = night.hypnogram
        edges = hyp.onset + np.arange(len(hyp.stages) + 1) * hyp.epoch_s
        for mask, colour in ((np.asarray(hyp.stages) == "W", OKABE_ITO["orange"]),
                             (np.isin(hyp.stages, SLEEP_STAGES), OKABE_ITO["sky_blue"])):
            first, last = runs(mask)
            ax.broken_barh(list(zip(edges[first], edges[last] - edges[first], strict=True)), (0.0, 0.18), color=colour)
        for start, end in zip(night.series.get("start", []), night.series.get("end", []), strict=False):
            ax.axvspan(float(start), float(end), color=SERIES_SHADE, lw=0, zorder=0)
        for start, end in zip(night.unscorable.get("start", []), night.unscorable.get("end", []), strict=False):
            ax.axvspan(float(start), float(end), ymin=0.22, color=UNSCORABLE_GREY, lw=0, zorder=0)
        movements = night.movements
        if len(movements):
            cats = lm_category(movements)
            for cat in CATEGORIES:
                pick = cats == cat.key
                if pick.any():
                    ax.vlines(movements["onset"].to_numpy()[pick], 0.3, 0.9, color=cat.colour, lw=0.8)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        plms = night.indices.get("plms_index")
        ax.set_title(f"{name}: PLMS index {'–' if plms is None else f'{plms:.1f}'}/h, "
                     f"sleep {night.sleep.get('tst_h') or 0:.1f} h (blue sleep, orange wake)",
                     loc="left", fontsize=9)
        set_time_axis(ax, 0.0, night.duration, night.start)
        return figure_to_data_uri(fig)
