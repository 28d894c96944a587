"""Writing a simulated night as EDF+ and its truth as CSV, and reading both back."""

import edfio
import numpy as np
import pandas as pd
import pytest

from plmscope.simulate import read_truth, simulate_night, write_simulation


@pytest.fixture(scope="module")
def demo():
    return simulate_night("demo", seed=2, hours=1.0)


@pytest.mark.parametrize("unit, scale", [("uV", 1.0), ("mV", 1e-3), ("V", 1e-6)])
def test_signals_are_stored_in_the_declared_unit(tmp_path, demo, unit, scale):
    edf_path, _ = write_simulation(demo, tmp_path / "night.edf", unit=unit)
    edf = edfio.read_edf(edf_path)
    legs = {s.label: s for s in edf.signals}
    for label, leg in (("Leg L", "left"), ("Leg R", "right")):
        assert legs[label].physical_dimension == unit
        step = (legs[label].physical_max - legs[label].physical_min) / 65535 / scale
        assert step < 0.1  # 16-bit resolution well below 0.1 µV
        stored = legs[label].data / scale
        np.testing.assert_allclose(stored, demo.night.legs[leg].data, atol=step)
    assert legs["ECG"].physical_dimension == unit and "C3-M2" in legs


def test_leg_labels_can_be_chosen(tmp_path, demo):
    edf_path, _ = write_simulation(demo, tmp_path / "night.edf", labels=("TIB SX", "TIB DX"))
    labels = [s.label for s in edfio.read_edf(edf_path).signals]
    assert labels == ["TIB SX", "TIB DX", "ECG", "C3-M2"]


def test_annotations_carry_hypnogram_and_events(tmp_path, demo):
    edf_path, _ = write_simulation(demo, tmp_path / "night.edf")
    notes = edfio.read_edf(edf_path).annotations
    texts = [a.text for a in notes]
    stages = demo.night.hypnogram.stages
    assert sum(t.startswith("Sleep stage ") for t in texts) == len(stages)
    staged = [a for a in notes if a.text.startswith("Sleep stage ")]
    assert [a.text.removeprefix("Sleep stage ") for a in staged] == list(stages)
    assert all(a.duration == 30.0 for a in staged)
    assert {"Lights off", "Lights on", "Arousal"} <= set(texts)
    assert {"Obstructive Apnea", "Central Apnea", "Hypopnea"} & set(texts)
    lights_off = next(a.onset for a in notes if a.text == "Lights off")
    assert lights_off == pytest.approx(demo.night.lights[0], abs=0.01)


def test_truth_csv_round_trips(tmp_path, demo):
    edf_path, csv_path = write_simulation(demo, tmp_path / "out" / "night.edf")
    assert csv_path == tmp_path / "out" / "night.truth.csv" and edf_path.exists()
    back = read_truth(csv_path)
    pd.testing.assert_frame_equal(back, demo.truth, check_dtype=False)
    pd.testing.assert_frame_equal(read_truth(edf_path), back)


def test_non_integer_sampling_rate_is_written_whole(tmp_path):
    sim = simulate_night("healthy", seed=1, hours=0.02, fs=250.5)
    edf_path, _ = write_simulation(sim, tmp_path / "odd.edf")
    sig = edfio.read_edf(edf_path).signals[0]
    assert sig.sampling_frequency == pytest.approx(250.5)
    n = len(sim.night.legs["left"].data)
    np.testing.assert_allclose(sig.data[:n], sim.night.legs["left"].data, atol=0.1)
