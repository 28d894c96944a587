"""Reading a night's result and combining it with the answers."""

from __future__ import annotations

import math

import pytest

from plmscope.assess import Level, assess
from plmscope.assess.night_facts import NightThresholds, night_facts
from plmscope.errors import PlmscopeInputError
from plmscope.rules import AASM, WASM2016
from tests.assess.assess_nights import NOTHING, make_night


def test_facts_from_a_full_night() -> None:
    facts = night_facts(
        make_night(pattern="periodic", plms_index=38, clms_index=40, respiratory_clms_index=4)
    )
    assert (facts.kind, facts.plms_index, facts.n_movements, facts.n_periodic) == ("psg", 38.0, 40, 40)
    assert facts.onset_only is False and not facts.is_estimate
    assert facts.respiratory_share == pytest.approx(0.1)


def test_older_or_partial_results_are_read_without_errors() -> None:
    facts = night_facts({"indices": {"plms_index": 20, "respiratory_clms_index": None}})
    assert (facts.kind, facts.plms_index, facts.respiratory_clms_index, facts.onset_only) == (
        "psg",
        20.0,
        None,
        None,
    )
    assert night_facts({"indices": {"plms_index": math.nan, "clms_index": 3}}).plms_index is None
    assert night_facts({"movements": [{"onset": "x"}], "sleep": None}).onset_only is None
    with pytest.raises(PlmscopeInputError, match="holds nothing the assessment can use"):
        night_facts({"indices": [1, 2], "recording": "psg"})


def test_not_a_night_result_is_a_clear_error() -> None:
    with pytest.raises(PlmscopeInputError, match="is not a plmscope result"):
        assess({}, {"patient": "x"})
    for useless in ({"indices": 5}, {"indices": {"plms_index": None}}, {"sleep": {"tst_h": 7}}):
        with pytest.raises(PlmscopeInputError, match="holds nothing the assessment can use"):
            assess({}, useless)


def test_sleep_onset_pattern_with_and_without_a_sleep_onset_time() -> None:
    night = make_night(pattern="onset", sleep_onset=1200.0)
    assert night_facts(night).onset_only is True
    later = make_night(pattern="onset", sleep_onset=1200.0)
    later["movements"][-1]["onset"] = 1200.0 + 3 * 3600
    assert night_facts(later).onset_only is False
    no_time = make_night(pattern="onset", sleep_onset=None)
    assert night_facts(no_time).onset_only is True  # all in N1
    no_time["movements"][0]["stage"] = "N3"
    assert night_facts(no_time).onset_only is False
    narrow = NightThresholds(sleep_onset_window_s=200.0)
    assert night_facts(night, narrow).onset_only is False


def test_plms_threshold_comes_from_the_rule_set() -> None:
    answers = {"sleep_complaint": True, "age": 40}
    night = make_night(plms_index=12)
    assert "plmd_discuss" not in [f.key for f in assess(answers, night).findings]
    lower = WASM2016.with_(plms_index_threshold_adult=10.0)
    assert "plmd_discuss" in [f.key for f in assess(answers, night, rules=lower).findings]


def test_reported_kick_interval_uses_the_rule_set_imi_range() -> None:
    answers = {"kicks_in_sleep": True, "kick_interval_s": 7, "sleep_complaint": True}
    assert "periodic_kicks" not in [f.key for f in assess(answers, rules=WASM2016).findings]  # IMI 10–90 s
    assert "periodic_kicks" in [f.key for f in assess(answers, rules=AASM).findings]  # IMI 5–90 s


def test_unknown_sleep_complaint_with_high_plms_is_self_care() -> None:
    result = assess({}, make_night(plms_index=30))
    assert [f.key for f in result.findings] == ["plms_complaint_unknown"]


def test_breathing_answers_put_apnea_before_plmd() -> None:
    result = assess({"observed_apneas": True, "sleep_complaint": True}, make_night(plms_index=30))
    keys = [f.key for f in result.findings]
    assert "sleep_apnea_first" in keys and "plmd_discuss" not in keys


def test_many_respiratory_lms_by_share_alone() -> None:
    night = make_night(plms_index=12, clms_index=12, respiratory_clms_index=4.5)  # 37 % of CLMs
    assert assess({}, night).findings[0].key == "sleep_apnea_first"


def test_low_plms_night_is_reassuring_about_the_legs_but_not_the_sleep() -> None:
    result = assess({"sleep_complaint": True}, make_night(plms_index=3))
    assert [f.key for f in result.findings] == ["sleep_unexplained", "night_low_plms"]
    assert "3/h" in result.findings[1].reason
    assert "the answers do not say whether there are jerks" in result.findings[0].reason
    assert "whether there is loud snoring" in result.findings[0].reason
    quiet = assess(NOTHING, make_night(plms_index=3))
    assert [f.key for f in quiet.findings] == ["night_low_plms"] and quiet.overall_level == Level.REASSURE


def test_wearable_night_says_it_is_an_estimate() -> None:
    result = assess({"sleep_complaint": True}, make_night(kind="accelerometer", plms_index=22))
    assert "estimated" in result.findings[0].reason
    assert result.night_kind == "accelerometer" and "estimates" in result.plain_summary()
    assert any("wearable" in advice for advice in result.findings[0].advice)


def test_rls_with_plms_mentions_the_night_instead_of_plmd() -> None:
    rls = dict(
        rls_urge=True,
        rls_rest=True,
        rls_movement_relief=True,
        rls_evening=True,
        rls_explained_by_other=False,
        sleep_complaint=True,
    )
    result = assess(rls, make_night(plms_index=38))
    keys = [f.key for f in result.findings]
    assert keys == ["rls"] and "38/h" in result.findings[0].reason
