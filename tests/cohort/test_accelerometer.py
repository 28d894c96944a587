"""Ankle-accelerometer nights in a cohort, scored by the accelerometer readers and detector.

Discovery of the accelerometer formats is tested in test_discover.py and needs no reader.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plmscope.cohort import NightEntry, find_nights, score_many


def write_xyz_csv(path, seconds: float = 600.0, fs: float = 50.0, seed: int = 0) -> None:
    """A generic ``time,x,y,z`` accelerometer file (g): a still leg with a few kicks."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * fs)) / fs
    xyz = rng.normal(0.0, 0.01, (len(t), 3)) + [0.0, 0.0, 1.0]
    for onset in np.arange(60.0, seconds - 30.0, 30.0):
        kick = (t >= onset) & (t < onset + 1.5)
        xyz[kick] += rng.normal(0.0, 0.4, (int(kick.sum()), 3))
    pd.DataFrame({"time": t, "x": xyz[:, 0], "y": xyz[:, 1], "z": xyz[:, 2]}).to_csv(path, index=False, float_format="%.4f")


def test_a_folder_of_accelerometer_nights_is_scored(tmp_path):
    write_xyz_csv(tmp_path / "p1-left.csv", seed=1)
    write_xyz_csv(tmp_path / "p1-right.csv", seed=2)
    write_xyz_csv(tmp_path / "p2.csv", seed=3)
    entries = {e.night_id: e for e in find_nights(tmp_path).entries}
    assert sorted(entries) == ["p1", "p2"] and entries["p1"].kind == "accelerometer"
    table = score_many(tmp_path, out=tmp_path / "res", workers=1, memory_limit=None).set_index("night_id")
    assert (table["status"] == "ok").all(), table["reason"].tolist()
    assert (table["kind"] == "accelerometer").all()
    assert table.loc["p1", "left_channel"] is not None and table.loc["p1", "right_channel"] is not None
