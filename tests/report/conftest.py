"""Fixtures: a short hand-made night (see helpers.py) scored with the real scorer."""

from __future__ import annotations

import pandas as pd
import pytest

from plmscope.assess import Assessment, Finding, Level
from plmscope.night import Night
from plmscope.pipeline import NightScore
from tests.report.helpers import MONOLATERAL, hand_made_night, scored_night


@pytest.fixture(scope="session")
def monolateral() -> pd.DataFrame:
    return pd.DataFrame(MONOLATERAL, columns=["leg", "onset", "offset"])


@pytest.fixture(scope="session")
def night(monolateral) -> Night:
    return hand_made_night(monolateral)


@pytest.fixture(scope="session")
def result(night, monolateral) -> NightScore:
    return scored_night(night, monolateral)


@pytest.fixture(scope="session")
def assessment() -> dict:
    """A real Assessment (two findings) in the dict form the report takes."""
    findings = (
        Finding(
            key="rls",
            title="Restless legs symptoms",
            level=Level.DISCUSS,
            reason="An urge to move the legs in the evening, eased by walking.",
            advice=("Mention it at your next visit; ask about iron levels.",),
        ),
        Finding(
            key="caffeine",
            title="Late coffee",
            level=Level.SELF_CARE,
            reason="Coffee after 4 pm on most days.",
            advice=("Try none after noon.",),
        ),
    )
    return Assessment(findings=findings, instruments={"irls": 14}).to_dict()


@pytest.fixture(scope="session")
def report_file(tmp_path_factory, night, result):
    """The hand-made night's report, written once by write_report."""
    from plmscope.export import write_report

    return write_report(tmp_path_factory.mktemp("report") / "night.html", result, signals=night.legs)


@pytest.fixture(scope="session")
def html(report_file) -> str:
    return report_file.read_text(encoding="utf-8")
