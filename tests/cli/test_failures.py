"""How commands fail: a user's mistake is one line (exit 2), a bug says so (exit 1), --debug shows more."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import plmscope.pipeline
from plmscope.cli import app
from plmscope.version import __version__
from tests.cli.test_bad_input import write_edf
from tests.cli.test_cli import run


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "300", "NO_COLOR": "1"})


@pytest.fixture
def broken_reader(monkeypatch: pytest.MonkeyPatch):
    def load(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero in a reader")

    monkeypatch.setattr(plmscope.pipeline, "load", load)


def test_an_internal_error_says_it_is_a_bug_with_the_version(tmp_path: Path, broken_reader):
    night = write_edf(tmp_path / "n.edf", ("LAT", "RAT"))
    result = invoke("score", str(night))
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "This is a bug, please report it" in text and __version__ in text
    assert "ZeroDivisionError: division by zero in a reader" in text
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(tmp_path: Path, broken_reader):
    night = write_edf(tmp_path / "n.edf", ("LAT", "RAT"))
    result = invoke("--debug", "score", str(night))
    assert result.exit_code == 1 and "Traceback" in result.output and "This is a bug" in result.output


def test_a_user_mistake_is_exit_2_in_process_too(tmp_path: Path):
    result = invoke("score", str(tmp_path / "missing.edf"))
    assert result.exit_code == 2 and "missing.edf: file not found" in result.output
    assert "Traceback" not in result.output


def test_help_names_the_debug_option():
    assert "--debug" in run("--help").stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--labels", "Left tibialis anterior,R"), "at most 16"),
        (("--labels", "Jambe gauche é,R"), "printable ASCII"),
        (("--seed", "-1"), "--seed must be a whole number"),
        (("--fs", "inf"), "--fs must be a finite number"),
        (("--noise", "-1"), "--noise must be a number 0 or more"),
        (("--ecg-leak", "nan"), "--ecg-leak must be a finite number"),
        (("--hours", "1e9"), "--hours at most 48"),
        (("--hours", "8", "--fs", "8000"), "million samples"),
    ],
)
def test_simulate_options_that_cannot_work_are_one_line(tmp_path: Path, options, message):
    result = invoke("simulate", str(tmp_path / "s.edf"), "--hours", "0.1", *options)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()) and "Traceback" not in result.output
    assert not (tmp_path / "s.edf").exists()



def test_output_into_a_pipe_that_closed_is_no_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # `plmscope validate --help | head -30`: head left while rich was still writing the help,
    # and the command said "internal error ... BrokenPipeError, this is a bug"
    def load(*_args, **_kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(plmscope.pipeline, "load", load)
    result = invoke("score", str(write_edf(tmp_path / "n.edf", ("LAT", "RAT"))))
    assert result.exit_code == 1
    assert "internal error" not in result.output
