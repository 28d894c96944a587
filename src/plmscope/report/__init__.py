"""The night report: plain-words answer, figures, numbers and method, as one HTML file or PDF."""

from plmscope.report.build import build_report, write_report
from plmscope.report.pdf import html_to_pdf, write_pdf

__all__ = ["build_report", "html_to_pdf", "write_pdf", "write_report"]
