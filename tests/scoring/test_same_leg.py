"""One movement scored twice on one leg is counted once: same-leg fragments are joined."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.rules import WASM2016
from plmscope.scoring.same_leg import merge_same_leg
from tests.scoring.helpers import hypnogram, mono, score, train


def test_a_leg_scored_on_two_derivations_counts_each_movement_once():
    # the same 6 periodic movements scored twice, the copies 0.1 s later: PLMS as for one copy
    once = train(range(60, 240, 30))
    twice = once + [(a + 0.1, b + 0.1) for a, b in once]
    single, double = score(mono(left=once)), score(mono(left=twice))
    assert double.indices["n_plms"] == single.indices["n_plms"] == 6
    assert double.indices["plms_index"] == single.indices["plms_index"]
    warning = next(w for w in double.warnings if "same leg" in w)
    assert warning.startswith("6 leg movements overlapped or were less than 0.5 s apart")
    assert not any("same leg" in w for w in single.warnings)


def test_half_a_second_apart_is_two_movements():
    result = score(mono(left=[(100, 101), (101.5, 103)]))
    assert len(result.movements) == 2 and not any("same leg" in w for w in result.warnings)


def test_joining_never_makes_a_bilateral_lm_and_keeps_largest_values():
    table = mono(left=[(100, 102), (101, 104)], right=[(200, 202)]).assign(peak_uv=[30.0, 50.0, 20.0])
    merged, n = merge_same_leg(table, 0.5)
    assert n == 1 and merged["leg"].tolist() == ["left", "right"]
    assert merged[["onset", "offset", "peak_uv"]].values.tolist() == [[100, 104, 50], [200, 202, 20]]


def test_a_detected_night_has_nothing_to_join():
    from plmscope.detect import EmgDetector
    from plmscope.simulate import simulate_night

    detection = EmgDetector(WASM2016).detect(simulate_night("plmd", seed=8, hours=0.3).night)
    assert merge_same_leg(detection.monolateral, WASM2016.offset_hold_s)[1] == 0


intervals = st.lists(
    st.tuples(
        st.sampled_from(["left", "right"]),
        st.floats(0, 500, allow_nan=False).map(lambda x: round(x, 2)),
        st.floats(0.1, 12, allow_nan=False).map(lambda x: round(x, 2)),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(intervals)
def test_joined_movements_cover_the_same_time_and_are_half_a_second_apart(rows):
    table = pd.DataFrame(
        [(leg, on, on + length) for leg, on, length in rows], columns=["leg", "onset", "offset"]
    )
    merged, n = merge_same_leg(table, 0.5)
    assert len(merged) == len(table) - n
    for leg in ("left", "right"):
        mine = merged[merged["leg"] == leg].sort_values("onset")
        gaps = mine["onset"].to_numpy()[1:] - mine["offset"].to_numpy()[:-1]
        assert np.all(gaps >= 0.5 - 1e-6)  # no two left that the rules would join
        given_rows = table[table["leg"] == leg]
        for on, off in given_rows[["onset", "offset"]].to_numpy():  # every movement inside one
            inside = (mine["onset"] <= on + 1e-9) & (mine["offset"] >= off - 1e-9)
            assert inside.sum() == 1
    again, n_again = merge_same_leg(merged, 0.5)
    assert n_again == 0 and again[["leg", "onset", "offset"]].equals(merged[["leg", "onset", "offset"]])


def test_hand_scored_duplicates_through_the_whole_score():
    hyp = hypnogram(600)
    lms = mono(left=train(range(60, 300, 25)), right=train(range(60, 300, 25)))
    doubled = pd.concat([lms, lms], ignore_index=True)
    a, b = score(lms, hyp=hyp, duration=600), score(doubled, hyp=hyp, duration=600)
    assert a.indices == b.indices
