"""The truth table holds exactly what the standard scores: no LM too short, dips, decoys."""

import numpy as np
import pandas as pd
import pytest

from plmscope.rules import AASM, WASM2016
from plmscope.simulate import emg, simulate_night, truth

FS = 256.0


def plateau(length_s: float, amplitude: float, ramp_s: float = 0.1) -> np.ndarray:
    """A trapezoid envelope (µV above rest) with short quiet margins on both sides."""
    ramp = np.linspace(0.0, amplitude, int(ramp_s * FS))
    top = np.full(int(length_s * FS), amplitude)
    quiet = np.zeros(int(FS))
    return np.concatenate([quiet, ramp, top, ramp[::-1], quiet])


def test_a_burst_shorter_than_the_minimum_is_rejected():
    lms, rejected = truth.scored_spans(plateau(0.2, 20.0), FS, WASM2016)
    assert lms == [] and len(rejected) == 1


def test_a_dip_shorter_than_the_hold_keeps_one_lm_a_longer_one_splits_it():
    burst = plateau(1.0, 20.0)[int(FS) : -int(FS)]  # no quiet margins
    short_dip = np.concatenate([np.zeros(9), burst, np.zeros(int(0.4 * FS)), burst, np.zeros(200)])
    long_dip = np.concatenate([np.zeros(9), burst, np.zeros(int(0.6 * FS)), burst, np.zeros(200)])
    assert len(truth.scored_spans(short_dip, FS, WASM2016)[0]) == 1
    assert len(truth.scored_spans(long_dip, FS, WASM2016)[0]) == 2


def test_a_burst_below_the_onset_is_no_lm_but_is_seen():
    a = plateau(2.0, 6.0)
    assert truth.scored_spans(a, FS, WASM2016) == ([], [])
    assert truth.decoy_span(a, WASM2016) is not None


def test_a_planned_lm_that_would_be_too_short_is_lengthened():
    rng = np.random.default_rng(0)
    bursts = pd.DataFrame(
        {"start": 5.0 + 3.0 * np.arange(40), "length": 0.5, "amplitude": 8.8,
         "fragmented": False, "kind": "near_threshold"}
    )
    _, table = emg.leg_envelope(rng, bursts, int(130 * FS), FS, WASM2016)
    lms = table[table["lm"]]
    assert len(lms) == len(bursts)
    assert ((lms["offset"] - lms["onset"]) >= WASM2016.min_duration_s).all()


@pytest.mark.parametrize("rules", [WASM2016, AASM], ids=["wasm", "aasm"])
@pytest.mark.parametrize("seed", [1, 2])
def test_every_truth_lm_lasts_at_least_the_minimum(rules, seed):
    sim = simulate_night(
        "rls", seed=seed, hours=0.5, near_threshold=0.6, fragmented_near_threshold=True,
        rules=rules,
    )
    lasts = sim.truth["offset"] - sim.truth["onset"]
    assert len(sim.truth) > 10 and (lasts >= rules.min_duration_s - 1e-9).all()
    assert "near_threshold" in set(sim.truth["kind"])
    assert not set(sim.decoys["kind"]) & set(sim.truth["kind"])  # a burst is one or the other
