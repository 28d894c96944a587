"""The night report as files: the HTML page and its A4 PDF (the same page, print styles)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from plmscope.export.atomic import write_atomic
from plmscope.night import Signal
from plmscope.pipeline import NightScore
from plmscope.report import build_report, html_to_pdf


def write_report(
    path: str | Path,
    scored: NightScore,
    *,
    signals: Mapping[str, Signal] | None = None,
    assessment: dict | None = None,
    show_identity: bool = False,
) -> Path:
    """Write the HTML report of ``scored`` at ``path`` (``signals``: leg EMG for the zoom panels)."""
    html = build_report(scored, signals=signals, assessment=assessment, show_identity=show_identity)
    return write_atomic(path, html)


def write_pdf(
    path: str | Path,
    scored: NightScore,
    *,
    signals: Mapping[str, Signal] | None = None,
    assessment: dict | None = None,
    show_identity: bool = False,
    html: str | None = None,
) -> Path:
    """Write the report as an A4 PDF at ``path`` (from ``html`` when already built)."""
    page = html or build_report(scored, signals=signals, assessment=assessment, show_identity=show_identity)
    return write_atomic(path, html_to_pdf(page))
