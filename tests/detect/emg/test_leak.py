"""The heartbeat's waveform is taken off the leg EMG before rectifying (with an ECG channel)."""

import numpy as np
import pytest
from .detect_signals import SF, add_burst, ecg_channel, heartbeats, rest

from plmscope.detect import detect_leg_movements
from plmscope.detect.emg.ecg import heartbeats_from_ecg, refined_beats
from plmscope.detect.emg.settings import DEFAULT_SETTINGS


def leaky_night(seconds: float = 300, height_uv: float = 40.0, bpm: float = 95.0):
    beats, times = heartbeats(seconds, height_uv=height_uv, bpm=bpm)  # R peaks between samples
    return rest(seconds) + beats, times


def test_refined_beats_land_within_a_twentieth_of_a_sample():
    _, times = leaky_night()
    ecg = ecg_channel(times, 300)
    found = refined_beats(ecg, SF, heartbeats_from_ecg(ecg, SF, DEFAULT_SETTINGS))
    nearest = times[np.abs(times[:, None] - found[None, :]).argmin(axis=0)]
    offset = np.median(found - nearest)  # a constant offset is the template's business
    assert np.percentile(np.abs(found - nearest - offset), 95) * SF < 0.05


def test_the_waveform_goes_and_nothing_is_left_to_leave_out():
    x, times = leaky_night()
    result = detect_leg_movements(x, SF, ecg=ecg_channel(times, 300))
    ecg = result.settings["ecg"]
    assert ecg["source"] == "ecg channel" and ecg["waveform_uv"] == pytest.approx(ecg["leak_uv"])
    assert ecg["waveform_uv"] > 10  # a 40 µV QRS
    assert ecg["residual_uv"] < DEFAULT_SETTINGS.leak_min_uv and ecg["left_out_s"] is None
    assert len(result.movements) == 0


def test_a_burst_under_the_beats_keeps_its_amplitude():
    clean = rest(300)
    x, times = leaky_night()
    for signal in (clean, x):
        for t in np.arange(30.0, 280.0, 25.0):
            add_burst(signal, t, 0.7, 10)
    without = detect_leg_movements(clean, SF).movements
    with_leak = detect_leg_movements(x, SF, ecg=ecg_channel(times, 300)).movements
    assert len(with_leak) == len(without) == 10
    np.testing.assert_allclose(with_leak["mean_uv"], without["mean_uv"], rtol=0.05)
    np.testing.assert_allclose(with_leak["duration"], without["duration"], atol=0.03)


def test_an_ecg_that_leaves_no_trace_on_the_leg_takes_nothing_off():
    _, times = leaky_night()
    result = detect_leg_movements(rest(300), SF, ecg=ecg_channel(times, 300))
    assert result.settings["ecg"]["waveform_uv"] is None
    assert result.settings["ecg"]["source"] == "none"


def test_without_an_ecg_channel_the_leg_spikes_are_left_out_as_before():
    x, _ = leaky_night()
    ecg = detect_leg_movements(x, SF).settings["ecg"]
    assert ecg["source"] == "leg spikes" and ecg["waveform_uv"] is None and ecg["left_out_s"] is not None
