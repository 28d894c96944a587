"""The HTML report: self-contained, every section, no identity unless asked, right numbers."""

from __future__ import annotations

import base64
import dataclasses
import re

import pandas as pd
from markupsafe import escape

from plmscope.report import build_report
from tests.report.helpers import PATIENT, image_sources, scored_night

SECTIONS = ("summary", "glance", "periodicity", "numbers", "zoom", "method")


def test_html_is_self_contained(html):
    assert "<script src" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "@import" not in html and "url(http" not in html
    assert '<meta name="viewport"' in html
    sources = image_sources(html)
    assert sources and all(src.startswith("data:image/svg+xml;base64,") for src in sources)


def test_inline_svgs_fetch_nothing(html):
    for src in image_sources(html):
        svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
        assert "<svg" in svg
        hrefs = re.findall(r'(?:xlink:)?href="([^"]+)"', svg)
        assert all(h.startswith(("#", "data:")) for h in hrefs), hrefs


def test_every_section_is_present_in_order(html):
    positions = [html.index(f'<section id="{name}">') for name in SECTIONS]
    assert positions == sorted(positions)


def test_figures_are_all_there(html, result):
    # glance + two IMI histograms + three zoom windows (series, respiratory LM, sleep onset)
    assert len(image_sources(html)) == 6
    assert "Densest PLM series (7 PLMs" in html
    assert "A respiratory-related LM" in html and "Sleep onset" in html


def test_no_identity_by_default(html):
    assert PATIENT not in html
    assert "Quillfeather" not in html  # also not through the source file's name
    assert "LAB-7" not in html
    assert "2026-03-14" not in html  # the recording date is identity too
    assert "identity hidden" in html


def test_identity_is_taken_out_of_warnings(night, result):
    """A reader's warning naming the file must not leak the patient's name into the report."""
    noisy = dataclasses.replace(
        result, warnings=[f"{night.source}: unit of 'Leg L' guessed as µV (header says 'mV?')"]
    )
    page = build_report(noisy, signals=night.legs)
    assert "Quillfeather" not in page
    assert "[hidden]: unit of &#39;Leg L&#39; guessed as µV" in page
    shown = build_report(noisy, signals=night.legs, show_identity=True)
    assert f"{night.source}: unit of" in shown


def test_the_nights_warnings_are_shown_as_sentences(night, result):
    page = build_report(dataclasses.replace(result, warnings=["mains hum at 50 Hz removed", ""]))
    method = page[page.index('<section id="method">') :]
    assert "<li>Mains hum at 50 Hz removed.</li>" in method


def test_identity_shown_when_asked(night, result):
    shown = build_report(result, signals=night.legs, show_identity=True)
    assert PATIENT in shown and "LAB-7" in shown and "Quillfeather" in shown
    assert "2026-03-14" in shown


def test_numbers_come_from_the_result(html, result):
    assert f"{result.indices['plms_index']:.1f}" in html  # 24.7 per hour
    assert ">Periodic LMs (PLMs)</th>" in html
    assert "23:12" in html  # sleep onset at 120 s after a 23:10 start
    assert "WASM2016" in html and "10–90 s" in html


def test_assessment_findings_in_the_summary_and_escaped(night, result, assessment):
    hostile = dict(
        assessment,
        findings=[
            *assessment["findings"],
            dict(assessment["findings"][0], title="<script>alert(1)</script>"),
        ],
    )
    page = build_report(result, signals=night.legs, assessment=hostile)
    summary = page[page.index('<section id="summary">') : page.index('<section id="glance">')]
    assert "Restless legs symptoms" in summary and "Late coffee" in summary
    assert "ask about iron levels" in summary and "Try none after noon." in summary
    assert "discuss with a doctor" in summary and 'class="finding level-discuss"' in summary
    assert str(escape(assessment["disclaimer"])) in summary
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_write_report_writes_the_page(report_file, html):
    assert report_file.suffix == ".html" and html.startswith("<!DOCTYPE html>")


def test_night_without_sleep_still_renders(night, result):
    awake = dataclasses.replace(
        result, sleep=dict(result.sleep, tst_h=0.0, tst_total_h=0.0, sleep_efficiency=0.0, sleep_onset=None)
    )
    page = build_report(awake, signals=night.legs)
    assert "No sleep was scored" in page
    assert "Sleep onset:" not in page  # no sleep-onset zoom window without a sleep onset


def test_one_leg_unstaged_night_with_unscorable_time(night, monolateral):
    """No stages, right leg only, 2 min too noisy: estimates, warnings, greyed time, no crash."""
    from plmscope.night import Hypnogram

    bare = dataclasses.replace(
        night,
        legs={"right": night.legs["right"]},
        hypnogram=Hypnogram.unscored(night.duration),
        hypnogram_source="none",
    )
    noisy = pd.DataFrame({"leg": ["right"], "start": [500.0], "end": [620.0]})
    right = monolateral[monolateral["leg"] == "right"]
    result = scored_night(bare, right, unscorable=noisy)
    page = build_report(result, signals=bare.legs)
    assert "estimates" in page and "No sleep staging available" in svg_texts(page)[0]
    assert "Only the right leg was recorded" in page
    assert "2.0 min of lights-off time is unscorable" in page
    assert "Left leg" not in svg_texts(page)[0] and "Right leg (7)" in svg_texts(page)[0]


def svg_texts(html: str) -> list[str]:
    """The decoded SVG of every figure, in page order."""
    return [base64.b64decode(src.split(",", 1)[1]).decode("utf-8") for src in image_sources(html)]


def test_aasm_report_renders_its_own_rules(night, monolateral):
    from plmscope.report import build_report
    from plmscope.rules import AASM

    result = scored_night(night, monolateral, rules=AASM)
    page = build_report(result, signals=night.legs)
    assert "no bilateral limits" in page and "AASM" in page
