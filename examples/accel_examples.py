"""Make the ankle-accelerometer example pictures: one night's report and a three-night report.

    .venv/bin/python examples/accel_examples.py [--out examples]

Simulates the nights (``plmscope simulate --kind accel``), scores them as a user would
(``plmscope score left.csv right.csv --report``; ``plmscope score --nights ...``) and renders
the reports to PNG in headless Chromium (the system ``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def plmscope(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "plmscope", *args], check=True)


def screenshot(html: Path, png: Path, *, full_page: bool, clip_to: str | None = None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.goto(html.resolve().as_uri())
        if clip_to:
            page.locator(clip_to).screenshot(path=str(png))
        else:
            page.screenshot(path=str(png), full_page=full_page)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("examples"))
    args = parser.parse_args()
    work = args.out / "accel-output"
    plmscope("simulate", str(work / "night1"), "--kind", "accel", "--profile", "plmd", "--seed", "21", "--hours", "8",
             "--format", "iso")
    for i, (profile, seed) in enumerate((("rls", 22), ("plmd", 23)), start=2):
        plmscope("simulate", str(work / f"night{i}"), "--kind", "accel", "--profile", profile, "--seed", str(seed),
                 "--hours", "8", "--format", "iso")
    one = work / "night1"
    plmscope("score", str(one / "left.csv"), str(one / "right.csv"), "--report", str(work / "r.html"),
             "--json", str(work / "r.json"))
    plmscope("score", "--nights", str(work / "night1"), "--nights", str(work / "night2"), "--nights", str(work / "night3"),
             "--report", str(work / "nights.html"), "--json", str(work / "nights.json"))
    screenshot(work / "r.html", args.out / "accel-report-top.png", full_page=False)
    screenshot(work / "r.html", args.out / "accel-report-zoom.png", full_page=False, clip_to="#zoom")
    screenshot(work / "nights.html", args.out / "accel-nights.png", full_page=True)


if __name__ == "__main__":
    main()
