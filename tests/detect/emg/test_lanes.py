"""The EMG detector's two lanes: the same answer as one thread, and a failure that surfaces."""

from __future__ import annotations

import pandas as pd
import pytest

from plmscope.detect.emg import detector as detector_module
from plmscope.detect.emg.detector import EmgDetector
from plmscope.simulate import simulate_night


@pytest.fixture(scope="module")
def night():
    return simulate_night("plmd", seed=11, hours=0.5).night


def test_two_lanes_find_what_one_thread_finds(night):
    one = EmgDetector(threads=1).detect(night)
    two = EmgDetector(threads=2).detect(night)
    assert len(one.monolateral) > 20
    pd.testing.assert_frame_equal(one.monolateral, two.monolateral)
    pd.testing.assert_frame_equal(one.unscorable, two.unscorable)
    assert one.per_leg == two.per_leg
    assert one.warnings == two.warnings


@pytest.mark.parametrize("failing", ["left", "right"])
def test_a_leg_that_fails_to_filter_raises_from_detect(night, monkeypatch, failing):
    real = detector_module.leg_envelope
    legs = iter(night.legs)  # the worker filters the legs in order

    def leg_envelope(x, sf, settings, mains, beats=None, **kwargs):
        if next(legs) == failing:
            raise ValueError(f"{failing} leg broke")
        return real(x, sf, settings, mains, beats, **kwargs)

    monkeypatch.setattr(detector_module, "leg_envelope", leg_envelope)
    with pytest.raises(ValueError, match=f"{failing} leg broke"):
        EmgDetector(threads=2).detect(night)


def test_a_failure_in_the_movements_lane_stops_the_filtering(night, monkeypatch):
    filtered = []
    real = detector_module.leg_envelope

    def leg_envelope(x, sf, settings, mains, beats=None, **kwargs):
        filtered.append(1)
        return real(x, sf, settings, mains, beats, **kwargs)

    def movements_from_envelope(*args, **kwargs):
        raise RuntimeError("second half broke")

    monkeypatch.setattr(detector_module, "leg_envelope", leg_envelope)
    monkeypatch.setattr(detector_module, "movements_from_envelope", movements_from_envelope)
    with pytest.raises(RuntimeError, match="second half broke"):
        EmgDetector(threads=2).detect(night)
    assert 1 <= len(filtered) <= len(night.legs)
