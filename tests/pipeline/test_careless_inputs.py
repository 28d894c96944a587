"""The front door under careless use: empty or impossible signals, wrong units, too long a night."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import plmscope
from plmscope.errors import PlmscopeInputError
from plmscope.night import Hypnogram, Night, Signal
from plmscope.report.narrative import later_words, plain_summary
from plmscope.simulate import simulate_night


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (np.array([]), r"expected a \(n_legs, n_samples\)"),
        (np.zeros((2, 0)), r"got shape \(2, 0\)"),
        (np.zeros((0, 1000)), r"got shape \(0, 1000\)"),
        (np.full((2, 256 * 60), np.nan), "all NaN"),
    ],
)
def test_empty_or_impossible_arrays_are_one_clear_error(data, message):
    with pytest.raises(PlmscopeInputError, match=message):
        plmscope.score(data, sf=256.0)


def test_an_empty_leg_in_a_night_never_reaches_the_detector():
    empty = Night(legs={"left": Signal("Leg L", np.zeros(0, dtype=np.float32), 256.0)}, duration=60.0,
                  hypnogram=Hypnogram.unscored(60.0), source="hand-made")
    with pytest.raises(PlmscopeInputError, match="hand-made: the left leg channel 'Leg L' has no samples"):
        plmscope.score(empty)
    short = dataclasses.replace(empty, legs={"left": Signal("Leg L", np.random.default_rng(0).normal(0, 2, 256 * 5).astype(np.float32), 256.0)})
    with pytest.raises(PlmscopeInputError, match="less than one 30 s epoch"):
        plmscope.score(short)


def test_an_array_in_volts_given_as_microvolts_stops():
    volts = np.random.default_rng(0).normal(0, 2e-6, (2, 256 * 120))
    with pytest.raises(PlmscopeInputError, match="recorded in V; .* give --unit V"):
        plmscope.score(volts, sf=256.0)
    assert plmscope.load(volts, sf=256.0, unit="V").legs["left"].unit == "V"


def test_a_recording_over_16_hours_is_said_to_be_several_nights():
    legs = np.random.default_rng(1).normal(0, 2.0, (1, int(17 * 3600 * 50))).astype(np.float32)
    night = plmscope.load(legs, sf=50.0)
    assert any(w.startswith("recording is 17.0 h long: several nights? scored as one") for w in night.warnings)
    assert not any("several nights" in w for w in plmscope.load(legs[:, : 8 * 3600 * 50], sf=50.0).warnings)


def test_later_in_the_night_is_explained_for_a_long_recording():
    result = plmscope.score(simulate_night("hypnic", seed=77, hours=0.5).night)
    assert later_words(result) == "later in the night"
    long = dataclasses.replace(result, recording=dict(result.recording, duration_h=30.0))
    words = later_words(long)
    assert "later in the recording" in words and "may hold several nights" in words
    assert "15 min after first falling asleep" in words


def test_a_mostly_unscorable_low_index_is_not_reassuring():
    result = plmscope.score(simulate_night("healthy", seed=3, hours=0.5).night)
    low = dataclasses.replace(result, indices=dict(result.indices, plms_index=2.0))
    assert "sleep well" in " ".join(plain_summary(low))
    total = low.sleep["tst_total_h"]
    noisy = dataclasses.replace(low, sleep=dict(low.sleep, tst_h=0.2 * total, unscorable_h=0.8 * total))
    text = " ".join(plain_summary(noisy))
    assert "sleep well" not in text and "had leg EMG clean enough to score" in text
    doubtful = dataclasses.replace(low, recording=dict(low.recording, unit_doubt=True))
    assert "do not fit the unit" in " ".join(plain_summary(doubtful))
