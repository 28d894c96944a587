"""Electrode pops, impedance steps, tonic EMG, noisy rest, fast leaking heart: none is an LM."""

import numpy as np
import pytest

from plmscope.detect import detect_leg_movements

from .detect_signals import SF, add_burst, ecg_channel, heartbeats, rest


def add_pop(x: np.ndarray, at: float, height_uv: float, tau_s: float = 0.03) -> np.ndarray:
    """An electrode pop: a sudden jump of ``height_uv`` relaxing with time constant ``tau_s``."""
    i0 = int(at * SF)
    t = np.arange(int(5 * tau_s * SF) + 1) / SF
    x[i0 : i0 + len(t)] += (height_uv * np.exp(-t / tau_s)).astype(np.float32)
    return x


def tonic(duration: float, start: float, end: float, rise_uv: float, seed: int = 7) -> np.ndarray:
    """Extra EMG noise between ``start`` and ``end`` raising the rectified mean by ``rise_uv``."""
    x = np.zeros(int(duration * SF), dtype=np.float32)
    i0, i1 = int(start * SF), int(end * SF)
    # rectified mean of gaussian noise is sqrt(2/pi) * rms; the 0.3 µV rest adds little
    x[i0:i1] = rest(end - start, rms=rise_uv * np.sqrt(np.pi / 2), seed=seed)[: i1 - i0]
    return x


@pytest.mark.parametrize("height", [50.0, -150.0, 300.0])
def test_electrode_pops_are_not_movements(height):
    x = rest(120)
    for at in (20.0, 50.0, 80.0):
        add_pop(x, at, height)
    assert len(detect_leg_movements(x, SF).movements) == 0


def test_a_pop_next_to_a_movement_neither_hides_nor_doubles_it():
    x = add_burst(rest(120), 60.0, 1.5, 15)
    add_pop(x, 64.0, 250.0)
    found = detect_leg_movements(x, SF).movements
    assert found["onset"].to_numpy() == pytest.approx([60.0], abs=0.2)


@pytest.mark.parametrize("factor", [1.5, 2.5])
def test_impedance_step_for_minutes_makes_no_movement(factor):
    x = rest(600, rms=2.0)
    x[int(200 * SF) : int(400 * SF)] *= np.float32(factor)  # sharp edges both ways
    result = detect_leg_movements(x, SF)
    assert len(result.movements) == 0 and len(result.unscorable) == 0


def test_tonic_raise_below_onset_is_no_movement_and_lms_on_top_are_found():
    x = rest(600) + tonic(600, 200.0, 380.0, 6.0)
    onsets = [100.0, 260.0, 320.0]  # one before, two on top of the tonic activity
    for t in onsets:
        add_burst(x, t, 2.0, 20)
    found = detect_leg_movements(x, SF).movements
    assert found["onset"].to_numpy() == pytest.approx(onsets, abs=0.25)


def test_very_noisy_resting_emg_rarely_passes_for_a_movement():
    # ~15 µV rms at rest (tonic activity on a poor electrode, a fast heart leaking in): the
    # envelope swings by several µV; read against the quietest half second of each minute
    # those swings cross +8 µV every few minutes, against the typical noise top seldom
    false = 0
    for seed in range(4):
        beats, times = heartbeats(900, height_uv=30, bpm=100, seed=seed)
        x = rest(900, rms=3.0, seed=seed) + tonic(900, 100.0, 800.0, 10.0, seed=seed + 10) + beats
        result = detect_leg_movements(x, SF, ecg=ecg_channel(times, 900))
        assert len(result.unscorable) == 0
        false += len(result.movements)
    assert false <= 2  # one hour of such noise: at most two false movements


@pytest.mark.parametrize("with_ecg", [True, False], ids=["ecg-channel", "no-ecg"])
def test_fast_strong_heartbeat_does_not_hide_movements(with_ecg):
    beats, times = heartbeats(300, height_uv=60, bpm=110)
    x = rest(300) + beats
    onsets = np.arange(40.0, 260.0, 30.0)
    for t in onsets:
        add_burst(x, t, 1.2, 11)
    ecg = ecg_channel(times, 300) if with_ecg else None
    found = detect_leg_movements(x, SF, ecg=ecg).movements
    assert found["onset"].to_numpy() == pytest.approx(onsets, abs=0.25)
