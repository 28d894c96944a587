"""Writing what plmscope made: every output file, each written atomically.

- ``atomic``: the one writer every output goes through (temporary file + rename).
- ``result``: the JSON result and the per-movement CSV of a NightScore.
- ``report_files``: the HTML report and its PDF.
- ``edf``: EDF+ files (signals and annotations), e.g. simulated nights.
- ``lm_annotations``, ``nsrr_xml``, ``bids``, ``remlogic``: what labs review and exchange — the
  scored LMs as EDF+ annotations, the scoring as NSRR XML, BIDS events, a RemLogic event export.
- ``outputs``: every output a command asked for, in one call.
"""

from plmscope.export.atomic import write_atomic
from plmscope.export.bids import write_bids_events
from plmscope.export.lm_annotations import write_edf_annotations
from plmscope.export.nsrr_xml import write_nsrr_xml
from plmscope.export.outputs import write_outputs
from plmscope.export.report_files import write_pdf, write_report
from plmscope.export.remlogic import write_remlogic
from plmscope.export.result import movements_csv, write_json, write_movements_csv

__all__ = [
    "movements_csv",
    "write_atomic",
    "write_bids_events",
    "write_edf_annotations",
    "write_json",
    "write_movements_csv",
    "write_nsrr_xml",
    "write_outputs",
    "write_pdf",
    "write_remlogic",
    "write_report",
]
