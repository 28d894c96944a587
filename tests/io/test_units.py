"""Physical dimensions V, mV, µV (both micro signs) give the same µV; unknown units need --unit."""

from __future__ import annotations

import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.io import read_night

from .conftest import emg, set_dimension

STEP_UV = 2000.0 / 65535  # quantisation step for the ±1000 µV range used in the test files


@pytest.mark.parametrize("unit", ["uV", "mV", "V"])
def test_volt_mv_uv_give_the_same_microvolts(make_edf, unit: str) -> None:
    left, right = emg(), emg(seed=1)
    path = make_edf(
        f"{unit}.edf", {"Leg L": left, "Leg R": right}, units={"Leg L": unit, "Leg R": unit}
    )
    night = read_night(path)
    assert night.legs["left"].data.dtype == np.float32
    assert night.legs["left"].unit == unit
    np.testing.assert_allclose(night.legs["left"].data, left, atol=STEP_UV)
    np.testing.assert_allclose(night.legs["right"].data, right, atol=STEP_UV)


@pytest.mark.parametrize(
    "raw", ["\u00b5V".encode("latin-1"), "\u00b5V".encode(), "\u03bcV".encode()]
)
def test_both_micro_signs_in_any_encoding(make_edf, raw: bytes) -> None:
    left = emg()
    path = make_edf("micro.edf", {"Leg L": left, "Leg R": emg(seed=1)})
    set_dimension(path, 0, raw)
    night = read_night(path)
    assert night.legs["left"].unit in ("\u00b5V", "\u03bcV")
    np.testing.assert_allclose(night.legs["left"].data, left, atol=STEP_UV)


@pytest.mark.parametrize("raw", [b"", b"degC"])
def test_unknown_unit_is_an_error_naming_channel_and_unit(make_edf, raw: bytes) -> None:
    path = make_edf("odd.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    set_dimension(path, 1, raw)
    with pytest.raises(PlmscopeInputError, match=rf"'Leg R' has unit '{raw.decode()}'.*--unit"):
        read_night(path)


def test_unknown_unit_with_unit_given_is_used_and_said(make_edf) -> None:
    right = emg(seed=1)
    path = make_edf("odd.edf", {"Leg L": emg(), "Leg R": right})
    set_dimension(path, 1, b"")
    night = read_night(path, unit="uV")
    np.testing.assert_allclose(night.legs["right"].data, right, atol=STEP_UV)
    assert "unit of channel 'Leg R' assumed uV as given by --unit" in night.warnings


def test_implausible_size_warns_that_the_unit_may_be_wrong(make_edf) -> None:
    path = make_edf("big.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    set_dimension(path, 0, b"V")  # values are really µV: a million times too big once scaled
    night = read_night(path)
    doubts = [w for w in night.warnings if "unit may be wrong" in w]
    assert len(doubts) == 1 and "'Leg L'" in doubts[0]


def test_unit_given_must_be_a_voltage(make_edf) -> None:
    path = make_edf("odd.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    set_dimension(path, 0, b"")
    with pytest.raises(PlmscopeInputError, match="--unit 'furlong' is not a voltage unit"):
        read_night(path, unit="furlong")


def test_unit_given_overrides_a_wrong_declared_unit(make_edf) -> None:
    left = emg()
    path = make_edf("wrong.edf", {"Leg L": left, "Leg R": emg(seed=1)})
    set_dimension(path, 0, b"V")  # header says V, values are really µV
    night = read_night(path, unit="uV")
    np.testing.assert_allclose(night.legs["left"].data, left, atol=STEP_UV)
    assert any("declares 'V' but --unit uV was used" in w for w in night.warnings)
    assert not any("unit may be wrong" in w for w in night.warnings)


def test_bad_unit_is_refused_even_when_the_file_declares_one(make_edf) -> None:
    path = make_edf("ok.edf", {"Leg L": emg(), "Leg R": emg(seed=1)})
    with pytest.raises(PlmscopeInputError, match="--unit 'furlong' is not a voltage unit"):
        read_night(path, unit="furlong")
