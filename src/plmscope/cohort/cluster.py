"""The Dask cluster a cohort runs on: a ``LocalCluster`` sized to the machine, or an existing one.

The local cluster runs one single-threaded worker process per core (scoring holds the GIL
part of the time, so processes scale where threads would not), each with a memory limit;
a worker that dies (killed, or over its memory limit) fails its night at once instead of
passing the night on to kill the next worker (``allowed-failures`` 0), and the nanny
starts a fresh worker. Workers ignore Ctrl-C: the batch process stops them itself, cleanly.
Each worker keeps large arrays in its heap between nights (``plmscope.cohort.allocator``), and
starts with ``MALLOC_ARENA_MAX=1``: a night runs on a thread of the worker, and glibc gives such
a thread an arena of 64 MB heaps that maps a larger array afresh each time whatever the
thresholds (25-140 thousand page faults per 12 eight-hour nights, against 3-4 thousand with one
arena). Only the environment it starts with sets this, so external workers need it in theirs.

dask and distributed are imported only here and only when a cluster is made.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
import warnings
from dataclasses import dataclass
from typing import Any

#: Modules every local worker runs at start: allocator and imports, then Ctrl-C ignored.
WORKER_PRELOAD = ("plmscope.cohort.worker", "plmscope.cohort.local_worker")


def machine_cores() -> int:
    """Cores this process may use (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ClusterInfo:
    """What the batch says about the cluster it runs on."""

    address: str
    workers: int
    threads: int
    memory_limit: str | None
    dashboard: str | None
    local: bool


def local_client(
    workers: int | None = None,
    threads_per_worker: int = 1,
    memory_limit: str | float | None = "auto",
    *,
    dashboard: bool | None = None,
    quiet: bool = True,
) -> Any:
    """A ``distributed.Client`` on a new ``LocalCluster`` (closing the client closes the cluster).

    ``workers``: worker processes (default: one per core); ``memory_limit``: per worker, e.g.
    ``"4GB"``, ``"auto"`` (the machine's memory shared out) or None for no limit;
    ``dashboard``: serve the Dask dashboard (default: when bokeh, which it needs, is installed).
    """
    import dask
    from distributed import Client, LocalCluster

    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    if threads_per_worker < 1:
        raise ValueError("threads per worker must be at least 1")
    if dashboard is None:
        dashboard = importlib.util.find_spec("bokeh") is not None
    settings = {
        "distributed.scheduler.allowed-failures": 0,
        "distributed.worker.daemon": True,
        "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": "1",
    }
    with dask.config.set(settings), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*already in use")  # the dashboard takes another port
        cluster = LocalCluster(
            n_workers=workers or machine_cores(),
            threads_per_worker=threads_per_worker,
            processes=True,
            memory_limit=memory_limit if memory_limit is not None else 0,
            dashboard_address=":8787" if dashboard else None,
            silence_logs=logging.CRITICAL if quiet else logging.WARNING,
            preload=list(WORKER_PRELOAD),
        )
    try:
        return Client(cluster, set_as_default=False)
    except BaseException:
        cluster.close()
        raise


def connect(address: str) -> Any:
    """A ``distributed.Client`` on an existing scheduler (``tcp://host:8786``).

    It waits for the scheduler as long as Dask's ``distributed.comm.timeouts.connect`` says.
    """
    from distributed import Client

    from plmscope.errors import PlmscopeInputError

    try:
        return Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PlmscopeInputError(f"cannot reach the Dask scheduler ({reason})", path=address) from None


def cluster_info(client: Any) -> ClusterInfo:
    """Workers, threads, memory limit and dashboard address of the client's cluster."""
    info = client.scheduler_info(n_workers=-1) if _takes_n_workers(client) else client.scheduler_info()
    workers = info.get("workers", {})
    limits = {w.get("memory_limit") for w in workers.values()}
    limit = next(iter(limits)) if len(limits) == 1 else None
    dashboard = client.dashboard_link if "dashboard" in info.get("services", {}) and _serves_dashboard(client) else None
    return ClusterInfo(
        address=str(info.get("address", "")),
        workers=len(workers),
        threads=sum(int(w.get("nthreads", 1)) for w in workers.values()),
        memory_limit=_bytes(limit) if limit else None,
        dashboard=dashboard,
        local=client.cluster is not None,
    )


def _serves_dashboard(client: Any) -> bool:
    """Whether the scheduler serves the dashboard pages (its HTTP port is there even without them:
    the pages need bokeh, and the scheduler loads them only when it has it and was asked to)."""
    try:
        return bool(client.run_on_scheduler(lambda: "distributed.dashboard.scheduler" in __import__("sys").modules))
    except Exception:  # noqa: BLE001 - not knowing is no reason to stop a batch
        return False


def _takes_n_workers(client: Any) -> bool:
    import inspect

    return "n_workers" in inspect.signature(client.scheduler_info).parameters


def _bytes(n: float) -> str:
    from dask.utils import format_bytes

    return format_bytes(int(n))


def close_client(client: Any, wait_s: float = 10.0) -> None:
    """Close the client, and its local cluster if it made one (waiting for its worker processes)."""
    import multiprocessing

    cluster = client.cluster
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()
            deadline = time.monotonic() + wait_s
            for child in multiprocessing.active_children():  # also reaps those already gone
                child.join(max(0.0, deadline - time.monotonic()))
            _stop_resource_tracker()


def _stop_resource_tracker() -> None:
    """Stop multiprocessing's helper process (started for the workers) instead of leaving it to
    notice our exit; it starts again by itself if anything needs it."""
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)  # private API (Python 3.11+)
    if stop is not None:
        try:
            stop()
        except Exception:  # noqa: BLE001 - a helper that will exit with us anyway
            pass
