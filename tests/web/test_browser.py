"""A real browser (system Chromium, headless) against a real server on loopback: upload the
example night, follow it, open the report, answer the questionnaire, keep a diary, see the
trend of two nights, at desktop width and at 390 px. Screenshots go to the test's folder (and
to $PLMSCOPE_WEB_SCREENSHOTS when set, e.g. examples/web)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import upload, wait_for

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (make browser installs it)"),
]
DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    yield folder
    target = os.environ.get("PLMSCOPE_WEB_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for png in folder.glob("*.png"):
            shutil.copy(png, Path(target) / png.name)


def no_page_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_whole_job_in_a_real_browser(tmp_path, server_factory, short_night, quiet_night, shots):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    server = server_factory(tmp_path / "data", workers=2)
    base = server.url
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport=DESKTOP)
            page.on("request", lambda r: requests.append(r.url))

            # 1. upload the example night and follow it to the result
            page.goto(base + "/")
            assert no_page_overflow(page)
            page.set_input_files("#file", str(short_night))
            assert "short-plmd.edf" in page.inner_text("#chosen")
            page.click("#upload-button")
            page.wait_for_selector(".open-report", timeout=120_000)
            assert "PLMS index" in page.inner_text("#uploads")
            page.screenshot(path=str(shots / "upload-desktop.png"))

            # 2. the report (the CLI's), with the app's bar and the night's panel
            page.click(".open-report")
            page.wait_for_selector("#summary")
            images = page.eval_on_selector_all("img", "els => els.map(e => e.complete && e.naturalWidth > 0)")
            assert images and all(images)
            assert page.locator(".app-bar").count() == 1 and page.locator("#diary-form").count() == 1
            page.screenshot(path=str(shots / "report-desktop.png"))
            night_url = page.url
            night_id = int(night_url.rstrip("/").split("/")[-1])

            # 3. keep a diary and a note for the night
            page.fill("#notes-text", "Coffee at 5 pm; woke twice.")
            page.click(".notes-form button")
            page.wait_for_selector(".notes-form .saved:text('Saved.')")
            page.fill("input[name=caffeine_cups]", "3")
            page.select_option("select[name=caffeine_after_2pm]", "true")
            page.select_option("select[name=stress]", "some")
            page.click("#diary-form button[type=submit]")
            page.wait_for_selector("#diary-form .saved:text('Saved.')")
            page.locator(".night-panel").screenshot(path=str(shots / "diary-desktop.png"))

            # 4. the questionnaire, as the bed partner; conditional questions appear when they apply
            page.goto(f"{base}/questionnaire?night={night_id}&who=partner")
            assert page.locator('.q[data-qid="kick_interval_s"]').is_hidden()
            page.fill("#q-age", "58")
            page.check('input[name=kicks_in_sleep][value=y]')
            assert page.locator('.q[data-qid="kick_interval_s"]').is_visible()
            page.fill("#q-kick_interval_s", "30")
            page.check('input[name=snoring][value=n]')
            page.check('input[name=sleep_complaint][value=y]')
            page.click("#questionnaire button[type=submit]")
            page.wait_for_selector("#assessment-result:not([hidden])")
            assert page.inner_text("#overall-badge")
            page.screenshot(path=str(shots / "questionnaire-desktop.png"))
            page.click("#to-report")
            page.wait_for_selector("#summary")
            assert "From the questionnaire" in page.inner_text("#summary")
            page.emulate_media(media="print")
            assert page.locator(".app-bar").first.is_hidden() and page.locator(".notes-print").is_visible()
            page.emulate_media(media="screen")

            # 5. a second night (with its diary), then the trend of the two
            with httpx.Client(base_url=base, timeout=30) as client:
                second = upload(client, quiet_night, date="2024-03-02").json()["id"]
                assert wait_for(client, second)["status"] == "done"
                client.put(f"/api/nights/{second}/diary", json={"caffeine_cups": 1, "caffeine_after_2pm": False, "stress": "none"})
                client.post("/api/nights/without-recording", json={"date": "2024-03-03", "diary": {"partner_jerks": True, "partner_jerk_frequency": "on and off"}})
            page.goto(base + "/nights")
            assert page.locator("svg.trend circle.measured.plms_index").count() == 2
            assert page.locator("svg.trend .diary-only").count() == 1
            assert "3 cups of coffee/tea (after 2 pm)" in page.inner_text("table.nights")
            page.screenshot(path=str(shots / "trend-desktop.png"), full_page=True)

            # 6. the same pages on a phone, 390 px wide
            phone = browser.new_page(viewport=PHONE, device_scale_factor=2)
            phone.on("request", lambda r: requests.append(r.url))
            for name, url in [
                ("upload", "/"), ("report", f"/nights/{night_id}"),
                ("questionnaire", f"/questionnaire?night={night_id}&who=partner"), ("trend", "/nights"),
            ]:
                phone.goto(base + url)
                phone.wait_for_load_state("load")
                assert no_page_overflow(phone), name
                phone.screenshot(path=str(shots / f"{name}-390.png"))
        finally:
            browser.close()
    assert all(u.startswith((base, "data:")) for u in requests), [u for u in requests if not u.startswith(base)]
    assert len(list(shots.glob("*.png"))) == 9
