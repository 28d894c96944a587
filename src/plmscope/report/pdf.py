"""The PDF for the doctor's file: weasyprint renders the same HTML with the A4 print styles."""

from __future__ import annotations

from plmscope.errors import PlmscopeInputError


def offline_fetcher():
    """A weasyprint URL fetcher allowing only inline ``data:`` resources (no network, no disk)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


PDF_MISSING = "PDF output needs weasyprint: pip install 'plmscope[pdf]'"


def check_pdf_possible() -> None:
    """Raise the install hint now (before a long job) when weasyprint is not installed."""
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        raise PlmscopeInputError(PDF_MISSING)


def html_to_pdf(html: str) -> bytes:
    """The report page ``html`` as A4 PDF bytes (print styles applied, nothing fetched)."""
    try:
        import weasyprint
    except ImportError:  # optional dependency: plmscope[pdf]
        raise PlmscopeInputError(PDF_MISSING) from None
    return weasyprint.HTML(string=html, url_fetcher=offline_fetcher()).write_pdf()
