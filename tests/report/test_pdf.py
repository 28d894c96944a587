"""The PDF for the doctor's file: A4 pages with every section, no network fetches."""

from __future__ import annotations

import pytest

from plmscope.export import write_pdf
from plmscope.report import html_to_pdf
from plmscope.report.pdf import offline_fetcher

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

A4_PT = (595.3, 841.9)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, night, result):
    """The PDF of the hand-made night, through the public write_pdf."""
    return write_pdf(tmp_path_factory.mktemp("pdf") / "night.pdf", result, signals=night.legs)


def test_pdf_has_a4_pages_with_every_section(pdf):
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 2
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert abs(width - A4_PT[0]) < 2 and abs(height - A4_PT[1]) < 2
    text = " ".join(page.extract_text() for page in reader.pages)
    for title in (
        "The answer in plain words",
        "The night at a glance",
        "Periodicity",
        "The numbers",
        "Zoom panels",
        "Method and limits",
    ):
        assert title in text, title
    assert "Quillfeather" not in text


def test_numbers_start_on_a_new_page(pdf):
    reader = pypdf.PdfReader(pdf)
    starts = [page.extract_text().lstrip() for page in reader.pages]
    assert any(s.startswith("4. The numbers") for s in starts)
    assert any(s.startswith("6. Method and limits") for s in starts)


def test_html_to_pdf_gives_pdf_bytes(html):
    assert html_to_pdf(html).startswith(b"%PDF-")


def test_pdf_refuses_external_resources():
    fetch = offline_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetch("file:///etc/passwd")
    assert fetch("data:text/plain;base64,aGk=").read() == b"hi"
