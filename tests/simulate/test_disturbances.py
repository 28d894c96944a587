"""Electrode pops, baseline steps, tonic activity and fast hearts: in the signal, not in the truth."""

import numpy as np
import pandas as pd
import pytest
from scipy import signal

from plmscope.simulate import simulate_night

FS = 256.0
QUIET = {"hours": 0.5, "ecg_leak_uv": 0.0, "drift": False}


@pytest.fixture(scope="module")
def plain():
    return simulate_night("rls", seed=4, **QUIET)


def rectified_mean(x: np.ndarray, start: float, end: float, stat=np.mean) -> float:
    """Mean (or ``stat``) of the rectified 10–100 Hz EMG between two times (s)."""
    sos = signal.butter(4, [10.0, 100.0], btype="bandpass", fs=FS, output="sos")
    y = signal.sosfiltfilt(sos, x[int(start * FS) : int(end * FS)].astype(np.float64))
    return float(stat(np.abs(y)))


def test_nothing_is_disturbed_by_default(plain):
    assert len(plain.disturbances) == 0


def test_electrode_pops_are_brief_large_and_not_lms(plain):
    sim = simulate_night("rls", seed=4, electrode_pops_per_h=20.0, **QUIET)
    pd.testing.assert_frame_equal(sim.truth, plain.truth)
    pops = sim.disturbances[sim.disturbances["kind"] == "pop"]
    assert len(pops) >= 10
    assert ((pops["end"] - pops["start"]) < 0.2).all()
    assert pops["size"].abs().between(50.0, 300.0).all()
    for leg, start, size in pops[["leg", "start", "size"]].itertuples(index=False):
        jump = sim.night.legs[leg].data[int(start * FS) + 1] - plain.night.legs[leg].data[int(start * FS) + 1]
        assert abs(jump) > 0.5 * abs(size)


def test_baseline_steps_raise_the_resting_noise_for_minutes(plain):
    sim = simulate_night("rls", seed=4, baseline_steps_per_h=4.0, **QUIET)
    pd.testing.assert_frame_equal(sim.truth, plain.truth)
    steps = sim.disturbances[sim.disturbances["kind"] == "baseline_step"]
    assert len(steps) >= 1
    for leg, start, end, factor in steps[["leg", "start", "end", "size"]].itertuples(index=False):
        assert 120.0 <= end - start <= 600.0 and 1.5 <= factor <= 2.5
        ratio = rectified_mean(sim.night.legs[leg].data, start + 1, start + 60, np.median) / (
            rectified_mean(plain.night.legs[leg].data, start + 1, start + 60, np.median)
        )
        assert ratio == pytest.approx(factor, rel=0.15)  # the median shrugs off bursts


def test_tonic_activity_raises_the_resting_level_by_3_to_6_uv(plain):
    sim = simulate_night("rls", seed=4, tonic_per_h=4.0, **QUIET)
    pd.testing.assert_frame_equal(sim.truth, plain.truth)
    tonic = sim.disturbances[sim.disturbances["kind"] == "tonic"]
    assert len(tonic) >= 1 and tonic["size"].between(3.0, 6.0).all()
    for leg, start, end, rise in tonic[["leg", "start", "end", "size"]].itertuples(index=False):
        assert 60.0 <= end - start <= 300.0
        before = rectified_mean(plain.night.legs[leg].data, start + 5, end - 5)
        after = rectified_mean(sim.night.legs[leg].data, start + 5, end - 5)
        assert after - before == pytest.approx(rise, abs=1.5)  # bursts on top change a little


def test_fast_heart_rate_is_fast():
    sim = simulate_night("plmd", seed=3, hours=0.25, heart_rate_bpm=(100.0, 110.0))
    bpm = 60.0 / np.diff(sim.r_peaks)
    assert 95.0 <= np.median(bpm) <= 120.0 and bpm.max() <= 125.0


def test_bad_disturbance_options_are_refused():
    with pytest.raises(ValueError, match="heart_rate_bpm"):
        simulate_night("plmd", hours=0.1, heart_rate_bpm=(110.0, 90.0))
    with pytest.raises(ValueError, match="tonic_per_h"):
        simulate_night("plmd", hours=0.1, tonic_per_h=-1.0)
