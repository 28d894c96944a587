"""What ``plmscope score`` shows in the terminal: the plain answer, the indices, the warnings."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.pipeline import NightScore


def _fmt(value: object, count: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if count:
        return str(int(round(float(value))))  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 1 or value == 0 else f"{value:.2f}"
    return str(value)


def indices_table(scored: NightScore) -> Table:
    """The headline indices, one per row, labelled from the index catalogue."""
    table = Table(title=f"Indices ({scored.rules.name})", title_justify="left", show_edge=False)
    table.add_column("index")
    table.add_column("value", justify="right")
    table.add_column("unit", style="dim")
    for info, value in scored.index_rows():
        table.add_row(info.label, _fmt(value, count=info.is_count), info.unit)
    return table


def sleep_line(scored: NightScore) -> str:
    sleep = scored.sleep
    parts = [f"total sleep {_fmt(sleep.get('tst_h'))} h", f"wake in bed {_fmt(sleep.get('wake_h'))} h"]
    if sleep.get("sleep_efficiency") is not None:
        parts.append(f"sleep efficiency {100 * float(sleep['sleep_efficiency']):.0f} %")
    if sleep.get("unscorable_h"):
        parts.append(f"unscorable {_fmt(sleep['unscorable_h'])} h")
    parts.append(f"stages from {sleep.get('hypnogram_source', 'unknown')}")
    return " · ".join(parts)


def print_summary(
    scored: NightScore,
    *,
    written: list[tuple[str, Path]] = (),
    assessment: dict | None = None,
    name: str = "night",
    out: Console | None = None,
) -> None:
    """Plain answer first, then the numbers, the warnings and the files written.

    ``assessment`` (``Assessment.to_dict()``) adds its conclusion and sets the age group.
    """
    from plmscope.report.narrative import breathing_event_count, plain_summary

    out = out or Console()
    sentences = plain_summary(scored, assessment, breathing_events=breathing_event_count(scored))
    out.print(Panel(escape(" ".join(sentences)), title=f"[bold]{escape(name)}[/bold]", expand=False))
    out.print(escape(sleep_line(scored)), highlight=False)
    out.print(indices_table(scored))
    for note in scored.detection.get("notes", []):
        out.print(f"[dim]note: {escape(note)}[/dim]", highlight=False)
    for warning in scored.warnings:
        out.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)
    for what, path in written:
        out.print(f"wrote {what}: [bold]{escape(str(path))}[/bold]", highlight=False)
