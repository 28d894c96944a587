"""The §1 rules on short synthetic signals whose right answer is known."""

import numpy as np
import pytest
from .detect_signals import SF, add_burst, rest

from plmscope.detect import detect_leg_movements
from plmscope.rules import AASM, WASM2016


def lms(x, rules=WASM2016, **kw):
    return detect_leg_movements(x, SF, rules, **kw).movements


def test_onset_threshold_just_above_and_just_below_8_uv():
    above = lms(add_burst(rest(60), 30, 2.0, 8.8))
    below = lms(add_burst(rest(60), 30, 2.0, 7.2))
    assert len(above) == 1 and abs(above["onset"].iat[0] - 30) < 0.1
    assert len(below) == 0


def test_minimum_duration_rejects_0_4_s_and_keeps_0_6_s():
    assert len(lms(add_burst(rest(60), 30, 0.4, 20))) == 0
    kept = lms(add_burst(rest(60), 30, 0.6, 20))
    assert len(kept) == 1
    assert kept["duration"].iat[0] == pytest.approx(0.6, abs=0.1)


def test_bursts_0_3_s_apart_are_one_movement_0_7_s_apart_two():
    one = lms(add_burst(add_burst(rest(60), 30, 1.0, 20), 31.3, 1.0, 20))
    two = lms(add_burst(add_burst(rest(60), 30, 1.0, 20), 31.7, 1.0, 20))
    assert len(one) == 1 and one["duration"].iat[0] == pytest.approx(2.3, abs=0.1)
    assert len(two) == 2
    assert two["onset"].to_numpy() == pytest.approx([30.0, 31.7], abs=0.1)


@pytest.mark.parametrize("rules", [WASM2016, AASM], ids=["wasm", "aasm"])
def test_twelve_second_movement_is_kept_and_flagged_long(rules):
    found = lms(add_burst(rest(90), 40, 12.0, 25), rules)
    assert len(found) == 1
    assert found["duration"].iat[0] == pytest.approx(12.0, abs=0.1)
    assert bool(found["long"].iat[0])


def test_amplitudes_are_measured_above_the_resting_level():
    found = lms(add_burst(rest(60), 30, 3.0, 20))
    assert found["mean_uv"].iat[0] == pytest.approx(20, abs=1.5)
    assert found["peak_uv"].iat[0] == pytest.approx(20, abs=2.0)
    assert found["peak_uv"].iat[0] >= found["mean_uv"].iat[0]


def test_morphology_check_rejects_a_train_of_brief_twitches():
    """2.5 s of 30 ms twitches at irregular intervals: an LM by the thresholds, not by its median."""
    x = rest(60)
    for t in 30 + np.cumsum([0, 0.47, 0.52, 0.49, 0.55, 0.5]):
        add_burst(x, t, 0.03, 40)
    assert len(lms(x, WASM2016)) == 0
    assert len(lms(x, AASM)) == 1


@pytest.mark.parametrize("unit,scale", [("mV", 1e-3), ("V", 1e-6), ("µV", 1.0)])
def test_same_movements_in_any_unit(unit, scale):
    x = add_burst(add_burst(rest(90), 20, 2.0, 15), 50, 5.0, 30)
    reference = lms(x)
    scaled = lms((x.astype(np.float64) * scale), unit=unit)
    assert len(reference) == 2
    np.testing.assert_allclose(scaled["onset"], reference["onset"], atol=0.02)
    np.testing.assert_allclose(scaled["offset"], reference["offset"], atol=0.02)


def test_table_columns_and_summary():
    result = detect_leg_movements(add_burst(rest(60), 30, 2.0, 20), SF, leg="right")
    assert list(result.movements.columns) == [
        "leg", "onset", "offset", "duration", "peak_uv", "mean_uv", "long"
    ]
    assert (result.movements["leg"] == "right").all()
    summary = result.summary()
    assert summary.loc[0, "n_lms"] == 1 and summary.loc[0, "n_long"] == 0
    assert summary.loc[0, "unscorable_min"] == 0
    assert result.to_dataframe().equals(result.movements)
    assert result.settings["thresholds"]["onset_uv"] == 8.0


def test_thresholds_come_from_the_rule_set():
    x = add_burst(rest(60), 30, 2.0, 8.8)
    assert len(lms(x, WASM2016.with_(onset_threshold_uv=12.0))) == 0
    assert len(lms(x, WASM2016.with_(min_duration_s=3.0))) == 0


def test_quiet_signal_has_no_movements():
    result = detect_leg_movements(rest(300, rms=2.0), SF)
    assert len(result.movements) == 0 and len(result.unscorable) == 0


def test_detector_settings_are_honoured():
    """Activity longer than the resting-level window is taken as the new resting level."""
    from plmscope.detect import DetectorSettings

    x = add_burst(rest(120), 40, 12.0, 25)
    assert len(lms(x, settings=DetectorSettings(rest_window_s=60.0))) == 1
    assert len(lms(x, settings=DetectorSettings(rest_window_s=8.0))) == 0


def test_morphology_window_fits_a_movement_of_exactly_half_a_second():
    from plmscope.detect.emg.movements import morphology_ok
    from plmscope.rules import WASM2016

    env_sf = 128.0
    excess = np.zeros(512, dtype=np.float32)
    excess[100:164] = 20.0  # exactly 0.5 s (64 samples) at 20 µV above rest
    ok = morphology_ok(excess, np.array([100]), np.array([164]), env_sf, WASM2016)
    assert ok.tolist() == [True]
    half_high = excess.copy()
    half_high[100:132] = 0.0  # only 32 of 64 high: the lower middle sample is at rest
    assert morphology_ok(half_high, np.array([100]), np.array([164]), env_sf, WASM2016).tolist() == [False]


def add_ramped_burst(x, onset, length, rise_uv, ramp_s, sf=SF):
    """A 40 Hz burst whose rectified mean climbs linearly to ``rise_uv`` over ``ramp_s``."""
    i0, n = int(round(onset * sf)), int(round(length * sf))
    t = np.arange(n) / sf
    envelope = rise_uv * np.clip(t / ramp_s, 0.0, 1.0)
    x[i0 : i0 + n] += (envelope * np.pi / 2 * np.sin(2 * np.pi * 40.0 * t)).astype(np.float32)
    return x


def test_a_slowly_rising_0_55_s_movement_keeps_its_onset_and_its_place():
    # rise 0 -> 16 µV over 0.4 s: the rectified mean passes 8 µV at 0.2 s, so by the rule the
    # movement lasts from 30.2 s to 30.75 s (0.55 s). Measured on the 0.1 s mean alone, the
    # onset comes late and the movement falls under the 0.5 s minimum; it is found, 0.55 s long.
    found = lms(add_ramped_burst(rest(60), 30.0, 0.75, 16.0, 0.4))
    assert len(found) == 1
    assert found["onset"].iat[0] == pytest.approx(30.2, abs=0.05)
    assert found["duration"].iat[0] == pytest.approx(0.55, abs=0.06)


def test_edges_are_placed_between_envelope_samples():
    # the envelope has a sample every 11.7 ms at 256 Hz: onsets are interpolated between them,
    # within 10 ms of the burst's start wherever it falls (the offset is read on the 0.1 s mean,
    # which ends a steep fall some 50 ms late)
    for shift in (0.0, 0.004, 0.008):
        found = lms(add_burst(rest(60), 30.0 + shift, 0.6, 20))
        assert found["onset"].iat[0] == pytest.approx(30.0 + shift, abs=0.01)
        assert found["duration"].iat[0] == pytest.approx(0.65, abs=0.02)


def test_a_brief_first_peak_starts_the_movement_when_no_rest_separates_it():
    # a 60 ms peak of 20 µV at 30 s, 0.2 s of 4 µV (not 0.5 s of rest), then 0.5 s of 14 µV:
    # one movement by the rules, from the first peak: 30.0 to 30.76 s
    x = add_burst(add_burst(add_burst(rest(60), 30.0, 0.06, 20), 30.06, 0.2, 4), 30.26, 0.5, 14)
    found = lms(x)
    assert len(found) == 1
    assert found["onset"].iat[0] == pytest.approx(30.0, abs=0.03)
    assert found["duration"].iat[0] == pytest.approx(0.76, abs=0.06)
