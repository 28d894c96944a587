"""The report of a short simulated night run through the real detector and scorer."""

from __future__ import annotations

import dataclasses

import pytest
from markupsafe import escape

from plmscope.detect import detect_night
from plmscope.report import build_report
from plmscope.scoring.score import score_night
from plmscope.simulate import simulate_night
from tests.report.helpers import image_sources


@pytest.fixture(scope="module")
def simulated():
    """Half an hour of the demo night, with a made-up patient in the header."""
    night = simulate_night("demo", seed=3, hours=0.5).night
    night = dataclasses.replace(night, identity={"patient": "Ottoline Brackenbury-Test"})
    detection = detect_night(night)
    result = score_night(night, detection.monolateral, unscorable=detection.unscorable)
    return night, detection, result


def test_simulated_night_report(simulated):
    night, detection, result = simulated
    page = build_report(night, result, detection=detection)
    for section in ("summary", "glance", "periodicity", "numbers", "zoom", "method"):
        assert f'<section id="{section}">' in page
    assert "Ottoline" not in page
    assert ">Detection settings</caption>" in page and "band hz" in page
    assert len(image_sources(page)) >= 3  # glance, two histograms, and any zoom windows
    n_lms = int(result.breakdown.loc["lms", "count_sleep"])
    assert f"{n_lms} leg movements were found" in page or "no leg movements were found" in page
    for warning in detection.warnings:
        assert (
            str(escape(warning[1:40])) in page
        )  # shown (with a capital first letter) in the method section
