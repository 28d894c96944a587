"""The rules added for the whole story: breathing from any evidence, nights, null values, the
household, timing of kicks, and silence that never reassures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.assess import Level, assess
from plmscope.assess.night_facts import night_facts
from plmscope.assess.questions import CORE_QUESTIONS
from tests.assess.assess_nights import NOTHING, make_night


def keys(answers: dict, night: dict | None = None) -> list[str]:
    return [f.key for f in assess(answers, night).findings]


BREATHING_NIGHT = make_night(plms_index=30, clms_index=40, respiratory_clms_index=14, plms_nr_index=9)


def test_a_night_showing_breathing_signs_is_never_next_to_risk_not_known() -> None:
    alone = assess({"snoring": True})
    assert "the risk of sleep apnea is not known" in alone.findings[0].reason
    result = assess({"snoring": True}, BREATHING_NIGHT)
    reasons = " ".join(f.reason for f in result.findings)
    assert [f.key for f in result.findings] == ["sleep_apnea_night"] and result.overall_level == Level.SEE_SOON
    assert "not known" not in reasons and "together with loud snoring" in reasons
    assert "above 15/h only because of movements after breathing events (without them it is 9/h)" in reasons
    still = assess({"snoring": True}, make_night(plms_index=30, respiratory_clms_index=14, plms_nr_index=22))
    assert "the PLMS index is still 22/h, above 15/h, so the legs are worth a second look" in still.findings[0].reason


def test_breathing_signs_with_sleepiness_see_soon_and_without_symptoms_discuss() -> None:
    assert assess({"epworth_total": 14}, BREATHING_NIGHT).findings[0].key == "sleep_apnea_night"
    assert assess({"tiredness": True}, BREATHING_NIGHT).overall_level == Level.SEE_SOON
    quiet = assess({"snoring": False, "tiredness": False}, BREATHING_NIGHT)
    assert [f.key for f in quiet.findings] == ["sleep_apnea_first"] and quiet.overall_level == Level.DISCUSS


def test_breathing_events_come_from_the_events_list_or_the_counts_read() -> None:
    night = make_night(plms_index=2, apneas=20, hypopneas=22)  # 42 events in 7 h of sleep
    assert night_facts(night).breathing_events_index == 6.0
    counts = {**night, "events_read": {"apnea": 14, "hypopnea": 0}}
    del counts["events"]
    assert night_facts(counts).breathing_events_index == 2.0
    assert night_facts(make_night(plms_index=2)).breathing_events_index is None  # none scored: unknown
    assert keys({"snoring": True}, night) == ["sleep_apnea_night"]


def test_null_night_values_are_unknown_never_zero() -> None:
    night = make_night(plms_index=30, plms_nr_index=None, plms_arousal_index=None)
    night["indices"].update(respiratory_clms_index=None, clms_index=None)
    facts = night_facts(night)
    assert (facts.plms_nr_index, facts.plms_arousal_index, facts.respiratory_clms_index) == (None, None, None)
    (finding,) = assess({**NOTHING, "sleep_complaint": True}, night).findings
    assert finding.key == "plmd_discuss" and "awakening" not in finding.reason and "without the" not in finding.reason
    unscorable = make_night(plms_index=0)
    unscorable["indices"]["plms_index"] = None
    assert "night_low_plms" not in keys(NOTHING, unscorable)  # an unknown index never reassures


def test_the_number_of_nights_is_read_and_said() -> None:
    assert night_facts(make_night(plms_index=20, nights=3)).nights == 3
    for bad in (0, -2, True, "4", 2.5):
        night = make_night(plms_index=20)
        night["recording"]["nights"] = bad
        assert night_facts(night).nights == 1
    one = assess(NOTHING, make_night(kind="accelerometer", plms_index=20)).findings[0]
    many = assess(NOTHING, make_night(kind="accelerometer", plms_index=20, nights=6)).findings[0]
    assert "from one night" in one.reason and "over 6 nights" in many.reason
    assert any("several nights tell more than one" in a for a in one.advice)
    assert any("rest on 6 nights" in a for a in many.advice)
    assert not any("several nights tell more than one" in a for a in many.advice)


def test_a_measured_night_supersedes_the_reported_rhythm_but_says_whether_they_agree() -> None:
    far = {"kicks_in_sleep": True, "kick_frequency": "every half hour", "sleep_complaint": True}
    assert keys(far) == ["kicks_not_periodic_discuss"]
    measured = assess(far, make_night(plms_index=40))
    assert [f.key for f in measured.findings] == ["plmd_discuss"]
    assert "too small for a bed partner to notice" in measured.findings[0].reason
    unaware = assess({**NOTHING, "sleep_complaint": True}, make_night(plms_index=40)).findings[0]
    assert "no kicks were noticed, which is common" in unaware.reason


def test_very_quick_or_far_apart_jerks_with_a_complaint_are_worth_a_look() -> None:
    quick = {"kicks_in_sleep": True, "kick_frequency": "every 2 seconds"}
    assert keys(quick) == ["kicks_rapid"]
    assert keys({**quick, "tiredness": True}) == ["kicks_not_periodic_discuss"]
    assert keys({**quick, "started_recently": True}) == ["kicks_not_periodic_discuss"]


def test_twitching_is_not_judged_as_kicks() -> None:
    found = keys({"kicks_in_sleep": True, "kick_frequency": "every 30 s", "movement_kind": "twitch"})
    assert found == ["twitching"]
    both = keys({"kicks_in_sleep": True, "kick_frequency": "every 30 s", "movement_kind": "both"})
    assert "periodic_kicks_no_complaint" in both and "twitching" not in both


def test_the_household_needs_three_nights_a_week_or_a_move_to_count_for_a_doctor() -> None:
    assert keys({"partner_woken": True}) == ["household_sleep"]
    assert keys({"partner_woken": True, "nights_per_week": 2}) == ["household_sleep"]
    assert keys({"partner_woken": True, "nights_per_week": 3}) == ["household_impact"]
    assert keys({"separate_beds": True}) == ["household_impact"]


def test_caffeine_limits_are_lower_in_pregnancy() -> None:
    hypnic = {"jerks_falling_asleep": True, "jerks_only_falling_asleep": True, "jerks_rhythmic": False}
    assert keys({**hypnic, "caffeine_cups_per_day": 3}) == ["hypnic_jerks"]
    assert keys({**hypnic, "caffeine_cups_per_day": 4}) == ["hypnic_jerks_triggers"]
    pregnant = assess({**hypnic, "caffeine_cups_per_day": 3, "pregnancy_week": 25})
    assert "hypnic_jerks_triggers" in [f.key for f in pregnant.findings]
    assert any("200 mg" in a for f in pregnant.findings for a in f.advice)
    assert keys({**hypnic, "caffeine_cups_per_day": 0, "caffeine_late": True}) == ["hypnic_jerks"]


def test_a_finding_above_reassure_is_not_buried_under_not_enough_answers() -> None:
    result = assess({"snoring": True})
    assert result.overall_level == Level.SELF_CARE and "not_enough_answers" not in [f.key for f in result.findings]


ANSWERABLE = {
    **{q.id: st.sampled_from([None, True, False]) for q in CORE_QUESTIONS},
    "jerks_only_falling_asleep": st.sampled_from([None, True, False]),
    "jerks_rhythmic": st.sampled_from([None, True, False]),
    "kick_frequency": st.sampled_from([None, "every 30 seconds", "every half hour", "a few times a night"]),
    "caffeine_cups_per_day": st.sampled_from([None, 0, 2, 5]),
    "age": st.sampled_from([None, 12, 40, 70]),
}


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries(ANSWERABLE), st.sampled_from([None, 2.0, 30.0]))
def test_silence_is_never_reassurance(answers: dict, plms: float | None) -> None:
    given_answers = {k: v for k, v in answers.items() if v is not None}
    if given_answers.get("kicks_in_sleep") is False:
        given_answers.pop("kick_frequency", None)
    night = make_night(plms_index=plms) if plms is not None else None
    result = assess(given_answers, night)
    if result.overall_level == Level.REASSURE:
        all_core = all(q.id in given_answers for q in CORE_QUESTIONS)
        assert all_core or "hypnic_jerks" in [f.key for f in result.findings], given_answers
    assert result.findings and all(f.reason for f in result.findings)


def test_kicks_described_at_a_periodic_rhythm_reinforce_a_breathing_night() -> None:
    story = {"kicks_in_sleep": True, "kick_frequency": "7-8 times in 5 minutes", "snoring": True}
    (finding,) = assess(story, BREATHING_NIGHT).findings
    assert finding.key == "sleep_apnea_night"
    assert "the kicks described, about every 40 s (38–43 s apart), fit movements that follow breathing" in finding.reason
