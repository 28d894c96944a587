"""Instrument scoring at the published cut-offs (IRLS bands, Epworth > 10, STOP-Bang, IRLSSG course)."""

from __future__ import annotations

import pytest

from plmscope.assess.instruments import (
    InstrumentCutoffs,
    irls_severity,
    rls_course,
    score_epworth,
    score_rls,
    score_stop_bang,
)
from plmscope.assess.schema import Answers

ALL_FIVE = dict(
    rls_urge=True, rls_rest=True, rls_movement_relief=True, rls_evening=True, rls_explained_by_other=False
)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (10, "mild"),
        (11, "moderate"),
        (20, "moderate"),
        (21, "severe"),
        (30, "severe"),
        (31, "very severe"),
        (40, "very severe"),
    ],
)
def test_irls_bands_at_their_edges(total: int, band: str) -> None:
    assert irls_severity(total) == band


def test_irls_total_out_of_range_is_an_error() -> None:
    with pytest.raises(ValueError):
        irls_severity(41)


def test_rls_criteria_count_and_the_fifth_criterion_is_met_when_not_explained() -> None:
    assert score_rls(Answers(**ALL_FIVE)).all_criteria
    explained = score_rls(Answers(**{**ALL_FIVE, "rls_explained_by_other": True}))
    assert (explained.criteria_met, explained.criteria_answered, explained.all_criteria) == (4, 5, False)
    unknown = score_rls(Answers(rls_urge=True, rls_rest=True))
    assert (unknown.criteria_met, unknown.criteria_answered, unknown.all_criteria) == (2, 2, False)


@pytest.mark.parametrize(
    ("days", "episodes", "course"),
    [
        (2, None, "chronic-persistent"),
        (7, 0, "chronic-persistent"),
        (1.9, 5, "intermittent"),
        (0.2, 4, "below course threshold"),
        (1, None, None),
        (None, 50, None),
    ],
)
def test_rls_course_specifiers(days, episodes, course) -> None:
    assert rls_course(Answers(rls_days_per_week=days, rls_lifetime_episodes=episodes)) == course


def test_irls_total_and_band_in_the_rls_score() -> None:
    rls = score_rls(Answers(**ALL_FIVE, irls=[3, 3, 2, 3, 2, 3, 2, 2, 2, 2]))
    assert (rls.irls_total, rls.irls_severity) == (24, "severe")


@pytest.mark.parametrize(
    ("items", "excessive", "severe"),
    [
        ([1, 1, 1, 1, 2, 1, 2, 1], False, False),  # 10: not above 10
        ([1, 1, 1, 1, 2, 1, 2, 2], True, False),  # 11
        ([2, 2, 2, 2, 3, 1, 2, 2], True, True),  # 16
    ],
)
def test_epworth_threshold_is_above_ten(items, excessive, severe) -> None:
    score = score_epworth(Answers(epworth=items))
    assert (score.total, score.excessive, score.severe) == (sum(items), excessive, severe)


def test_epworth_absent_gives_no_score() -> None:
    assert score_epworth(Answers()).total is None


@pytest.mark.parametrize(
    ("answers", "score", "risk"),
    [
        (dict(snoring=True, tiredness=False, sex="female", age=30), 1, "low"),
        (dict(snoring=True, tiredness=True, high_blood_pressure=True, sex="female"), 3, "intermediate"),
        (dict(snoring=True, tiredness=True, age=60, bmi=30, sex="female"), 3, "intermediate"),
        (
            dict(snoring=True, tiredness=True, observed_apneas=True, high_blood_pressure=True, age=55),
            5,
            "high",
        ),
        (dict(snoring=True, observed_apneas=True, sex="male"), 3, "high"),  # STOP >= 2 + male
        (dict(snoring=True, tiredness=True, bmi=36, sex="female"), 3, "high"),  # STOP >= 2 + BMI > 35
        (dict(snoring=True, tiredness=True, neck_cm=43, sex="female"), 3, "high"),  # STOP >= 2 + neck > 40
        (dict(snoring=True, sex="male", neck_cm=42), 3, "intermediate"),  # STOP 1: no combination
        (dict(bmi=35, neck_cm=40, age=50, sex="female"), 0, "low"),  # cut-offs are strictly above
    ],
)
def test_stop_bang_scores_and_risk_groups(answers: dict, score: int, risk: str) -> None:
    result = score_stop_bang(Answers(**answers))
    assert (result.score, result.risk) == (score, risk)


def test_stop_bang_uses_bmi_from_height_and_weight_and_counts_answered_items() -> None:
    result = score_stop_bang(Answers(height_cm=170, weight_kg=110))  # BMI 38.1
    assert result.items == ("bmi",) and result.answered == 1
    assert score_stop_bang(Answers()) is None


def test_cutoffs_are_passed_in_not_global() -> None:
    strict = InstrumentCutoffs(epworth_excessive_above=12)
    assert not score_epworth(Answers(epworth=[2, 2, 2, 2, 2, 2, 0, 0]), strict).excessive
