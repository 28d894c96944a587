"""The cohort summary's figures: the PLMS-index distribution, overall and by group (inline SVG)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.report.figures.style import OKABE_ITO, figure_to_data_uri, new_figure, report_style

BIN_WIDTH = 5.0  # /h


def index_bins(values: np.ndarray, threshold: float) -> np.ndarray:
    """Bin edges of 5/h from 0 to past the largest value (and past the threshold line)."""
    top = max(float(np.max(values)) if len(values) else 0.0, threshold) + BIN_WIDTH
    return np.arange(0.0, np.ceil(top / BIN_WIDTH) * BIN_WIDTH + 1e-9, BIN_WIDTH)


def plms_histogram(values: np.ndarray, threshold: float) -> str:
    """Histogram of the nights' PLMS index, the threshold drawn as a dashed line."""
    values = np.asarray(values, dtype=float)
    with report_style():
        fig = new_figure(8.0, 3.0)
        ax = fig.add_subplot()
        edges = index_bins(values, threshold)
        counts, _ = np.histogram(values, bins=edges)
        above = edges[:-1] >= threshold
        ax.bar(edges[:-1][~above], counts[~above], width=BIN_WIDTH, align="edge",
               color=OKABE_ITO["sky_blue"], edgecolor="white", label=f"below {threshold:g}/h")
        ax.bar(edges[:-1][above], counts[above], width=BIN_WIDTH, align="edge",
               color=OKABE_ITO["blue"], edgecolor="white", label=f"{threshold:g}/h or more")
        ax.axvline(threshold, color=OKABE_ITO["vermillion"], ls="--", lw=1.2)
        ax.text(threshold, 1.0, f" {threshold:g}/h", color=OKABE_ITO["vermillion"],
                transform=ax.get_xaxis_transform(), va="top", ha="left")
        ax.set_xlim(0, edges[-1])
        ax.set_xlabel("PLMS index (periodic limb movements per hour of sleep)")
        ax.set_ylabel("nights")
        ax.yaxis.get_major_locator().set_params(integer=True)
        if len(values):
            ax.legend(loc="best", frameon=True, framealpha=0.9, edgecolor="none")
        else:
            ax.text(0.5, 0.5, "No night has a PLMS index", transform=ax.transAxes, ha="center", va="center")
    return figure_to_data_uri(fig)


def group_strips(groups: dict[str, np.ndarray], threshold: float, title: str) -> str:
    """One row per group: each night a dot, the median a bar, the threshold a dashed line."""
    names = list(groups)
    with report_style():
        fig = new_figure(8.0, 0.9 + 0.45 * max(len(names), 1))
        ax = fig.add_subplot()
        rng = np.random.default_rng(0)  # fixed jitter: the same table gives the same picture
        for row, name in enumerate(names):
            values = np.asarray(groups[name], dtype=float)
            jitter = rng.uniform(-0.18, 0.18, len(values))
            ax.scatter(values, np.full(len(values), row) + jitter, s=18, color=OKABE_ITO["blue"],
                       alpha=0.7, linewidths=0)
            if len(values):
                ax.vlines(np.median(values), row - 0.32, row + 0.32, color=OKABE_ITO["black"], lw=2.0)
        ax.axvline(threshold, color=OKABE_ITO["vermillion"], ls="--", lw=1.2)
        ax.set_yticks(range(len(names)), [f"{n} (n={len(groups[n])})" for n in names])
        ax.set_ylim(len(names) - 0.5, -0.5)
        top = max([threshold, *(float(np.max(v)) for v in groups.values() if len(v))])
        ax.set_xlim(-0.03 * top - 1.0, top * 1.05 + 1.0)  # nights at 0/h stay visible off the axis
        ax.set_xlabel("PLMS index (/h sleep); bar: median")
        ax.set_title(title, loc="left")
    return figure_to_data_uri(fig)


def grouped_values(table: pd.DataFrame, column: str, groups: list[str]) -> dict[str, np.ndarray]:
    """The defined PLMS indices of the scored nights, by group label."""
    scored = table[(table["status"] == "ok") & table["plms_index"].notna()]
    labels = scored[column].astype("string").fillna("(blank)")
    return {g: scored.loc[labels == g, "plms_index"].to_numpy(dtype=float) for g in groups}
