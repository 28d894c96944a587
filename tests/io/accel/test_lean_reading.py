"""Reading lean: samples on the grid are not copied or resampled, units scale in place, holes are handled."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel import read_accel_file
from plmscope.io.accel.read import idle_runs
from plmscope.io.accel.text import all_finite, read_columns
from plmscope.io.accel.timing import to_regular_grid
from plmscope.io.accel.units import in_g

SF = 50.0


def rows(n: int = 3000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xyz = rng.normal(0.0, 0.01, (n, 3))
    xyz[:, 2] += 1.0
    return np.arange(n) / SF, xyz


def test_samples_already_on_the_grid_come_back_as_they_are():
    t, xyz = rows()
    x32 = xyz.astype(np.float32)
    grid, sf, gaps, resampled = to_regular_grid(t + 0.003, x32)  # jitter well under a quarter interval
    assert grid is x32 and sf == SF and gaps == [] and not resampled
    grid, _, _, resampled = to_regular_grid(t + np.where(np.arange(len(t)) == 500, 0.012, 0.0), x32)
    assert resampled and grid is not x32 and grid.shape == x32.shape  # one sample 0.6 intervals off


def test_a_unit_is_scaled_in_place_only_when_asked():
    _, xyz = rows()
    mss = (xyz * 9.80665).astype(np.float32)
    copy, unit, _ = in_g(mss, None, "leg.csv")
    assert unit == "m/s²" and copy is not mss and float(np.median(mss[:, 2])) > 9
    same, _, _ = in_g(mss, None, "leg.csv", in_place=True)
    assert same is mss and np.allclose(np.median(mss[:, 2]), 1.0, atol=0.01)


def test_the_axes_come_as_one_float32_array_and_the_time_as_numbers(tmp_path):
    t, xyz = rows(200)
    path = tmp_path / "leg.csv"
    path.write_text("time;x;y;z\n" + "\n".join(f"{s:.2f};{a:.4f};{b:.4f};{c:.4f}" for s, (a, b, c) in zip(t, xyz)) + "\n")
    axes, time = read_columns(path, skip_rows=0, names=None, delimiter=";", axes=["x", "y", "z"], time="time", numeric_time=True)
    assert axes.dtype == np.float32 and axes.shape == (200, 3) and axes.flags.c_contiguous
    assert np.abs(axes - xyz).max() < 1e-4 and time.to_numpy()[-1] == pytest.approx(t[-1])


def test_nan_and_inf_are_found_by_the_fast_check():
    x = np.zeros((1000, 3), np.float32)
    assert all_finite(x)
    for bad in (np.nan, np.inf, -np.inf):
        y = x.copy()
        y[777, 1] = bad
        assert not all_finite(y)


def test_rows_with_holes_are_skipped_and_said_so(tmp_path):
    t, xyz = rows()
    lines = [f"{s:.2f},{a:.4f},{b:.4f},{c:.4f}" for s, (a, b, c) in zip(t, xyz)]
    lines[100] = f"{t[100]:.2f},,0.1,1.0"
    lines[200] = f"{t[200]:.2f},NaN,0.1,1.0"
    path = tmp_path / "holes.csv"
    path.write_text("time,x,y,z\n" + "\n".join(lines) + "\n")
    rec = read_accel_file(path)
    assert rec.xyz.shape == (3000, 3) and all_finite(rec.xyz)  # put back on the grid
    assert any("2 rows with empty or non-numeric values skipped" in w for w in rec.warnings)


def test_an_empty_time_is_refused_in_one_line(tmp_path):
    t, xyz = rows(100)
    lines = [f"{s:.2f},{a:.4f},{b:.4f},{c:.4f}" for s, (a, b, c) in zip(t, xyz)]
    lines[50] = ",0.1,0.1,1.0"
    path = tmp_path / "no_time.csv"
    path.write_text("time,x,y,z\n" + "\n".join(lines) + "\n")
    with pytest.raises(PlmscopeInputError, match="empty or non-numeric times"):
        read_accel_file(path)


def test_iso_times_with_a_zone_and_with_a_space_read_alike(tmp_path):
    t, xyz = rows()
    base = dt.datetime(2024, 3, 1, 22, 30)
    for name, fmt in (("space.csv", "%Y-%m-%d %H:%M:%S.%f"), ("zulu.csv", "%Y-%m-%dT%H:%M:%S.%fZ")):
        path = tmp_path / name
        stamps = [(base + dt.timedelta(seconds=float(s))).strftime(fmt) for s in t]
        path.write_text("timestamp,x,y,z\n" + "\n".join(f"{s},{a:.4f},{b:.4f},{c:.4f}" for s, (a, b, c) in zip(stamps, xyz)) + "\n")
        rec = read_accel_file(path)
        assert rec.start == base and rec.sf == SF and rec.xyz.shape == (3000, 3) and rec.gaps == []


def test_idle_runs_need_all_three_axes_repeated():
    _, xyz = rows()
    x = xyz.astype(np.float32)
    x[1000:2000, 0] = x[999, 0]  # x alone repeats for 20 s: a measurement, not idle mode
    assert idle_runs(x, SF) == []
    x[1000:2000] = x[999]
    assert idle_runs(x, SF) == [(20.0, 20.0)]
