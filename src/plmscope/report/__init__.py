"""The night report: plain-words answer, figures, numbers and method, as one HTML page or PDF.

Builds text and bytes from a NightScore; writing them to files is ``plmscope.export``'s job.

Each name loads on first use: the terminal's plain-words summary (``report.narrative``) never
imports the report's figures (matplotlib, and scipy through the accelerometer panel), which
cost the command line about a second at every ``plmscope score``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.report.build import build_report, report_context
    from plmscope.report.pdf import html_to_pdf

_LAZY = {"build_report": "build", "report_context": "build", "html_to_pdf": "pdf"}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
