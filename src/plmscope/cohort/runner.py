"""Run nights on a Dask cluster, one task per night, and hand back each outcome as it arrives.

At most as many nights are in flight as the cluster has threads: a worker holds one night at
a time (memory stays bounded, and a worker that dies takes only its own night with it), and
thousands of nights never sit in the scheduler at once. Every way a task can end becomes a
:class:`~plmscope.cohort.task.NightOutcome`: scored, failed on its input, crashed, or lost
with its worker.
"""

from __future__ import annotations

import time
import uuid
from queue import Empty, Queue
from collections.abc import Iterator
from typing import Any

from plmscope.cohort.entries import NightEntry
from plmscope.cohort.rows import error_row
from plmscope.cohort.task import CRASH, WORKER, NightOutcome, score_entry
from plmscope.errors import PlmscopeInputError
from plmscope.rules import RuleSet
from plmscope.version import __version__

#: How long a cluster may have no worker at all before the batch gives up (seconds).
NO_WORKER_TIMEOUT_S = 120.0


def worker_version() -> str:
    """The plmscope version a worker runs (sent to each worker by :func:`check_workers`)."""
    return __version__


def check_workers(client: Any) -> None:
    """Every worker must run this plmscope version (results must not mix versions)."""
    try:
        versions = client.run(worker_version)
    except Exception as exc:  # noqa: BLE001 - e.g. plmscope not installed on a worker
        raise PlmscopeInputError(
            f"the Dask workers cannot run plmscope ({type(exc).__name__}: {exc}); "
            "install this plmscope in the workers' environment",
            path=str(client.scheduler.address),
        ) from None
    other = {v for v in versions.values() if v != __version__}
    if other:
        raise PlmscopeInputError(
            f"the Dask workers run plmscope {', '.join(sorted(other))} but this is {__version__}; "
            "install the same version everywhere",
            path=str(client.scheduler.address),
        )


def run_nights(
    client: Any,
    entries: list[NightEntry],
    rules: RuleSet,
    *,
    no_worker_timeout: float | None = None,
) -> Iterator[tuple[NightEntry, NightOutcome]]:
    """Score ``entries`` on ``client``'s cluster; yield ``(entry, outcome)`` as each night ends.

    Closing the generator (or an exception in the caller, e.g. Ctrl-C) cancels the nights
    still in flight. A cluster without any worker for ``no_worker_timeout`` seconds (default
    :data:`NO_WORKER_TIMEOUT_S`) stops the run with a clear error.
    """
    patience = NO_WORKER_TIMEOUT_S if no_worker_timeout is None else no_worker_timeout
    queue = iter(entries)
    in_flight: dict[str, tuple[Any, NightEntry]] = {}
    finished: Queue = Queue()
    capacity = Capacity(client)

    def fill() -> None:
        while len(in_flight) < capacity():
            entry = next(queue, None)
            if entry is None:
                return
            key = f"plmscope-night-{uuid.uuid4().hex}"
            future = client.submit(score_entry, entry, rules, key=key, pure=False, retries=0)
            in_flight[key] = (future, entry)
            future.add_done_callback(finished.put)

    try:
        fill()
        without_workers_since: float | None = None
        while in_flight:
            try:
                done = finished.get(timeout=2.0)
            except Empty:
                without_workers_since = _watch_workers(client, without_workers_since, patience)
                capacity.refresh()
                continue
            without_workers_since = None
            future, entry = in_flight.pop(done.key)
            outcome = outcome_of(future, entry, rules, client)
            if outcome.failure == WORKER:
                capacity.refresh()
            fill()  # the worker gets its next night before this one is written
            yield entry, outcome
    finally:
        if in_flight:
            client.cancel([future for future, _ in in_flight.values()], force=True)


class Capacity:
    """How many nights may be in flight: the cluster's threads, looked up at most once a second."""

    def __init__(self, client: Any, every_s: float = 1.0):
        self.client, self.every_s = client, every_s
        self.refresh()

    def refresh(self) -> None:
        self.value = max(1, sum(self.client.nthreads().values()))
        self.checked = time.monotonic()

    def __call__(self) -> int:
        if time.monotonic() - self.checked > self.every_s:
            self.refresh()
        return self.value


def _watch_workers(client: Any, since: float | None, timeout: float) -> float | None:
    """Raise when the cluster has had no worker for ``timeout`` s; the time none was first seen."""
    if client.status != "running":
        raise PlmscopeInputError(
            "lost the connection to the Dask scheduler; the nights done so far are saved, "
            "run again with --resume",
            path=str(client.scheduler.address),
        )
    if client.nthreads():
        return None
    now = time.monotonic()
    if since is not None and now - since > timeout:
        raise PlmscopeInputError(
            f"the Dask cluster has had no worker for {timeout:.0f} s; start workers or use a local cluster "
            "(the nights done so far are saved, run again with --resume)",
            path=str(client.scheduler.address),
        )
    return since if since is not None else now


def outcome_of(future: Any, entry: NightEntry, rules: RuleSet, client: Any) -> NightOutcome:
    """The outcome of a finished task, whatever way it ended."""
    from distributed import KilledWorker

    if future.status == "finished":
        return future.result()
    if future.status == "cancelled":
        if client.status != "running":
            raise PlmscopeInputError(
                "lost the connection to the Dask scheduler; the nights done so far are saved, "
                "run again with --resume",
                path=str(client.scheduler.address),
            )
        return NightOutcome(entry.night_id, error_row("cancelled by the Dask scheduler", rules.name), failure=CRASH)
    error = future.exception()
    if isinstance(error, KilledWorker):
        reason = (
            "the worker scoring this night died (killed, or over its memory limit); "
            "--resume tries the night again"
        )
        return NightOutcome(entry.night_id, error_row(reason, rules.name), failure=WORKER)
    return NightOutcome(
        entry.night_id,
        error_row(f"the task failed: {type(error).__name__}: {error}", rules.name),
        failure=CRASH,
    )
