"""The PDF for the doctor's file: weasyprint renders the same HTML with the A4 print styles."""

from __future__ import annotations

from pathlib import Path

from plmscope.night import Night


def offline_fetcher():
    """A weasyprint URL fetcher allowing only inline ``data:`` resources (no network, no disk)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


def html_to_pdf(html: str, path: str | Path) -> Path:
    """Write ``html`` as an A4 PDF at ``path``."""
    try:
        import weasyprint
    except ImportError as exc:  # optional dependency: plmscope[pdf]
        raise RuntimeError("PDF output needs weasyprint: pip install 'plmscope[pdf]'") from exc
    path = Path(path)
    weasyprint.HTML(string=html, url_fetcher=offline_fetcher()).write_pdf(path)
    return path


def write_pdf(
    path: str | Path,
    night: Night,
    result,
    *,
    detection=None,
    assessment: dict | None = None,
    show_identity: bool = False,
) -> Path:
    """Write the night report as a PDF (A4) and return the path."""
    from plmscope.report.build import build_report

    html = build_report(
        night, result, detection=detection, assessment=assessment, show_identity=show_identity
    )
    return html_to_pdf(html, path)
