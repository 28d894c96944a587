"""``plmscope simulate --kind accel`` and ``plmscope score`` on ankle accelerometers, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from plmscope.cli import app
from tests.cli.test_bad_input import assert_one_line_error
from tests.cli.test_cli import run


def invoke(*args: str):
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, (done.output, done.exception)
    return done


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("accel") / "night1"
    done = invoke("simulate", str(out), "--kind", "accel", "--hours", "1", "--fs", "25", "--seed", "7")
    assert "posture changes (not LMs)" in done.output
    return out


def test_simulate_writes_one_csv_per_leg_and_the_truth(night: Path):
    assert sorted(p.name for p in night.iterdir()) == ["left.csv", "right.csv", "truth.json"]
    truth = json.loads((night / "truth.json").read_text())
    assert {"lms", "posture_changes", "sleep", "indices"} <= set(truth)
    assert (night / "left.csv").read_text().splitlines()[0] == "time,x,y,z"


def test_simulate_actilife_layout(tmp_path: Path):
    invoke("simulate", str(tmp_path / "a"), "--kind", "accel", "--hours", "0.5", "--fs", "30", "--format", "actilife", "--legs", "left")
    lines = (tmp_path / "a" / "left.csv").read_text().splitlines()
    assert "ActiGraph" in lines[0] and "at 30 Hz" in lines[0] and lines[10].startswith("Timestamp,Accelerometer X")
    assert not (tmp_path / "a" / "right.csv").exists()


def test_score_left_right_writes_the_same_outputs_as_for_emg(night: Path, tmp_path: Path):
    done = invoke(
        "score", str(night / "left.csv"), str(night / "right.csv"),
        "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "m.csv"), "--report", str(tmp_path / "r.html"),
    )
    assert "estimate from ankle accelerometers" in done.output and "Estimated indices" in done.output
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["recording"]["kind"] == "accelerometer"
    assert {m["leg"] for m in result["monolateral"]} == {"left", "right"}
    assert result["movements"] and result["indices"]["plms_index"] is not None
    assert len(pd.read_csv(tmp_path / "m.csv")) == len(result["movements"])
    html = (tmp_path / "r.html").read_text()
    assert "ankle accelerometers (an estimate)" in html and "posture change" in html


def test_one_file_with_its_leg(night: Path, tmp_path: Path):
    invoke("score", str(night / "right.csv"), "--leg", "right", "-q", "--json", str(tmp_path / "r.json"))
    result = json.loads((tmp_path / "r.json").read_text())
    assert set(result["recording"]["channels"]) == {"right"}


def test_names_that_say_the_other_leg_are_warned_of(night: Path, tmp_path: Path):
    left, right = tmp_path / "P01_R.csv", tmp_path / "P01_L.csv"
    shutil.copy(night / "left.csv", left)
    shutil.copy(night / "right.csv", right)
    done = invoke("score", str(left), str(right), "--json", str(tmp_path / "r.json"))
    assert "P01_R.csv was given as the left leg but its name says right" in " ".join(done.output.split())
    assert any("its name says right" in w for w in json.loads((tmp_path / "r.json").read_text())["warnings"])


def test_a_diary_sets_the_sleep_period(tmp_path: Path):
    out = tmp_path / "iso"
    invoke("simulate", str(out), "--kind", "accel", "--hours", "1", "--fs", "25", "--format", "iso")
    invoke("score", str(out / "left.csv"), str(out / "right.csv"), "--bedtime", "22:40", "--risetime", "23:20",
           "-q", "--json", str(tmp_path / "r.json"))
    sleep = json.loads((tmp_path / "r.json").read_text())["sleep"]
    assert sleep["hypnogram_source"] == "diary + accelerometer" and sleep["lights_off"] == 600.0


def test_three_nights_side_by_side(tmp_path: Path):
    for i in (1, 2, 3):
        invoke("simulate", str(tmp_path / f"n{i}"), "--kind", "accel", "--hours", "1", "--fs", "25", "--seed", str(i))
    done = invoke(
        "score", "--nights", str(tmp_path / "n1"), "--nights", str(tmp_path / "n2"), "--nights", str(tmp_path / "n3"),
        "--json", str(tmp_path / "all.json"), "--report", str(tmp_path / "all.html"), "--csv", str(tmp_path / "all.csv"),
    )
    assert "PLMS index: median" in done.output
    data = json.loads((tmp_path / "all.json").read_text())
    assert data["recording"] == {"kind": "accelerometer", "nights": 3} and len(data["nights"]) == 3
    assert [row["night"] for row in data["table"]] == ["n1", "n2", "n3"]
    html = (tmp_path / "all.html").read_text()
    assert html.count("Night at a glance") == 3 and "PLMS index night by night" in html
    answers = Path(__file__).parents[2] / "examples" / "answers-partner.yaml"
    invoke("score", "--nights", str(tmp_path / "n1"), "--nights", str(tmp_path / "n2"), "--answers", str(answers),
           "-q", "--json", str(tmp_path / "with_answers.json"))
    assessment = json.loads((tmp_path / "with_answers.json").read_text())["assessment"]
    assert assessment["night_kind"] == "accelerometer" and assessment["overall_label"]
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("night,left,right\nfirst,n1/left.csv,n1/right.csv\nsecond,,n2/right.csv\n")
    invoke("score", "--nights", str(manifest), "-q", "--json", str(tmp_path / "m.json"))
    assert [n["night"] for n in json.loads((tmp_path / "m.json").read_text())["nights"]] == ["first", "second"]


def test_outputs_of_several_nights_never_replace_what_is_read(night: Path, tmp_path: Path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"night,left,right\nfirst,{night / 'left.csv'},{night / 'right.csv'}\n")
    before = {p: p.read_bytes() for p in (night / "left.csv", manifest)}
    for args in (
        ["--nights", str(night), "--json", str(night / "left.csv")],
        ["--nights", str(night), "--report", str(night / "left.csv")],
        ["--nights", str(manifest), "--csv", str(manifest)],
    ):
        done = CliRunner().invoke(app, ["score", *args])
        assert done.exit_code == 2 and "would overwrite" in done.output, done.output
    assert {p: p.read_bytes() for p in before} == before


def test_a_file_of_the_wrong_kind_gets_one_line_and_exit_2(night: Path, tmp_path: Path):
    notes = tmp_path / "notes.csv"
    notes.write_text("onset,duration,event\n10,2,leg_movement\n")
    assert_one_line_error(run("score", str(night / "left.csv"), str(notes)), "notes.csv", "not an accelerometer file")
    plain = tmp_path / "plain.csv"
    plain.write_text("x,y,z\n" + "0,0,1\n" * 100)
    assert_one_line_error(run("score", str(plain)), "plain.csv", "--rate")
    assert_one_line_error(run("score", str(night)), "night1", "--nights")
    assert_one_line_error(run("score", "--nights", str(tmp_path / "nothing-here")), "nothing-here")
