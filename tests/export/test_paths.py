"""Output paths: checked before any work, never an input, never a device, links followed, modes kept."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from plmscope.errors import PlmscopeInputError
from plmscope.export import check_outputs, write_all, write_atomic


def immutable(path: Path) -> bool:
    """Make ``path`` immutable (chattr +i); False where the system does not allow it."""
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def mutable(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_an_output_that_is_an_input_is_refused_also_through_links(tmp_path: Path):
    night = tmp_path / "night.edf"
    night.write_bytes(b"0       recording")
    (tmp_path / "soft.edf").symlink_to(night)
    os.link(night, tmp_path / "hard.edf")
    for output in (night, tmp_path / "soft.edf", tmp_path / "hard.edf"):
        with pytest.raises(PlmscopeInputError, match="--json would overwrite the recording"):
            check_outputs({"--json": output}, {"the recording": night})
    with pytest.raises(PlmscopeInputError, match="an --events file"):
        check_outputs({"--csv": tmp_path / "hard.edf"}, {"an --events file": [tmp_path / "x.csv", night]})
    assert night.read_bytes() == b"0       recording"


def test_two_outputs_on_one_path_are_refused(tmp_path: Path):
    with pytest.raises(PlmscopeInputError, match="given for both --json and --csv"):
        check_outputs({"--json": tmp_path / "x", "--csv": tmp_path / "sub" / ".." / "x"})
    (tmp_path / "x").write_text("old")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    with pytest.raises(PlmscopeInputError, match="given for both --report and --pdf"):
        check_outputs({"--report": tmp_path / "x", "--pdf": tmp_path / "y"})


def test_folders_fifos_and_devices_are_refused(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = {tmp_path: "is a folder", fifo: "FIFO", Path("/dev/null"): "is a device"}
    for path, words in cases.items():
        with pytest.raises(PlmscopeInputError, match=words):
            write_atomic(path, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_file_in_place_of_a_folder_is_refused(tmp_path: Path):
    (tmp_path / "out").write_text("a file")
    with pytest.raises(PlmscopeInputError, match="it is a file, not a folder"):
        check_outputs({"--json": tmp_path / "out" / "r.json"})


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    write_atomic(link, "made")
    assert link.is_symlink() and (tmp_path / "later.json").read_text() == "made"


def test_an_existing_file_keeps_its_mode(tmp_path: Path):
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o600)
    write_atomic(out, "new")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text() == "new"
    fresh = write_atomic(tmp_path / "fresh.html", "x")
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o644 == 0o644


def test_an_immutable_file_is_one_line_not_a_traceback(tmp_path: Path):
    out = tmp_path / "kept.json"
    out.write_text("kept")
    if not immutable(out):
        pytest.skip("chattr +i is not allowed here")
    try:
        with pytest.raises(PlmscopeInputError, match="immutable"):
            check_outputs({"--json": out})
        with pytest.raises(PlmscopeInputError, match="immutable"):
            write_atomic(out, "new")
    finally:
        mutable(out)
    assert out.read_text() == "kept"


def test_a_refused_rename_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refuse(_src, _dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PlmscopeInputError, match=r"cannot be replaced \(Operation not permitted\)"):
        write_atomic(tmp_path / "r.json", "{}")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_a_set_of_outputs_is_all_or_nothing(tmp_path: Path):
    first = tmp_path / "a.json"
    first.write_text("old a")

    def broken(_fh):
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        write_all([(first, "new a"), (tmp_path / "b.pdf", broken)])
    assert first.read_text() == "old a" and sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
    with pytest.raises(PlmscopeInputError, match="is a folder"):
        write_all([(first, "new a"), (tmp_path, "x")])
    assert first.read_text() == "old a"
