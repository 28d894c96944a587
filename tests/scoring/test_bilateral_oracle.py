"""Joining legs against plain pairwise oracles (hypothesis), and memory on a pathological night.

Times are drawn on a 0.05 s grid, so rule bounds (0.5 s gap, 5 s onset window) are hit
exactly and the 1 µs rounding tolerance decides them as the rules say. Hand-scored input can
overlap on one leg, so the strategy allows that too.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.rules import AASM, WASM2016
from plmscope.scoring.bilateral import check_monolateral, combine_legs, group_labels, leg_pairs
from plmscope.scoring.intervals import TOLERANCE_S

GRID = 0.05
SETTINGS = settings(max_examples=200, deadline=None)


@st.composite
def movements(draw) -> pd.DataFrame:
    """Up to 30 mLMs on random legs, onsets 0–60 s, lengths 0.05–20 s (may overlap)."""
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["left", "right"]), st.integers(0, 1200), st.integers(1, 400)
            ),
            max_size=30,
        )
    )
    table = pd.DataFrame(
        [(leg, a * GRID, (a + n) * GRID) for leg, a, n in rows], columns=["leg", "onset", "offset"]
    )
    return check_monolateral(table)


def components(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    """Component of each node numbered by first appearance (plain union-find)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in pairs:
        parent[root(a)] = root(b)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers)) for i in range(n)]


def wasm_oracle(mono: pd.DataFrame) -> list[int]:
    """Every pair on different legs checked as the rule reads (the former implementation)."""
    on, off, leg = mono["onset"].tolist(), mono["offset"].tolist(), mono["leg"].tolist()
    gap = WASM2016.bilateral_gap_s - TOLERANCE_S
    pairs = [
        (i, j)
        for i in range(len(on))
        for j in range(len(on))
        if leg[i] == "left" and leg[j] == "right" and on[j] < off[i] + gap and off[j] > on[i] - gap
    ]
    return components(len(on), pairs)


def aasm_oracle(mono: pd.DataFrame) -> list[int]:
    """In onset order, an mLM not yet joined joins the first free other-leg mLM < 5 s later."""
    on, leg = mono["onset"].tolist(), mono["leg"].tolist()
    reach = AASM.bilateral_onset_window_s - TOLERANCE_S
    joined = [False] * len(on)
    pairs = []
    for i in range(len(on)):
        for j in range(i + 1, len(on)):
            if joined[i] or on[j] - on[i] >= reach:
                break
            if leg[j] != leg[i] and not joined[j]:
                joined[i] = joined[j] = True
                pairs.append((i, j))
    return components(len(on), pairs)


def labels(mono: pd.DataFrame, rules) -> list[int]:
    on, off = mono["onset"].to_numpy(), mono["offset"].to_numpy()
    legs = mono["leg"].to_numpy(dtype=object)
    return group_labels(len(mono), *leg_pairs(on, off, legs, rules)).tolist()


@SETTINGS
@given(movements())
def test_wasm_joins_match_the_pairwise_oracle(mono):
    assert labels(mono, WASM2016) == wasm_oracle(mono)


@SETTINGS
@given(movements())
def test_aasm_joins_match_the_plain_loop_oracle(mono):
    assert labels(mono, AASM) == aasm_oracle(mono)


@SETTINGS
@given(movements())
def test_aasm_bilateral_lms_have_one_movement_per_leg(mono):
    lms, label = combine_legs(mono, AASM)
    assert set(lms["parts"].tolist()) <= {1, 2}
    legs = mono["leg"].to_numpy()
    for k in np.flatnonzero(lms["parts"] == 2):
        assert sorted(legs[label == k]) == ["left", "right"]


def test_one_all_night_movement_does_not_make_memory_quadratic():
    # right leg: one 0–28800 s "movement" (a slipped hand-scored offset) and 2000 short ones
    # at 10k + 5 s; left leg: 2000 LMs at 10k + 1 s. Each left LM overlaps the long one (so
    # all join it); no short right LM is within 0.5 s of a left one. Listing every pair that
    # may overlap would hold ~2 million pairs (> 30 MB); the links need a few hundred kB.
    n = 2000
    starts = np.arange(n) * 10.0
    table = pd.DataFrame(
        {
            "leg": ["right"] + ["left"] * n + ["right"] * n,
            "onset": np.r_[0.0, starts + 1, starts + 5],
            "offset": np.r_[28800.0, starts + 3, starts + 7],
        }
    )
    mono = check_monolateral(table)
    tracemalloc.start()
    lms, _ = combine_legs(mono, WASM2016)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5e6
    assert lms["parts"].tolist() == [n + 1] + [1] * n
    assert lms["onset"][0] == 0 and lms["offset"][0] == 28800
