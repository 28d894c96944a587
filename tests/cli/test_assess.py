"""``plmscope assess`` with answer and night files: printed findings, JSON output, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plmscope.cli import main
from plmscope.cli.assess import assess
from tests.assess.assess_nights import make_night

VIGNETTES = Path(__file__).parents[1] / "assess" / "vignettes"


def run(args: list[str]):
    app = typer.Typer(add_completion=False)
    app.command()(assess)
    return CliRunner().invoke(app, args, env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_answers_and_night_give_the_printed_and_written_assessment(tmp_path: Path) -> None:
    night = tmp_path / "night.json"
    night.write_text(json.dumps(make_night(plms_index=38)), encoding="utf-8")
    out = tmp_path / "assessment.json"
    result = run(
        ["--answers", str(VIGNETTES / "partner_kicks_plmd.yaml"), "--night", str(night), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = result.output
    assert (
        text.index("Overall: discuss with a doctor")
        < text.index("What helps")
        < text.index("This is not a diagnosis")
    )
    assert "38/h" in text and "answered by a bed partner" in text
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["overall_level"] == "discuss" and written["respondent"] == "partner"
    assert written["instruments"]["night"]["plms_index"] == 38.0


def test_partner_flag_sets_the_respondent_for_an_answer_file(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    result = run(["--answers", str(VIGNETTES / "rls_severe.yaml"), "--partner", "--json", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["respondent"] == "partner"


def test_help_names_every_option() -> None:
    text = run(["--help"]).output
    for option in ("--answers", "--night", "--json", "--partner"):
        assert option in text


def test_user_mistakes_are_one_line_and_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "answers.yaml"
    bad.write_text("snorring: yes\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["assess", "--answers", str(bad)])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert (
        err.count("\n") == 0 and "answers.yaml: unknown question 'snorring' (did you mean 'snoring'?)" in err
    )


def test_a_night_file_that_is_not_a_result_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["assess", "--answers", str(VIGNETTES / "rls_severe.yaml"), "--night", str(other)])
    assert info.value.code == 2 and "other.json: is not a plmscope result" in capsys.readouterr().err


def test_a_wearable_night_is_shown_as_an_estimate(tmp_path: Path) -> None:
    night = tmp_path / "wearable.json"
    night.write_text(json.dumps(make_night(kind="accelerometer", plms_index=30)), encoding="utf-8")
    answers = VIGNETTES / "wearable_plms_estimate.yaml"
    result = run(["--answers", str(answers), "--night", str(night)])
    assert result.exit_code == 0, result.output
    assert "estimated PLMS index of 30/h" in result.output
    assert "The night's numbers come from a wearable and are estimates." in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not an EDF at all", "bad.edf: is not a plmscope result (JSON from 'plmscope score --json')"),
        (b"\xff\xfe\x00binary", "bad.edf: is not a plmscope result (JSON from 'plmscope score --json')"),
        (b'{"indices": 5}', "bad.edf: holds nothing the assessment can use"),
    ],
)
def test_a_night_that_is_neither_recording_nor_result_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture, content: bytes, expected: str
) -> None:
    bad = tmp_path / "bad.edf"
    bad.write_bytes(content)
    with pytest.raises(SystemExit) as info:
        main(["assess", "--answers", str(VIGNETTES / "rls_severe.yaml"), "--night", str(bad)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and expected in " ".join(err.split()), err


def run_process(*args: str) -> subprocess.CompletedProcess:
    """``plmscope assess ARGS`` in a fresh interpreter, as a user runs it."""
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "plmscope", "assess", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_an_empty_answer_file_is_not_enough_to_judge(tmp_path: Path) -> None:
    """Issue 10: silence is never reassurance (an empty file used to print 'Overall: reassure')."""
    empty = tmp_path / "answers.yaml"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "a.json"
    done = run_process("--answers", str(empty), "--json", str(out))
    assert done.returncode == 0, done.stderr
    assert "Overall: not enough answers to judge" in done.stdout and "reassure" not in done.stdout
    assert "please answer whether there are jerks while falling asleep" in " ".join(done.stdout.split())
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["overall_level"] == "not_enough_answers"
    assert written["overall_label"] == "not enough answers to judge"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("age: true\n", "answers.yaml: age must be a number in 0–120, got True"),
        ("snoring: 1\n", "answers.yaml: snoring must be yes or no, got 1"),
        ("snoring: yes\nage: 40\nsnoring: no\n", "question 'snoring' is answered twice (lines 1 and 3)"),
        ("kick_frequency: 30\n", "answers.yaml: kick_frequency: 30 what?"),
    ],
)
def test_strict_answers_are_one_line_and_exit_code_2(tmp_path: Path, text: str, expected: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    done = run_process("--answers", str(answers))
    assert done.returncode == 2 and done.stdout == ""
    err = done.stderr.strip()
    assert err.count("\n") == 0 and expected in err and "Traceback" not in err, err


def test_brackets_in_answers_and_paths_are_printed_as_typed(tmp_path: Path) -> None:
    """Rich markup is never read from reasons, answers or file names (rich once ate '[pdf]')."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("medicines: ['sertraline [pdf]']\nrls_urge: yes\n", encoding="utf-8")
    out = tmp_path / "out[1].json"
    done = run_process("--answers", str(answers), "--json", str(out))
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "sertraline [pdf] (an SSRI antidepressant)" in text and "out[1].json" in text
    assert out.exists()


def test_an_error_message_keeps_its_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The one-line error goes through rich with markup escaped: '[pdf]' is not eaten."""
    from plmscope.errors import PlmscopeInputError

    def missing_extra(path):
        raise PlmscopeInputError("PDF output needs weasyprint: pip install 'plmscope[pdf]'")

    monkeypatch.setattr("plmscope.assess.load_answers", missing_extra)
    with pytest.raises(SystemExit) as info:
        main(["assess", "--answers", str(tmp_path / "a.yaml")])
    assert info.value.code == 2 and "pip install 'plmscope[pdf]'" in capsys.readouterr().err
