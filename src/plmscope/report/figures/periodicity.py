"""Periodicity: IMI histograms (linear 2 s bins and ln(IMI)) with the rule set's IMI limits."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from plmscope.report.figures.style import OKABE_ITO, figure_to_data_uri, new_figure, report_style
from plmscope.rules import RuleSet


def _histogram(result, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Edges and counts of one of the result's IMI histograms."""
    hist = result.histograms[key]
    return np.asarray(hist["edges"], dtype=float), np.asarray(hist["counts"], dtype=float)


def draw_histogram(
    ax: Axes,
    edges: np.ndarray,
    counts: np.ndarray,
    limits: tuple[float, float],
    rules: RuleSet,
    xlabel: str,
) -> None:
    """Bars of one histogram, the periodic IMI range shaded and its limits drawn."""
    ax.axvspan(
        *limits,
        color=OKABE_ITO["sky_blue"],
        alpha=0.18,
        lw=0,
        label=f"periodic range ({rules.min_imi_s:g}–{rules.max_imi_s:g} s)",
    )
    ax.stairs(counts, edges, fill=True, color=OKABE_ITO["blue"], label="intervals")
    for limit in limits:
        ax.axvline(limit, color=OKABE_ITO["vermillion"], ls="--", lw=1.2)
    ax.plot([], [], color=OKABE_ITO["vermillion"], ls="--", label=f"{rules.name} IMI limits")
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Number of intervals")
    if counts.sum() == 0:
        ax.text(0.5, 0.5, "no intervals", transform=ax.transAxes, ha="center", color="#555555")


def _safe_log(x: np.ndarray) -> np.ndarray:
    """ln for the secondary axis, quiet on non-positive values."""
    return np.log(np.clip(x, 1e-9, None))


def linear_histogram(result) -> Figure:
    """IMI in 2 s bins from 0 to the maximum IMI, with an ln(IMI) scale on top."""
    rules: RuleSet = result.rules
    fig = new_figure(5.0, 3.5)
    ax = fig.subplots()
    edges, counts = _histogram(result, "imi_linear")
    limits = (rules.min_imi_s, rules.max_imi_s)
    draw_histogram(ax, edges, counts, limits, rules, "Inter-movement interval, IMI (s), 2 s bins")
    top = ax.secondary_xaxis("top", functions=(_safe_log, np.exp))
    top.set_xticks([1, 2, 3, 4])
    top.set_xlabel("ln(IMI / 1 s)")
    ax.legend(loc="best", frameon=False)
    return fig


def ln_histogram(result) -> Figure:
    """ln(IMI) in 0.1 bins, with a seconds scale on top."""
    rules: RuleSet = result.rules
    fig = new_figure(5.0, 3.5)
    ax = fig.subplots()
    edges, counts = _histogram(result, "imi_ln")
    limits = (np.log(rules.min_imi_s), np.log(rules.max_imi_s))
    draw_histogram(ax, edges, counts, limits, rules, "ln(IMI / 1 s), 0.1 bins")
    top = ax.secondary_xaxis("top", functions=(np.exp, _safe_log))
    top.set_xticks([2, 5, 10, 20, 40, 90])
    top.set_xlabel("IMI (s)")
    ax.legend(loc="best", frameon=False)
    return fig


def periodicity_figures(result) -> dict[str, str]:
    """Both IMI histograms as SVG data URIs (side by side on a wide screen, stacked on a phone)."""
    with report_style():
        return {
            "linear": figure_to_data_uri(linear_histogram(result)),
            "ln": figure_to_data_uri(ln_histogram(result)),
        }
