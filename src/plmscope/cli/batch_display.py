"""What ``plmscope batch`` shows: the nights found, the cluster, a progress bar, the outcome."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plmscope.cohort.api import CohortInterrupted, CohortProgress
    from plmscope.cohort.cluster import ClusterInfo
    from plmscope.cohort.inputs import Cohort


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class BatchDisplay:
    """A progress bar on stderr: nights done of all, failures, nights per minute, ETA."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.console = Console(stderr=True)
        self.out = Console()
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("nights"),
            TextColumn("{task.fields[failed]}"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not enabled,
        )
        self.task = None
        self.began = time.perf_counter()

    def __enter__(self) -> BatchDisplay:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def say(self, text: str) -> None:
        """A line above the bar (nothing when quiet)."""
        if self.enabled:
            self.progress.console.print(text, highlight=False)

    def started(self, info: ClusterInfo) -> None:
        """The cluster is up: say what it is (and where its dashboard is)."""
        if info.local:
            memory = f", up to {info.memory_limit} each" if info.memory_limit else ", no memory limit"
            text = (f"local Dask cluster: {_plural(info.workers, 'worker')} × "
                    f"{_plural(info.threads // max(info.workers, 1), 'thread')}{memory}")
        else:
            text = (f"Dask cluster at {escape(info.address)}: {_plural(info.workers, 'worker')}, "
                    f"{_plural(info.threads, 'thread')}")
        self.say(text)
        if self.task is not None:
            self.progress.update(self.task, description="scoring")
        if info.dashboard:
            self.say(f"dashboard: [link={info.dashboard}]{escape(info.dashboard)}[/link]")

    def update(self, state: CohortProgress) -> None:
        """Called by the cohort run at its start and after every night."""
        if self.task is None:
            if state.kept:
                self.say(f"resume: {state.kept} of {_plural(state.total, 'night')} already done, kept")
            self.task = self.progress.add_task(
                "starting Dask" if state.finished < state.total else "done", total=state.total, completed=state.finished, failed=self._failed(state), rate=""
            )
            return
        rate = state.nights_per_minute
        self.progress.update(
            self.task, completed=state.finished, failed=self._failed(state),
            rate=f"{rate:.1f} nights/min" if rate else "",
        )
        if state.last_error is not None:
            night, reason = state.last_error
            self.say(f"[red]error[/red] {escape(night)}: {escape(reason)}")

    @staticmethod
    def _failed(state: CohortProgress) -> str:
        return f"[red]{state.failed} failed[/red]" if state.failed else "0 failed"


def print_start(display: BatchDisplay, cohort: Cohort, source: Path, out: Path, resume: bool) -> None:
    """The nights found and where the results go."""
    kind = "manifest" if cohort.manifest else "folder"
    skipped = f" ({_plural(len(cohort.skipped), 'other file')} left alone)" if cohort.skipped else ""
    display.say(f"{_plural(len(cohort.entries), 'night')} in {kind} {escape(str(source))}{skipped}; "
                f"results in {escape(str(out))}/" + (" (resuming)" if resume else ""))


def print_done(display: BatchDisplay, table: pd.DataFrame, out: Path) -> None:
    """How it went, and the files written."""
    if not display.enabled:
        return
    failed = int((table["status"] != "ok").sum())
    seconds = time.perf_counter() - display.began
    line = f"scored {int((table['status'] == 'ok').sum())} of {_plural(len(table), 'night')}"
    if failed:
        line += f"; [red]{failed} could not be scored[/red] (reasons in the table and the summary)"
    display.out.print(f"{line} in {seconds:.0f} s", highlight=False)
    display.out.print(f"wrote [bold]{escape(str(out / 'nights.parquet'))}[/bold], nights.csv, "
                      f"[bold]{escape(str(out / 'summary.html'))}[/bold] and each night's JSON and "
                      f"per-movement table in {escape(str(out / 'nights'))}/", highlight=False)


def print_interrupted(display: BatchDisplay, stop: CohortInterrupted, out: Path) -> None:
    """Ctrl-C: what is saved, and how to finish."""
    done = len(stop.table)
    display.console.print(
        f"stopped: {done} of {_plural(done + stop.remaining, 'night')} are scored and saved in "
        f"{escape(str(out))}/; run the same command with [bold]--resume[/bold] to score the other "
        f"{stop.remaining}.",
        highlight=False,
    )
