"""``plmscope.score``: one front door for a path, an open file, an MNE Raw and an array."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import plmscope
from plmscope.cli import app
from plmscope.detect import EmgDetector
from plmscope.errors import PlmscopeInputError
from plmscope.night import Hypnogram
from plmscope.pipeline import NightScore
from plmscope.rules import AASM
from plmscope.scoring import INDEX_CATALOGUE
from plmscope.simulate import simulate_night, write_simulation

YASA = {"W": 0, "N1": 1, "N2": 2, "N3": 3, "R": 4, "?": -2}


@pytest.fixture(scope="module")
def night_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("front") / "night.edf"
    write_simulation(simulate_night("plmd", seed=21, hours=1.0, mains_hz=50.0), path)
    return path


@pytest.fixture(scope="module")
def from_path(night_file) -> NightScore:
    return plmscope.score(night_file)


def test_the_cli_json_is_to_dict_byte_for_byte_the_same_path(night_file, from_path, tmp_path):
    out = tmp_path / "r.json"
    done = CliRunner().invoke(app, ["score", str(night_file), "-q", "--json", str(out)])
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text()) == from_path.to_dict()
    assert out.read_text() == from_path.to_json() + "\n"


def test_an_open_file_gives_the_same_night_as_its_path(night_file, from_path):
    with night_file.open("rb") as fh:
        assert plmscope.score(fh).to_dict() == from_path.to_dict()
    in_memory = io.BytesIO(night_file.read_bytes())  # no name on disk: read from a private copy
    assert plmscope.score(in_memory).to_dict() == from_path.to_dict()


def test_an_mne_raw_gives_the_same_plms_index(night_file, from_path):
    mne = pytest.importorskip("mne")
    raw = mne.io.read_raw_edf(night_file, preload=True, verbose="error")
    from_raw = plmscope.score(raw)
    assert abs(from_raw.indices["plms_index"] - from_path.indices["plms_index"]) <= 0.5
    assert from_raw.hypnogram_source == "annotations" and from_raw.recording["kind"] == "psg"
    assert set(from_raw.legs) == {"left", "right"}


def test_an_mne_raw_with_unusual_labels_takes_left_and_right(night_file, from_path):
    mne = pytest.importorskip("mne")
    raw = mne.io.read_raw_edf(night_file, preload=True, verbose="error")
    raw.rename_channels({"Leg L": "chan 7", "Leg R": "chan 9"})
    with pytest.raises(PlmscopeInputError, match="no leg EMG channel found"):
        plmscope.score(raw)
    named = plmscope.score(raw, left="chan 7", right="chan 9")
    assert named.indices["plms_index"] == pytest.approx(from_path.indices["plms_index"], abs=0.5)


def test_an_array_with_a_yasa_hypnogram_gives_the_same_plms_index(night_file, from_path):
    night = plmscope.load(night_file)
    legs = np.vstack([night.legs["left"].data, night.legs["right"].data])
    hypnogram = [YASA[s] for s in night.hypnogram.stages]
    from_array = plmscope.score(legs, sf=night.legs["left"].sf, hypnogram=hypnogram, events=night.events)
    assert abs(from_array.indices["plms_index"] - from_path.indices["plms_index"]) <= 0.5
    strings = plmscope.score(legs, sf=256.0, hypnogram=list(night.hypnogram.stages), events=night.events)
    assert strings.indices == from_array.indices
    assert from_array.sleep["hypnogram_source"] == "given"


def test_an_array_in_millivolts_is_scaled_once(night_file, from_path):
    night = plmscope.load(night_file)
    legs_mv = np.vstack([night.legs["left"].data, night.legs["right"].data]) / 1000.0
    in_mv = plmscope.score(legs_mv, sf=256.0, unit="mV", hypnogram=list(night.hypnogram.stages),
                           events=night.events)
    assert in_mv.indices["plms_index"] == pytest.approx(from_path.indices["plms_index"], abs=0.5)


def test_an_array_needs_its_rate_and_one_or_two_legs():
    with pytest.raises(PlmscopeInputError, match="sf="):
        plmscope.score(np.zeros((2, 256 * 60)))
    with pytest.raises(PlmscopeInputError, match="one or two rows"):
        plmscope.score(np.random.default_rng(0).normal(size=(3, 256 * 60)), sf=256)
    with pytest.raises(PlmscopeInputError, match="30 s epoch"):
        plmscope.score(np.random.default_rng(0).normal(size=256 * 10), sf=256)
    with pytest.raises(TypeError, match="cannot score a dict"):
        plmscope.score({"left": [1, 2, 3]})


def test_bad_hypnogram_values_are_named():
    legs = np.random.default_rng(1).normal(size=(2, 256 * 120))
    with pytest.raises(PlmscopeInputError, match="not YASA stages"):
        plmscope.score(legs, sf=256, hypnogram=[0, 1, 7, 2])
    with pytest.raises(PlmscopeInputError, match="not sleep stages: 'deep'"):
        plmscope.score(legs, sf=256, hypnogram=["W", "deep", "N2", "N2"])
    with pytest.raises(PlmscopeInputError, match="hypnogram covers"):
        plmscope.score(legs, sf=256, hypnogram=["N2"] * 40)


def test_rules_are_given_once_for_detection_and_scoring(night_file):
    with pytest.raises(ValueError, match="detector applies AASM rules but scoring was asked for WASM2016"):
        plmscope.score(night_file, detector=EmgDetector(AASM))
    aasm = plmscope.score(night_file, rules="aasm", detector=EmgDetector(AASM))
    assert aasm.rules.name == "AASM" and aasm.detection["settings"]["left"]["rules"] == "AASM"


def test_a_loaded_night_takes_no_reading_options(night_file):
    night = plmscope.load(night_file)
    with pytest.raises(ValueError, match="hypnogram cannot be applied to a Night already loaded"):
        plmscope.score(night, hypnogram=["W"] * 120)


def test_warnings_of_reader_and_detector_reach_the_result(tmp_path):
    sim = simulate_night("healthy", seed=3, hours=0.5, fs=128.0)
    sim.night.legs.pop("right")
    result = plmscope.score(sim.night)
    assert any("sampled at 128 Hz" in w for w in result.warnings)  # the detector's
    assert any("only the left leg was recorded" in w for w in result.warnings)  # the scorer's
    assert len(result.warnings) == len(set(result.warnings))


def test_progress_is_told_each_stage_in_order(night_file):
    seen: list[tuple[str, float]] = []
    plmscope.score(night_file, progress=lambda stage, done: seen.append((stage, done)))
    assert [s for s, _ in seen] == ["reading", "detecting", "scoring", "done"]
    assert [d for _, d in seen] == sorted(d for _, d in seen) and seen[-1][1] == 1.0


def test_a_night_score_is_small_to_send_and_reads_back(from_path):
    assert len(pickle.dumps(from_path)) < 1_000_000  # no samples: an hour of 2 legs is 7 MB of floats
    again = NightScore.from_dict(json.loads(from_path.to_json()))
    assert again.to_dict() == from_path.to_dict()
    assert again.summary().equals(from_path.summary())


def test_identity_stays_out_of_the_dict_unless_asked(night_file):
    result = plmscope.score(night_file)
    plain = json.dumps(result.to_dict())
    assert "night.edf" not in plain and "label" not in result.to_dict()["events"][0]
    shown = result.to_dict(show_identity=True)
    assert shown["recording"]["source"] == "night.edf" and "label" in shown["events"][0]


def test_events_read_counts_every_canonical_kind(from_path):
    counts = from_path.to_dict()["events_read"]
    assert set(counts) >= {"apnea", "hypopnea", "arousal", "leg_movement", "lights_off", "lights_on"}
    assert counts["lights_off"] == 1 and all(isinstance(n, int) for n in counts.values())


def test_the_index_catalogue_describes_every_index(from_path):
    assert set(from_path.indices) <= set(INDEX_CATALOGUE)
    headline = [info.key for info, _ in from_path.index_rows()]
    assert headline[0] == "plms_index" and "plmw_index" in headline
    assert all(info.denominator in (None, "sleep", "nrem", "rem", "wake") for info in INDEX_CATALOGUE.values())


def test_scored_elsewhere_needs_no_leg_channel(tmp_path):
    sim = simulate_night("plmd", seed=5, hours=0.5)
    lms = sim.truth[["leg", "onset", "offset"]]
    table = pd.DataFrame({"onset": lms["onset"], "duration": lms["offset"] - lms["onset"],
                          "event": "leg_movement", "leg": lms["leg"]})
    csv = tmp_path / "lms.csv"
    table.to_csv(csv, index=False)
    night = plmscope.load(sim.night.legs["left"].data[None, :], sf=256.0,
                          hypnogram=Hypnogram(sim.night.hypnogram.stages))
    result = plmscope.score(night, movements=csv)
    assert result.recording["movements_source"] == "file" and result.detection == {}
    assert result.indices["n_lms"] > 0
