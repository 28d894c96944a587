"""The cohort summary page: numbers from the table, edge cases, and a real browser drawing it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from plmscope.cohort.rows import table_columns
from plmscope.cohort.summary import build_summary, grouping_columns, share_at_or_above, spread
from plmscope.errors import PlmscopeInputError
from plmscope.rules import AASM, WASM2016

CHROMIUM = Path("/usr/bin/chromium")


def table_of(plms: list[float | None], extra: dict[str, list] | None = None, errors: int = 0) -> pd.DataFrame:
    """A cohort table: one ok night per PLMS index (None: undefined), then ``errors`` failed nights."""
    extra = extra or {}
    rows = [
        {"night_id": f"n{i}", "status": "ok", "reason": "", "plms_index": value, "duration_h": 8.0, "tst_h": 6.0,
         "warnings": 0, "software": "0.1.0", **{k: v[i] for k, v in extra.items()}}
        for i, value in enumerate(plms)
    ]
    rows += [
        {"night_id": f"bad{i}", "status": "error", "reason": f"bad{i}.edf: not an EDF/EDF+/BDF file",
         "file": f"bad{i}.edf", "software": "0.1.0", **{k: v[len(plms) + i] for k, v in extra.items()}}
        for i in range(errors)
    ]
    return pd.DataFrame(rows, columns=table_columns(list(extra)))


def test_the_numbers_are_those_of_the_table():
    values = np.array([0.0, 4.0, 15.0, 22.0, 60.0])
    assert spread(values) == {"n": 5, "median": "15.0", "iqr": "4.0–22.0", "range": "0.0–60.0"}
    assert share_at_or_above(values, 15.0) == {"count": 3, "of": 5, "percent": "60"}
    html = build_summary(table_of([0.0, 4.0, 15.0, 22.0, 60.0, None], errors=2), WASM2016)
    assert "6 of 8" in html and "3 of 5 nights (60 %) are at or above 15/h" in html
    assert "1 scored night has no PLMS index (shown as –)" in html
    assert "bad0.edf: not an EDF" in html and "Nights that could not be scored (2)" in html


def test_the_threshold_comes_from_the_rules():
    html = build_summary(table_of([10.0, 20.0]), AASM)
    assert f"{AASM.plms_index_threshold_adult:g}/h" in html and "AASM" in html


def test_categorical_manifest_columns_become_groups():
    extra = {"sex": ["F", "M", "F", "M", "F", "M"], "age": [30, 41, 52, 63, 74, 85], "site": [1, 1, 2, 2, 1, 2]}
    table = table_of([5.0, 18.0, 30.0, 2.0, 40.0, None], extra)
    assert grouping_columns(table, list(extra), None) == ["sex", "site"]  # ages all differ
    html = build_summary(table, WASM2016, extra=list(extra))
    assert "By sex" in html and "By site" in html and "By age" not in html
    assert "By age" in build_summary(table, WASM2016, extra=list(extra), group_by=["age"])
    with pytest.raises(PlmscopeInputError, match="cannot group by 'ward'"):
        grouping_columns(table, list(extra), ["ward"])


def test_a_cohort_where_nothing_was_scored():
    html = build_summary(table_of([], errors=3), WASM2016)
    assert "0 of 3" in html and "Nights that could not be scored (3)" in html


def test_a_stopped_run_says_what_is_missing():
    html = build_summary(table_of([20.0]), WASM2016, pending=4)
    assert "4 nights are not scored yet" in html and "--resume" in html and "1 of 5" in html


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (make browser installs it)")
@pytest.mark.parametrize("width", [1000, 390])
def test_the_page_opens_offline_and_every_figure_loads(tmp_path, width):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    rng = np.random.default_rng(3)
    plms = [float(v) for v in np.round(rng.gamma(1.2, 14.0, 40), 1)]
    table = table_of(plms, {"group": ["case", "control"] * 21}, errors=2)
    page_path = tmp_path / "summary.html"
    page_path.write_text(build_summary(table, WASM2016, extra=["group"]), encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri())
            images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.clientWidth])")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)
        finally:
            browser.close()
    assert len(images) == 2 and all(done and natural > 0 and shown > 0 for done, natural, shown in images), images
    assert overflow <= 0
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
