"""Assemble the night report: narrative, figures, tables and method into one HTML page.

The report is drawn from a :class:`~plmscope.pipeline.NightScore` alone; the EMG zoom panels
also need the leg signals (``signals``), which a NightScore does not keep: without them the
report says so where the panels would be.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from plmscope.interpret import plms_threshold
from plmscope.night import Signal
from plmscope.pipeline import NightScore
from plmscope.report.figures.accel_zoom import accel_zoom_figure
from plmscope.report.figures.emg import DisplayFilter
from plmscope.report.figures.glance import glance_figure
from plmscope.report.figures.periodicity import periodicity_figures
from plmscope.report.figures.style import format_time
from plmscope.report.figures.zoom import choose_windows, zoom_figure
from plmscope.report.html import render_html
from plmscope.report.method import method_section
from plmscope.report.narrative import breathing_event_count, count_of, plain_summary
from plmscope.report.tables import fmt, fmt_hours, hours_text, number_tables
from plmscope.scoring import nothing_scored, undefined_reason

ZOOM_CAPTIONS = {
    "series": "The densest periodic series of the night: each PLM should line up with a burst "
    "on one or both legs.",
    "respiratory": "A movement right after a breathing event (blue bar): respiratory-related "
    "movements are counted separately.",
    "sleep_onset": "The minutes around falling asleep, where harmless sleep-onset jerks cluster.",
}


def cards(scored: NightScore) -> list[dict]:
    """The headline numbers shown at the top of the page; a "–" card says why it is one."""
    ind, sleep = scored.indices, scored.sleep
    plms_index = ind.get("plms_index")
    flag = (
        plms_index is not None
        and np.isfinite(plms_index)
        and plms_index > plms_threshold(scored.rules)
    )
    efficiency = sleep.get("sleep_efficiency")
    nothing = nothing_scored(sleep)
    unscorable = float(sleep.get("unscorable_h") or 0.0)
    total_sleep = sleep.get("tst_total_h", sleep.get("tst_h"))
    if scored.kind == "accelerometer":
        none = "–" if nothing else None
        return [
            {"value": fmt(plms_index), "label": "estimated PLMS index (per hour of estimated sleep)", "flag": flag,
             "note": undefined_reason("plms_index", sleep) if plms_index is None else ""},
            {"value": none or fmt(count_of(scored, "lms", fallback="n_lms"), 0),
             "label": "leg movements in estimated sleep", "flag": False,
             "note": "nothing could be scored" if nothing else ""},
            {"value": fmt((scored.detection.get("posture_changes") or {}).get("count"), 0),
             "label": "posture changes (not counted as LMs)", "flag": False, "note": ""},
            {"value": hours_text(float(sleep.get("tst_h") or 0.0)), "label": "estimated sleep time", "flag": False,
             "note": ""},
        ]
    return [
        {
            "value": fmt(plms_index),
            "label": "PLMS index (per hour of sleep)",
            "flag": flag,
            "note": undefined_reason("plms_index", sleep) if plms_index is None else "",
        },
        {
            "value": "–" if nothing else fmt(count_of(scored, "lms", fallback="n_lms"), 0),
            "label": "leg movements in sleep",
            "flag": False,
            "note": "nothing could be scored" if nothing else "",
        },
        {
            "value": "–" if nothing else fmt(count_of(scored, "plms", fallback="n_plms"), 0),
            "label": "periodic leg movements in sleep",
            "flag": False,
            "note": "nothing could be scored" if nothing else "",
        },
        {
            "value": fmt_hours(total_sleep) if sleep.get("staging") != "none" else "–",
            "label": "total sleep time",
            "flag": False,
            "note": (
                "no sleep stages"
                if sleep.get("staging") == "none"
                else f"{hours_text(float(sleep.get('tst_h') or 0.0))} of it scorable" if unscorable > 0 else ""
            ),
        },
        {
            "value": fmt(100 * efficiency, 0, "%") if efficiency is not None else "–",
            "label": "sleep efficiency",
            "flag": False,
            "note": "no sleep stages" if efficiency is None else "",
        },
    ]


def subtitle(scored: NightScore, show_identity: bool) -> str:
    """Rules, length, legs and start time (the date only when identity may be shown)."""
    legs = " and ".join(scored.legs) + (" leg" if len(scored.legs) == 1 else " legs")
    start = ""
    if scored.start is not None:
        start = (
            f" · from {scored.start:%Y-%m-%d %H:%M}"
            if show_identity
            else f" · from {scored.start:%H:%M}"
        )
    what = " · ankle accelerometers (an estimate)" if scored.kind == "accelerometer" else ""
    return f"{scored.rules.name} rules · {hours_text(scored.duration / 3600)} recorded · {legs}{what}{start}"


def zoom_panels(scored: NightScore, signals: Mapping[str, Signal] | None) -> list[dict]:
    """The zoom panels, when the leg signals are at hand (none otherwise)."""
    if not signals:
        return []
    if scored.kind == "accelerometer":
        return [
            {
                "src": accel_zoom_figure(scored, window, dict(signals)),
                "title": window.title,
                "caption": f"{ZOOM_CAPTIONS[window.key]} "
                f"({format_time(window.start, scored.start)}, {window.end - window.start:.0f} s)",
            }
            for window in choose_windows(scored)
        ]
    settings = scored.detection.get("settings") or {}
    views = {leg: DisplayFilter.from_settings(settings.get(leg)) for leg in signals}
    detected = scored.monolateral if scored.detection else None
    return [
        {
            "src": zoom_figure(scored, window, dict(signals), detected, views),
            "title": window.title,
            "caption": f"{ZOOM_CAPTIONS[window.key]} "
            f"({format_time(window.start, scored.start)}, {window.end - window.start:.0f} s)",
        }
        for window in choose_windows(scored)
    ]


def zoom_empty_text(scored: NightScore, signals: Mapping[str, Signal] | None) -> str:
    """What the zoom section says when it shows no panel."""
    if scored.recording.get("from_event_file"):
        return (
            "No windows to show: this night was scored from a lab's event export, without the "
            "recording, so there is no EMG to show; the lab's own viewer shows it."
        )
    if not scored.legs:
        return (
            "No windows to show: the recording has no leg EMG channel (the movements were "
            "scored elsewhere)."
        )
    if not signals:
        return "No windows to show: the leg signals were not available when this report was made."
    return (
        "No windows to show: the night has no PLM series, no respiratory-related movement "
        "and no sleep onset."
    )


def figures(scored: NightScore, signals: Mapping[str, Signal] | None = None) -> dict:
    """Every figure as an inline SVG data URI."""
    return {
        "glance": glance_figure(scored),
        "periodicity": periodicity_figures(scored),
        "zoom": zoom_panels(scored, signals),
        "zoom_empty": zoom_empty_text(scored, signals),
    }


def build_report(
    scored: NightScore,
    *,
    signals: Mapping[str, Signal] | None = None,
    assessment: dict | None = None,
    show_identity: bool = False,
) -> str:
    """The complete, self-contained HTML report of one scored night.

    Parameters
    ----------
    scored : NightScore
        The night, as :func:`plmscope.score` returns it.
    signals : mapping of leg to Signal, optional
        The leg EMG (``night.legs`` of :func:`plmscope.load`), for the zoom panels.
    assessment : dict, optional
        ``Assessment.to_dict()`` of the questionnaire, shown with the night.
    show_identity : bool
        Show header identity (patient, date, file name); hidden by default.

    Examples
    --------
    >>> import plmscope
    >>> from plmscope.simulate import simulate_night
    >>> night = simulate_night("plmd", seed=2, hours=0.25).night
    >>> html = build_report(plmscope.score(night), signals=night.legs)
    >>> html.startswith("<!DOCTYPE html>") and "PLMS index" in html
    True
    """
    return render_html(
        report_context(scored, signals=signals, assessment=assessment, show_identity=show_identity)
    )


def report_context(
    scored: NightScore,
    *,
    signals: Mapping[str, Signal] | None = None,
    assessment: dict | None = None,
    show_identity: bool = False,
) -> dict:
    """Everything the template shows (figures already drawn), as plain data."""
    return {
        "title": "plmscope night report",
        "subtitle": subtitle(scored, show_identity),
        "cards": cards(scored),
        "summary": plain_summary(scored, assessment, breathing_event_count(scored)),
        "assessment": assessment,
        "figures": figures(scored, signals),
        "tables": number_tables(scored, scored.start),
        "method": method_section(scored, show_identity),
        "rules": scored.rules,
        "kind": scored.kind,
    }
