"""Bad input on the command line: one clear line naming the file, exit code 2, nothing lost."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from edfio import Edf, EdfAnnotation, EdfSignal

from tests.cli.test_cli import run

FS = 256


def emg(seconds: float, seed: int = 0, flat: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if flat:
        return np.zeros(int(seconds * FS))
    x = rng.normal(0, 2.0, int(seconds * FS))
    x[FS * 60 : FS * 62] += rng.normal(0, 30.0, 2 * FS)  # one clear leg movement
    return x


def write_edf(path: Path, labels: tuple[str, ...], seconds: float = 300, flat: str | None = None,
              annotations: list[EdfAnnotation] | None = None) -> Path:
    signals = [
        EdfSignal(emg(seconds, i, flat=label == flat), FS, label=label, physical_dimension="uV",
                  physical_range=(-500, 500))
        for i, label in enumerate(labels)
    ]
    Edf(signals, annotations=annotations or []).write(path)
    return path


def assert_one_line_error(done, *needles: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    text = " ".join(done.stderr.split())
    for needle in needles:
        assert needle in text, text


def test_missing_file(tmp_path: Path):
    done = run("score", str(tmp_path / "nope.edf"))
    assert_one_line_error(done, "nope.edf")


def test_not_an_edf(tmp_path: Path):
    bogus = tmp_path / "notes.edf"
    bogus.write_text("these are my sleep notes, not a recording\n" * 20)
    assert_one_line_error(run("score", str(bogus)), "notes.edf")


def test_no_leg_channel_lists_labels_and_how_to_pick(tmp_path: Path):
    path = write_edf(tmp_path / "noleg.edf", ("C3-M2", "ECG", "Thor"))
    done = run("score", str(path))
    assert_one_line_error(done, "noleg.edf", "C3-M2", "--left")


def test_flat_leg_channel(tmp_path: Path):
    path = write_edf(tmp_path / "flat.edf", ("LAT",), flat="LAT")
    assert_one_line_error(run("score", str(path)), "flat.edf", "LAT")


def test_truncated_edf_is_read_with_a_warning(tmp_path: Path):
    path = write_edf(tmp_path / "cut.edf", ("LAT", "RAT"), seconds=600)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    done = run("score", str(path))
    assert done.returncode == 0, done.stderr
    assert "truncated" in (done.stdout + done.stderr).lower()


def test_hypnogram_shorter_than_recording(tmp_path: Path):
    path = write_edf(tmp_path / "night.edf", ("LAT", "RAT"), seconds=600)
    hyp = tmp_path / "stages.txt"
    hyp.write_text("\n".join(["N2"] * 5) + "\n")  # 2.5 min for a 10 min recording
    assert_one_line_error(run("score", str(path), "--hypnogram", str(hyp)), "stages.txt")


def test_events_for_another_recording(tmp_path: Path):
    path = write_edf(tmp_path / "night.edf", ("LAT", "RAT"), seconds=600)
    events = tmp_path / "other.csv"
    events.write_text("onset,duration,event\n20000,15,apnea\n25000,3,arousal\n")
    assert_one_line_error(run("score", str(path), "--events", str(events)), "other.csv")


def test_bad_input_leaves_existing_output_intact(tmp_path: Path):
    out = tmp_path / "result.json"
    out.write_text('{"kept": true}')
    done = run("score", str(tmp_path / "missing.edf"), "--json", str(out))
    assert done.returncode == 2
    assert out.read_text() == '{"kept": true}'


@pytest.mark.parametrize("labels", [("LAT", "RAT"), ("TIB SX", "TIB DX"), ("Leg/L", "Leg/R")])
def test_leg_labels_are_found(tmp_path: Path, labels):
    path = write_edf(tmp_path / "labels.edf", labels)
    done = run("score", str(path), "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr


def test_movements_scored_elsewhere_need_no_leg_channel(tmp_path: Path):
    stages = [EdfAnnotation(30.0 * i, 30.0, "Sleep stage N2") for i in range(20)]
    path = write_edf(tmp_path / "noleg.edf", ("C3-M2", "ECG"), seconds=600, annotations=stages)
    lms = tmp_path / "lms.csv"
    lms.write_text("onset,duration,event,leg\n" + "".join(f"{60 + 25 * i},1.5,LM,left\n" for i in range(6)))
    done = run("score", str(path), "--movements", str(lms), "--json", str(tmp_path / "r.json"),
               "--report", str(tmp_path / "r.html"))
    assert done.returncode == 0, done.stderr
    assert "no leg EMG channel" in done.stdout
    assert (tmp_path / "r.html").stat().st_size > 10_000


def test_edf_truncated_to_seconds_is_an_error(tmp_path: Path):
    path = write_edf(tmp_path / "stub.edf", ("LAT", "RAT"), seconds=600)
    header = 256 * 3  # main header + two signal headers
    path.write_bytes(path.read_bytes()[: header + 2 * 2 * FS * 2])  # ~2 s of two channels
    assert_one_line_error(run("score", str(path)), "stub.edf", "truncated", "30 s epoch")


def test_outputs_get_ordinary_file_permissions(tmp_path: Path):
    from plmscope.export.atomic import write_atomic

    out = write_atomic(tmp_path / "r.json", "{}")
    assert out.stat().st_mode & 0o644 == 0o644


def test_the_error_is_the_only_line_on_stderr_when_it_is_not_a_terminal(tmp_path: Path):
    bad = tmp_path / "tiny.edf"
    bad.write_bytes(b"0       " + b"x" * 92)
    done = run("score", str(bad))  # stderr is a pipe: no spinner, and no blank line left by one
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines and lines[0].startswith("error: ") and all(line.strip() for line in lines), done.stderr
