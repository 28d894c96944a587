"""Interval helpers: union, overlap tests (closed/open), covered time, rounding tolerance."""

from __future__ import annotations

import numpy as np

from plmscope.scoring.intervals import (
    at_least,
    at_most,
    covered_seconds,
    less_than,
    merge_intervals,
    overlaps_any,
)


def test_merge_joins_overlapping_and_touching_intervals_and_drops_empty_ones():
    starts, ends = merge_intervals([5, 0, 2, 10, 20], [6, 2, 3, 12, 20])
    assert starts.tolist() == [0, 5, 10] and ends.tolist() == [3, 6, 12]


def test_closed_overlap_counts_touching_and_open_does_not():
    on, off = np.array([0.0, 3.0, 7.0]), np.array([1.0, 4.0, 8.0])
    assert overlaps_any(on, off, [1.0], [3.0], closed=True).tolist() == [True, True, False]
    assert overlaps_any(on, off, [1.0], [3.0], closed=False).tolist() == [False, False, False]
    assert overlaps_any(on, off, [0.5], [3.5], closed=False).tolist() == [True, True, False]


def test_overlap_with_no_intervals_is_false():
    assert overlaps_any([1.0], [2.0], [], []).tolist() == [False]


def test_covered_seconds_counts_the_union_inside_the_window():
    # union of 0–10 and 5–20 is 0–20; inside 8–30 that is 12 s
    assert covered_seconds([0, 5], [10, 20], 8, 30) == 12


def test_bounds_allow_float_rounding():
    imi = 60.1 - 50.1  # 10.000000000000007
    assert at_most(imi, 10.0) and at_least(9.999999999, 10.0)
    assert not less_than(0.5000000001, 0.5) and less_than(0.49, 0.5)
