"""Denominators: lights-off, TST, wake, unscorable time; nights without sleep stages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.night import Hypnogram
from tests.scoring.helpers import events, hypnogram, mono, score, train

SERIES = [1000, 1020, 1040, 1060]


def test_lights_come_from_annotations_and_bound_what_is_counted():
    # 2 h recording, all N2; lights off at 1800 s, on at 5400 s -> TST 1 h.
    # Series 1000..1060 (before lights-off) is not counted; series 2000..2060 is (4/h).
    ev = events(("lights_off", 1800, 0), ("lights_on", 5400, 0))
    lms = mono(left=train(SERIES + [2000, 2020, 2040, 2060]))
    result = score(lms, duration=7200, ev=ev)
    assert (result.sleep["lights_off"], result.sleep["lights_on"]) == (1800, 5400)
    assert result.sleep["tst_h"] == 1.0 and result.sleep["time_in_bed_h"] == 1.0
    assert result.movements.onset.tolist() == [2000, 2020, 2040, 2060]
    assert result.indices["plms_index"] == 4.0
    assert (result.monolateral.excluded == "outside_lights").sum() == 4
    assert any("before lights-off" in w for w in result.warnings)


def test_without_lights_annotations_the_recording_bounds_are_used():
    result = score(mono(left=train(SERIES)), duration=1800)
    assert (result.sleep["lights_off"], result.sleep["lights_on"]) == (0, 1800)


def test_explicit_lights_override_annotations():
    ev = events(("lights_off", 600, 0))
    result = score(mono(left=train(SERIES)), ev=ev, lights=(900, 3600))
    assert result.sleep["lights_off"] == 900 and result.indices["n_lms"] == 4


def test_lights_on_before_lights_off_uses_the_whole_recording_and_warns():
    # lights_off at 5000 s, lights_on at 1000 s: the events contradict each other
    ev = events(("lights_off", 5000, 0), ("lights_on", 1000, 0))
    result = score(mono(left=train(SERIES)), duration=7200, ev=ev)
    assert (result.sleep["lights_off"], result.sleep["lights_on"]) == (0, 7200)
    assert result.indices["n_plms"] == 4
    expected = "lights-on (1000.0 s) is before lights-off (5000.0 s): the whole recording was used"
    assert expected in result.warnings
    # lights given explicitly: the events are not used, so nothing to warn about
    explicit = score(mono(left=train(SERIES)), duration=7200, ev=ev, lights=(600, 3600))
    assert not any("lights-on" in w for w in explicit.warnings)
    # lights events in the right order: no such warning
    fine = score(mono(left=train(SERIES)), duration=7200, ev=events(("lights_off", 600, 0)))
    assert not any("lights-on" in w for w in fine.warnings)


def test_bad_lights_are_an_input_error():
    with pytest.raises(PlmscopeInputError, match="lights-on"):
        score(mono(left=train(SERIES)), lights=(3000, 1000))


def test_plmw_is_per_hour_of_wake_inside_lights_off():
    # 2 h recording: epochs 0–59 (0–1800 s) W, 60–239 N2. Lights off at 900 s.
    # Wake in lights-off = 900–1800 s = 0.25 h. Series 1000..1060 in wake: PLMW 4 / 0.25 h = 16/h.
    # A wake series before lights-off (100..160) does not count.
    stages = np.array(["W"] * 60 + ["N2"] * 180)
    ev = events(("lights_off", 900, 0))
    result = score(
        mono(left=train([100, 120, 140, 160] + SERIES)), duration=7200, hyp=Hypnogram(stages), ev=ev
    )
    assert result.sleep["wake_h"] == 0.25 and result.sleep["tst_h"] == 1.5
    assert result.indices["n_plmw"] == 4 and result.indices["plmw_index"] == 16.0
    assert result.indices["plms_index"] == 0.0


def test_unscorable_time_is_removed_from_denominators_and_its_lms_not_counted():
    # 1 h of N2. Left leg unscorable 1800–2700 s (15 min) -> TST 0.75 h.
    # CLMs 100 120 140 160 (series, 4) and 2000..2060 inside the unscorable time (not counted).
    # plms_index = 4 / 0.75 = 5.333/h; lms_index the same.
    unscorable = pd.DataFrame({"leg": ["left"], "start": [1800.0], "end": [2700.0]})
    lms = mono(left=train([100, 120, 140, 160]), right=train([2000, 2020, 2040, 2060]))
    result = score(lms, unscorable=unscorable)
    assert result.sleep["tst_h"] == 0.75 and result.sleep["unscorable_h"] == 0.25
    assert result.indices["plms_index"] == pytest.approx(4 / 0.75)
    assert result.indices["lms_index"] == pytest.approx(4 / 0.75)
    assert result.movements.scorable.tolist() == [True] * 4 + [False] * 4
    assert not result.movements.periodic[4:].any()
    assert any("unscorable" in w for w in result.warnings)
    assert result.unscorable[["leg", "start", "end"]].values.tolist() == [["left", 1800, 2700]]


def test_lm_touching_unscorable_time_is_not_counted():
    unscorable = pd.DataFrame({"leg": ["right"], "start": [101.0], "end": [200.0]})
    result = score(mono(left=[(100, 101)]), unscorable=unscorable)
    assert not result.movements.scorable[0] and result.indices["lms_index"] == 0


def test_a_series_does_not_bridge_unscorable_time():
    # CLMs 100 120 | unscorable 125–135 (no LM touches it) | 140 160: IMIs are all 20 s but
    # the interval 120→140 crosses unknown time, so 100 120 and 140 160 are 2 runs of 2.
    unscorable = pd.DataFrame({"leg": ["left"], "start": [125.0], "end": [135.0]})
    result = score(mono(left=train([100, 120, 140, 160])), unscorable=unscorable)
    assert result.movements.scorable.all() and not result.movements.periodic.any()


def test_unscorable_on_an_unrecorded_leg_is_ignored_and_one_leg_is_warned():
    unscorable = pd.DataFrame({"leg": ["right"], "start": [0.0], "end": [1800.0]})
    result = score(mono(left=train(SERIES)), unscorable=unscorable, legs_recorded=("left",))
    assert result.sleep["unscorable_h"] == 0 and result.sleep["tst_h"] == 1
    assert any("only the left leg" in w for w in result.warnings)


def test_unscorable_periods_on_both_legs_are_merged_not_double_counted():
    # left 0–600, right 300–900: union 0–900 = 0.25 h
    unscorable = pd.DataFrame(
        {"leg": ["left", "right"], "start": [0.0, 300.0], "end": [600.0, 900.0]}
    )
    result = score(mono(left=train(SERIES)), unscorable=unscorable)
    assert result.sleep["unscorable_h"] == 0.25 and result.sleep["tst_h"] == 0.75


def test_night_without_sleep_stages_uses_lights_off_time_and_says_so():
    # 1 h, all "?": 4 PLMs -> 4 per hour of recording, clearly labelled
    hyp = Hypnogram.unscored(3600)
    result = score(mono(left=train(SERIES)), hyp=hyp)
    assert result.sleep["staging"] == "none" and result.sleep["tst_h"] == 1.0
    assert result.indices["plms_index"] == 4.0 and result.indices["plmw_index"] is None  # wake unknown
    assert result.movements.in_sleep.all()
    assert any("no sleep stages" in w for w in result.warnings)
    assert result.sleep["sleep_efficiency"] is None


def test_no_sleep_at_all_gives_null_sleep_indices_never_zero_or_nan():
    result = score(mono(left=train(SERIES)), hyp=hypnogram(3600, stage="W"))
    assert result.sleep["tst_h"] == 0
    assert all(v is None or np.isfinite(v) for v in result.indices.values())
    assert result.indices["plms_index"] is None and result.indices["plmw_index"] == 4.0
    assert any("no scorable sleep" in w for w in result.warnings)


def test_unstaged_epochs_count_neither_as_sleep_nor_wake():
    # epoch 35 (1050–1080 s) is "?": the PLM at 1060 is in neither sleep nor wake
    result = score(mono(left=train(SERIES)), hyp=hypnogram(3600, e35="?"))
    assert result.indices["n_plms_sleep"] == 3 and result.indices["n_plmw"] == 0
    assert result.sleep["tst_h"] == pytest.approx(3570 / 3600)
    assert any("no sleep stage" in w for w in result.warnings)


def test_sleep_architecture_onset_efficiency_and_waso():
    # 10 epochs (300 s): W W N1 N2 W N2 N2 R W W, lights 0–300.
    # sleep onset 60 s; sleep = N1 N2 N2 N2 R = 5 epochs = 150 s; efficiency 150/300 = 0.5;
    # WASO = W after 60 s = epochs 4, 8, 9 = 90 s; wake = 5 epochs; NREM 4 epochs; REM 1
    hyp = Hypnogram(np.array(["W", "W", "N1", "N2", "W", "N2", "N2", "R", "W", "W"]))
    result = score(mono(left=[(100, 101)]), hyp=hyp, duration=300)
    s = result.sleep
    assert s["sleep_onset"] == 60 and s["tst_h"] == 150 / 3600
    assert s["sleep_efficiency"] == 0.5 and s["waso_h"] == 90 / 3600
    assert s["wake_h"] == 150 / 3600 and s["rem_h"] == 30 / 3600 and s["nrem_h"] == 120 / 3600


def test_nrem_rem_breakdown_uses_time_in_each_state():
    # 1 h: epochs 0–89 N2 (45 min), 90–119 R (15 min). Series 100..160 in N2 (4 PLMs) and
    # 2800 2820 2840 2860 in R (4 PLMs): NREM 4/0.75 h = 5.33/h, REM 4/0.25 h = 16/h.
    stages = np.array(["N2"] * 90 + ["R"] * 30)
    lms = mono(left=train([100, 120, 140, 160, 2800, 2820, 2840, 2860]))
    result = score(lms, hyp=Hypnogram(stages))
    assert result.indices["plms_index_nrem"] == pytest.approx(4 / 0.75)
    assert result.indices["plms_index_rem"] == pytest.approx(16.0)
    assert result.indices["plms_index"] == 8.0


def test_lights_at_odd_times_leave_no_unstaged_time_from_rounding():
    # 8 h fully staged; lights at fractional seconds: summing epochs leaves ~1e-15 h residue,
    # which must not be reported as unstaged time.
    ev = events(("lights_off", 346.333, 0), ("lights_on", 28587.961, 0))
    result = score(mono(left=train(SERIES)), duration=28800, ev=ev)
    assert result.sleep["unstaged_h"] == 0.0
    assert not any("no sleep stage" in w for w in result.warnings)
