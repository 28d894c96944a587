"""The worker pool: jobs run in other processes, pages go first, a dead worker is replaced."""

from __future__ import annotations

import os

import pytest

from plmscope.web.jobs import PAGE, SCORE, JobRunner, WorkerDied


@pytest.fixture(scope="module")
def runner():
    pool = JobRunner(workers=1)
    yield pool
    pool.shutdown(wait=True)


def test_jobs_run_in_another_process(runner):
    assert runner.submit(SCORE, os.getpid).result(60) != os.getpid()


def test_a_killed_worker_fails_its_job_and_the_next_job_runs(runner):
    dying = runner.submit(SCORE, os._exit, 3)
    with pytest.raises(WorkerDied, match="stopped unexpectedly"):
        dying.result(60)
    assert runner.submit(SCORE, abs, -4).result(60) == 4


def test_pages_overtake_queued_scoring(runner):
    import time

    blocker = runner.submit(SCORE, time.sleep, 1.0)  # occupies the single worker
    order: list[str] = []
    scoring = [runner.submit(SCORE, abs, -i) for i in range(3)]
    page = runner.submit(PAGE, abs, -9)
    for name, future in [("page", page), *((f"score{i}", f) for i, f in enumerate(scoring))]:
        future.add_done_callback(lambda _f, n=name: order.append(n))
    blocker.result(60)
    assert page.result(60) == 9 and [f.result(60) for f in scoring] == [0, 1, 2]
    assert order[0] == "page"


def test_a_shut_down_runner_takes_no_job():
    pool = JobRunner(workers=1)
    pool.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        pool.submit(SCORE, abs, 1)
