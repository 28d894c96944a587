"""The PDF for the doctor's file: weasyprint renders the same HTML with the A4 print styles."""

from __future__ import annotations

from plmscope.errors import PlmscopeInputError


def offline_fetcher():
    """A weasyprint URL fetcher allowing only inline ``data:`` resources (no network, no disk)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


def html_to_pdf(html: str) -> bytes:
    """The report page ``html`` as A4 PDF bytes (print styles applied, nothing fetched)."""
    try:
        import weasyprint
    except ImportError:  # optional dependency: plmscope[pdf]
        raise PlmscopeInputError(
            "PDF output needs weasyprint: pip install 'plmscope[pdf]'"
        ) from None
    return weasyprint.HTML(string=html, url_fetcher=offline_fetcher()).write_pdf()
