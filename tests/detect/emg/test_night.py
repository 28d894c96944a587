"""Both legs of a night: sorted table, ECG channel used, gaps unscorable, plain warnings."""

import numpy as np
import pandas as pd
import pytest

from plmscope.detect import detect_night
from plmscope.errors import PlmscopeInputError
from plmscope.night import Hypnogram, Night, Signal
from plmscope.rules import AASM
from plmscope.simulate import simulate_night

from .detect_signals import SF, add_burst, ecg_channel, heartbeats, rest


def night_of(legs: dict, ecg=None, gaps=()):
    duration = len(next(iter(legs.values()))) / SF
    return Night(
        legs={k: Signal(k, v, SF) for k, v in legs.items()},
        duration=duration,
        hypnogram=Hypnogram.unscored(duration),
        ecg=None if ecg is None else Signal("ECG", ecg, SF),
        gaps=list(gaps),
    )


def matched(truth: pd.DataFrame, found: pd.DataFrame) -> int:
    """Truth LMs with a detection on the same leg that overlaps and starts within 1 s."""
    hits = 0
    for leg, on, off in truth[["leg", "onset", "offset"]].itertuples(index=False):
        same = found[found["leg"] == leg]
        hits += bool(((same["onset"] < off) & (same["offset"] > on) & ((same["onset"] - on).abs() <= 1)).any())
    return hits


def test_both_legs_sorted_with_ecg_and_gaps():
    beats, times = heartbeats(300, height_uv=30)
    left = add_burst(rest(300) + beats, 100, 2.0, 20)
    right = add_burst(rest(300, seed=1) + 0.5 * beats, 50, 3.0, 20)
    result = detect_night(night_of({"left": left, "right": right}, ecg_channel(times, 300), [(200.0, 20.0)]))
    table = result.monolateral
    assert list(table.columns) == ["leg", "onset", "offset", "duration", "peak_uv", "mean_uv", "long"]
    assert list(table["leg"]) == ["right", "left"]
    assert table["onset"].to_numpy() == pytest.approx([50, 100], abs=0.2)
    assert set(result.unscorable["leg"]) == {"left", "right"}
    assert (result.unscorable["start"] < 200).all() and (result.unscorable["end"] > 220).all()
    assert set(result.settings) == {"left", "right"}
    assert result.settings["left"]["ecg"]["source"] == "ecg channel"
    assert any("heartbeat artefact" in n and "ECG channel" in n for n in result.notes)
    assert not any("heartbeat artefact" in w for w in result.warnings)
    assert "left leg: 23 s unscorable (no recording)" in result.warnings
    assert list(result.summary()["leg"]) == ["left", "right"]
    assert result.to_dataframe().equals(table)


def test_one_leg_only():
    result = detect_night(night_of({"right": add_burst(rest(120), 60, 2.0, 20)}))
    assert list(result.monolateral["leg"]) == ["right"]
    assert len(result.summary()) == 1


def test_no_legs_is_an_input_error():
    night = Night(legs={}, duration=60.0, hypnogram=Hypnogram.unscored(60.0), source="x.edf")
    with pytest.raises(PlmscopeInputError, match="no leg EMG"):
        detect_night(night)


def test_no_movements_gives_empty_tables():
    result = detect_night(night_of({"left": rest(120), "right": rest(120, seed=2)}))
    assert len(result.monolateral) == 0 and len(result.unscorable) == 0
    assert list(result.monolateral.columns)[:3] == ["leg", "onset", "offset"]


@pytest.mark.parametrize(
    "options",
    [dict(ecg_leak_uv=15.0, mains_hz=50.0), dict(noise_uv=3.0, near_threshold=0.5, mains_hz=60.0, noisy_periods=1)],
    ids=["ecg-hum", "noise-near-threshold"],
)
def test_finds_the_simulated_movements(options):
    sim = simulate_night("plmd", seed=3, hours=0.5, **options)
    result = detect_night(sim.night)
    truth, found = sim.truth, result.monolateral
    hits = matched(truth, found)
    precision, recall = hits / max(len(found), 1), hits / len(truth)
    assert len(truth) > 20
    assert precision >= 0.95 and recall >= 0.95
    assert result.settings["left"]["mains_hz"] == options["mains_hz"]
    for start, end in sim.unscorable_truth.itertuples(index=False):
        covered = result.unscorable[(result.unscorable["start"] <= start + 5) & (result.unscorable["end"] >= end - 5)]
        assert set(covered["leg"]) == {"left", "right"}


def test_aasm_still_reports_long_movements():
    x = add_burst(rest(120), 40, 12.0, 25)
    result = detect_night(night_of({"left": x}), AASM)
    assert list(result.monolateral["long"]) == [True]
    assert np.isclose(result.monolateral["duration"].iat[0], 12.0, atol=0.1)


def test_low_sampling_rate_is_warned_about():
    sf = 128.0
    night = Night(
        legs={"left": Signal("left", rest(120, sf=sf), sf)},
        duration=120.0,
        hypnogram=Hypnogram.unscored(120.0),
    )
    warnings = detect_night(night).warnings
    assert any("sampled at 128 Hz, below the recommended 200 Hz" in w for w in warnings)


def test_finds_short_movements_of_unusual_shape():
    # bursts with slow, linear or exponential ramps and waxing, decaying or two-humped plateaus,
    # 60 % of them just over the 0.5 s minimum (the truth: what the rules score on each clean burst)
    sim = simulate_night("rls", seed=31, hours=0.5, burst_shapes="varied", short_lms=0.6, ecg_leak_uv=10.0)
    truth = sim.truth
    short = truth[(truth["offset"] - truth["onset"]) < 1.0]
    found = detect_night(sim.night).monolateral
    assert len(short) > 20
    assert matched(short, found) >= 0.95 * len(short)
    assert matched(truth, found) >= 0.97 * len(found)  # precision
