"""Every output a command asked for (JSON, CSV, HTML, PDF, lab exports), written in one call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from plmscope.export.atomic import write_atomic
from plmscope.export.bids import write_bids_events
from plmscope.export.lm_annotations import write_edf_annotations
from plmscope.export.nsrr_xml import write_nsrr_xml
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
    edf_annotations: Path | None = None,
    nsrr_xml: Path | None = None,
    bids_dir: Path | None = None,
    bids_subject: str = "01",
) -> list[tuple[str, Path]]:
    """Write every requested output; returns (what, path) pairs in the order written.

    ``edf_annotations``: the scored LMs as EDF+ annotations; ``nsrr_xml``: the scoring as NSRR
    XML; ``bids_dir``: BIDS events TSV + sidecar for subject ``bids_subject``.
    """
    say = step or (lambda _name: None)
    written: list[tuple[str, Path]] = []
    if json_out:
        written.append(("result (JSON)", write_atomic(json_out, scored.to_json(show_identity) + "\n")))
    if csv_out:
        written.append(("movements (CSV)", write_atomic(csv_out, movements_csv(scored))))
    if edf_annotations:
        written.append(("LM annotations (EDF+)", write_edf_annotations(edf_annotations, scored, show_identity)))
    if nsrr_xml:
        written.append(("scoring (NSRR XML)", write_nsrr_xml(nsrr_xml, scored)))
    if bids_dir:
        tsv, sidecar = write_bids_events(bids_dir, scored, subject=bids_subject)
        written += [("BIDS events", tsv), ("BIDS events sidecar", sidecar)]
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
