"""Wake in bed from the ankles: periodic runs never make wake; clusters of restless moves do."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.detect.accel import AccelDetector
from plmscope.detect.accel.restless import in_periodic_run, movement_stream, restless_clusters, restless_moves
from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS
from plmscope.detect.accel.sleep import wake_bouts
from plmscope.rules import AASM, WASM2016
from plmscope.simulate.accel import simulate_accel_night

NO_POSTURES = pd.DataFrame({"onset": [], "offset": []})


def moves(onsets, durations=2.0) -> pd.DataFrame:
    onsets = np.asarray(onsets, dtype=float)
    return pd.DataFrame({"onset": onsets, "offset": onsets + np.broadcast_to(durations, onsets.shape)})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(10.01, 89.99), min_size=3, max_size=40),
    st.floats(0.5, 9.0),  # a leg's movements end at least 0.5 s before the next starts
)
def test_every_movement_of_a_wasm_series_is_periodic_and_never_restless(imis, duration):
    onsets = np.r_[0.0, np.cumsum(imis)] + 600.0
    series = moves(onsets, duration)
    on, off, parts = movement_stream([series], WASM2016.bilateral_gap_s)
    assert in_periodic_run(on, off, parts, WASM2016).all()
    assert restless_moves([series], NO_POSTURES, WASM2016).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 3600.0), min_size=0, max_size=30), st.integers(2, 5), st.floats(30.0, 600.0))
def test_clusters_hold_at_least_the_moves_asked_for_each_close_to_the_last(times, k, gap):
    on = np.sort(np.asarray(times, dtype=float))
    clusters = restless_clusters(on, on + 1.0, gap, k)
    for start, end in clusters:
        inside = on[(on >= start) & (on < end)]
        assert len(inside) >= k and (np.diff(inside) < gap).all()
    assert all(a[1] < b[0] for a, b in zip(clusters, clusters[1:], strict=False))


def test_a_long_movement_or_an_out_of_range_interval_ends_a_run():
    on = np.array([0.0, 20.0, 40.0, 60.0, 80.0, 100.0])
    off = on + 2.0
    off[3] = on[3] + 12.0  # not a candidate (> 10 s): neither side has 4 in a row
    assert not in_periodic_run(on, off, np.ones(6, int), WASM2016).any()
    spaced = np.array([0.0, 20.0, 40.0, 60.0, 160.0, 180.0, 200.0])  # 100 s > 90 s: 4 then 3
    assert in_periodic_run(spaced, spaced + 2, np.ones(7, int), WASM2016).tolist() == [True] * 4 + [False] * 3
    close = np.array([0.0, 7.0, 14.0, 21.0])  # 5-10 s apart: a series for AASM, not for WASM
    assert not in_periodic_run(close, close + 1, np.ones(4, int), WASM2016).any()
    assert in_periodic_run(close, close + 1, np.ones(4, int), AASM).all()


def test_the_two_legs_are_one_stream_as_bilateral_movements_are():
    left, right = moves([100.0, 125.0, 150.0]), moves([101.0, 175.3])  # 101 overlaps 100-102
    on, off, parts = movement_stream([left, right], 0.5)
    assert on.tolist() == [100.0, 125.0, 150.0, 175.3] and parts.tolist() == [2, 1, 1, 1]
    assert in_periodic_run(on, off, parts, WASM2016).all()  # a series only across both legs


def test_turns_long_and_irregular_movements_are_restless():
    lms = moves([10.0, 400.0, 1000.0], [2.0, 2.0, 25.0])
    turns = pd.DataFrame({"onset": [200.0], "offset": [206.0]})
    found = restless_moves([lms], turns, WASM2016)
    assert found["kind"].tolist() == ["irregular", "posture", "irregular", "long"]


def test_wake_needs_a_cluster_one_turn_or_a_series_alone_stays_sleep():
    s = DEFAULT_ACCEL_SETTINGS
    assert wake_bouts([(1000.0, 1006.0)], s) == []  # one turn in bed
    assert wake_bouts([(1000.0, 1006.0), (2000.0, 2030.0), (3000.0, 3002.0)], s) == []  # far apart
    assert wake_bouts([(1000.0, 1006.0), (1100.0, 1130.0), (1300.0, 1302.0)], s) == [(1000.0, 1302.0)]


def test_a_night_of_plm_series_is_not_cut_into_wake_by_its_own_movements():
    sim = simulate_accel_night("plmd", seed=41, hours=3.0, fs=25.0, shape="restless")
    detection = AccelDetector().detect(sim.night)
    stages = detection.hypnogram.stages
    plms = sim.truth[sim.truth["kind"] == "periodic"]
    epochs = (plms["onset"].to_numpy() // 30).astype(int)
    assert (stages[epochs] == "S").mean() >= 0.9
    assert detection.findings["sleep_estimate"]["restless_moves"] >= 1
