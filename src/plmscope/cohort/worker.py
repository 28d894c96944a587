"""Worker preload for any cluster that scores cohorts (``dask worker ... --preload plmscope.cohort.worker``).

``distributed`` calls :func:`dask_setup` when the worker starts: it keeps large arrays in the
heap (see :mod:`plmscope.cohort.allocator`; the per-night task does the same on workers started
without this preload) and imports the scoring code, so the first night pays no import time.
"""

from __future__ import annotations

from plmscope.cohort.allocator import keep_arrays_in_heap


def dask_setup(worker: object) -> None:
    """Tune the allocator and load the front door before the first night arrives."""
    keep_arrays_in_heap()
    import plmscope.cohort.task  # noqa: F401  (warm)
