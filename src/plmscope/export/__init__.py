"""Writing what plmscope made: every output file, each written atomically.

- ``paths``: the checks every output path passes before any work starts (``check_outputs``).
- ``atomic``: the one writer every output goes through (temporary file + rename).
- ``result``: the JSON result and the per-movement CSV of a NightScore.
- ``report_files``: the HTML report and its PDF.
- ``edf``: EDF+ files (signals and annotations), e.g. simulated nights.
- ``lm_annotations``, ``nsrr_xml``, ``bids``, ``remlogic``: what labs review and exchange — the
  scored LMs as EDF+ annotations, the scoring as NSRR XML, BIDS events, a RemLogic event export.
- ``outputs``: every output a command asked for, in one call.

Each loads on first use: writing a JSON result never imports the report's plotting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.export.atomic import write_all, write_atomic, write_atomic_with
    from plmscope.export.bids import write_bids_events
    from plmscope.export.lm_annotations import write_edf_annotations
    from plmscope.export.nsrr_xml import write_nsrr_xml
    from plmscope.export.outputs import write_outputs
    from plmscope.export.remlogic import write_remlogic
    from plmscope.export.paths import check_outputs
    from plmscope.export.report_files import write_pdf, write_report
    from plmscope.export.result import movements_csv, write_json, write_movements_csv

_LAZY = {
    "write_all": "atomic", "write_atomic": "atomic", "write_atomic_with": "atomic",
    "write_outputs": "outputs", "check_outputs": "paths",
    "write_pdf": "report_files", "write_report": "report_files",
    "movements_csv": "result", "write_json": "result", "write_movements_csv": "result",
    "write_bids_events": "bids", "write_edf_annotations": "lm_annotations", "write_nsrr_xml": "nsrr_xml",
    "write_remlogic": "remlogic",
}  # fmt: skip

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
