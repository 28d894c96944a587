"""`plmscope validate`: one night or a folder against a reference scoring, from Python and the CLI."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from plmscope.cli import app
from plmscope.export import write_nsrr_xml
from plmscope.simulate import read_truth, simulate_night, write_simulation
from plmscope.validate.agreement import event_agreement
from plmscope.validate.nights import find_reference, validate_folder, validate_night

import plmscope


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """Three simulated nights (recordings in one folder, their truth in another)."""
    root = tmp_path_factory.mktemp("validate")
    (root / "nights").mkdir(), (root / "refs").mkdir()
    for k, (profile, options) in enumerate([("plmd", {}), ("rls", {"ecg_leak_uv": 12.0}), ("plmd", {"near_threshold": 0.5})]):
        edf, truth = write_simulation(simulate_night(profile, seed=60 + k, hours=0.5, **options), root / "nights" / f"N{k}.edf")
        shutil.move(truth, root / "refs" / truth.name)
    return root


def test_one_night_against_its_truth_is_the_harness_f1(nights):
    edf, truth = nights / "nights" / "N1.edf", nights / "refs" / "N1.truth.csv"
    result = validate_night(edf, truth)
    detected = plmscope.score(edf).monolateral  # what the detection harness compares
    expected = event_agreement(read_truth(truth), detected)
    assert result.agreement == expected
    assert result.agreement["both"]["f1"] > 0.95
    plms = result.indices["plms_index"]
    assert plms["difference"] == pytest.approx(plms["plmscope"] - plms["reference"])


def truth_events(truth: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"onset": truth["onset"], "duration": truth["offset"] - truth["onset"],
                         "event": "leg_movement", "leg": truth["leg"], "label": None})  # fmt: skip


def test_reference_as_nsrr_xml_or_as_the_recordings_own_annotations(nights, tmp_path):
    from dataclasses import replace

    from plmscope.export.edf import write_edf

    edf, truth_path = nights / "nights" / "N0.edf", nights / "refs" / "N0.truth.csv"
    events = truth_events(read_truth(truth_path))
    from_truth = validate_night(edf, truth_path).agreement["both"]
    # the truth as a lab's scoring exported as NSRR XML
    lab = plmscope.score(plmscope.load(edf, events=events), movements="annotations")
    from_xml = validate_night(edf, write_nsrr_xml(tmp_path / "N0-nsrr.xml", lab)).agreement["both"]
    assert (from_xml["matched"], from_xml["found"]) == (from_truth["matched"], from_truth["found"])
    # the truth as LM annotations inside the recording itself
    night = plmscope.load(edf)
    annotated = replace(night, events=pd.concat([night.events, events], ignore_index=True))
    own = write_edf(tmp_path / "annotated.edf", annotated)
    from_own = validate_night(own, "annotations").agreement["both"]
    assert (from_own["matched"], from_own["reference"]) == (from_truth["matched"], from_truth["reference"])


def test_folder_pairs_by_name_and_gives_bland_altman_and_icc(nights, tmp_path):
    (nights / "nights" / "extra.edf").write_bytes((nights / "nights" / "N0.edf").read_bytes())
    try:
        result = validate_folder(nights / "nights", nights / "refs")
    finally:
        (nights / "nights" / "extra.edf").unlink()
    assert [n.night for n in result.nights] == ["night 1", "night 2", "night 3"]
    assert result.skipped == [("night 4", "no reference scoring with the same name")]
    summary = result.summary
    assert summary["nights"] == 3 and summary["plms_index_bland_altman"]["n"] == 3
    assert summary["plms_index_icc"] > 0.9 and summary["events"]["f1"] > 0.9


def test_cli_one_night_json_and_page(nights, tmp_path):
    edf, truth = nights / "nights" / "N2.edf", nights / "refs" / "N2.truth.csv"
    out = CliRunner().invoke(app, ["validate", str(edf), "--reference", str(truth), "--json", str(tmp_path / "v.json"),
                                   "--html", str(tmp_path / "v.html")])  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads((tmp_path / "v.json").read_text())
    assert "same leg" in data["match_rule"] and data["nights"][0]["night"] == "night 1"
    assert "N2" not in (tmp_path / "v.json").read_text()  # file names hidden unless asked
    page = (tmp_path / "v.html").read_text()
    assert "event F1" in page and "onsets are at most 1 s apart" in page


def test_cli_folder_page_has_the_bland_altman_plot(nights, tmp_path):
    out = CliRunner().invoke(app, ["validate", str(nights / "nights"), "--reference-dir", str(nights / "refs"),
                                   "--html", str(tmp_path / "v.html"), "--show-identity"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "ICC(A,1)" in out.output and "N1.edf" in out.output
    page = (tmp_path / "v.html").read_text()
    assert page.count("<svg") == 2 and "Bland–Altman" in page


def test_cli_mistakes_are_clear(nights, tmp_path):
    runner = CliRunner()
    no_ref = runner.invoke(app, ["validate", str(nights / "nights" / "N0.edf")])
    assert no_ref.exit_code == 2 and "--reference" in no_ref.output
    no_dir = runner.invoke(app, ["validate", str(nights / "nights")])
    assert no_dir.exit_code == 2 and "--reference-dir" in no_dir.output
    empty = tmp_path / "empty.csv"
    empty.write_text("onset,duration,event\n10,5,apnea\n")
    from plmscope.errors import PlmscopeInputError

    with pytest.raises(PlmscopeInputError, match="holds no leg movements"):
        validate_night(nights / "nights" / "N0.edf", empty)


@pytest.mark.parametrize("option", ["--json", "--html"])
def test_cli_outputs_never_replace_what_validate_reads(nights, option):
    edf, truth = nights / "nights" / "N1.edf", nights / "refs" / "N1.truth.csv"
    before = {p: p.read_bytes() for p in (edf, truth)}
    for args in (
        [str(edf), "--reference", str(truth), option, str(truth)],
        [str(edf), "--reference", str(truth), option, str(edf)],
        [str(nights / "nights"), "--reference-dir", str(nights / "refs"), option, str(truth)],  # inside the folder
    ):
        out = CliRunner().invoke(app, ["validate", *args])
        assert out.exit_code == 2 and "would overwrite" in out.output, out.output
    assert {p: p.read_bytes() for p in (edf, truth)} == before


def test_find_reference_prefers_truth_then_nsrr(tmp_path):
    night = tmp_path / "A.edf"
    night.write_bytes(b"")
    for name in ("A.csv", "A-nsrr.xml", "AB.xml"):
        (tmp_path / name).write_text("x")
    assert find_reference(night, tmp_path).name == "A-nsrr.xml"
    (tmp_path / "A.truth.csv").write_text("x")
    assert find_reference(night, tmp_path).name == "A.truth.csv"
