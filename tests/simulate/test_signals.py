"""Signals of a simulated night: shape, determinism, amplitude convention, artefacts."""

import numpy as np
import pytest
from scipy import signal

from plmscope.simulate import TRUTH_COLUMNS, simulate_night

FS = 256.0


@pytest.fixture(scope="module")
def quiet_plmd():
    """A short PLMD night with no ECG leak and no drift: bursts over plain resting EMG."""
    return simulate_night("plmd", seed=11, hours=0.5, ecg_leak_uv=0.0, drift=False)


def rectified_detection_band(x: np.ndarray, fs: float = FS) -> np.ndarray:
    sos = signal.butter(4, [10.0, 100.0], btype="bandpass", fs=fs, output="sos")
    return np.abs(signal.sosfiltfilt(sos, x.astype(np.float64)))


def test_same_seed_same_night_other_seed_other_night():
    a = simulate_night("plmd", seed=3, hours=0.2)
    b = simulate_night("plmd", seed=3, hours=0.2)
    c = simulate_night("plmd", seed=4, hours=0.2)
    np.testing.assert_array_equal(a.night.legs["left"].data, b.night.legs["left"].data)
    np.testing.assert_array_equal(a.night.ecg.data, b.night.ecg.data)
    assert a.truth.equals(b.truth) and a.night.events.equals(b.night.events)
    assert not np.array_equal(a.night.legs["left"].data, c.night.legs["left"].data)


def test_signals_are_float32_microvolts_of_the_right_length():
    sim = simulate_night("healthy", seed=1, hours=0.1, fs=200.0, unit="mV")
    n = int(0.1 * 3600 * 200)
    for sig in (*sim.night.legs.values(), sim.night.ecg, sim.night.eeg):
        assert sig.data.dtype == np.float32 and len(sig.data) == n and sig.sf == 200.0
        assert sig.unit == "mV"  # the unit a written file will declare; data stay µV
    assert set(sim.night.legs) == {"left", "right"}
    assert sim.night.duration == pytest.approx(360.0)
    assert len(sim.night.hypnogram.stages) == 12
    assert 300.0 < np.ptp(sim.night.ecg.data) < 3000.0  # about 1 mV beats, in µV
    assert list(sim.truth.columns) == list(TRUTH_COLUMNS)


def test_resting_level_and_burst_amplitude_follow_the_stated_convention(quiet_plmd):
    for leg in ("left", "right"):
        rect = rectified_detection_band(quiet_plmd.night.legs[leg].data)
        truth = quiet_plmd.truth[quiet_plmd.truth["leg"] == leg]
        stages = np.repeat(quiet_plmd.night.hypnogram.stages, int(30 * FS))[: len(rect)]
        quiet = stages == "N2"  # noise_uv is the NREM resting rms
        for on, off in zip(truth["onset"], truth["offset"]):
            quiet[int((on - 1) * FS) : int((off + 1) * FS)] = False
        rest = rect[quiet].mean()
        assert rest == pytest.approx(np.sqrt(2 / np.pi) * 1.0, rel=0.05)  # noise_uv = 1 µV rms
        measured = np.array(
            [
                rect[int((on + 0.3) * FS) : int((off - 0.3) * FS)].mean() - rest
                for on, off in zip(truth["onset"], truth["offset"])
                if off - on > 0.9
            ]
        )
        expected = truth.loc[truth["offset"] - truth["onset"] > 0.9, "amplitude_uv"].to_numpy()
        assert np.median(measured / expected) == pytest.approx(1.0, abs=0.06)


def test_near_threshold_movements_sit_just_above_8_uv(quiet_plmd):
    near = quiet_plmd.truth[quiet_plmd.truth["kind"] == "near_threshold"]
    assert len(near) == round(0.1 * len(quiet_plmd.truth))  # twitches are not LMs
    assert near["amplitude_uv"].between(8.5, 11.2).all()
    others = quiet_plmd.truth[quiet_plmd.truth["kind"] != "near_threshold"]
    assert (others["amplitude_uv"] > 11.0).mean() > 0.9


def test_truth_lms_on_one_leg_are_separated_by_quiet(quiet_plmd):
    for _, leg in quiet_plmd.truth.groupby("leg"):
        gaps = leg["onset"].to_numpy()[1:] - leg["offset"].to_numpy()[:-1]
        assert (gaps > 0.5).all()


def test_bilateral_movements_have_small_lags(quiet_plmd):
    both = quiet_plmd.truth.groupby("event_id").filter(lambda g: len(g) == 2)
    lags = both.groupby("event_id")["onset"].agg(lambda s: s.max() - s.min())
    assert len(lags) >= 5 and (lags < 0.75).all() and lags.max() > 0.05


def test_ecg_leak_is_time_locked_to_r_peaks():
    sim = simulate_night("healthy", seed=2, hours=0.1, ecg_leak_uv=12.0, drift=False)
    r_idx = np.round(sim.r_peaks * FS).astype(int)
    ecg_peak = [np.argmax(sim.night.ecg.data[i - 8 : i + 9]) - 8 for i in r_idx[1:-1]]
    assert np.abs(ecg_peak).max() <= 2  # the ECG channel peaks at the R peaks
    sos = signal.butter(4, [10.0, 100.0], btype="bandpass", fs=FS, output="sos")
    peaks = {}
    for leg, sig in sim.night.legs.items():
        x = signal.sosfiltfilt(sos, sig.data.astype(np.float64))
        locked = np.abs(np.mean([x[i - 20 : i + 21] for i in r_idx[1:-1]], axis=0))
        peaks[leg] = locked.max()
        assert locked.argmax() == pytest.approx(20, abs=3)
        assert locked.max() > 5 * np.abs(x).mean()
    assert max(peaks.values()) == pytest.approx(12.0, rel=0.15)
    assert min(peaks.values()) < max(peaks.values())  # each leg sees its own leak


@pytest.mark.parametrize("mains_hz", [50, 60])
def test_mains_hum_appears_only_when_asked(mains_hz):
    hum = simulate_night("healthy", seed=3, hours=0.05, mains_hz=mains_hz).night.legs["left"].data
    clean = simulate_night("healthy", seed=3, hours=0.05).night.legs["left"].data
    freqs, p_hum = signal.welch(hum, fs=FS, nperseg=1024)
    _, p_clean = signal.welch(clean, fs=FS, nperseg=1024)
    at = np.argmin(np.abs(freqs - mains_hz))
    assert p_hum[at] > 100 * p_clean[at]


def test_noisy_periods_are_loud_and_free_of_truth():
    sim = simulate_night("plmd", seed=5, hours=0.5, noisy_periods=2)
    periods = sim.unscorable_truth
    assert len(periods) == 2 and ((periods["end"] - periods["start"]) >= 119.0).all()
    rect = rectified_detection_band(sim.night.legs["left"].data)
    for start, end in zip(periods["start"], periods["end"]):
        inside = rect[int((start + 5) * FS) : int((end - 5) * FS)].mean()
        assert inside > 15.0  # 20–50 µV rms noise
        hit = (sim.truth["onset"] < end) & (sim.truth["offset"] > start)
        assert not hit.any()


def test_eeg_follows_sleep_stages():
    sim = simulate_night("plmd", seed=6, hours=1.0)
    stages = sim.night.hypnogram.stages
    eeg = sim.night.eeg.data.reshape(-1, int(30 * FS))[: len(stages)]
    power = eeg.std(axis=1)
    if (stages == "N3").any():
        assert power[stages == "N3"].mean() > 1.5 * power[stages == "W"].mean()
    freqs, psd = signal.welch(eeg[stages == "W"], fs=FS, nperseg=512, axis=1)
    alpha = psd[:, (freqs >= 8) & (freqs <= 12)].mean()
    theta = psd[:, (freqs >= 4) & (freqs <= 7)].mean()
    assert alpha > theta  # relaxed wake shows alpha


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="choose one of"):
        simulate_night("insomnia")
    with pytest.raises(ValueError, match="hours"):
        simulate_night("plmd", hours=0)
    with pytest.raises(ValueError, match="200 Hz"):
        simulate_night("plmd", fs=64)


@pytest.fixture(scope="module")
def quiet_healthy():
    """A healthy night long enough to reach REM, with plain resting EMG."""
    sim = simulate_night("healthy", seed=11, hours=1.6, ecg_leak_uv=0.0, drift=False)
    assert (sim.night.hypnogram.stages == "R").sum() >= 10
    return sim


def test_twitches_are_short_decoys_not_lms(quiet_healthy):
    sim = quiet_healthy
    twitches = sim.decoys
    assert len(twitches) > 5 and set(twitches["kind"]) == {"twitch"}
    assert ((twitches["offset"] - twitches["onset"]) < 0.35).all()
    stages = sim.night.hypnogram.stages
    in_rem = sim.night.hypnogram.stage_at(twitches["onset"].to_numpy()) == "R"
    rem_rate = twitches["event_id"][in_rem].nunique() / (np.sum(stages == "R") / 120)
    other_rate = twitches["event_id"][~in_rem].nunique() / (np.sum(stages != "R") / 120)
    assert rem_rate > 3 * other_rate  # phasic twitches belong to REM
    assert "twitch" not in set(sim.truth["kind"])


def test_resting_tone_is_higher_awake_than_in_rem(quiet_healthy):
    sim = quiet_healthy
    rect = rectified_detection_band(sim.night.legs["left"].data)
    per_epoch = np.median(
        rect[: len(rect) // int(30 * FS) * int(30 * FS)].reshape(-1, int(30 * FS)), axis=1
    )
    stages = sim.night.hypnogram.stages[: len(per_epoch)]
    assert (
        per_epoch[stages == "W"].mean()
        > per_epoch[stages == "N2"].mean()
        > per_epoch[stages == "R"].mean()
    )
