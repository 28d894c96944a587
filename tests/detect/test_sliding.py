"""The numpy sliding-window statistics give scipy's results (scipy stays a reference here)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import ndimage, signal

from plmscope.detect import sliding

SIGNALS = arrays(
    np.float64,
    st.integers(1, 400),
    elements=st.floats(-50, 50, allow_nan=False, width=32) | st.sampled_from([0.0, 1.0, 2.0]),
)
SIZES = st.integers(1, 60)


@settings(max_examples=150, deadline=None)
@given(SIGNALS, SIZES)
def test_moving_mean_is_uniform_filter1d(x, size):
    expected = ndimage.uniform_filter1d(x, size, mode="nearest")
    np.testing.assert_allclose(sliding.moving_mean(x, size), expected, rtol=1e-9, atol=1e-9)


@settings(max_examples=150, deadline=None)
@given(SIGNALS, SIZES)
def test_running_min_max_and_opening_are_scipys(x, size):
    np.testing.assert_array_equal(sliding.running_min(x, size), ndimage.minimum_filter1d(x, size, mode="nearest"))
    np.testing.assert_array_equal(sliding.running_max(x, size), ndimage.maximum_filter1d(x, size, mode="nearest"))
    np.testing.assert_array_equal(sliding.opening(x, size), ndimage.grey_opening(x, size=size, mode="nearest"))


@settings(max_examples=150, deadline=None)
@given(SIGNALS, SIZES, st.floats(0, 100))
def test_running_percentile_and_median_are_scipys(x, size, percentile):
    np.testing.assert_array_equal(
        sliding.running_percentile(x, percentile, size),
        ndimage.percentile_filter(x, percentile, size=size, mode="nearest"),
    )
    np.testing.assert_array_equal(sliding.running_median(x, size), ndimage.median_filter(x, size=size, mode="nearest"))


@settings(max_examples=300, deadline=None)
@given(SIGNALS, st.integers(1, 40))
def test_find_peaks_is_scipys(x, distance):
    expected, _ = signal.find_peaks(x, distance=distance)
    found = sliding.find_peaks(x, distance=distance)
    np.testing.assert_array_equal(sliding.local_maxima(x), signal.find_peaks(x)[0])
    heights = x[sliding.local_maxima(x)]
    if len(set(heights.tolist())) == len(heights):  # scipy's order of equal heights is arbitrary
        np.testing.assert_array_equal(found, expected)  # (numpy's unstable sort on some CPUs)
    else:  # still a greedy choice: kept peaks far apart, each dropped one near a kept one as high
        assert np.all(np.diff(found) >= distance)
        for dropped in set(sliding.local_maxima(x).tolist()) - set(found.tolist()):
            near = found[np.abs(found - dropped) < distance]
            assert len(near) and x[near].max() >= x[dropped]


def test_find_peaks_on_a_long_heartbeat_like_signal_matches_scipy():
    rng = np.random.default_rng(4)
    t = np.arange(200_000) / 100.0
    x = np.maximum(0, np.sin(2 * np.pi * 1.1 * t)) ** 8 + rng.normal(0, 0.05, t.size)
    np.testing.assert_array_equal(sliding.find_peaks(x, distance=30), signal.find_peaks(x, distance=30)[0])


def test_weighted_moving_mean():
    x, w = np.arange(10.0), np.r_[np.ones(5), np.zeros(5)]
    np.testing.assert_allclose(sliding.moving_mean(x, 3, w), ndimage.uniform_filter1d(x * w, 3, mode="nearest"))


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_inputs(n):
    x = np.arange(float(n))
    assert len(sliding.moving_mean(x, 5)) == n and len(sliding.opening(x, 5)) == n
    assert len(sliding.running_percentile(x, 25, 5)) == n and len(sliding.find_peaks(x, 3)) == 0
