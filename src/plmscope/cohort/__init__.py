"""Cohorts: score thousands of nights on a laptop or a Dask cluster, and never lose one.

    table = plmscope.cohort.score_many("cohort/", out="results/")        # LocalCluster
    table = plmscope.cohort.score_many("manifest.csv", client=client)    # an existing cluster

- ``inputs``/``discover``/``manifest``: a folder (recordings paired with their annotation
  files by name), a manifest CSV, or a list of recordings -> one ``NightEntry`` per night.
- ``task``: the work of one night on a worker (``plmscope.score``; failures become outcomes).
- ``runner``: one Dask task per night, as many in flight as the cluster has threads.
- ``outputs``: per-night files written atomically as each night ends; resume; the table.
- ``summary``/``figures``: ``summary.html``.
- ``cluster``: the LocalCluster sized to the machine, or a client on ``tcp://host:8786``.

dask is imported only when a cluster is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.cohort.api import CohortInterrupted, CohortProgress, score_many
    from plmscope.cohort.discover import find_nights
    from plmscope.cohort.entries import NightEntry
    from plmscope.cohort.inputs import Cohort, cohort_from
    from plmscope.cohort.manifest import read_manifest

_LAZY = {
    "CohortInterrupted": "api", "CohortProgress": "api", "score_many": "api",
    "find_nights": "discover", "NightEntry": "entries", "Cohort": "inputs", "cohort_from": "inputs",
    "read_manifest": "manifest",
}  # fmt: skip

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
