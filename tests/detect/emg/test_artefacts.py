"""Heartbeats, mains hum, noisy stretches, baseline steps, gaps: none may become (or hide) an LM."""

import numpy as np
import pytest
from .detect_signals import SF, add_burst, ecg_channel, heartbeats, rest

from plmscope.detect import detect_leg_movements
from plmscope.rules import AASM, WASM2016


@pytest.mark.parametrize("rules", [WASM2016, AASM], ids=["wasm", "aasm"])
@pytest.mark.parametrize("with_ecg", [True, False], ids=["ecg-channel", "no-ecg"])
def test_heartbeats_alone_are_not_movements(rules, with_ecg):
    beats, times = heartbeats(300, height_uv=40, bpm=95)
    ecg = ecg_channel(times, 300) if with_ecg else None
    result = detect_leg_movements(rest(300) + beats, SF, rules, ecg=ecg)
    assert len(result.movements) == 0
    assert result.settings["ecg"]["source"] == ("ecg channel" if with_ecg else "leg spikes")


@pytest.mark.parametrize("with_ecg", [True, False], ids=["ecg-channel", "no-ecg"])
def test_heartbeats_do_not_hide_or_merge_movements(with_ecg):
    beats, times = heartbeats(300, height_uv=40, bpm=95)
    x = rest(300) + beats
    onsets = np.arange(40.0, 260.0, 25.0)
    for t in onsets:
        add_burst(x, t, 1.5, 12)
    ecg = ecg_channel(times, 300) if with_ecg else None
    found = detect_leg_movements(x, SF, AASM, ecg=ecg).movements
    assert len(found) == len(onsets)
    np.testing.assert_allclose(found["onset"], onsets, atol=0.25)
    np.testing.assert_allclose(found["duration"], 1.5, atol=0.3)


@pytest.mark.parametrize("hz", [50.0, 60.0])
def test_mains_hum_is_found_and_removed(hz):
    t = np.arange(int(120 * SF)) / SF
    x = add_burst(rest(120), 60, 2.0, 15) + (30 * np.sin(2 * np.pi * hz * t)).astype(np.float32)
    result = detect_leg_movements(x, SF)
    assert result.settings["mains_hz"] == hz
    assert len(result.movements) == 1


def test_no_hum_no_notch():
    result = detect_leg_movements(rest(120), SF)
    assert result.settings["mains_hz"] is None and result.settings["notch_hz"] == ()


def test_noisy_stretch_is_unscorable_not_empty():
    x = rest(600, rms=1.0)
    x[int(200 * SF) : int(380 * SF)] += rest(180, rms=30.0, seed=5)
    add_burst(x, 100, 2.0, 20)
    add_burst(x, 450, 2.0, 20)
    result = detect_leg_movements(x, SF)
    bad = result.unscorable
    assert len(bad) == 1 and bad["reason"].iat[0] == "noisy"
    assert bad["start"].iat[0] == pytest.approx(200, abs=2) and bad["end"].iat[0] == pytest.approx(380, abs=2)
    assert result.movements["onset"].to_numpy() == pytest.approx([100, 450], abs=0.2)
    assert result.summary().loc[0, "unscorable_min"] == pytest.approx(3.0, abs=0.1)


def test_step_in_the_baseline_is_not_a_movement():
    x = rest(600, rms=1.0)
    x[int(300 * SF) :] = rest(300, rms=12.0, seed=3)  # resting level steps up by ~9 µV for good
    result = detect_leg_movements(x, SF)
    assert len(result.movements) == 0
    assert len(result.unscorable) == 0


def test_step_down_then_movement_is_found():
    x = rest(600, rms=12.0)
    x[int(300 * SF) :] = rest(300, rms=1.0, seed=3)
    add_burst(x, 320, 2.0, 15)
    found = detect_leg_movements(x, SF).movements
    assert found["onset"].to_numpy() == pytest.approx([320], abs=0.2)


def test_gaps_and_missing_samples_are_unscorable():
    x = rest(600)
    x[int(100 * SF) : int(160 * SF)] = np.nan
    result = detect_leg_movements(x, SF, gaps=[(400.0, 30.0)])
    bad = result.unscorable
    assert list(bad["reason"]) == ["missing", "missing"]
    assert bad["start"].to_numpy() == pytest.approx([99, 399], abs=1.5)
    assert bad["end"].to_numpy() == pytest.approx([161, 431], abs=1.5)
    assert len(result.movements) == 0


def test_flat_channel_is_unscorable():
    result = detect_leg_movements(np.zeros(int(120 * SF), dtype=np.float32), SF)
    assert list(result.unscorable["reason"]) == ["flat"]
    assert len(result.movements) == 0


def test_mains_frequency_can_be_forced_or_disabled():
    assert detect_leg_movements(rest(60), SF, mains_hz=50.0).settings["notch_hz"] == (50.0, 100.0)
    assert detect_leg_movements(rest(60), SF, mains_hz=60.0).settings["notch_hz"] == (60.0, 120.0)
    t = np.arange(int(60 * SF)) / SF
    hum = rest(60) + (30 * np.sin(2 * np.pi * 50.0 * t)).astype(np.float32)
    assert detect_leg_movements(hum, SF, mains_hz=None).settings["notch_hz"] == ()


def test_an_infinite_sample_is_missing_not_fatal():
    x = add_burst(rest(120), 80, 2.0, 20)
    x[int(30 * SF)] = np.inf
    result = detect_leg_movements(x, SF)
    assert list(result.unscorable["reason"]) == ["missing"]
    assert result.unscorable["end"].iat[0] - result.unscorable["start"].iat[0] < 4
    assert result.movements["onset"].to_numpy() == pytest.approx([80], abs=0.2)


def test_a_beat_at_a_movement_edge_neither_moves_nor_stretches_it():
    beats, times = heartbeats(300, height_uv=40, bpm=60)
    x = rest(300) + beats
    twitch, movement = times[100] - 0.02, times[200] - 0.02  # each starts as a beat lands
    add_burst(x, twitch, 0.3, 30)  # too short to be an LM, even with the beat in front
    add_burst(x, movement, 1.5, 20)
    found = detect_leg_movements(x, SF, ecg=ecg_channel(times, 300)).movements
    assert found["onset"].to_numpy() == pytest.approx([movement], abs=0.06)
    assert found["duration"].to_numpy() == pytest.approx([1.5], abs=0.1)


def test_a_short_movement_under_a_fast_strong_heartbeat_keeps_its_onset_and_length():
    # at 110 beats/min a 40 µV leak is left out for half of every beat interval; a 0.6 s
    # movement starting under a beat was shortened from its start (onset up to 0.11 s late)
    beats, times = heartbeats(300, height_uv=40, bpm=110)
    x = rest(300) + beats
    starts = np.array([times[k] - 0.1 + (k % 60) / 120 for k in range(20, 420, 20)])
    for t in starts:
        add_burst(x, t, 0.6, 10)
    found = detect_leg_movements(x, SF, ecg=ecg_channel(times, 300)).movements
    assert found["onset"].to_numpy() == pytest.approx(starts, abs=0.05)
    assert found["duration"].to_numpy() == pytest.approx(0.6, abs=0.05)
