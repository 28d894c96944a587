"""Single triage rules, each from hand-made answers whose right answer is worked out here."""

from __future__ import annotations

import pytest

from plmscope.assess import Level, assess
from plmscope.assess.questions import parse_condition
from plmscope.assess.red_flags import medicine_classes
from tests.assess.assess_nights import make_night


def keys(answers: dict, night: dict | None = None) -> list[str]:
    return [f.key for f in assess(answers, night).findings]


def test_seizure_signs_take_away_the_hypnic_jerk_reassurance() -> None:
    jerks = {"jerks_falling_asleep": True, "jerks_rhythmic": False}
    assert keys(jerks) == ["hypnic_jerks"]
    assert keys({**jerks, "tongue_biting": True}) == ["possible_seizures"]


def test_rhythmic_or_later_jerks_are_not_called_hypnic() -> None:
    assert "hypnic_jerks" not in keys({"jerks_falling_asleep": True, "jerks_rhythmic": True})
    assert "hypnic_jerks" not in keys({"jerks_falling_asleep": True, "kicks_in_sleep": True})
    only_onset = {"jerks_falling_asleep": True, "kicks_in_sleep": True, "jerks_only_falling_asleep": True}
    assert "hypnic_jerks" in keys(only_onset)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Sertraline 50mg"], {"Sertraline 50mg": "an SSRI antidepressant"}),
        (["venlafaxine", "paracetamol"], {"venlafaxine": "an SNRI antidepressant"}),
        (["Metoclopramide"], {"Metoclopramide": "an anti-sickness medicine that blocks dopamine"}),
        (["diphenhydramine"], {"diphenhydramine": "a sedating antihistamine"}),
        (["quetiapine"], {"quetiapine": "an antipsychotic"}),
        (["ibuprofen"], {}),
        (None, {}),
    ],
)
def test_medicine_classes(names, expected) -> None:
    assert medicine_classes(names) == expected


def test_a_known_medicine_is_flagged_even_without_the_new_medicine_answer() -> None:
    result = assess({"medicines": ["citalopram"]})
    assert result.findings[0].key == "medicine_review" and "citalopram" in result.findings[0].reason
    generic = assess({"new_medicine": True, "medicines": ["unknownium"]}).findings[0]
    assert generic.key == "medicine_review" and "prescriber" in generic.reason
    assert any("do not stop" in a for a in generic.advice)


def test_ferritin_matters_with_rls_symptoms_at_or_below_75() -> None:
    assert "iron_deficiency" in keys({"rls_urge": True, "ferritin_ug_l": 75})
    assert "iron_deficiency" not in keys({"rls_urge": True, "ferritin_ug_l": 76})
    assert "iron_deficiency" not in keys({"ferritin_ug_l": 30})  # no leg symptoms: not our business
    assert "iron_deficiency" in keys({"iron_deficiency": True})


def test_each_finding_key_appears_once() -> None:
    answers = {"kicks_in_sleep": True, "kick_interval_s": 30, "observed_apneas": True}
    night = {"indices": {"respiratory_clms_index": 12.0}}  # no PLMS index: the kick report still counts
    found = keys(answers, night)
    assert found.count("sleep_apnea_first") == 1


def test_partial_stop_bang_says_at_least() -> None:
    reason = assess({"snoring": True, "tiredness": True, "high_blood_pressure": True}).findings[0].reason
    assert "at least 3 of 8 (3 of 8 items answered)" in reason


def test_severity_without_all_criteria_does_not_claim_rls() -> None:
    found = keys({"rls_urge": True, "rls_rest": True, "irls": [4] * 10})
    assert "rls" not in found and "rls_features" in found


def test_dozing_while_driving_outranks_everything_else() -> None:
    result = assess({"dozing_while_driving": True, "epworth": [3] * 8, "weakness": True})
    assert result.overall_level is Level.URGENT and result.findings[0].key == "dozing_while_driving"
    assert "severe_sleepiness" not in [f.key for f in result.findings]  # driving already says it


def test_no_concerns_only_when_nothing_else_applies() -> None:
    assert keys({}) == ["no_concerns"]
    assert keys({}, make_night(plms_index=2)) == ["night_low_plms"]


def test_question_bank_conditions_parse() -> None:
    assert parse_condition("rls_urge == yes") == ("rls_urge", "==", True)
    assert parse_condition("rls_days_per_week < 2") == ("rls_days_per_week", "<", 2)
    assert parse_condition("bmi missing") == ("bmi", "missing", None)
    with pytest.raises(ValueError, match="bad ask_if condition"):
        parse_condition("rls_urge is yes")
