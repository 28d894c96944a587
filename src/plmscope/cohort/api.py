"""``score_many``: a cohort in, one table of nights out — on a local or an existing Dask cluster."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from plmscope.cohort.cluster import ClusterInfo, close_client, cluster_info, connect, local_client
from plmscope.cohort.fingerprint import fingerprint
from plmscope.cohort.inputs import Cohort, Inputs, cohort_from
from plmscope.cohort.outputs import (
    SUMMARY_NAME,
    check_out_folder,
    cohort_table,
    file_names,
    folder_lock,
    stored_outcome,
    write_night,
    write_table,
)
from plmscope.cohort.rows import shown_reason
from plmscope.cohort.runner import check_workers, run_nights
from plmscope.cohort.task import NightOutcome
from plmscope.export import write_atomic
from plmscope.rules import RuleSet, get_rules


@dataclass
class CohortProgress:
    """Where a cohort run is: nights in all, done (this run + kept from before), failed."""

    total: int
    kept: int = 0
    done: int = 0
    failed: int = 0
    started: float = 0.0
    last_error: tuple[str, str] | None = None  # (night id, reason) when the night just done failed

    @property
    def finished(self) -> int:
        """Nights with a result: kept from an earlier run or done in this one."""
        return self.kept + self.done

    @property
    def nights_per_minute(self) -> float | None:
        """Nights scored per minute in this run so far (None before the first)."""
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed * 60.0 if self.done and elapsed > 0 else None


class CohortInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run: what was done is saved; ``table`` holds it, ``remaining`` the rest."""

    def __init__(self, table: pd.DataFrame, remaining: int):
        super().__init__(f"stopped with {remaining} nights not scored")
        self.table = table
        self.remaining = remaining


Progress = Callable[[CohortProgress], None]


def score_many(
    paths_or_manifest: Inputs | Cohort,
    *,
    rules: RuleSet | str = "wasm2016",
    client: Any = None,
    out: str | Path | None = None,
    resume: bool = False,
    workers: int | None = None,
    threads_per_worker: int = 1,
    memory_limit: str | float | None = "auto",
    group_by: list[str] | None = None,
    progress: Progress | None = None,
    on_start: Callable[[ClusterInfo], None] | None = None,
) -> pd.DataFrame:
    """Score every night of a cohort on Dask; one row per night, ``status`` ``ok`` or ``error``.

    Parameters
    ----------
    paths_or_manifest : folder, manifest CSV, recording path(s) or DataFrame
        A folder is searched recursively for recordings, each paired with its annotation
        file by name (``X.edf`` + ``X-nsrr.xml``/``X.xml``/``X.csv``/``X-Events.txt``); a
        manifest has columns ``night_id,recording,annotations,left,right`` and any others
        (carried into the table).
    rules : RuleSet or str
        ``"wasm2016"`` (default) or ``"aasm"``, for every night.
    client : distributed.Client or str, optional
        Run on this cluster, or on the scheduler at this address (``"tcp://host:8786"``).
        Default: a new ``LocalCluster`` of ``workers`` single-threaded processes (one per
        core) with ``memory_limit`` each, closed at the end.
    out : folder, optional
        Write ``nights.parquet``/``.csv``, ``summary.html`` and each night's JSON and per-LM
        Parquet under ``nights/`` (atomically, as each night ends).
    resume : bool
        Keep the nights of ``out`` whose inputs, software version and rules are unchanged.
    group_by : list of str, optional
        Manifest columns to break the summary down by (default: the categorical ones).
    progress : callable, optional
        Called with a :class:`CohortProgress` at the start and after every night.
    on_start : callable, optional
        Called with the cluster's :class:`~plmscope.cohort.cluster.ClusterInfo` once it is up.

    Returns
    -------
    DataFrame
        One row per night: id, status and reason, the manifest's columns, files, channels and
        rates, TST, every index, warning count, rules, software version.

    Raises
    ------
    CohortInterrupted
        On Ctrl-C, after saving the table and summary of the nights done (``.table``).

    Notes
    -----
    A local cluster starts worker processes: in a script, call this under
    ``if __name__ == "__main__":`` (as for any Dask ``LocalCluster``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from plmscope.simulate import simulate_night, write_simulation
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_simulation(simulate_night("plmd", seed=2, hours=0.25), folder / "n1.edf")
    >>> (folder / "broken.edf").write_bytes(b"not an EDF")
    10
    >>> table = score_many(folder, workers=1, memory_limit=None)       # doctest: +SKIP
    >>> table[["night_id", "status"]].values.tolist()                  # doctest: +SKIP
    [['broken', 'error'], ['n1', 'ok']]
    """
    ruleset = get_rules(rules)
    out_path = Path(out) if out is not None else None
    if resume and out_path is None:
        raise ValueError("resume=True needs out= (the folder holding the earlier results)")
    cohort = (
        paths_or_manifest
        if isinstance(paths_or_manifest, Cohort)
        else cohort_from(paths_or_manifest, exclude=(out_path,) if out_path else ())
    )
    if group_by:
        from plmscope.cohort.summary import grouping_columns

        grouping_columns(pd.DataFrame(columns=cohort.extra), cohort.extra, group_by)  # fail early
    if out_path is not None:
        check_out_folder(out_path, cohort.inputs())
        out_path.mkdir(parents=True, exist_ok=True)
    with folder_lock(out_path) if out_path is not None else nullcontext():
        return run_cohort(
            CohortRun(cohort, ruleset, out_path, group_by),
            resume=resume, client=client, workers=workers, threads_per_worker=threads_per_worker,
            memory_limit=memory_limit, progress=progress, on_start=on_start,
        )


def run_cohort(
    run: CohortRun,
    *,
    resume: bool,
    client: Any,
    workers: int | None,
    threads_per_worker: int,
    memory_limit: str | float | None,
    progress: Progress | None,
    on_start: Callable[[ClusterInfo], None] | None,
) -> pd.DataFrame:
    """Keep what is still valid, score the rest, write the table: :func:`score_many` past its checks."""
    if resume:
        run.keep_stored()
    state = CohortProgress(total=len(run.cohort.entries), kept=len(run.outcomes),
                           failed=sum(not o.ok for o in run.outcomes.values()), started=time.perf_counter())
    say = progress or (lambda _state: None)
    say(state)
    try:
        if run.todo():
            with cluster_for(client, workers, threads_per_worker, memory_limit) as (dask_client, checked):
                if not checked:
                    check_workers(dask_client)
                if on_start is not None:
                    on_start(cluster_info(dask_client))
                state.started = time.perf_counter()
                run.score_on(dask_client, state, say)
    except KeyboardInterrupt:
        raise CohortInterrupted(run.finish(interrupted=True), len(run.todo())) from None
    except BaseException:
        run.finish(interrupted=True)
        raise
    return run.finish()


@contextmanager
def cluster_for(client: Any, workers: int | None, threads: int, memory_limit: str | float | None):
    """``(client, versions checked)``: the client given, one on an address, or a new LocalCluster."""
    if client is not None and not isinstance(client, str):
        yield client, False
        return
    made = connect(client) if isinstance(client, str) else local_client(workers, threads, memory_limit)
    try:
        yield made, client is None  # a local cluster runs this very plmscope
    finally:
        close_client(made)


@dataclass
class CohortRun:
    """One run over a cohort: its nights' file names and fingerprints, and the outcomes so far."""

    cohort: Cohort
    rules: RuleSet
    out: Path | None
    group_by: list[str] | None
    outcomes: dict[str, NightOutcome] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [e.night_id for e in self.cohort.entries]
        self.names = file_names(ids)
        self.prints = {e.night_id: fingerprint(e, self.rules) for e in self.cohort.entries}

    def keep_stored(self) -> None:
        """Take the still-valid outcomes of an earlier run from ``out``."""
        for entry in self.cohort.entries:
            kept = stored_outcome(self.out, self.names[entry.night_id], self.prints[entry.night_id])
            if kept is not None:
                self.outcomes[entry.night_id] = kept

    def todo(self) -> list:
        """The nights without an outcome yet."""
        return [e for e in self.cohort.entries if e.night_id not in self.outcomes]

    def score_on(self, client: Any, state: CohortProgress, say: Progress) -> None:
        """Run the nights still to do on ``client``; write and record each as it ends."""
        for entry, outcome in run_nights(client, self.todo(), self.rules):
            if self.out is not None:
                write_night(self.out, self.names[entry.night_id], outcome, self.prints[entry.night_id])
            self.outcomes[entry.night_id] = replace(outcome, result_json=None, movements_parquet=None)  # rows only
            state.done += 1
            state.failed += not outcome.ok
            state.last_error = None if outcome.ok else (
                entry.night_id, shown_reason(outcome.row.get("reason", ""), entry, self.cohort.root)
            )
            say(state)

    def finish(self, *, interrupted: bool = False) -> pd.DataFrame:
        """The table of the nights with an outcome; with ``out``, written with the summary page."""
        from plmscope.cohort.summary import build_summary

        table = cohort_table(self.cohort.entries, self.outcomes, self.cohort.extra, self.cohort.root)
        if self.out is not None:
            write_table(self.out, table)
            pending = len(self.todo()) if interrupted else 0
            html = build_summary(table, self.rules, extra=self.cohort.extra, group_by=self.group_by, pending=pending)
            write_atomic(self.out / SUMMARY_NAME, html)
        return table
