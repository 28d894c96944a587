"""Automatic sleep staging (YASA) when a night has EEG and no hypnogram — and what is said when not.

The EEG is the simulator's (stage-dependent rhythms): agreement with its plan rests on the
simulator only; what these tests check is the plumbing — canonical stages, the source named in
the result and the report, and the fall-backs.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from typer.testing import CliRunner

import plmscope
from plmscope.cli import app
from plmscope.export.edf import write_edf
from plmscope.night import STAGES, Hypnogram
from plmscope.simulate import simulate_night
from plmscope.staging import stage_from_eeg, staging_version

yasa = pytest.importorskip("yasa")
VERSION = staging_version()


@pytest.fixture(scope="module")
def sim():
    return simulate_night("plmd", seed=21, hours=0.4)


@pytest.fixture(scope="module")
def unstaged_edf(sim, tmp_path_factory):
    """The night as EDF+ with leg EMG, ECG and EEG but no sleep stages."""
    night = replace(sim.night, hypnogram=Hypnogram.unscored(sim.night.duration))
    return write_edf(tmp_path_factory.mktemp("staging") / "night.edf", night)


def test_staging_a_short_simulated_eeg_gives_canonical_stages(sim):
    staging = stage_from_eeg(sim.night.eeg, sim.night.duration)
    stages = staging.hypnogram.stages
    assert len(stages) == len(sim.night.hypnogram.stages) and set(stages) <= set(STAGES)
    assert staging.source == f"automatic (YASA {VERSION})" and staging.channel == "C3-M2"
    # on the simulator's EEG (not real sleep), wake and sleep are told apart as planned (the
    # simulated N2 has much delta: YASA calls much of it N3)
    planned = sim.night.hypnogram.stages
    assert np.mean((stages == "W") == (planned == "W")) > 0.9


def test_edf_with_eeg_and_no_hypnogram_is_staged_and_says_so(unstaged_edf, tmp_path):
    result = plmscope.score(unstaged_edf)
    assert result.sleep["hypnogram_source"] == f"automatic (YASA {VERSION})"
    assert set(result.hypnogram.stages) <= set(STAGES) and result.sleep["tst_h"] > 0
    assert any("scored automatically by YASA" in w and "'C3-M2'" in w for w in result.warnings)
    assert not any("no sleep stages" in w for w in result.warnings)
    out = CliRunner().invoke(app, ["score", str(unstaged_edf), "--report", str(tmp_path / "r.html")])
    assert out.exit_code == 0, out.output
    page = (tmp_path / "r.html").read_text()
    assert f"sleep stages from: automatic (YASA {VERSION})" in page and "scored automatically by YASA" in page


def test_stages_none_scores_per_hour_of_recording(unstaged_edf):
    result = plmscope.score(unstaged_edf, stages="none")
    assert result.sleep["hypnogram_source"] == "none"
    assert any("per hour of recording" in w for w in result.warnings)


def test_stages_auto_replaces_a_given_hypnogram(sim, tmp_path):
    from plmscope.simulate import write_simulation

    path, _ = write_simulation(sim, tmp_path / "scored.edf")
    assert plmscope.score(path).sleep["hypnogram_source"] == "annotations"
    forced = CliRunner().invoke(app, ["score", str(path), "--stages", "auto", "--json", str(tmp_path / "r.json")])
    assert forced.exit_code == 0, forced.output
    assert f'"hypnogram_source": "automatic (YASA {VERSION})"' in (tmp_path / "r.json").read_text()


def test_no_eeg_means_per_hour_of_recording_and_says_why():
    legs = np.random.default_rng(0).normal(0, 2, (2, 256 * 600))
    result = plmscope.score(legs, sf=256.0)
    assert result.sleep["hypnogram_source"] == "none"
    assert any("no EEG channel to stage them" in w for w in result.warnings)
    assert any("per hour of recording" in w for w in result.warnings)
    forced = plmscope.score(legs, sf=256.0, stages="auto")
    assert any("--stages auto" in w and "needs an EEG channel" in w for w in forced.warnings)


def test_without_yasa_a_warning_or_with_auto_a_clear_error(unstaged_edf, monkeypatch, capsys):
    import plmscope.staging.automatic as automatic
    from plmscope.cli import main

    monkeypatch.setattr(automatic.metadata, "version", lambda name: (_ for _ in ()).throw(automatic.metadata.PackageNotFoundError(name)))
    result = plmscope.score(unstaged_edf)
    assert result.sleep["hypnogram_source"] == "none"
    assert any("pip install 'plmscope[staging]'" in w for w in result.warnings)
    with pytest.raises(SystemExit) as done:
        main(["score", str(unstaged_edf), "--stages", "auto"])
    assert done.value.code == 2
    assert "automatic sleep staging needs YASA: pip install 'plmscope[staging]'" in " ".join(capsys.readouterr().err.split())


def test_bad_stages_value():
    with pytest.raises(ValueError, match="stages must be one of given, auto, none"):
        plmscope.score(np.zeros((2, 256 * 60)), sf=256.0, stages="yasa")
    out = CliRunner().invoke(app, ["score", "x.edf", "--stages", "yasa"])
    assert out.exit_code == 2 and "given, auto or none" in out.output
