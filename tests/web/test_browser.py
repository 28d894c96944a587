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


DEFAULT_BADGE = "rgb(232, 232, 232)"  # .badge without a level
NOT_ENOUGH_BADGE = "rgb(236, 236, 236)"  # .level-not_enough_answers, as in the report's CSS


def badge_colour(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


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

            # 4. the questionnaire, as the bed partner: the terminal's questions; which apply is
            #    the server's walk of the bank (ask_if / skip_if), asked as the replies change
            page.goto(f"{base}/questionnaire?night={night_id}&who=partner")
            assert page.locator('.q[data-qid="kick_interval_s"]').count() == 0  # answer files only
            assert page.locator('.q[data-qid="kick_frequency"]').is_hidden()
            assert page.locator('.q[data-qid="pregnant"]').is_visible()
            page.fill("#q-age", "58")
            page.check("input[name=sex][value=male]")
            page.wait_for_selector('.q[data-qid="pregnant"]', state="hidden")
            page.check("input[name=kicks_in_sleep][value=y]")
            page.wait_for_selector('.q[data-qid="kick_frequency"]', state="visible")
            assert page.locator('.q[data-qid="body_parts"]').is_visible()
            page.check("input[name=body_parts][value=legs]")
            page.check("input[name=body_parts][value=arms]")
            page.check("input[name=sore_calves][value=y]")
            page.wait_for_selector('.q[data-qid="calf_swollen"]', state="visible")
            page.check("input[name=sore_calves][value=n]")
            page.wait_for_selector('.q[data-qid="calf_swollen"]', state="hidden")
            page.fill("#q-kick_frequency", "30")  # the terminal's refusal, word for word
            page.press("#q-kick_frequency", "Tab")
            page.wait_for_selector('.q[data-qid="kick_frequency"] .q-error:text("30 what?")')
            page.locator("#section-legs").screenshot(path=str(shots / "questionnaire-legs-desktop.png"))
            page.fill("#q-kick_frequency", "7-8 times in 5 minutes")
            page.press("#q-kick_frequency", "Tab")
            page.wait_for_selector('.q[data-qid="kick_frequency"] .q-error:empty', state="attached")
            page.check("input[name=rls_urge][value=y]")
            page.wait_for_selector('.q[data-qid="irls_total"]', state="visible")
            for select in page.locator('select[name="irls"]').all():
                select.select_option("1")
            page.wait_for_selector('.q[data-qid="irls_total"]', state="hidden")  # skip_if: irls given
            for qid, reply in [("snoring", "n"), ("sleep_complaint", "y"), ("tiredness", "y"), ("observed_apneas", "n"), ("jerks_falling_asleep", "n")]:
                page.check(f"input[name={qid}][value={reply}]")
            page.click("#questionnaire button[type=submit]")
            page.wait_for_selector("#assessment-result:not([hidden])")
            level = page.get_attribute("#assessment-result", "class").split("level-")[1]
            assert page.inner_text("#overall-badge") and level not in ("reassure", "not_enough_answers")
            assert "in the arms as well as the legs" in page.inner_text("#findings")  # the ticked body parts
            assert badge_colour(page, "#overall-badge") != DEFAULT_BADGE
            page.screenshot(path=str(shots / "questionnaire-desktop.png"))
            page.click("#to-report")
            page.wait_for_selector("#summary")
            assert "From the questionnaire" in page.inner_text("#summary")
            assert badge_colour(page, f"#questionnaire-link .level-{level} .badge") == badge_colour(page, f".assessment.level-{level} > h3 > .badge") != DEFAULT_BADGE
            page.locator("#questionnaire-link").screenshot(path=str(tmp_path / "night-panel-questionnaire.png"))
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

            phone.goto(f"{base}/questionnaire?night={night_id}&who=partner")
            phone.check("input[name=kicks_in_sleep][value=y]")
            phone.wait_for_selector('.q[data-qid="kick_frequency"]', state="visible")
            phone.fill("#q-kick_frequency", "about every half hour")
            phone.check("input[name=body_parts][value=legs]")
            assert no_page_overflow(phone)
            phone.locator("#section-legs").screenshot(path=str(shots / "questionnaire-legs-390.png"))

            # 7. too few answers are not enough to judge (never a reassurance), with their own badge
            phone.goto(base + "/questionnaire?who=self")
            phone.fill("#q-age", "44")
            phone.check("input[name=snoring][value=n]")
            phone.click("#questionnaire button[type=submit]")
            phone.wait_for_selector("#assessment-result.level-not_enough_answers:not([hidden])")
            assert phone.inner_text("#overall-badge") == "not enough answers to judge"
            assert badge_colour(phone, "#overall-badge") == NOT_ENOUGH_BADGE
            assert badge_colour(phone, "#findings .finding-title .badge") == NOT_ENOUGH_BADGE
            assert "never read as a no" in phone.inner_text("#findings")
            assert no_page_overflow(phone)
            phone.screenshot(path=str(shots / "not-enough-390.png"))
        finally:
            browser.close()
    assert all(u.startswith((base, "data:")) for u in requests), [u for u in requests if not u.startswith(base)]
    assert len(list(shots.glob("*.png"))) == 12
