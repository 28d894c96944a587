"""What the simulator writes, the reader reads back: channels, hypnogram and events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plmscope.io import read_night
from plmscope.simulate import simulate_night, write_simulation


@pytest.fixture(scope="module")
def sim():
    return simulate_night("demo", seed=21, hours=0.5, fs=256.0, mains_hz=50.0)


def canonical(events: pd.DataFrame) -> pd.DataFrame:
    cols = ["onset", "duration", "event"]
    table = events[events["event"] != "leg_movement"][cols].sort_values(["onset", "event"])
    return table.reset_index(drop=True).astype({"onset": float, "duration": float, "event": str})


@pytest.mark.parametrize(
    ("unit", "labels"),
    [("uV", ("Leg L", "Leg R")), ("mV", ("LAT", "RAT")), ("V", ("TIB SX", "TIB DX"))],
)
def test_simulated_night_reads_back_equal(tmp_path, sim, unit, labels):
    sim_unit = simulate_night("demo", seed=21, hours=0.5, fs=256.0, mains_hz=50.0, unit=unit)
    edf, truth_csv = write_simulation(sim_unit, tmp_path / "night.edf", labels=labels)
    back = read_night(edf, eeg=True)

    assert set(back.legs) == {"left", "right"}
    assert (back.legs["left"].label, back.legs["right"].label) == labels
    for leg in ("left", "right"):
        wrote, read = sim_unit.night.legs[leg], back.legs[leg]
        assert read.sf == wrote.sf and read.data.dtype == np.float32
        assert len(read.data) == len(wrote.data)
        # 16-bit quantisation over the written physical range: well under 0.2 µV
        assert np.max(np.abs(read.data - wrote.data)) < 0.2
    assert back.ecg is not None and np.corrcoef(back.ecg.data, sim_unit.night.ecg.data)[0, 1] > 0.999
    assert back.eeg is not None

    np.testing.assert_array_equal(back.hypnogram.stages, sim_unit.night.hypnogram.stages)
    assert back.hypnogram_source == "annotations"
    pd.testing.assert_frame_equal(canonical(back.events), canonical(sim_unit.night.events), atol=1e-3)
    assert not back.unknown_labels and not back.warnings
    assert pd.read_csv(truth_csv)[["leg", "onset", "offset"]].shape[0] == len(sim_unit.truth)


def test_signals_do_not_depend_on_the_unit(sim):
    in_volts = simulate_night("demo", seed=21, hours=0.5, fs=256.0, mains_hz=50.0, unit="V")
    np.testing.assert_allclose(in_volts.night.legs["left"].data, sim.night.legs["left"].data)
