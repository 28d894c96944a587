"""Write a scored night's outputs (JSON, CSV, HTML, PDF), each atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from plmscope.io.atomic import write_atomic
from plmscope.pipeline import ScoredNight


def result_json(scored: ScoredNight, show_identity: bool = False) -> str:
    """The machine-readable result as JSON text (DESIGN.md keys)."""
    return json.dumps(scored.to_dict(show_identity), indent=2, allow_nan=False)


def write_outputs(
    scored: ScoredNight,
    *,
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
        written.append(("result (JSON)", write_atomic(json_out, result_json(scored, show_identity))))
    if csv_out:
        table = scored.result.movements.to_csv(index=False, float_format="%.3f")
        written.append(("movements (CSV)", write_atomic(csv_out, table)))
    if report or pdf:
        from plmscope.report import build_report

        say("writing the report")
        html = build_report(
            scored.night,
            scored.result,
            detection=scored.detection,
            assessment=assessment,
            show_identity=show_identity,
            warnings=scored.warnings,
        )
        if report:
            written.append(("report (HTML)", write_atomic(report, html)))
        if pdf:
            from plmscope.report import html_to_pdf

            say("writing the PDF")
            written.append(("report (PDF)", write_atomic(pdf, html_to_pdf(html))))
    return written
