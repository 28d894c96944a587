"""Preloaded by the workers of the batch's own ``LocalCluster`` (after :mod:`plmscope.cohort.worker`).

A Ctrl-C in the terminal reaches every process of the batch; these workers ignore it and the
batch process stops them itself, so the user sees one clean message and no tracebacks. Workers
of an existing cluster keep their own Ctrl-C.
"""

from __future__ import annotations

import signal
import threading


def dask_setup(worker: object) -> None:
    """Ignore SIGINT in this worker process (its main thread runs the worker's event loop)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
