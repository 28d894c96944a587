"""``plmscope batch`` mistakes: one clear line, exit code 2, before any cluster starts."""

from __future__ import annotations

from pathlib import Path

import dask
import distributed  # noqa: F401  (its config defaults must exist before dask.config.set, or leaving
import pytest       # the set would restore a config without them for the rest of the process)

from plmscope.cli import main
from plmscope.simulate import simulate_night, write_simulation


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """``plmscope ARGS`` through the console entry point: exit code, stderr and stdout, each on one line."""
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    captured = capsys.readouterr()
    return stop.value.code, " ".join(captured.err.split()), " ".join(captured.out.split())


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """Option errors are drawn in a box as wide as the terminal: keep each message on one line."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture(scope="module")
def night_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    write_simulation(simulate_night("plmd", seed=41, hours=0.25), folder / "n1.edf")
    return folder


def test_help_names_the_options(capsys):
    code, _, out = run_main(capsys, "batch", "--help")
    assert code == 0
    for option in ("--out", "--workers", "--threads-per-worker", "--memory-limit", "--scheduler", "--resume"):
        assert option in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("{tmp}/nowhere",), "no such file or folder"),
        (("{tmp}",), "no recordings found"),
        (("{night}", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"), "size the local cluster"),
        (("{night}", "--memory-limit", "lots"), "is not a memory size"),
        (("{night}", "--rules", "nope"), "nope"),
        (("{night}", "--workers", "0"), "--workers"),
        (("{night}", "--group-by", "site"), "cannot group by 'site'"),
        (("{night}", "--out", "{night}/n1.edf"), "is a file; --out needs a folder"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(capsys, tmp_path, night_folder, args, needle):
    filled = [a.format(tmp=tmp_path, night=night_folder) for a in args]
    out = [] if "--out" in args else ["--out", str(tmp_path / "res")]
    code, err, _ = run_main(capsys, "batch", *filled, *out)
    assert code == 2, err
    assert needle in err and "Traceback" not in err


def test_results_never_overwrite_the_manifest(capsys, tmp_path, night_folder):
    manifest = tmp_path / "nights.csv"
    manifest.write_text(f"recording\n{night_folder / 'n1.edf'}\n")
    code, err, _ = run_main(capsys, "batch", str(manifest), "--out", str(tmp_path))
    assert code == 2 and "would be overwritten" in err and "nights.csv" in err
    assert manifest.read_text().startswith("recording")


def test_an_unreachable_scheduler_is_a_clear_error(capsys, tmp_path, night_folder):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, err, _ = run_main(capsys, "batch", str(night_folder), "--out", str(tmp_path / "res"),
                             "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "cannot reach the Dask scheduler" in err and "tcp://127.0.0.1:1" in err
