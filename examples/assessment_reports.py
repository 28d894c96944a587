"""Two night reports where the questionnaire and a night reinforce or disagree with each other.

    .venv/bin/python examples/assessment_reports.py [OUT_DIR]

Simulated nights (``plmscope.simulate``), partner-worded answers, ``plmscope.assess`` and the
night report, rendered to PNG in headless Chromium (needs Playwright and /usr/bin/chromium):

- **reinforce**: a partner says "7-8 times in 5 minutes, and he snores every night"; the night
  (the ``apnea`` profile) shows leg movements right after breathing events and many breathing
  events: breathing first, see a doctor soon.
- **disagree**: a partner reports kicks every 30 seconds and poor sleep; the night (the
  ``healthy`` profile) shows few periodic movements: the reason says they disagree and why
  more nights or a diary help.
"""

from __future__ import annotations

import sys
from pathlib import Path

import plmscope
from plmscope.assess import assess
from plmscope.export import write_report
from plmscope.simulate import simulate_night

STORIES = {
    "reinforce": (
        "apnea",
        3,
        {
            "respondent": "partner",
            "age": 56,
            "sex": "male",
            "kicks_in_sleep": True,
            "kick_frequency": "7-8 times in 5 minutes",
            "snoring": True,
            "tiredness": True,
            "sleep_complaint": True,
            "partner_woken": True,
            "nights_per_week": 5,
        },
    ),
    "disagree": (
        "healthy",
        5,
        {
            "respondent": "partner",
            "age": 49,
            "sex": "female",
            "kicks_in_sleep": True,
            "kick_frequency": "every 30 seconds",
            "movement_kind": "jerk",
            "sleep_complaint": True,
            "tiredness": False,
            "snoring": False,
            "observed_apneas": False,
            "caffeine_cups_per_day": 4,
        },
    ),
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build(name: str, out_dir: Path, hours: float = 4.0) -> Path:
    """Simulate, score, assess and write the HTML report for one story; returns its path."""
    profile, seed, answers = STORIES[name]
    night = simulate_night(profile, seed=seed, hours=hours).night
    scored = plmscope.score(night)
    assessment = assess(answers, night=scored.to_dict())
    html = out_dir / f"assess-{name}.html"
    write_report(html, scored, signals=night.legs, assessment=assessment.to_dict())
    print(f"{name}: {assessment.overall_level.label} - {assessment.findings[0].title}")
    return html


def render(html: Path, png: Path) -> None:
    """The report's top (plain answer, questionnaire, night at a glance) as a PNG."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
        page.goto(html.resolve().as_uri())
        bottom = page.evaluate("document.querySelector('#glance').getBoundingClientRect().bottom + window.scrollY")
        clip = {"x": 0, "y": 0, "width": 1100, "height": bottom + 10}
        page.screenshot(path=str(png), full_page=True, clip=clip)
        browser.close()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in STORIES:
        html = build(name, out_dir)
        render(html, Path(__file__).parent / f"assess-{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("examples/assess-output"))
