"""The outputs of several nights: JSON (every night + summary), CSV (one row per night), HTML, PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from plmscope.export.atomic import write_atomic
from plmscope.pipeline import NightsScore
from plmscope.report import html_to_pdf
from plmscope.report.nights import build_nights_report


def write_nights_outputs(
    many: NightsScore,
    *,
    json_out: Path | None = None,
    csv_out: Path | None = None,
    report: Path | None = None,
    pdf: Path | None = None,
    show_identity: bool = False,
    step: Callable[[str], None] | None = None,
    assessment: dict | None = None,
) -> list[tuple[str, Path]]:
    """Write every requested output of several nights; returns (what, path) pairs."""
    say = step or (lambda _name: None)
    written: list[tuple[str, Path]] = []
    if json_out:
        data = many.to_dict(show_identity) | ({"assessment": assessment} if assessment else {})
        written.append(("nights (JSON)", write_atomic(json_out, json.dumps(data, indent=2, allow_nan=False) + "\n")))
    if csv_out:
        written.append(("nights (CSV)", write_atomic(csv_out, many.table().to_csv(index=False))))
    if report or pdf:
        say("writing the report")
        html = build_nights_report(many, assessment=assessment)
        if report:
            written.append(("nights report (HTML)", write_atomic(report, html)))
        if pdf:
            say("writing the PDF")
            written.append(("nights report (PDF)", write_atomic(pdf, html_to_pdf(html))))
    return written
