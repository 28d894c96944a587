"""The band-pass is the forward-backward Butterworth labs and peers use, so 8 µV means the same."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from plmscope.detect.emg.leg import leg_envelope
from plmscope.detect.emg.preprocess import butterworth_band_power
from plmscope.detect.emg.settings import DEFAULT_SETTINGS


@settings(max_examples=60, deadline=None)
@given(
    sf=st.floats(100.0, 2000.0),
    lo=st.floats(0.5, 20.0),
    width=st.floats(0.1, 0.8),
    order=st.integers(1, 6),
)
def test_band_power_is_scipy_butterworth_squared(sf, lo, width, order):
    hi = lo + width * (0.49 * sf - lo)
    freqs = np.linspace(0.0, sf / 2, 513)
    sos = signal.butter(order, [lo, hi], btype="bandpass", fs=sf, output="sos")
    _, response = signal.sosfreqz(sos, worN=freqs, fs=sf)
    np.testing.assert_allclose(butterworth_band_power(freqs, sf, (lo, hi), order), np.abs(response) ** 2, atol=1e-9)


@pytest.mark.parametrize("sf", [200.0, 256.0, 512.0])
def test_rectified_envelope_is_that_of_filtfilt_butterworth(sf):
    # the FIR is built from the Butterworth band-pass's own response (it was the product of a
    # separate high-pass and low-pass, which passed 2-6 % less rectified EMG)
    x = np.random.default_rng(3).standard_normal(int(120 * sf))
    sos = signal.butter(4, [10.0, min(100.0, 0.45 * sf)], btype="bandpass", fs=sf, output="sos")
    expected = np.abs(signal.sosfiltfilt(sos, x)).mean()
    blocks = leg_envelope(x.astype(np.float32), sf, DEFAULT_SETTINGS, None).blocks
    assert blocks.mean() == pytest.approx(expected, rel=0.005)
