"""What ``plmscope score`` shows in the terminal: progress, the plain answer, the indices."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from plmscope.pipeline import ScoredNight

console = Console()

#: (index key, label, unit) in the order a sleep physician reads them.
INDEX_ROWS: tuple[tuple[str, str, str], ...] = (
    ("plms_index", "PLMS index", "/h sleep"),
    ("plms_index_nrem", "  in NREM", "/h NREM"),
    ("plms_index_rem", "  in REM", "/h REM"),
    ("plms_nr_index", "PLMS index without respiratory LMs", "/h sleep"),
    ("plms_arousal_index", "PLMS-arousal index", "/h sleep"),
    ("plmw_index", "PLMW index", "/h wake"),
    ("lms_index", "LMS index (all LMs in sleep)", "/h sleep"),
    ("clms_index", "CLMS index", "/h sleep"),
    ("respiratory_clms_index", "Respiratory-related CLM index", "/h sleep"),
    ("short_imi_index", "Short-interval LM index", "/h sleep"),
    ("isolated_lms_index", "Isolated LM index", "/h sleep"),
    ("periodicity_index", "Periodicity index (PLM / CLM)", ""),
    ("periodicity_index_ferri", "Periodicity index (Ferri 2006)", ""),
    ("n_series", "PLM series", "count"),
)


@contextmanager
def progress_steps(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage; yields the ``step(name)`` callback."""
    if not enabled:
        yield lambda _name: None
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        task = progress.add_task("starting", total=None)
        yield lambda name: progress.update(task, description=f"{name} …")


def _fmt(value: object, count: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if count:
        return str(int(round(float(value))))  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 1 or value == 0 else f"{value:.2f}"
    return str(value)


def indices_table(scored: ScoredNight) -> Table:
    """The main indices, one per row."""
    table = Table(title=f"Indices ({scored.result.rules.name})", title_justify="left", show_edge=False)
    table.add_column("index")
    table.add_column("value", justify="right")
    table.add_column("unit", style="dim")
    for key, label, unit in INDEX_ROWS:
        if key in scored.result.indices:
            value = scored.result.indices[key]
            table.add_row(label, _fmt(value, count=unit == "count"), unit)
    return table


def sleep_line(scored: ScoredNight) -> str:
    sleep = scored.result.sleep
    parts = [f"total sleep {_fmt(sleep.get('tst_h'))} h", f"wake in bed {_fmt(sleep.get('wake_h'))} h"]
    if sleep.get("sleep_efficiency") is not None:
        parts.append(f"sleep efficiency {100 * float(sleep['sleep_efficiency']):.0f} %")
    if sleep.get("unscorable_h"):
        parts.append(f"unscorable {_fmt(sleep['unscorable_h'])} h")
    parts.append(f"stages from {sleep.get('hypnogram_source', 'unknown')}")
    return " · ".join(parts)


def print_summary(
    scored: ScoredNight,
    *,
    written: list[tuple[str, Path]] = (),
    assessment: dict | None = None,
    out: Console = console,
) -> None:
    """Plain answer first, then the numbers, the warnings and the files written.

    ``assessment`` (``Assessment.to_dict()``) adds its conclusion and sets the age group.
    """
    from plmscope.report.narrative import breathing_event_count, plain_summary

    name = Path(scored.night.source).name or "night"
    sentences = plain_summary(
        scored.result, assessment, breathing_events=breathing_event_count(scored.night)
    )
    out.print(Panel(" ".join(sentences), title=f"[bold]{name}[/bold]", expand=False))
    out.print(sleep_line(scored), highlight=False)
    out.print(indices_table(scored))
    for note in scored.detection.notes if scored.detection is not None else []:
        out.print(f"[dim]note: {note}[/dim]", highlight=False)
    for warning in scored.warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    for what, path in written:
        out.print(f"wrote {what}: [bold]{path}[/bold]", highlight=False)
