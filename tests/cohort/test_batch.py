"""Cohorts on real Dask clusters: a LocalCluster of 1 and 2 workers, a batch killed and resumed,
Ctrl-C, a worker killed mid-night, and a scheduler and worker started as separate processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import plmscope
from plmscope.cli import app
from plmscope.cohort import score_many

from .conftest import BAD, GOOD

runner = CliRunner()


def batch(*args: str):
    """``plmscope batch ARGS`` in-process, as a user would type it."""
    return runner.invoke(app, ["batch", *args], catch_exceptions=False)


def read_table(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "nights.parquet")


def wait_for(condition, timeout: float, what: str, step: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def slow_batch(cohort_folder: Path, out: Path, *options: str, night_s: float = 1.0) -> subprocess.Popen:
    """``plmscope batch`` on one worker, in its own process group, every night taking at least
    ``night_s`` (tests/cohort/slow_nights): the test can always stop it after the first night."""
    env = dict(os.environ, PLMSCOPE_TEST_NIGHT_S=str(night_s))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).with_name("slow_nights")), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "plmscope", "batch", str(cohort_folder), "--out", str(out), "--workers", "1", *options],
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def rows_done(out: Path) -> list[Path]:
    folder = out / "nights"
    return sorted(folder.glob("*.row.json")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def one_worker(cohort_folder, tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The cohort scored once through the Python API on a one-worker LocalCluster."""
    out = tmp_path_factory.mktemp("one-worker")
    table = score_many(cohort_folder, out=out, workers=1, memory_limit="2GB")
    return out, table


def test_good_nights_are_scored_and_bad_ones_are_error_rows(one_worker):
    out, table = one_worker
    status = dict(zip(table["night_id"], table["status"]))
    assert status == {**{n: "ok" for n in GOOD}, **{n: "error" for n in BAD}}
    reasons = dict(zip(table["night_id"], table["reason"]))
    assert "truncated" in reasons["truncated"] and "30 s epoch" in reasons["truncated"]
    assert "no leg EMG channel" in reasons["no_legs"]
    assert "not an EDF" in reasons["garbage"]
    assert all(reasons[n] == "" for n in GOOD)
    assert reasons["garbage"].startswith("edfs/garbage.edf:")  # paths shown below the cohort folder
    good = table.set_index("night_id").loc[list(GOOD)]
    assert (good["left_sf"] == 256.0).all() and good["tst_h"].gt(0).all()
    assert good.loc["odd_labels", "left_channel"] == "EMG LAT1-LAT2"
    assert good.loc["cut_short", "warnings"] >= 1  # scored, and said to be cut short
    assert good.loc["odd_labels", "warnings"] >= 1  # unrecognised annotation labels
    assert good.loc["plmd_nsrr", "plms_index"] > 15 and good.loc["healthy_csv", "plms_index"] < 5
    assert good.loc["apnea_sibling", "annotations"] == "annotations/apnea_sibling-nsrr.xml"
    assert set(good["hypnogram_source"]) <= {"file", "annotations"}
    assert (table["rules"] == "WASM2016").all() and (table["software"] == plmscope.__version__).all()
    assert read_table(out).equals(table)


def test_each_night_result_is_the_front_doors_result(one_worker, cohort_folder):
    out, _ = one_worker
    direct = plmscope.score(
        cohort_folder / "edfs/plmd_nsrr.edf", events=[cohort_folder / "edfs/plmd_nsrr-nsrr.xml"]
    )
    assert json.loads((out / "nights/plmd_nsrr.json").read_text()) == direct.to_dict()
    movements = pd.read_parquet(out / "nights/plmd_nsrr.movements.parquet")
    assert movements["onset"].tolist() == direct.movements["onset"].tolist()
    assert not (out / "nights/garbage.json").exists() and (out / "nights/garbage.row.json").exists()


def test_two_workers_from_the_command_line_give_the_same_table(one_worker, cohort_folder, tmp_path):
    _, reference = one_worker
    done = batch(str(cohort_folder), "--out", str(tmp_path / "res"), "--workers", "2", "--memory-limit", "2GB")
    assert done.exit_code == 0, done.output
    assert "scored 6 of 9 nights" in done.output and "3 could not be scored" in done.output
    pd.testing.assert_frame_equal(read_table(tmp_path / "res"), reference)
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "res/nights.csv"), pd.read_csv(one_worker[0] / "nights.csv")
    )


def test_the_summary_page_lists_failures_versions_and_rules(one_worker):
    out, _ = one_worker
    html = (out / "summary.html").read_text()
    for text in ("6 of 9", "nights scored", "not an EDF", "no leg EMG channel", "WASM2016", "dask", "15/h"):
        assert text in html
    assert "<script" not in html and "http://" not in html and "https://" not in html  # self-contained


def test_a_manifest_carries_its_columns_and_groups_the_summary(cohort_folder, tmp_path):
    manifest = tmp_path / "cohort.csv"
    manifest.write_text(
        "night_id,recording,annotations,age,group\n"
        f"p1,{cohort_folder}/edfs/plmd_nsrr.edf,{cohort_folder}/edfs/plmd_nsrr-nsrr.xml,61,case\n"
        f"p2,{cohort_folder}/edfs/healthy_csv.edf,{cohort_folder}/edfs/healthy_csv.csv,57,control\n"
        f"p3,{cohort_folder}/edfs/rls_edfplus.edf,,70,case\n"
        f"p4,{cohort_folder}/edfs/garbage.edf,,44,control\n"
    )
    table = score_many(manifest, out=tmp_path / "res", workers=1, memory_limit=None)
    assert table["night_id"].tolist() == ["p1", "p2", "p3", "p4"]
    assert table["age"].tolist() == [61, 57, 70, 44] and table["group"].tolist() == ["case", "control", "case", "control"]
    assert list(table.columns[:5]) == ["night_id", "status", "reason", "age", "group"]
    html = (tmp_path / "res/summary.html").read_text()
    assert "By group" in html and "By age" not in html  # ages are all different: not a grouping


def test_resume_after_the_batch_is_killed_gives_the_same_table(one_worker, cohort_folder, tmp_path):
    _, reference = one_worker
    out = tmp_path / "res"
    process = slow_batch(cohort_folder, out, "--quiet")
    try:
        wait_for(lambda: rows_done(out) or process.poll() is not None, 180, "the first night")
        os.killpg(process.pid, signal.SIGKILL)  # the whole batch at once, workers too
        process.wait(30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    before = {p.name: p.stat().st_mtime_ns for p in rows_done(out)}
    assert 0 < len(before) < len(reference), "the batch must be killed mid-way"
    assert not (out / "nights.parquet").exists()
    done = batch(str(cohort_folder), "--out", str(out), "--workers", "1", "--resume")
    assert done.exit_code == 0, done.output
    assert f"resume: {len(before)} of 9 nights already done" in done.output
    pd.testing.assert_frame_equal(read_table(out), reference)
    assert {p.name: p.stat().st_mtime_ns for p in rows_done(out) if p.name in before} == before  # kept, not redone
    assert not [p for p in (out / "nights").iterdir() if p.name.startswith(".")]  # no half-written file


def test_ctrl_c_stops_cleanly_and_resume_finishes(one_worker, cohort_folder, tmp_path):
    _, reference = one_worker
    out = tmp_path / "res"
    process = slow_batch(cohort_folder, out)
    try:
        wait_for(lambda: rows_done(out) or process.poll() is not None, 180, "the first night")
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole group
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "stopped:" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    partial = read_table(out)
    assert 0 < len(partial) < len(reference)
    assert "not scored yet" in (out / "summary.html").read_text()
    done = batch(str(cohort_folder), "--out", str(out), "--workers", "1", "--resume")
    assert done.exit_code == 0, done.output
    pd.testing.assert_frame_equal(read_table(out), reference)


def test_a_worker_killed_mid_night_gives_an_error_row_not_a_hang(cohort_folder, tmp_path):
    from plmscope.cohort.cluster import close_client, local_client

    from .victim import stall_on

    nights = [cohort_folder / f"edfs/{n}.edf" for n in ("healthy_csv", "plmd_nsrr", "rls_edfplus")]
    marker = tmp_path / "victim.pid"
    client = local_client(2, memory_limit=None, dashboard=False)
    try:
        # one malloc arena per worker: a night's large arrays stay in its heap (cohort/cluster.py)
        assert set(client.run(os.environ.get, "MALLOC_ARENA_MAX").values()) == {"1"}
        client.run(stall_on, "plmd_nsrr", str(marker))
        with ThreadPoolExecutor(1) as pool:
            running = pool.submit(score_many, nights, client=client, out=tmp_path / "res")
            wait_for(marker.exists, 120, "the night to start on a worker")
            os.kill(int(marker.read_text()), signal.SIGKILL)
            table = running.result(timeout=120)
        status = dict(zip(table["night_id"], table["status"]))
        assert status == {"healthy_csv": "ok", "plmd_nsrr": "error", "rls_edfplus": "ok"}
        reason = table.set_index("night_id").loc["plmd_nsrr", "reason"]
        assert "worker scoring this night died" in reason
        again = score_many(nights, client=client, out=tmp_path / "res", resume=True)  # tried again, scored
        assert (again["status"] == "ok").all()
    finally:
        close_client(client)
    assert threading.active_count() < 50


@pytest.fixture
def separate_cluster(tmp_path):
    """A ``dask scheduler`` and a ``dask worker`` (two processes of 1 thread) on loopback."""
    scheduler_file = tmp_path / "scheduler.json"
    started = []

    def start(*args: str) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-m", *args], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        started.append(process)
        return process

    try:
        start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file))
        wait_for(lambda: scheduler_file.exists() and scheduler_file.stat().st_size > 0, 60, "the scheduler", 0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        start("distributed.cli.dask_worker", address, "--nworkers", "2", "--nthreads", "1",
              "--no-dashboard", "--memory-limit", "2GB")
        from distributed import Client

        with Client(address, timeout=30) as probe:
            probe.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_an_existing_cluster_by_address(one_worker, cohort_folder, separate_cluster, tmp_path):
    _, reference = one_worker
    done = batch(str(cohort_folder), "--out", str(tmp_path / "res"), "--scheduler", separate_cluster)
    assert done.exit_code == 0, done.output
    assert f"Dask cluster at {separate_cluster}: 2 workers, 2 threads" in done.output
    assert "dashboard" not in done.output  # started with --no-dashboard: no address to show
    pd.testing.assert_frame_equal(read_table(tmp_path / "res"), reference)


def test_a_cluster_without_workers_stops_the_batch_with_a_clear_error(cohort_folder, tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    from plmscope.cohort import runner
    from plmscope.errors import PlmscopeInputError

    monkeypatch.setattr(runner, "NO_WORKER_TIMEOUT_S", 1.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster, Client(cluster) as client:
        with pytest.raises(PlmscopeInputError, match="no worker for 1 s"):
            score_many([cohort_folder / "edfs/plmd_nsrr.edf"], client=client, out=tmp_path / "res")
    assert (tmp_path / "res/nights.parquet").exists()  # what there is (nothing yet) is still written
