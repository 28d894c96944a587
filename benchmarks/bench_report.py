"""Time the night report of a simulated 8 h "demo" night (best of 3), and each figure's share.

    python benchmarks/bench_report.py [--hours 8] [--repeat 3] [--pdf] [--screenshots examples]
                                      [--page examples/demo-output/report.html]

The night is simulated like ``plmscope demo``'s (profile "demo", seed 2016, 256 Hz, 50 Hz
mains). ``--screenshots DIR`` also saves what headless Chromium shows of the report there:
report-top.png (top of the page) and report-glance.png (the night-at-a-glance figure);
``--page`` takes them of an existing report (e.g. the one ``plmscope demo`` wrote) instead.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import plmscope
from plmscope.export import write_pdf, write_report
from plmscope.report import build_report
from plmscope.report.build import cards, report_context, subtitle
from plmscope.report.figures.emg import DisplayFilter
from plmscope.report.figures.glance import glance_figure
from plmscope.report.figures.periodicity import periodicity_figures
from plmscope.report.figures.zoom import choose_windows, zoom_figure
from plmscope.report.html import render_html
from plmscope.report.method import method_section
from plmscope.report.narrative import plain_summary
from plmscope.report.tables import number_tables
from plmscope.simulate import simulate_night
from timing import best_of  # benchmarks/timing.py




def screenshots(page: Path, out_dir: Path, chromium: str = "/usr/bin/chromium") -> list[Path]:
    """Top of the page and the glance figure, as headless Chromium renders them (1000 px wide)."""
    from playwright.sync_api import sync_playwright

    top, glance = out_dir / "report-top.png", out_dir / "report-glance.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        try:
            view = browser.new_page(viewport={"width": 1000, "height": 1000})
            view.goto(page.resolve().as_uri())
            view.screenshot(path=str(top))
            view.locator("#glance figure").screenshot(path=str(glance))
        finally:
            browser.close()
    return [top, glance]


def report_parts(night, result) -> dict[str, Callable[[], object]]:
    """The steps build_report takes, each as a call that can be timed on its own."""
    windows = choose_windows(result)
    views = {leg: DisplayFilter.from_settings(v) for leg, v in result.detection["settings"].items()}
    parts: dict[str, Callable[[], object]] = {
        "glance figure": lambda: glance_figure(result),
        "periodicity figures": lambda: periodicity_figures(result),
        **{
            f"zoom: {w.key}": (
                lambda w=w: zoom_figure(result, w, night.legs, result.monolateral, views)
            )
            for w in windows
        },
        "narrative + tables + method": lambda: (
            plain_summary(result),
            number_tables(result, result.start),
            method_section(result),
            cards(result),
            subtitle(result, False),
        ),
    }
    context = report_context(result, signals=night.legs)
    parts["jinja2 render"] = lambda: render_html(context)
    return parts


def timed_parts(parts: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Seconds each part takes, all timed in the same run (so their shares add up)."""
    times = {}
    for name, work in parts.items():
        t0 = time.perf_counter()
        work()
        times[name] = time.perf_counter() - t0
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF (weasyprint)")
    parser.add_argument("--screenshots", type=Path, help="save two screenshots of the report here")
    parser.add_argument("--page", type=Path, help="screenshot this report instead of the bench's")
    args = parser.parse_args()

    night = simulate_night("demo", seed=2016, hours=args.hours, fs=256.0, mains_hz=50.0).night
    result = plmscope.score(night)
    print(
        f"night: {night.duration / 3600:.1f} h, {len(result.movements)} LMs, "
        f"{len(result.series)} series, legs {list(night.legs)} at {night.legs['left'].sf:g} Hz"
    )

    total, _ = best_of(args.repeat, lambda: build_report(result, signals=night.legs))
    html = build_report(result, signals=night.legs)
    print(f"build_report: {total:.2f} s (best of {args.repeat}), HTML {len(html) / 1e3:.0f} kB")

    parts = report_parts(night, result)
    runs = [timed_parts(parts) for _ in range(args.repeat)]
    fastest = min(runs, key=lambda run: sum(run.values()))
    print(f"parts of the fastest of {args.repeat} runs (sum {sum(fastest.values()):.2f} s):")
    for name, seconds in fastest.items():
        print(f"  {name:<30} {seconds:6.3f} s  {100 * seconds / sum(fastest.values()):5.1f} %")

    if args.pdf:
        t0 = time.perf_counter()
        write_pdf("/tmp/plmscope-bench-report.pdf", result, signals=night.legs)
        print(f"write_pdf (incl. build_report): {time.perf_counter() - t0:.2f} s")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            page = args.page or write_report(
                Path(tmp) / "demo-report.html", result, signals=night.legs
            )
            for path in screenshots(page, args.screenshots):
                print(f"screenshot: {path} ({path.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
