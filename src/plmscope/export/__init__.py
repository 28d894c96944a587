"""Writing what plmscope made: every output file, each written atomically.

- ``paths``: the checks every output path passes before any work starts (``check_outputs``).
- ``atomic``: the one writer every output goes through (temporary file + rename).
- ``result``: the JSON result and the per-movement CSV of a NightScore.
- ``report_files``: the HTML report and its PDF.
- ``edf``: EDF+ files (signals and annotations), e.g. simulated nights.
- ``outputs``: every output a command asked for, in one call.
"""

from plmscope.export.atomic import write_all, write_atomic
from plmscope.export.outputs import write_outputs
from plmscope.export.paths import check_outputs
from plmscope.export.report_files import write_pdf, write_report
from plmscope.export.result import movements_csv, write_json, write_movements_csv

__all__ = [
    "check_outputs",
    "movements_csv",
    "write_all",
    "write_atomic",
    "write_json",
    "write_movements_csv",
    "write_outputs",
    "write_pdf",
    "write_report",
]
