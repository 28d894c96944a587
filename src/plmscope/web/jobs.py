"""The worker pool: scoring and page building in separate processes, pages first.

A process pool sized to the machine runs the jobs, so a long night never blocks the server
and a crash in a job cannot take the server down. Jobs wait in the runner's own queue and
are handed to the pool only when a process is free, pages (report, PDF) before scoring, so
a person opening a finished night does not wait behind twenty queued uploads. If a worker
process dies (killed, out of memory), the jobs it had fail with a clear error and a fresh
pool takes the next ones.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger("plmscope.web")

PAGE, SCORE = 0, 1  # priorities: lower runs first


class WorkerDied(RuntimeError):
    """The process running a job stopped before it finished."""


def default_workers() -> int:
    """One process per core this process may use, at least one (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


class JobRunner:
    """Run functions in a process pool, at most ``workers`` at once, by priority then arrival."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Lock()
        self._queue: list[tuple[int, int, Callable, tuple, Future]] = []
        self._order = itertools.count()
        self._running = 0
        self._closed = False
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context)

    def submit(self, priority: int, fn: Callable, *args: Any) -> Future:
        """Queue ``fn(*args)`` to run in a worker process; the returned future gets its result."""
        outer: Future = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is shut down")
            heapq.heappush(self._queue, (priority, next(self._order), fn, args, outer))
        self._dispatch()
        return outer

    def warm_up(self, fn: Callable) -> None:
        """Start every worker process now (each imports what ``fn`` imports)."""
        for _ in range(self.workers):
            self.submit(PAGE, fn)

    @property
    def waiting(self) -> int:
        """Jobs queued and not yet running."""
        with self._lock:
            return len(self._queue)

    def _dispatch(self) -> None:
        while True:
            with self._lock:
                if self._closed or self._running >= self.workers or not self._queue:
                    return
                _priority, _n, fn, args, outer = heapq.heappop(self._queue)
                if not outer.set_running_or_notify_cancel():
                    continue
                self._running += 1
                pool = self._pool
            try:
                inner = pool.submit(fn, *args)
            except (BrokenProcessPool, RuntimeError) as exc:
                self._finished(pool, outer, None, exc)
                continue
            inner.add_done_callback(lambda done, o=outer, p=pool: self._finished(p, o, done, None))

    def _finished(self, pool: ProcessPoolExecutor, outer: Future, inner: Future | None, error: BaseException | None) -> None:
        if inner is not None:
            error = inner.exception() if not inner.cancelled() else WorkerDied("the job was cancelled")
        if isinstance(error, BrokenProcessPool):
            error = WorkerDied("the scoring process stopped unexpectedly (killed, or out of memory)")
            self._replace_pool(pool)
        with self._lock:
            self._running -= 1
        if error is not None:
            outer.set_exception(error)
        else:
            outer.set_result(inner.result())
        self._dispatch()

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is not broken or self._closed:
                return
            log.warning("a worker process died; starting a fresh pool")
            self._pool = self._new_pool()
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking jobs, drop the queued ones, stop the processes (running jobs are abandoned)."""
        with self._lock:
            self._closed = True
            queued, self._queue = self._queue, []
            pool = self._pool
        for *_rest, outer in queued:
            outer.cancel()
        processes = list((getattr(pool, "_processes", None) or {}).values()) if not wait else []
        pool.shutdown(wait=wait, cancel_futures=True)
        for process in processes:  # a night being scored is re-queued at the next start
            process.terminate()
