"""Single triage rules, each from hand-made answers whose right answer is worked out here."""

from __future__ import annotations

import pytest

from plmscope.assess import Level, assess
from plmscope.assess.questions import parse_condition
from plmscope.assess.red_flags import medicine_classes
from tests.assess.assess_nights import NOTHING, make_night


def keys(answers: dict, night: dict | None = None) -> list[str]:
    return [f.key for f in assess(answers, night).findings]


HYPNIC = {"jerks_falling_asleep": True, "jerks_only_falling_asleep": True, "jerks_rhythmic": False}


def test_seizure_signs_take_away_the_hypnic_jerk_reassurance() -> None:
    assert keys(HYPNIC) == ["hypnic_jerks"]
    assert keys({**HYPNIC, "tongue_biting": True}) == ["possible_seizures"]


def test_rhythmic_or_later_jerks_are_not_called_hypnic() -> None:
    rhythmic = assess({"jerks_falling_asleep": True, "jerks_rhythmic": True})
    assert [f.key for f in rhythmic.findings] == ["rhythmic_onset_jerks"]
    assert rhythmic.overall_level == Level.DISCUSS
    later = assess({**HYPNIC, "jerks_only_falling_asleep": False})
    assert [f.key for f in later.findings] == ["jerks_later_in_night"]
    assert later.overall_level == Level.SELF_CARE and "not the usual hypnic jerks" in later.findings[0].reason
    assert "hypnic_jerks" not in keys({"jerks_falling_asleep": True, "kicks_in_sleep": True})
    assert "hypnic_jerks" in keys({**HYPNIC, "kicks_in_sleep": True})


def test_unanswered_jerk_questions_never_reassure() -> None:
    result = assess({"jerks_falling_asleep": True})
    (finding,) = result.findings
    assert finding.key == "hypnic_jerks_possible" and result.overall_level == Level.SELF_CARE
    assert "you did not say whether they are rhythmic or happen only while falling asleep" in finding.reason
    assert "not rhythmic" not in finding.reason and "Jerks only" not in finding.reason
    assert finding.sources == ("jerks_falling_asleep",)


@pytest.mark.parametrize(
    ("given", "missing", "sources"),
    [
        ({"jerks_only_falling_asleep": True}, "whether they are rhythmic", ("jerks_only_falling_asleep",)),
        ({"jerks_rhythmic": False}, "whether they happen only while falling asleep", ("jerks_rhythmic",)),
    ],
)
def test_one_missing_jerk_fact_is_named(given: dict, missing: str, sources: tuple) -> None:
    (finding,) = assess({"jerks_falling_asleep": True, "caffeine_late": True, **given}).findings
    assert finding.key == "hypnic_jerks_possible" and f"you did not say {missing}," in finding.reason
    assert "caffeine late in the day can make them more frequent" in finding.reason
    assert finding.sources == ("jerks_falling_asleep", *sources, "caffeine_late")


def test_sources_list_only_answered_questions() -> None:
    for answers in (
        HYPNIC,
        {"snoring": True},
        {"kicks_in_sleep": True, "kick_interval_s": 30, "sleep_complaint": True},
        {"rls_urge": True, "rls_rest": True, "rls_evening": True},
    ):
        for finding in assess(answers).findings:
            assert set(finding.sources) <= set(answers), (finding.key, finding.sources)


def test_a_missing_answer_is_not_read_as_no_complaint() -> None:
    night = make_night(plms_index=25)
    assert "plms_complaint_unknown" in keys({"sleep_complaint": False}, night)
    assert "plms_no_complaint" in keys({"sleep_complaint": False, "tiredness": False}, night)
    assert "plms_no_complaint" in keys({"sleep_complaint": False, "epworth": [1] * 8}, night)


def test_mild_rls_needs_the_severity_answered() -> None:
    rls = {
        "rls_urge": True,
        "rls_rest": True,
        "rls_movement_relief": True,
        "rls_evening": True,
        "rls_explained_by_other": False,
        "rls_days_per_week": 0.5,
        "rls_lifetime_episodes": 12,
    }
    assert "rls" in keys(rls) and "rls_mild" not in keys(rls)
    assert "rls_mild" in keys({**rls, "irls": [1] * 10})


def test_kicks_with_unknown_rhythm_are_not_reassured_away() -> None:
    result = assess({"kicks_in_sleep": True})
    assert [f.key for f in result.findings] == ["kicks_rhythm_unknown"]
    assert result.overall_level == Level.SELF_CARE
    irregular = assess({"kicks_in_sleep": True, "jerks_rhythmic": False})
    assert [f.key for f in irregular.findings] == ["not_enough_answers"]
    assert assess({**NOTHING, "kicks_in_sleep": True, "jerks_rhythmic": False}).findings[0].key == "no_concerns"


def test_snoring_with_few_stop_bang_items_does_not_claim_a_low_risk() -> None:
    (finding,) = assess({"snoring": True}).findings
    assert finding.key == "snoring" and "low" not in finding.reason
    assert "only 1 of the 8 STOP-Bang items answered" in finding.reason and finding.sources == ("snoring",)


def test_red_flags_are_never_cleared_by_missing_answers() -> None:
    for flag in ("tongue_biting", "sleep_injuries", "dozing_while_driving", "weakness", "jerks_daytime"):
        assert assess({flag: True}).overall_level >= Level.DISCUSS, flag
        assert assess({**HYPNIC, flag: True}).overall_level >= Level.DISCUSS, flag
    for flag in ("tongue_biting", "sleep_injuries", "jerks_daytime", "jerks_several_body_parts"):
        assert "hypnic_jerks" not in keys({**HYPNIC, flag: True}), flag  # not the harmless kind of jerk


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


def test_no_concerns_only_when_nothing_else_applies_and_the_key_questions_were_answered() -> None:
    assert keys(NOTHING) == ["no_concerns"]
    assert keys(NOTHING, make_night(plms_index=2)) == ["night_low_plms"]
    assert keys({}) == ["not_enough_answers"]
    assert keys({}, make_night(plms_index=2)) == ["not_enough_answers", "night_low_plms"]


def test_question_bank_conditions_parse() -> None:
    assert parse_condition("rls_urge == yes") == ("rls_urge", "==", True)
    assert parse_condition("rls_days_per_week < 2") == ("rls_days_per_week", "<", 2)
    assert parse_condition("bmi missing") == ("bmi", "missing", None)
    with pytest.raises(ValueError, match="bad ask_if condition"):
        parse_condition("rls_urge is yes")
