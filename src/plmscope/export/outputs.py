"""Every output a command asked for (JSON, CSV, HTML, PDF), written in one call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from plmscope.export.atomic import write_atomic
from plmscope.export.result import movements_csv
from plmscope.night import Signal
from plmscope.pipeline import NightScore


def write_outputs(
    scored: NightScore,
    *,
    signals: Mapping[str, Signal] | None = None,
    json_out: Path | None = None,
    csv_out: Path | None = None,
    report: Path | None = None,
    pdf: Path | None = None,
    assessment: dict | None = None,
    show_identity: bool = False,
    step: Callable[[str], None] | None = None,
) -> list[tuple[str, Path]]:
    """Write every requested output; returns (what, path) pairs in the order written."""
    say = step or (lambda _name: None)
    written: list[tuple[str, Path]] = []
    if json_out:
        written.append(("result (JSON)", write_atomic(json_out, scored.to_json(show_identity) + "\n")))
    if csv_out:
        written.append(("movements (CSV)", write_atomic(csv_out, movements_csv(scored))))
    if report or pdf:
        from plmscope.report import build_report, html_to_pdf  # plotting loads only for a report

        say("writing the report")
        html = build_report(scored, signals=signals, assessment=assessment, show_identity=show_identity)
        if report:
            written.append(("report (HTML)", write_atomic(report, html)))
        if pdf:
            say("writing the PDF")
            written.append(("report (PDF)", write_atomic(pdf, html_to_pdf(html))))
    return written
