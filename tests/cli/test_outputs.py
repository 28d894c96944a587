"""Outputs on the command line: every path checked before any work, refusals are one line and
exit code 2, nothing the user had is lost (subprocesses: exit codes and stderr are the point)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.test_bad_input import assert_one_line_error, write_edf
from tests.cli.test_cli import run
from tests.export.test_paths import immutable, mutable


@pytest.fixture
def night(tmp_path: Path) -> Path:
    return write_edf(tmp_path / "night.edf", ("LAT", "RAT"), seconds=300)


def test_json_onto_the_recording_is_refused_and_the_recording_kept(night: Path):
    before = night.read_bytes()
    done = run("score", str(night), "--json", str(night))
    assert_one_line_error(done, "night.edf: --json would overwrite the recording (an input)")
    assert night.read_bytes() == before


def test_an_output_linked_to_an_input_is_refused(night: Path, tmp_path: Path):
    (tmp_path / "link.json").symlink_to(night)
    os.link(night, tmp_path / "hard.csv")
    assert_one_line_error(run("score", str(night), "--json", str(tmp_path / "link.json")), "the recording")
    assert_one_line_error(run("score", str(night), "--csv", str(tmp_path / "hard.csv")), "the recording")
    events = tmp_path / "events.csv"
    events.write_text("onset,duration,event\n60,10,apnea\n")
    done = run("score", str(night), "--events", str(events), "--report", str(events))
    assert_one_line_error(done, "--report would overwrite an --events file")
    assert events.read_text() == "onset,duration,event\n60,10,apnea\n"


def test_two_outputs_on_one_path(night: Path, tmp_path: Path):
    done = run("score", str(night), "--json", str(tmp_path / "x"), "--csv", str(tmp_path / "x"))
    assert_one_line_error(done, "given for both --json and --csv")
    assert not (tmp_path / "x").exists()


def test_a_bad_third_path_writes_none_of_the_four(night: Path, tmp_path: Path):
    kept = tmp_path / "r.json"
    kept.write_text("earlier result")
    os.mkfifo(tmp_path / "fifo")
    done = run("score", str(night), "--json", str(kept), "--csv", str(tmp_path / "m.csv"),
               "--report", str(tmp_path / "fifo"), "--pdf", str(tmp_path / "r.pdf"))
    assert_one_line_error(done, "fifo: is a FIFO")
    assert kept.read_text() == "earlier result" and not (tmp_path / "m.csv").exists()
    assert stat.S_ISFIFO((tmp_path / "fifo").stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_never_replaced(night: Path, tmp_path: Path):
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # like /dev/full
    assert_one_line_error(run("score", str(night), "--json", str(device)), "is a device")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_folder_is_refused(night: Path, tmp_path: Path):
    assert_one_line_error(run("score", str(night), "--report", str(tmp_path)), "is a folder")


def test_symlinked_output_writes_its_target_and_keeps_the_mode(night: Path, tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("{}")
    real.chmod(0o600)
    (tmp_path / "link.json").symlink_to(real)
    done = run("score", str(night), "-q", "--json", str(tmp_path / "link.json"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.json").is_symlink() and '"indices"' in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_an_immutable_output_is_one_line(night: Path, tmp_path: Path):
    out = tmp_path / "locked.json"
    out.write_text("locked")
    if not immutable(out):
        pytest.skip("chattr +i is not allowed here")
    try:
        assert_one_line_error(run("score", str(night), "--json", str(out)), "locked.json", "immutable")
    finally:
        mutable(out)
    assert out.read_text() == "locked"


def test_simulate_refuses_to_replace_a_night_unless_forced(tmp_path: Path):
    out = tmp_path / "night.edf"
    out.write_bytes(b"my real recording")
    done = run("simulate", str(out), "--hours", "0.1")
    assert_one_line_error(done, "night.edf: already exists", "--force")
    assert out.read_bytes() == b"my real recording" and not (tmp_path / "night.truth.csv").exists()
    done = run("simulate", str(out), "--hours", "0.1", "--force")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"0       "


def test_simulate_refuses_to_replace_a_truth_table_too(tmp_path: Path):
    (tmp_path / "night.truth.csv").write_text("mine")
    assert_one_line_error(run("simulate", str(tmp_path / "night.edf"), "--hours", "0.1"), "night.truth.csv")
    assert not (tmp_path / "night.edf").exists()


def test_assess_json_onto_its_answers_is_refused(tmp_path: Path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("age: 60\n")
    done = run("assess", "--answers", str(answers), "--json", str(answers))
    assert_one_line_error(done, "--json would overwrite the --answers file")
    assert answers.read_text() == "age: 60\n"


def test_demo_into_a_file_instead_of_a_folder(tmp_path: Path, night: Path):
    (tmp_path / "out").write_text("a file")
    done = run("demo", "--out", str(tmp_path / "out"), "--night", str(night))
    assert_one_line_error(done, "it is a file, not a folder")
