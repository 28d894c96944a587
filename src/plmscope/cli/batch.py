"""``plmscope batch``: score a cohort (a folder or a manifest CSV) on a local or existing Dask cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def batch(
    input: Annotated[
        Path,
        typer.Argument(
            help="A folder (searched recursively for EDF/BDF and accelerometer files, each paired with "
            "X.xml / X-nsrr.xml / X.csv / X-Events.txt) or a manifest CSV "
            "(night_id,recording,annotations,left,right + any columns).",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the results.")] = Path("results"),
    rules: Annotated[str, typer.Option(help="Scoring rules: wasm2016 (default) or aasm.")] = "wasm2016",
    workers: Annotated[
        Optional[int], typer.Option(help="Worker processes of the local cluster (default: one per core).", min=1)
    ] = None,
    threads_per_worker: Annotated[
        int, typer.Option(help="Threads per local worker (1 is best: scoring holds the GIL in part).", min=1)
    ] = 1,
    memory_limit: Annotated[
        str,
        typer.Option(help="Memory limit per local worker, e.g. 4GB; 'auto' shares out the machine's; 'none'."),
    ] = "auto",
    scheduler: Annotated[
        Optional[str],
        typer.Option(help="Run on an existing Dask cluster: its scheduler address, e.g. tcp://host:8786."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Keep the nights already in --out whose files, plmscope version and rules are unchanged.",
        ),
    ] = False,
    group_by: Annotated[
        Optional[list[str]],
        typer.Option("--group-by", help="Manifest column to break the summary down by (repeatable)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Score every night of a cohort; one table of nights, a summary page and each night's result.

    Writes [bold]OUT/nights.parquet[/bold] and [bold]nights.csv[/bold] (one row per night: status ok/error
    with the reason, channels, TST, every index), [bold]OUT/summary.html[/bold] and, per night,
    [bold]OUT/nights/ID.json[/bold] and [bold]ID.movements.parquet[/bold], each written as the night ends.
    A broken file or a worker that dies makes an error row and the batch goes on; Ctrl-C stops
    cleanly and [bold]--resume[/bold] finishes the rest.

    Example: [bold]plmscope batch cohort/ --out results/ --workers 4[/bold]
    """
    from plmscope.cli.batch_display import BatchDisplay, print_done, print_interrupted, print_start
    from plmscope.cli.score import parse_rules
    from plmscope.cohort.api import CohortInterrupted, score_many
    from plmscope.cohort.inputs import cohort_from

    ruleset = parse_rules(rules)
    if scheduler and (workers is not None or threads_per_worker != 1 or memory_limit != "auto"):
        raise typer.BadParameter(
            "--workers, --threads-per-worker and --memory-limit size the local cluster; "
            "an existing cluster (--scheduler) keeps its own workers"
        )
    limit = None if memory_limit.strip().lower() in ("none", "0", "") else memory_limit
    if limit not in (None, "auto"):
        limit = check_memory_limit(limit)
    cohort = cohort_from(input, exclude=(out,))
    display = BatchDisplay(enabled=not quiet)
    print_start(display, cohort, input, out, resume)
    try:
        with display:
            table = score_many(
                cohort, rules=ruleset, client=scheduler, out=out, resume=resume, group_by=group_by,
                workers=workers, threads_per_worker=threads_per_worker, memory_limit=limit,
                progress=display.update, on_start=display.started,
            )
    except CohortInterrupted as stop:
        print_interrupted(display, stop, out)
        raise typer.Exit(130) from None
    print_done(display, table, out)


def check_memory_limit(text: str) -> str:
    """A memory size Dask understands (``4GB``, ``500MiB``), else a clear option error."""
    from dask.utils import parse_bytes

    try:
        if parse_bytes(text) <= 0:
            raise ValueError
    except (ValueError, TypeError):
        raise typer.BadParameter(f"{text!r} is not a memory size; use e.g. 4GB, 500MB, auto or none") from None
    return text
