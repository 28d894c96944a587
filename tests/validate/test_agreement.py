"""The agreement maths: the match rule, per-leg counts, Bland–Altman and ICC, worked by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plmscope.validate import bland_altman, event_agreement, icc_absolute, match_leg


def lms(*rows: tuple[str, float, float]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["leg", "onset", "offset"])


def test_match_rule_same_leg_overlap_onsets_within_one_second():
    ref = lms(("left", 10, 12), ("left", 30, 31), ("left", 50, 51), ("right", 70, 72), ("left", 90, 95))
    found = lms(
        ("left", 11.0, 13),  # onsets 1.0 s apart, overlapping: a match (the bound counts)
        ("left", 31.1, 32),  # starts 1.1 s later and after the reference ended: no match
        ("right", 50.2, 51),  # the other leg: no match
        ("right", 70.5, 71),  # a match
        ("left", 89.5, 89.9),  # within 1 s but ends before the reference starts: no overlap
    )
    a = event_agreement(ref, found)
    assert (a["left"]["matched"], a["left"]["false_positives"], a["left"]["false_negatives"]) == (1, 2, 3)
    assert (a["right"]["matched"], a["right"]["false_positives"], a["right"]["false_negatives"]) == (1, 1, 0)
    # both legs: 2 matched of 5 reference and 5 found: precision 2/5, recall 2/5, F1 = 4 / (4 + 3 + 3)
    assert a["both"]["precision"] == 0.4 and a["both"]["recall"] == 0.4 and a["both"]["f1"] == 0.4
    assert a["both"]["onset_error_s"]["mean"] == pytest.approx((1.0 + 0.5) / 2)
    assert a["both"]["offset_error_s"]["median"] == pytest.approx((1.0 - 1.0) / 2)


def test_one_to_one_closest_onsets_first():
    # two detections near one reference: the closer is the match, the other a false positive
    ref = lms(("left", 10, 12))
    found = lms(("left", 10.6, 11), ("left", 10.1, 10.5))
    m = match_leg(ref, found)
    assert m.found.tolist() == [1] and event_agreement(ref, found)["left"]["false_positives"] == 1


def test_nothing_on_either_side_is_undefined_not_perfect():
    a = event_agreement(lms(), lms())
    assert a["both"]["f1"] is None and a["left"]["precision"] is None


def brute_force_matches(ref: pd.DataFrame, found: pd.DataFrame, tolerance: float = 1.0) -> int:
    """The largest number of one-to-one pairs the rule allows (a maximum matching, by search)."""
    pairs = [
        (i, j) for i, r in ref.iterrows() for j, f in found.iterrows()
        if r.leg == f.leg and f.onset < r.offset and f.offset > r.onset and abs(f.onset - r.onset) <= tolerance
    ]  # fmt: skip
    for size in range(min(len(ref), len(found)), 0, -1):
        for chosen in itertools.combinations(pairs, size):
            if len({p[0] for p in chosen}) == size and len({p[1] for p in chosen}) == size:
                return size
    return 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["left", "right"]), st.floats(0, 20), st.floats(0.5, 3)), max_size=5),
    st.lists(st.tuples(st.sampled_from(["left", "right"]), st.floats(0, 20), st.floats(0.5, 3)), max_size=5),
)
def test_greedy_matching_finds_as_many_pairs_as_possible_when_lms_do_not_crowd(ref_rows, found_rows):
    # LMs of one leg at least 2.5 s apart (as real LMs are: 0.5 s of rest between them) cannot
    # compete for a partner, so closest-first is also a maximum matching
    def spaced(rows):
        rows = sorted(rows, key=lambda r: r[1])
        kept = []
        for leg, onset, length in rows:
            if all(k[0] != leg or abs(k[1] - onset) >= 2.5 + max(length, k[2] - k[1]) for k in kept):
                kept.append((leg, onset, onset + min(length, 2.0)))
        return lms(*kept)

    ref, found = spaced(ref_rows), spaced(found_rows)
    assert event_agreement(ref, found)["both"]["matched"] == brute_force_matches(ref, found)


def test_bland_altman_by_hand():
    # differences 1, -1, 2, 0: bias 0.5, SD sqrt(((0.5)² + (1.5)² + (1.5)² + (0.5)²) / 3) = 1.291
    r = bland_altman(np.array([11.0, 19, 32, 40]), np.array([10.0, 20, 30, 40]))
    assert r["n"] == 4 and r["bias"] == 0.5
    assert r["sd"] == pytest.approx(np.sqrt(5 / 3))
    assert r["loa_high"] == pytest.approx(0.5 + 1.96 * np.sqrt(5 / 3))
    assert bland_altman(np.array([np.nan]), np.array([1.0]))["bias"] is None


def test_icc_absolute_agreement_drops_with_a_constant_offset_that_consistency_would_forgive():
    a = np.array([10.0, 20, 30, 40, 50])
    assert icc_absolute(a, a) == pytest.approx(1.0)
    shifted = icc_absolute(a + 10, a)
    # MSR = 2·var of row means·... worked: rows (15,25,35,45,55) -> MSR = 2·250 = 500, MSC = 5·50 = 250,
    # MSE = 0: ICC = 500 / (500 + 2·250/5) = 500/600
    assert shifted == pytest.approx(500 / 600)
    assert icc_absolute(np.array([1.0]), np.array([1.0])) is None
