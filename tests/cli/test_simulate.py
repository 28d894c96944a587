"""The ``simulate`` command, run through a local typer app as the CLI will."""

import typer
from typer.testing import CliRunner

from plmscope.errors import PlmscopeInputError
from plmscope.simulate import read_truth
from plmscope.cli.simulate import simulate

app = typer.Typer()
app.command()(simulate)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_writes_edf_and_truth_and_summarises(tmp_path):
    out = tmp_path / "night.edf"
    result = run(
        str(out),
        "--profile",
        "plmd",
        "--seed",
        "3",
        "--hours",
        "0.3",
        "--labels",
        "LAT,RAT",
        "--mains",
        "50",
    )
    assert result.exit_code == 0, result.output
    truth = read_truth(out)
    assert out.exists() and len(truth) > 0
    assert "plmd" in result.output and f"{len(truth)} monolateral" in result.output
    assert "night.truth.csv" in result.output


def test_unknown_profile_lists_the_known_ones(tmp_path):
    result = run(str(tmp_path / "x.edf"), "--profile", "insomnia")
    assert isinstance(result.exception, PlmscopeInputError)
    assert "healthy, hypnic, plmd, rls, apnea, demo" in str(result.exception)


def test_bad_numbers_are_refused_with_a_reason(tmp_path):
    out = str(tmp_path / "x.edf")
    cases = {
        ("--hours", "0"): "--hours",
        ("--fs", "64"): "200 Hz or more is recommended",
        ("--mains", "55"): "50 or 60",
        ("--unit", "nV"): "uV, mV, V",
        ("--labels", "LAT"): "two different names",
        ("--pops", "-1"): "--pops cannot be negative",
    }
    for args, message in cases.items():
        result = run(out, *args)
        assert isinstance(result.exception, PlmscopeInputError), args
        assert message in str(result.exception)
    assert not (tmp_path / "x.edf").exists()


def test_disturbances_are_added_on_request_and_reported(tmp_path):
    out = tmp_path / "night.edf"
    args = ("--hours", "0.3", "--seed", "2", "--pops", "20", "--steps", "4", "--tonic", "4")
    result = run(str(out), *args)
    assert result.exit_code == 0, result.output
    assert "disturbances (not LMs)" in result.output and "pop" in result.output


def test_a_path_with_brackets_is_printed_as_typed(tmp_path):
    out = tmp_path / "night[1].edf"
    result = run(str(out), "--hours", "0.1")
    assert result.exit_code == 0, result.output
    assert "night[1].edf" in result.output and "night[1].truth.csv" in result.output
