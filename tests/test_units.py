"""One unit table for the whole pipeline: the reader, the detector and the writers agree."""

from __future__ import annotations

import numpy as np
import pytest

from plmscope.detect import detect_leg_movements
from plmscope.errors import PlmscopeInputError
from plmscope.units import acceleration_factor, to_microvolts, voltage_factor


def test_nanovolt_factor() -> None:
    assert voltage_factor("nV") == pytest.approx(1e-3)
    assert voltage_factor(" \u00b5V ") == 1.0
    assert voltage_factor("degC") is None


@pytest.mark.parametrize("unit", ["nV", "uV", "\u00b5V", "\u03bcV", "mV", "V", "microvolts", "Volt"])
def test_every_voltage_the_reader_accepts_the_detector_accepts(unit: str) -> None:
    rng = np.random.default_rng(0)
    emg_uv = rng.normal(0.0, 1.0, 256 * 120).astype(np.float32)
    emg_uv[256 * 60 : 256 * 62] += rng.normal(0.0, 40.0, 512).astype(np.float32)
    in_unit = emg_uv / voltage_factor(unit)
    found = detect_leg_movements(in_unit, 256.0, unit=unit)
    assert len(found.movements) == 1
    assert found.movements["onset"].iloc[0] == pytest.approx(60.0, abs=0.1)


def test_to_microvolts_refuses_what_is_not_one_voltage_channel() -> None:
    with pytest.raises(PlmscopeInputError, match="unknown EMG unit 'degC'"):
        to_microvolts(np.zeros(10), "degC")
    with pytest.raises(PlmscopeInputError, match="1-D"):
        to_microvolts(np.zeros((2, 10)), "uV")
    with pytest.raises(PlmscopeInputError, match="real numbers"):
        to_microvolts(np.array(["a", "b"]), "uV")


@pytest.mark.parametrize(
    ("unit", "factor"),
    [("g", 1.0), ("mg", 1e-3), ("m/s\u00b2", 1 / 9.80665), ("m/s^2", 1 / 9.80665), ("M/S2", 1 / 9.80665)],
)
def test_acceleration_units(unit: str, factor: float) -> None:
    assert acceleration_factor(unit) == pytest.approx(factor)
    assert acceleration_factor("uV") is None and voltage_factor("g") is None
