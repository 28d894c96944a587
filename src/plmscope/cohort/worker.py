"""Preloaded by every worker of a local cohort cluster (``distributed`` calls ``dask_setup``).

A Ctrl-C in the terminal reaches every process of the batch; the workers ignore it and the
batch process stops them itself, so that the user sees one clean message and no tracebacks.
It also loads the scoring code once per worker, before the first night arrives.
"""

from __future__ import annotations

import signal
import threading


def dask_setup(worker: object) -> None:
    """Ignore SIGINT in this worker process; import the front door ahead of the first night."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    import plmscope.cohort.task  # noqa: F401  (warm: the first night pays no import time)
