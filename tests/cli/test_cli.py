"""The command line as a user runs it: real subprocesses, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.design_contract import DESIGN_INDEX_KEYS, DESIGN_MOVEMENT_KEYS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``plmscope ARGS`` the way a user would (a fresh interpreter, captured output)."""
    return subprocess.run(
        [sys.executable, "-m", "plmscope", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def plmd_night(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("night") / "plmd.edf"
    done = run("simulate", str(out), "--profile", "plmd", "--seed", "11", "--hours", "0.75")
    assert done.returncode == 0, done.stderr
    return out


def test_help_lists_the_commands():
    done = run("--help")
    assert done.returncode == 0
    for command in ("simulate", "score", "demo", "assess"):
        assert command in done.stdout


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("plmscope ")


def test_simulate_writes_edf_and_truth(plmd_night: Path):
    truth = pd.read_csv(plmd_night.with_name("plmd.truth.csv"))
    assert {"leg", "onset", "offset"} <= set(truth.columns)
    assert len(truth) > 10
    assert plmd_night.read_bytes()[:8] == b"0       "


def test_score_writes_json_and_csv_with_design_keys(plmd_night: Path, tmp_path: Path):
    done = run("score", str(plmd_night), "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "m.csv"))
    assert done.returncode == 0, done.stderr
    assert "PLMS index" in done.stdout
    result = json.loads((tmp_path / "r.json").read_text())
    for key in ("indices", "movements", "monolateral", "sleep", "unscorable", "warnings", "rules"):
        assert key in result
    assert DESIGN_INDEX_KEYS <= set(result["indices"])
    assert result["rules"]["name"] == "WASM2016"
    assert result["movements"], "a plmd night has leg movements"
    assert DESIGN_MOVEMENT_KEYS <= set(result["movements"][0])
    assert {"leg", "onset", "offset"} <= set(result["monolateral"][0])
    assert {"tst_h", "wake_h", "hypnogram_source"} <= set(result["sleep"])
    assert result["indices"]["plms_index"] > 15, "the plmd profile is simulated well above 15/h"
    table = pd.read_csv(tmp_path / "m.csv")
    assert len(table) == len(result["movements"])


def test_rules_aasm_is_named_in_the_json_and_changes_results(plmd_night: Path, tmp_path: Path):
    wasm, aasm = tmp_path / "w.json", tmp_path / "a.json"
    assert run("score", str(plmd_night), "-q", "--json", str(wasm)).returncode == 0
    done = run("score", str(plmd_night), "-q", "--rules", "aasm", "--json", str(aasm),
               "--report", str(tmp_path / "aasm.html"))
    assert done.returncode == 0, done.stderr
    assert "AASM" in (tmp_path / "aasm.html").read_text()
    w, a = json.loads(wasm.read_text()), json.loads(aasm.read_text())
    assert a["rules"]["name"] == "AASM" and w["rules"]["name"] == "WASM2016"
    assert a["rules"]["min_imi_s"] == 5.0 and w["rules"]["min_imi_s"] == 10.0


def test_unknown_rules_is_a_usage_error(plmd_night: Path):
    done = run("score", str(plmd_night), "--rules", "rk1968")
    assert done.returncode == 2
    assert "wasm2016" in done.stderr and "Traceback" not in done.stderr


def test_score_hand_scored_movements_from_csv(plmd_night: Path, tmp_path: Path):
    onsets = [600 + 25 * i for i in range(8)]
    pd.DataFrame(
        {"onset": onsets, "duration": 1.5, "event": "leg_movement", "leg": "left"}
    ).to_csv(tmp_path / "lms.csv", index=False)
    done = run("score", str(plmd_night), "--movements", str(tmp_path / "lms.csv"), "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "r.json").read_text())
    assert [round(m["onset"]) for m in result["movements"]] == onsets
    assert result["recording"]["movements_source"] == "file"


def test_quiet_prints_nothing(plmd_night: Path):
    done = run("score", str(plmd_night), "-q")
    assert done.returncode == 0 and done.stdout == ""


ANSWERS = Path(__file__).parents[2] / "examples" / "answers-partner.yaml"


def test_assess_embeds_the_assessment_in_the_night_report(plmd_night: Path, tmp_path: Path):
    report = tmp_path / "report.html"
    done = run("assess", "--answers", str(ANSWERS), "--night", str(plmd_night), "--report", str(report),
               "--json", str(tmp_path / "a.json"))
    assert done.returncode == 0, done.stderr
    assessment = json.loads((tmp_path / "a.json").read_text())
    html = report.read_text()
    assert assessment["findings"], "the partner reports regular kicks with a sleep complaint"
    assert assessment["findings"][0]["title"] in html
    assert "not a diagnosis" in html.lower()


def test_assess_report_needs_the_recording_not_a_result(plmd_night: Path, tmp_path: Path):
    result = tmp_path / "r.json"
    assert run("score", str(plmd_night), "-q", "--json", str(result)).returncode == 0
    done = run("assess", "--answers", str(ANSWERS), "--night", str(result), "--report", str(tmp_path / "x.html"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "recording" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_score_with_answers_puts_the_assessment_in_the_report(plmd_night: Path, tmp_path: Path):
    report = tmp_path / "report.html"
    done = run("score", str(plmd_night), "-q", "--answers", str(ANSWERS), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert "questionnaire" in report.read_text().lower()


def test_hand_scored_bilateral_movements_become_one_bilateral_lm(plmd_night: Path, tmp_path: Path):
    rows = "".join(f"{600 + 25 * i},1.5,LM,{'both' if i % 2 else 'L'}\n" for i in range(6))
    (tmp_path / "lms.csv").write_text("onset,duration,event,leg\n" + rows)
    done = run("score", str(plmd_night), "-q", "--movements", str(tmp_path / "lms.csv"),
               "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "r.json").read_text())
    assert [m["leg"] for m in result["movements"]] == ["left", "bilateral"] * 3
    assert not any("name no leg" in w for w in result["warnings"])


def test_free_text_annotations_and_file_names_stay_out_of_outputs(tmp_path: Path):
    from edfio import Edf, EdfAnnotation, EdfSignal
    import numpy as np

    rng = np.random.default_rng(3)
    legs = [EdfSignal(rng.normal(0, 2, 256 * 600), 256, label=label, physical_dimension="uV",
                      physical_range=(-500, 500)) for label in ("LAT", "RAT")]
    notes = [EdfAnnotation(100, None, "Jane Doe asked for water")]
    path = tmp_path / "Jane_Doe_night.edf"
    Edf(legs, annotations=notes).write(path)
    out = tmp_path / "out"
    done = run("score", str(path), "-q", "--json", str(out / "r.json"), "--report", str(out / "r.html"))
    assert done.returncode == 0, done.stderr
    for written in (out / "r.json", out / "r.html"):
        text = written.read_text()
        assert "Jane" not in text, written.name
    assert "1 annotation labels were not recognised" in (out / "r.json").read_text()
    shown = run("score", str(path), "-q", "--show-identity", "--json", str(out / "id.json"))
    assert shown.returncode == 0
    assert "Jane Doe asked for water" in (out / "id.json").read_text()


def test_score_with_its_terminal_summary_imports_no_plotting(plmd_night: Path, tmp_path: Path):
    # the summary's plain words come from report.narrative; the report's figures (matplotlib,
    # scipy) once came with them and cost about a second at every `plmscope score`
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "plmscope", "score", str(plmd_night), "--json", str(tmp_path / "r.json")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PLMS index" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {"matplotlib", "scipy"} & {name.split(".")[0] for name in imported}
