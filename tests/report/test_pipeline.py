"""The report of a short simulated night run through the real detector and scorer."""

from __future__ import annotations

import dataclasses

import pytest
from markupsafe import escape

import plmscope
from plmscope.report import build_report
from plmscope.simulate import simulate_night
from tests.report.helpers import image_sources


@pytest.fixture(scope="module")
def simulated():
    """Half an hour of the demo night, with a made-up patient in the header."""
    night = simulate_night("demo", seed=3, hours=0.5).night
    night = dataclasses.replace(night, identity={"patient": "Ottoline Brackenbury-Test"})
    return night, plmscope.score(night)


def test_simulated_night_report(simulated):
    night, result = simulated
    page = build_report(result, signals=night.legs)
    for section in ("summary", "glance", "periodicity", "numbers", "zoom", "method"):
        assert f'<section id="{section}">' in page
    assert "Ottoline" not in page
    assert ">Detection settings</caption>" in page and "band hz" in page
    assert len(image_sources(page)) >= 3  # glance, two histograms, and any zoom windows
    n_lms = int(result.breakdown.loc["lms", "count_sleep"])
    assert f"{n_lms} leg movements were found" in page or "no leg movements were found" in page
    for warning in result.warnings:
        assert (
            str(escape(warning[1:40])) in page
        )  # shown (with a capital first letter) in the method section
