"""The ActiLife RAW CSV and generic CSV readers: layouts, units, rates, gaps, bad files."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.export.accel_csv import write_accel_csv
from plmscope.io.accel import accel_format, read_accel_file, read_accel_night

SF = 50.0
START = dt.datetime(2024, 3, 1, 22, 30)


def night_xyz(seconds: float = 120.0, sf: float = SF, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 0.006, (int(seconds * sf), 3))
    x[:, 1] += 0.2
    x[:, 2] += 0.98
    return x


@pytest.mark.parametrize("layout", ["time", "iso", "plain", "actilife"])
def test_every_layout_written_reads_back_the_same_samples(tmp_path, layout):
    xyz = night_xyz()
    path = write_accel_csv(tmp_path / f"{layout}.csv", xyz, SF, layout=layout, start=START)
    rec = read_accel_file(path, sf=SF if layout == "plain" else None)
    assert rec.sf == SF and rec.xyz.shape == xyz.shape
    assert np.abs(rec.xyz - xyz).max() < 2e-3  # 3-4 decimals in the file
    assert accel_format(path) == ("actilife-csv" if layout == "actilife" else "csv")
    assert rec.unit == ("m/s²" if layout == "iso" else "g")
    assert rec.start == (START if layout in ("iso", "actilife") else None)


def test_units_are_told_from_gravity_or_from_the_header(tmp_path):
    xyz = night_xyz()
    lines = "\n".join(f"{i / SF:.2f},{a * 1000:.1f},{b * 1000:.1f},{c * 1000:.1f}" for i, (a, b, c) in enumerate(xyz))
    mg = tmp_path / "mg.csv"
    mg.write_text("time,x,y,z\n" + lines + "\n")
    assert read_accel_file(mg).unit == "mg"
    declared = tmp_path / "declared.csv"
    declared.write_text("t,X [mg],Y [mg],Z [mg]\n" + lines + "\n")
    rec = read_accel_file(declared)
    assert rec.unit == "mg" and np.abs(rec.xyz - xyz).max() < 1e-3


def test_a_phone_export_without_gravity_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "phone.csv"
    rows = "\n".join(f"{i / SF:.2f},0.01,-0.02,0.03" for i in range(3000))
    path.write_text("Time (s),Linear Acceleration x (m/s^2),Linear Acceleration y (m/s^2),Linear Acceleration z (m/s^2)\n" + rows)
    with pytest.raises(PlmscopeInputError, match="gravity removed"):
        read_accel_file(path)


def test_the_rate_is_estimated_and_irregular_samples_resampled(tmp_path):
    rng = np.random.default_rng(3)
    t = np.cumsum(rng.uniform(0.015, 0.025, 6000))  # a phone's jittery 50 Hz
    path = tmp_path / "jitter.csv"
    z = 9.81 + rng.normal(0, 0.05, t.size)
    path.write_text("timestamp;ax;ay;az\n" + "\n".join(f"{s:.4f};0.0;0.0;{v:.3f}" for s, v in zip(t, z)))
    rec = read_accel_file(path)
    assert rec.sf == pytest.approx(50.0, rel=0.02)
    assert len(rec.xyz) == pytest.approx(t[-1] * rec.sf, abs=2) and rec.gaps == []


def test_gaps_are_found_reported_and_never_scored(tmp_path):
    xyz = night_xyz(300)
    t = np.arange(len(xyz)) / SF
    keep = (t < 100) | (t >= 160)  # a minute without samples
    path = tmp_path / "gappy.csv"
    path.write_text("time,x,y,z\n" + "\n".join(f"{s:.3f},{a:.4f},{b:.4f},{c:.4f}" for s, (a, b, c) in zip(t[keep], xyz[keep])))
    rec = read_accel_file(path)
    assert rec.gaps == [(pytest.approx(100.0), pytest.approx(60.0))]
    night = read_accel_night(path)
    assert night.gaps == rec.gaps and night.duration == pytest.approx(300.0)


def test_unix_milliseconds_give_the_clock_time(tmp_path):
    t0 = dt.datetime(2024, 3, 1, 22, 0, tzinfo=dt.UTC).timestamp() * 1000
    path = tmp_path / "unix.csv"
    path.write_text("timestamp,x,y,z\n" + "\n".join(f"{t0 + 20 * i:.0f},0,0,{1 + 0.01 * (i % 3)}" for i in range(3000)))
    rec = read_accel_file(path)
    assert rec.sf == 50.0 and rec.start == dt.datetime(2024, 3, 1, 22, 0)


def test_actilife_without_timestamps_or_column_header(tmp_path):
    xyz = night_xyz(60, sf=30.0)
    full = write_accel_csv(tmp_path / "full.csv", xyz, 30.0, layout="actilife", start=START)
    lines = full.read_text().splitlines()
    bare = tmp_path / "bare.csv"
    bare.write_text("\n".join(lines[:10] + [",".join(row.split(",")[1:]) for row in lines[11:]]) + "\n")
    rec = read_accel_file(bare)
    assert rec.sf == 30.0 and rec.start == START and rec.xyz.shape == xyz.shape
    assert rec.device == "ActiGraph GT3X+"


def test_a_csv_without_axes_is_not_an_accelerometer_file(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("onset,duration,event\n10,2,leg_movement\n")
    assert accel_format(events) is None
    with pytest.raises(PlmscopeInputError, match="not an accelerometer file"):
        read_accel_file(events)


def test_a_csv_without_times_needs_the_rate(tmp_path):
    path = write_accel_csv(tmp_path / "plain.csv", night_xyz(), SF, layout="plain")
    with pytest.raises(PlmscopeInputError, match="--rate"):
        read_accel_file(path)


def test_idle_mode_repeats_become_gaps(tmp_path):
    xyz = night_xyz(200)
    xyz[2000:3000] = xyz[1999]  # 20 s of exactly repeated samples
    rec = read_accel_file(write_accel_csv(tmp_path / "idle.csv", xyz, SF, layout="time"))
    assert rec.gaps == [(pytest.approx(40.0, abs=0.05), pytest.approx(20.0, abs=0.05))]
    assert any("idle mode" in w for w in rec.warnings)


def test_two_legs_with_clocks_are_cut_to_the_time_both_recorded(tmp_path):
    left = write_accel_csv(tmp_path / "l.csv", night_xyz(600), SF, layout="iso", start=START)
    right = write_accel_csv(tmp_path / "r.csv", night_xyz(600, seed=1), SF, layout="iso", start=START + dt.timedelta(seconds=120))
    night = read_accel_night({"left": left, "right": right})
    assert night.start == START + dt.timedelta(seconds=120) and night.duration == pytest.approx(480.0)
    assert {k: v.data.shape for k, v in night.legs.items()} == {"left": (24000, 3), "right": (24000, 3)}
