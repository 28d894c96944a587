"""Per-night files, what makes a stored night still valid for --resume, and output-folder safety."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import plmscope
from plmscope.cohort import NightEntry
from plmscope.cohort import fingerprint as fingerprint_module
from plmscope.cohort.fingerprint import fingerprint
from plmscope.cohort.outputs import check_out_folder, cohort_table, night_paths, stored_outcome, write_night
from plmscope.cohort.rows import table_columns
from plmscope.cohort.task import INPUT, WORKER, NightOutcome, score_entry
from plmscope.errors import PlmscopeInputError
from plmscope.rules import AASM, WASM2016
from plmscope.simulate import simulate_night, write_simulation


@pytest.fixture(scope="module")
def scored_night(tmp_path_factory) -> tuple[NightEntry, NightOutcome]:
    folder = tmp_path_factory.mktemp("night")
    path, _ = write_simulation(simulate_night("plmd", seed=31, hours=0.25), folder / "n.edf")
    entry = NightEntry("n", recording=str(path))
    return entry, score_entry(entry, WASM2016)


def test_the_task_gives_the_front_doors_result(scored_night):
    entry, outcome = scored_night
    direct = plmscope.score(entry.recording)
    assert outcome.ok and json.loads(outcome.result_json) == direct.to_dict()
    movements = pd.read_parquet(__import__("io").BytesIO(outcome.movements_parquet))
    assert len(movements) == len(direct.movements)
    assert movements["onset"].tolist() == direct.movements["onset"].tolist()
    assert outcome.row["plms_index"] == direct.indices["plms_index"]
    assert outcome.row["left_channel"] == "Leg L" and outcome.row["left_sf"] == 256.0


def test_a_stored_night_is_kept_until_its_file_the_rules_or_the_version_change(scored_night, tmp_path, monkeypatch):
    entry, outcome = scored_night
    print_ = fingerprint(entry, WASM2016)
    write_night(tmp_path, "n", outcome, print_)
    kept = stored_outcome(tmp_path, "n", print_)
    assert kept is not None and kept.row == outcome.row
    assert stored_outcome(tmp_path, "n", fingerprint(entry, AASM)) is None
    monkeypatch.setattr(fingerprint_module, "__version__", "99.0")
    assert stored_outcome(tmp_path, "n", fingerprint(entry, WASM2016)) is None
    monkeypatch.undo()
    stat = os.stat(entry.recording)
    os.utime(entry.recording, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert stored_outcome(tmp_path, "n", fingerprint(entry, WASM2016)) is None
    finally:
        os.utime(entry.recording, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_night_without_its_result_files_is_done_again(scored_night, tmp_path):
    entry, outcome = scored_night
    print_ = fingerprint(entry, WASM2016)
    write_night(tmp_path, "n", outcome, print_)
    night_paths(tmp_path, "n")["json"].unlink()
    assert stored_outcome(tmp_path, "n", print_) is None


def test_input_failures_are_kept_and_worker_deaths_are_tried_again(tmp_path):
    entry = NightEntry("x", recording=str(tmp_path / "x.edf"))
    (tmp_path / "x.edf").write_bytes(b"garbage")
    print_ = fingerprint(entry, WASM2016)
    broken = score_entry(entry, WASM2016)
    assert broken.failure == INPUT
    write_night(tmp_path, "x", broken, print_)
    assert stored_outcome(tmp_path, "x", print_).failure == INPUT
    died = NightOutcome("x", {"status": "error", "reason": "worker died"}, failure=WORKER)
    write_night(tmp_path, "x", died, print_)
    assert stored_outcome(tmp_path, "x", print_) is None


def test_a_failed_night_leaves_no_result_of_an_earlier_run(scored_night, tmp_path):
    entry, outcome = scored_night
    write_night(tmp_path, "n", outcome, fingerprint(entry, WASM2016))
    write_night(tmp_path, "n", NightOutcome("n", {"status": "error"}, failure=WORKER), {})
    paths = night_paths(tmp_path, "n")
    assert paths["row"].exists() and not paths["json"].exists() and not paths["movements"].exists()


def test_no_night_file_is_left_half_written(scored_night, tmp_path):
    entry, outcome = scored_night
    write_night(tmp_path, "n", outcome, fingerprint(entry, WASM2016))
    assert not [p for p in (tmp_path / "nights").iterdir() if p.name.startswith(".")]


def test_the_table_has_every_column_for_error_rows_too(tmp_path):
    entries = [NightEntry("a", recording=str(tmp_path / "a.edf"), extra={"group": "g1"})]
    outcomes = {"a": NightOutcome("a", {"status": "error", "reason": f"{tmp_path / 'a.edf'}: file not found"}, failure=INPUT)}
    table = cohort_table(entries, outcomes, ["group"], tmp_path)
    assert list(table.columns) == table_columns(["group"])
    assert table.loc[0, "reason"] == "a.edf: file not found" and table.loc[0, "file"] == "a.edf"
    assert pd.isna(table.loc[0, "plms_index"]) and table.loc[0, "group"] == "g1"


def test_an_output_folder_never_overwrites_an_input(tmp_path):
    manifest = tmp_path / "nights.csv"
    manifest.write_text("recording\na.edf\n")
    with pytest.raises(PlmscopeInputError, match="would be overwritten"):
        check_out_folder(tmp_path, [str(manifest)])
    with pytest.raises(PlmscopeInputError, match="would be overwritten"):
        check_out_folder(tmp_path, [str(tmp_path / "nights" / "a.edf")])
    with pytest.raises(PlmscopeInputError, match="is a file"):
        check_out_folder(manifest, [])
    check_out_folder(tmp_path / "results", [str(manifest)])  # elsewhere: fine


def test_one_batch_at_a_time_per_results_folder(tmp_path):
    import subprocess
    import sys

    from plmscope.cohort.outputs import LOCK_NAME, folder_lock

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / LOCK_NAME).write_text(str(other.pid))
        with pytest.raises(PlmscopeInputError, match=f"another batch \\(process {other.pid}\\)"):
            with folder_lock(tmp_path):
                pass
    finally:
        other.kill()
        other.wait()
    with folder_lock(tmp_path):  # its holder is gone: the lock is taken over, and given back after
        assert (tmp_path / LOCK_NAME).read_text() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()
