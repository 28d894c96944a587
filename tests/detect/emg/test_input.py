"""User mistakes get one clear error."""

import numpy as np
import pytest
from .detect_signals import SF, add_burst, rest

from plmscope.detect import detect_leg_movements
from plmscope.errors import PlmscopeInputError


def test_unknown_unit():
    with pytest.raises(PlmscopeInputError, match="unknown EMG unit 'kV'"):
        detect_leg_movements(rest(10), SF, unit="kV")


def test_sampling_rate_too_low():
    with pytest.raises(PlmscopeInputError, match="at least 50 Hz"):
        detect_leg_movements(rest(10, sf=32.0), 32.0)


def test_two_dimensional_input():
    with pytest.raises(PlmscopeInputError, match="1-D"):
        detect_leg_movements(np.zeros((2, 100)), SF)


@pytest.mark.parametrize("sf", [100.0, 200.0, 512.0])
def test_band_follows_the_sampling_rate(sf):
    x = add_burst(rest(60, sf=sf), 30, 2.0, 20, sf=sf)
    result = detect_leg_movements(x, sf)
    assert result.settings["band_hz"] == (10.0, min(100.0, 0.45 * sf))
    assert result.movements["onset"].to_numpy() == pytest.approx([30], abs=0.1)
