"""The night report: plain-words answer, figures, numbers and method, as one HTML page or PDF.

Builds text and bytes from a NightScore; writing them to files is ``plmscope.export``'s job.
"""

from plmscope.report.build import build_report, report_context
from plmscope.report.pdf import html_to_pdf

__all__ = ["build_report", "html_to_pdf", "report_context"]
