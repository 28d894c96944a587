"""Burst envelopes and movement schedules: ramps, fragments, long LMs, doublets, clashes."""

import numpy as np
import pandas as pd
import pytest

from plmscope.rules import WASM2016
from plmscope.simulate import bursts, emg, movements

FS = 256.0


def test_envelope_ramps_and_plateau_mean():
    rng = np.random.default_rng(0)
    for _ in range(50):
        amp = rng.uniform(10, 80)
        env, plateau = emg.burst_envelope(rng, rng.uniform(0.8, 5.0), amp, FS, fragmented=True)
        assert env[0] < 0.1 * amp and env[-1] < 0.1 * amp
        assert 0.05 * FS * 0.9 <= plateau.start <= 0.3 * FS + 1  # rise 50–300 ms
        assert env[plateau].mean() == pytest.approx(amp, rel=1e-6)


def test_fragments_never_split_one_movement():
    rng = np.random.default_rng(1)
    for _ in range(200):
        env, _ = emg.burst_envelope(rng, rng.uniform(1.0, 20.0), rng.uniform(9, 60), FS, True)
        active = np.flatnonzero(env >= WASM2016.offset_threshold_uv)
        quiet = np.ones(active[-1] - active[0] + 1, dtype=bool)
        quiet[active - active[0]] = False
        runs = np.diff(np.flatnonzero(np.diff(np.r_[0, quiet.astype(int), 0])))[::2]
        assert runs.size == 0 or runs.max() < 0.5 * FS


def test_truth_times_come_from_the_envelope_thresholds():
    rng = np.random.default_rng(2)
    table = pd.DataFrame(
        {
            "start": [10.0, 30.0],
            "length": [2.0, 15.0],
            "amplitude": [9.5, 60.0],
            "fragmented": [False, True],
        }
    )
    env, truth = emg.leg_envelope(rng, table, int(60 * FS), FS, WASM2016)
    for on, off in zip(truth["onset"], truth["offset"]):
        assert env[int(on * FS)] >= 8.0 and env[int(on * FS) - 1] < 8.0
        assert env[int(off * FS) - 1] >= 2.0 and env[int(off * FS)] < 2.0
    assert truth["offset"].iat[1] - truth["onset"].iat[1] > 10.0  # a long LM stays long
    assert truth["amplitude_uv"].iat[0] == pytest.approx(9.5, rel=1e-6)


def test_burst_rms_lifts_the_rectified_mean_by_the_envelope():
    rest = np.full(3, 1.5)
    a = np.array([0.0, 8.0, 40.0])
    sigma = np.sqrt(emg.burst_rms(a, rest) ** 2 + rest**2)
    np.testing.assert_allclose(np.sqrt(2 / np.pi) * (sigma - rest), a)


def test_doublets_follow_their_periodic_lm_by_3_to_8_s():
    rng = np.random.default_rng(3)
    periodic = movements.movement_table(
        np.arange(10) * 30.0 + 100.0, 4.0, "periodic", "left", 0.0, 20.0
    )
    second = movements.doublets(rng, periodic, prob=1.0)
    gaps = second["onset"].to_numpy() - periodic["onset"].to_numpy()
    assert ((gaps >= 3.0) & (gaps <= 8.0)).all()
    shortened = movements.shorten_before_doublets(periodic, second)
    room = second["onset"].to_numpy() - shortened["onset"] - shortened["length"]
    assert (room >= 1.5 - 1e-9).all()


def test_clashing_bursts_keep_the_stronger_kind():
    table = pd.DataFrame(
        {
            "event_id": [0, 1, 2],
            "leg": ["left", "left", "right"],
            "start": [10.0, 12.0, 12.0],
            "length": [3.0, 15.0, 2.0],
            "amplitude": [20.0, 50.0, 20.0],
            "kind": ["isolated", "long", "isolated"],
            "pattern": ["isolated", "long", "isolated"],
            "fragmented": [True, True, True],
        }
    )
    kept = bursts.resolve_clashes(table)
    assert sorted(kept["event_id"]) == [1, 2]


def test_varied_shapes_and_short_lms_keep_the_truth_by_the_rules():
    from plmscope.simulate import simulate_night

    plain = simulate_night("plmd", seed=8, hours=0.5)
    varied = simulate_night("plmd", seed=8, hours=0.5, burst_shapes="varied", short_lms=0.6)
    # the same movements are planned (the shapes draw on their own stream) ...
    assert len(varied.truth) == pytest.approx(len(plain.truth), abs=3)
    # ... but piled near the 0.5 s minimum, never below it
    plain_d = plain.truth["offset"] - plain.truth["onset"]
    varied_d = varied.truth["offset"] - varied.truth["onset"]
    assert varied_d.min() >= 0.5 - 1e-9
    assert (varied_d < 1.0).mean() > 0.4 > (plain_d < 1.0).mean()
    assert varied.params["burst_shapes"] == "varied" and varied.params["short_lms"] == 0.6


def test_every_varied_shape_is_scored_on_its_own_envelope():
    from plmscope.simulate import shapes, truth
    from plmscope.rules import WASM2016

    rng = np.random.default_rng(3)
    for _ in range(40):
        env, plateau = shapes.varied_envelope(rng, rng.uniform(0.5, 3.0), rng.uniform(9.0, 40.0), 256.0)
        assert env.min() >= 0 and env[plateau].mean() > 0
        lms, rejected = truth.scored_spans(env, 256.0, WASM2016)
        for on, off in lms:  # an LM is where the envelope first reaches 8 µV ...
            assert env[on] >= 8.0 and (on == 0 or env[on - 1] < 8.0)


def test_bad_shape_options():
    from plmscope.simulate import simulate_night

    with pytest.raises(ValueError, match="burst_shapes"):
        simulate_night("plmd", hours=0.1, burst_shapes="odd")
    with pytest.raises(ValueError, match="short_lms"):
        simulate_night("plmd", hours=0.1, short_lms=1.5)
