"""Assemble the night report: narrative, figures, tables and method into one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from plmscope.io.atomic import write_atomic
from plmscope.night import Night
from plmscope.report.figures.emg import DisplayFilter
from plmscope.report.figures.glance import glance_figure
from plmscope.report.figures.periodicity import periodicity_figures
from plmscope.report.figures.style import format_time
from plmscope.report.figures.zoom import choose_windows, zoom_figure
from plmscope.report.html import render_html
from plmscope.report.method import method_section
from plmscope.report.narrative import breathing_event_count, count_of, plain_summary
from plmscope.report.tables import fmt, hours_text, number_tables

ZOOM_CAPTIONS = {
    "series": "The densest periodic series of the night: each PLM should line up with a burst "
    "on one or both legs.",
    "respiratory": "A movement right after a breathing event (blue bar): respiratory-related "
    "movements are counted separately.",
    "sleep_onset": "The minutes around falling asleep, where harmless sleep-onset jerks cluster.",
}


def cards(result) -> list[dict]:
    """The headline numbers shown at the top of the page."""
    ind, sleep, rules = result.indices, result.sleep, result.rules
    plms_index = ind.get("plms_index")
    flag = (
        plms_index is not None
        and np.isfinite(plms_index)
        and plms_index > rules.plms_index_threshold_adult
    )
    efficiency = sleep.get("sleep_efficiency")
    return [
        {"value": fmt(plms_index), "label": "PLMS index (per hour of sleep)", "flag": flag},
        {
            "value": fmt(count_of(result, "lms", fallback="n_lms"), 0),
            "label": "leg movements in sleep",
            "flag": False,
        },
        {
            "value": fmt(count_of(result, "plms", fallback="n_plms"), 0),
            "label": "periodic leg movements in sleep",
            "flag": False,
        },
        {
            "value": hours_text(float(sleep.get("tst_h") or 0.0)),
            "label": "total sleep time",
            "flag": False,
        },
        {
            "value": fmt(100 * efficiency, 0, "%") if efficiency is not None else "–",
            "label": "sleep efficiency",
            "flag": False,
        },
    ]


def subtitle(night: Night, result, show_identity: bool) -> str:
    """Rules, length, legs and start time (the date only when identity may be shown)."""
    legs = " and ".join(night.legs) + (" leg" if len(night.legs) == 1 else " legs")
    start = ""
    if night.start is not None:
        start = (
            f" · from {night.start:%Y-%m-%d %H:%M}"
            if show_identity
            else f" · from {night.start:%H:%M}"
        )
    return (
        f"{result.rules.name} rules · {hours_text(night.duration / 3600)} recorded · {legs}{start}"
    )


def figures(night: Night, result, detection=None) -> dict:
    """Every figure as an inline SVG data URI."""
    unscorable = getattr(detection, "unscorable", None) if detection is not None else None
    if unscorable is None:
        unscorable = getattr(result, "unscorable", None)
    detected = getattr(detection, "monolateral", None) if detection is not None else None
    if detected is None:
        detected = getattr(result, "monolateral", None)
    settings = getattr(detection, "settings", None) or {}
    views = {leg: DisplayFilter.from_settings(settings.get(leg)) for leg in night.legs}
    zoom = [
        {
            "src": zoom_figure(night, result, window, detected, views),
            "title": window.title,
            "caption": f"{ZOOM_CAPTIONS[window.key]} "
            f"({format_time(window.start, night.start)}, {window.end - window.start:.0f} s)",
        }
        for window in (choose_windows(night, result) if night.legs else [])
    ]
    return {
        "glance": glance_figure(night, result, unscorable),
        "periodicity": periodicity_figures(result),
        "zoom": zoom,
        "zoom_empty": (
            "No windows to show: the night has no PLM series, no respiratory-related movement "
            "and no sleep onset."
            if night.legs
            else "No windows to show: the recording has no leg EMG channel (the movements were "
            "scored elsewhere)."
        ),
    }


def build_report(
    night: Night,
    result,
    *,
    detection=None,
    assessment: dict | None = None,
    show_identity: bool = False,
    warnings: list[str] | None = None,
) -> str:
    """The complete, self-contained HTML report of one scored night.

    ``warnings`` replaces the warnings gathered from night, detection and result (for callers
    that already combined them); header identity is shown only with ``show_identity``.
    """
    return render_html(
        report_context(
            night,
            result,
            detection=detection,
            assessment=assessment,
            show_identity=show_identity,
            warnings=warnings,
        )
    )


def report_context(
    night: Night,
    result,
    *,
    detection=None,
    assessment: dict | None = None,
    show_identity: bool = False,
    warnings: list[str] | None = None,
) -> dict:
    """Everything the template shows (figures already drawn), as plain data."""
    return {
        "title": "plmscope night report",
        "subtitle": subtitle(night, result, show_identity),
        "cards": cards(result),
        "summary": plain_summary(result, assessment, breathing_event_count(night)),
        "assessment": assessment,
        "figures": figures(night, result, detection),
        "tables": number_tables(result, night.start),
        "method": method_section(night, result, detection, show_identity, warnings),
        "rules": result.rules,
    }


def write_report(path: str | Path, night: Night, result, **options: Any) -> Path:
    """Write the HTML report to ``path`` atomically; ``options`` as for :func:`build_report`."""
    return write_atomic(path, build_report(night, result, **options))
