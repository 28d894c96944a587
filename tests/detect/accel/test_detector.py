"""The accelerometer detector on simulated ankle nights: movements, posture changes, sleep, wear."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.detect import Detector
from plmscope.detect.accel import AccelDetector, SleepDiary
from plmscope.detect.accel.events import hysteresis_events
from plmscope.errors import PlmscopeInputError
from plmscope.simulate import simulate_night
from plmscope.simulate.accel import simulate_accel_night

from plmscope.simulate.accel.evaluate import event_f1


@pytest.fixture(scope="module")
def plmd():
    sim = simulate_accel_night("plmd", seed=31, hours=1.5, fs=25.0, noise_mg=12.0)
    return sim, AccelDetector().detect(sim.night)


def test_it_is_a_detector_of_the_accelerometer_kind():
    assert isinstance(AccelDetector(), Detector) and AccelDetector().kind == "accelerometer"


def test_leg_movements_are_found_per_leg_at_high_noise_and_a_low_rate(plmd):
    sim, detection = plmd
    assert event_f1(sim.truth, detection.monolateral) >= 0.9
    onsets = detection.monolateral.groupby("leg").size()
    assert set(onsets.index) == {"left", "right"}


def test_posture_changes_are_counted_apart_and_never_lms(plmd):
    sim, detection = plmd
    found = detection.findings["posture_changes"]
    assert found["count"] == len(sim.postures) > 0
    mono = detection.monolateral
    for row in sim.postures.itertuples():
        assert not ((mono["onset"] < row.end + 0.5) & (mono["offset"] > row.start - 0.5)).any()
    assert any("posture changes or whole-body movements" in n for n in detection.notes)
    assert "posture change" not in set(detection.unscorable["reason"])  # a series runs on across a turn


def test_each_night_sets_its_own_thresholds_from_its_noise_floor():
    quiet = AccelDetector().detect(simulate_accel_night("healthy", seed=2, hours=1.0, fs=50.0, noise_mg=3.0).night)
    noisy = AccelDetector().detect(simulate_accel_night("healthy", seed=2, hours=1.0, fs=50.0, noise_mg=12.0).night)
    for leg in ("left", "right"):
        assert noisy.settings[leg]["noise_floor_mg"] > 1.5 * quiet.settings[leg]["noise_floor_mg"]
        assert 15.0 <= quiet.settings[leg]["onset_mg"] <= noisy.settings[leg]["onset_mg"] <= 200.0
        assert noisy.settings[leg]["offset_mg"] < noisy.settings[leg]["onset_mg"]


def test_sleep_is_estimated_and_said_so(plmd):
    sim, detection = plmd
    assert detection.hypnogram_source == "accelerometer"
    stages = detection.hypnogram.stages
    assert set(np.unique(stages)) <= {"S", "W", "?"} and (stages == "S").mean() > 0.7
    agree = (stages == sim.hypnogram.stages[: len(stages)]).mean()
    assert agree > 0.75
    assert any("HDCZA" in n for n in detection.notes)
    assert any(w.startswith("estimated from ankle accelerometers") for w in detection.warnings)


def test_a_diary_overrides_the_sleep_period_and_sets_lights():
    sim = simulate_accel_night("plmd", seed=5, hours=1.0, fs=25.0)
    detection = AccelDetector(diary=SleepDiary("22:45", "23:20")).detect(sim.night)  # night starts 22:30
    assert detection.hypnogram_source == "diary + accelerometer"
    assert detection.lights == (900.0, 3000.0)
    stages = detection.hypnogram.stages
    assert (stages[:30] == "W").all() and (stages[100:] == "W").all()
    night = detection.applied_to(sim.night)
    assert night.lights == (900.0, 3000.0) and night.hypnogram_source == "diary + accelerometer"


def test_a_diary_needs_the_recordings_clock():
    night = simulate_accel_night("plmd", seed=5, hours=1.0, fs=25.0).night
    night.start = None
    with pytest.raises(PlmscopeInputError, match="clock time"):
        AccelDetector(diary=SleepDiary("23:00", "07:00")).detect(night)


def test_gaps_are_unscorable_not_quiet():
    sim = simulate_accel_night("plmd", seed=8, hours=1.0, fs=25.0)
    night = dataclasses.replace(sim.night, gaps=[(1200.0, 600.0)])
    for signal in night.legs.values():
        signal.data[int(1200 * 25) : int(1800 * 25)] = signal.data[int(1200 * 25) - 1]
    detection = AccelDetector().detect(night)
    gaps = detection.unscorable[detection.unscorable["reason"] == "gap"]
    assert set(gaps["leg"]) == {"left", "right"} and (gaps["end"] - gaps["start"]).iloc[0] == 600.0
    inside = detection.monolateral[(detection.monolateral["onset"] > 1200) & (detection.monolateral["onset"] < 1800)]
    assert inside.empty
    assert any("gap(s) in the data" in w for w in detection.warnings)


def test_a_device_lying_on_a_table_is_named_and_not_scored():
    sim = simulate_accel_night("plmd", seed=3, hours=3.0, fs=25.0, placement="table")
    detection = AccelDetector().detect(sim.night)
    assert any("probably not worn" in w and "table" in w for w in detection.warnings)
    not_worn = detection.unscorable[detection.unscorable["reason"] == "not worn"]
    assert (not_worn["end"] - not_worn["start"]).sum() >= 2 * 0.9 * 3 * 3600


def test_a_wrist_recording_is_named():
    sim = simulate_accel_night("plmd", seed=4, hours=3.0, fs=25.0, placement="wrist")
    detection = AccelDetector().detect(sim.night)
    assert any("turned like a wrist's" in w for w in detection.warnings)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_ankles_are_never_taken_for_wrists(seed):
    sim = simulate_accel_night("rls", seed=seed, hours=3.0, fs=25.0)
    detection = AccelDetector().detect(sim.night)
    assert not any("wrist" in w for w in detection.warnings)
    assert detection.findings["placement"] == {"left": "ankle-like or unknown", "right": "ankle-like or unknown"}


def test_one_leg_is_enough():
    sim = simulate_accel_night("plmd", seed=9, hours=1.0, fs=25.0, legs=("right",))
    detection = AccelDetector().detect(sim.night)
    assert set(detection.monolateral["leg"]) == {"right"}
    assert event_f1(sim.truth, detection.monolateral) >= 0.9


def test_emg_nights_are_refused_by_name():
    night = simulate_night("plmd", seed=1, hours=0.25).night
    with pytest.raises(PlmscopeInputError, match="the legs are EMG"):
        AccelDetector().detect(night)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 900), st.integers(1, 120)), max_size=8),
    st.floats(0.2, 1.0),
)
def test_hysteresis_joins_fragments_under_the_hold_and_keeps_only_half_seconds(bursts, level):
    sf, hold, min_s = 100.0, 0.5, 0.5
    env = np.zeros(1200)
    for start, length in bursts:
        env[start : start + length] = level + 1.0
    on, off = hysteresis_events(env, sf, onset=1.0, offset=0.5, hold_s=hold, min_s=min_s)
    assert np.all(off - on >= min_s * sf)
    assert np.all(on[1:] - off[:-1] >= hold * sf)  # anything closer was joined
    for a, b in zip(on, off):
        assert env[a] > 1.0 and env[b - 1] > 0.5
