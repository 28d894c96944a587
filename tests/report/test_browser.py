"""A real browser (system Chromium, headless) opens the report offline and draws every figure."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (make browser installs it)"
    ),
]


@pytest.mark.parametrize("width", [1000, 390])
def test_report_opens_offline_and_every_image_loads(tmp_path, report_file, width):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    page_path = report_file
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            images = page.eval_on_selector_all(
                "img",
                "els => els.map(e => [e.complete, e.naturalWidth, e.clientWidth])",
            )
            sections = page.eval_on_selector_all("section", "els => els.map(e => e.id)")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
        finally:
            browser.close()
    assert len(images) == 6
    assert all(complete and natural > 0 and shown > 0 for complete, natural, shown in images), (
        images
    )
    assert sections == ["summary", "glance", "periodicity", "numbers", "zoom", "method"]
    assert overflow <= 0  # wide figures and tables scroll inside their own boxes, not the page
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    assert (tmp_path / f"report-{width}.png").stat().st_size > 10_000
