"""``plmscope.score``/``load`` on ankle accelerometers: the contract other doors build on."""

from __future__ import annotations

import json

import pytest

import plmscope
from plmscope.detect import EmgDetector
from plmscope.detect.accel import AccelDetector, SleepDiary
from plmscope.errors import PlmscopeInputError
from plmscope.pipeline import NightScore
from plmscope.simulate.accel import simulate_accel_night, write_accel_simulation
from tests.design_contract import DESIGN_INDEX_KEYS


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    sim = simulate_accel_night("plmd", seed=41, hours=1.0, fs=25.0)
    return sim, write_accel_simulation(sim, tmp_path_factory.mktemp("accel") / "night", layout="iso")


@pytest.fixture(scope="module")
def both(files):
    _, written = files
    return plmscope.score({"left": written["left"], "right": written["right"]})


def test_a_mapping_of_legs_is_scored_as_an_accelerometer_night(both, files):
    sim, _ = files
    assert both.kind == "accelerometer" and both.recording["kind"] == "accelerometer"
    assert both.recording["nights"] == 1 and set(both.legs) == {"left", "right"}
    assert both.hypnogram_source == "accelerometer" and both.sleep["nrem_h"] == 0.0
    assert both.indices["plms_index_nrem"] is None  # stages are unknown, never 0
    assert both.indices["plms_index"] > 15
    assert any("estimated" in w for w in both.warnings)
    assert both.detection["posture_changes"]["count"] == len(sim.postures)
    assert set(DESIGN_INDEX_KEYS) <= set(both.indices)


def test_the_json_round_trips(both):
    data = json.loads(both.to_json())
    assert data["recording"]["kind"] == "accelerometer"
    assert {m["leg"] for m in data["monolateral"]} == {"left", "right"}
    assert NightScore.from_dict(data).to_dict() == data


def test_one_file_for_one_leg(files):
    _, written = files
    right = plmscope.score(written["right"], leg="right")
    assert right.legs == ("right",) and set(right.monolateral["leg"]) == {"right"}
    assert any("only the right leg" in w for w in right.warnings)


def test_load_gives_the_acceleration_the_report_needs(files):
    _, written = files
    night = plmscope.load({"left": written["left"]})
    assert night.kind == "accelerometer" and night.legs["left"].data.shape[1] == 3


def test_an_emg_detector_for_acceleration_is_refused(files):
    _, written = files
    with pytest.raises(PlmscopeInputError, match="acceleration"):
        plmscope.score(written["left"], detector=EmgDetector())


def test_a_diary_detector_is_used_as_given(files):
    _, written = files
    result = plmscope.score(written["left"], detector=AccelDetector(diary=SleepDiary("22:40", "23:25")))
    assert result.hypnogram_source == "diary + accelerometer"
    assert result.lights == (600.0, 3300.0)


def test_several_nights_give_median_and_range(files):
    _, written = files
    nights = plmscope.score_nights({"a": {"left": written["left"]}, "b": {"right": written["right"]}})
    summary = nights.summary()["plms_index"]
    assert summary["n"] == 2 and summary["min"] <= summary["median"] <= summary["max"]
    combined = nights.combined_dict()
    assert combined["recording"] == {"kind": "accelerometer", "nights": 2}
    assert json.loads(nights.to_json())["nights"][1]["night"] == "b"


def test_an_open_file_of_one_ankle_is_read_as_its_path(files):
    import io

    _, written = files
    from_path = plmscope.score(written["right"], leg="right").to_dict()
    with open(written["right"], "rb") as fh:
        assert plmscope.score(fh, leg="right").to_dict() == from_path
    in_memory = plmscope.score(io.BytesIO(written["right"].read_bytes()), leg="right")  # no name: a private copy
    assert in_memory.recording["kind"] == "accelerometer"
    assert in_memory.indices == plmscope.score(written["right"], leg="right").indices


@pytest.mark.parametrize("name", ["actigraph.gt3x", "axivity_ax3.cwa", "geneactiv.bin"])
def test_a_binary_accelerometer_file_object_is_told_by_its_first_bytes(name):
    import io
    from pathlib import Path

    from plmscope.pipeline.front_door import file_on_disk

    data = (Path(__file__).parents[1] / "data" / "accel" / name).read_bytes()
    with file_on_disk(io.BytesIO(data)) as (path, source):
        assert path.suffix == Path(name).suffix and source == "file object"
        assert path.read_bytes() == data
    assert not path.exists()  # the private copy is gone
