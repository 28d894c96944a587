"""Every output a command asked for (JSON, CSV, HTML, PDF, lab exports), written in one call, as one set.

Commands check the paths with :func:`plmscope.export.paths.check_outputs` before the long work;
here every file is made first and then written as a set (:func:`~plmscope.export.atomic.write_all`),
so a report that fails to render leaves the JSON and CSV of an earlier run untouched too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from plmscope.export.atomic import write_all
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
    planned: list[tuple[str, Path, str | bytes]] = []
    if json_out:
        planned.append(("result (JSON)", json_out, scored.to_json(show_identity) + "\n"))
    if csv_out:
        planned.append(("movements (CSV)", csv_out, movements_csv(scored)))
    if edf_annotations:
        from plmscope.export.lm_annotations import edf_annotations_bytes  # each exporter on demand

        planned.append(("LM annotations (EDF+)", edf_annotations, edf_annotations_bytes(scored, show_identity)))
    if nsrr_xml:
        from plmscope.export.nsrr_xml import nsrr_xml as nsrr_text

        planned.append(("scoring (NSRR XML)", nsrr_xml, nsrr_text(scored)))
    if bids_dir:
        from plmscope.export.bids import bids_files

        (tsv, tsv_text), (sidecar, sidecar_text) = bids_files(Path(bids_dir), scored, subject=bids_subject)
        planned += [("BIDS events", tsv, tsv_text), ("BIDS events sidecar", sidecar, sidecar_text)]
    if report or pdf:
        from plmscope.report import build_report, html_to_pdf  # plotting loads only for a report

        say("writing the report")
        html = build_report(scored, signals=signals, assessment=assessment, show_identity=show_identity)
        if report:
            planned.append(("report (HTML)", report, html))
        if pdf:
            say("writing the PDF")
            planned.append(("report (PDF)", pdf, html_to_pdf(html)))
    paths = write_all([(path, content) for _, path, content in planned])
    return [(what, path) for (what, _, _), path in zip(planned, paths)]
