"""The binary readers on small real files (tests/data/accel, MIT / Apache-2.0, see README.md there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel import accel_format, read_accel_file, read_accel_night

DATA = Path(__file__).parents[2] / "data" / "accel"


@pytest.mark.parametrize(
    ("name", "fmt", "samples", "sf", "seconds", "start", "device"),
    [
        ("actigraph.gt3x", "gt3x", 4860, 60.0, 81.0, dt.datetime(2024, 4, 30, 14, 53), "wGT3XBT"),
        ("geneactiv.bin", "bin", 6000, 60.0, 100.0, dt.datetime(2024, 4, 30, 15, 13, 30), "GENEActiv"),
        ("axivity_ax3.cwa", "cwa", 3600, 100.0, 36.4, dt.datetime(2019, 2, 26, 10, 55, 6), "AX3"),
        ("axivity_ax6.cwa", "cwa", 1200, 100.0, 12.1, dt.datetime(2019, 12, 23, 21, 4, 6), "AX6"),
    ],
)
def test_each_binary_format_is_decoded_with_its_rate_clock_and_device(name, fmt, samples, sf, seconds, start, device):
    path = DATA / name
    assert accel_format(path) == fmt
    rec = read_accel_file(path)
    assert rec.format == fmt and rec.sf == sf and rec.unit == "g" and rec.device == device
    assert rec.xyz.dtype == np.float32 and rec.xyz.shape[1] == 3
    # on the regular grid: as many samples as the timestamps span (the CWA clock runs ~1 % slow)
    assert abs(len(rec.xyz) - samples) <= 0.012 * samples + 1
    assert rec.duration == pytest.approx(seconds, abs=0.2)
    assert abs((rec.start - start).total_seconds()) < 1.0
    assert rec.gaps == []


@pytest.mark.parametrize("name", ["actigraph.gt3x", "geneactiv.bin", "axivity_ax3.cwa"])
def test_devices_at_rest_measure_one_g(name):
    rec = read_accel_file(DATA / name)
    magnitude = np.median(np.linalg.norm(rec.xyz, axis=1))
    assert 0.95 < magnitude < 1.1
    assert not any("far from gravity" in w for w in rec.warnings)


def test_a_scaling_far_from_gravity_is_warned_of():
    rec = read_accel_file(DATA / "axivity_ax6.cwa")  # this AX6 bench file reads 0.08 g at the median
    assert any("far from gravity's 1 g" in w for w in rec.warnings)


def test_the_placement_a_file_names_is_kept_and_a_wrist_is_named():
    night = read_accel_night(DATA / "axivity_ax3.cwa", leg="right")  # its session says "right wrist"
    assert night.kind == "accelerometer" and night.legs["right"].data.shape[1] == 3
    assert any("right wrist" in w and "cannot count leg movements" in w for w in night.warnings)


def test_two_real_files_of_different_devices_and_days_do_not_overlap():
    with pytest.raises(PlmscopeInputError, match="do not overlap in time"):
        read_accel_night({"left": DATA / "actigraph.gt3x", "right": DATA / "axivity_ax3.cwa"})


def test_a_recording_shorter_than_an_epoch_is_refused():
    with pytest.raises(PlmscopeInputError, match="30 s epoch"):
        read_accel_night(DATA / "axivity_ax6.cwa")


def test_a_damaged_binary_file_gets_one_line_naming_it(tmp_path):
    broken = tmp_path / "broken.cwa"
    broken.write_bytes((DATA / "axivity_ax3.cwa").read_bytes()[:700])
    with pytest.raises(PlmscopeInputError) as err:
        read_accel_file(broken)
    assert "broken.cwa" in str(err.value) and "\n" not in str(err.value)
