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
    """The headline indices, one per row, labelled from the index catalogue; why a "–" is one."""
    from plmscope.scoring import undefined_reason

    estimated = "Estimated indices" if scored.kind == "accelerometer" else "Indices"
    table = Table(title=f"{estimated} ({scored.rules.name})", title_justify="left", show_edge=False)
    table.add_column("index")
    table.add_column("value", justify="right")
    table.add_column("unit", style="dim")
    rows = scored.index_rows()
    undefined = [value is None for _, value in rows]
    if any(undefined):
        table.add_column("why '–'", style="dim")
    for (info, value), empty in zip(rows, undefined):
        cells = [info.label, _fmt(value, count=info.is_count), info.unit]
        if any(undefined):
            cells.append(undefined_reason(info, scored.sleep) if empty else "")
        table.add_row(*cells)
    return table


def _hours(value: object) -> str:
    return f"{_fmt(value)} h"


def sleep_line(scored: NightScore) -> str:
    """Sleep in one line: what the hypnogram says, then how much of it could be scored."""
    sleep = scored.sleep
    parts = []
    if sleep.get("staging") == "none":
        parts.append(f"no sleep stages: {_hours(sleep.get('time_in_bed_h'))} of lights-off stands in for sleep")
    else:
        parts.append(f"total sleep {_hours(sleep.get('tst_total_h', sleep.get('tst_h')))}")
        if sleep.get("sleep_efficiency") is not None:
            parts.append(f"sleep efficiency {100 * float(sleep['sleep_efficiency']):.0f} %")
    if sleep.get("unscorable_h"):
        parts.append(f"EMG unscorable {_hours(sleep['unscorable_h'])}")
        parts.append(f"scorable sleep {_hours(sleep.get('tst_h'))}")
    if sleep.get("staging") != "none":
        parts.append(f"scorable wake in bed {_hours(sleep.get('wake_h'))}")
    parts.append(f"stages from {sleep.get('hypnogram_source', 'unknown')}")
    return " · ".join(parts)


def nothing_scored_line(scored: NightScore) -> str | None:
    """The line saying that nothing could be scored, and why (None when something was)."""
    from plmscope.scoring import no_sleep_reason

    reason = no_sleep_reason(scored.sleep)
    if reason is None:
        return None
    return f"Nothing could be scored per hour of sleep: {reason}. Those indices are shown as '–', not 0."


def print_warnings(scored: NightScore, out: Console) -> None:
    """Every warning, one per line (the numbers depend on them)."""
    for warning in scored.warnings:
        out.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)


def print_summary(
    scored: NightScore,
    *,
    written: list[tuple[str, Path]] = (),
    assessment: dict | None = None,
    name: str = "night",
    out: Console | None = None,
    reading_notes: list[str] = (),
) -> None:
    """Plain answer first, then the numbers, the warnings and the files written.

    ``assessment`` (``Assessment.to_dict()``) adds its conclusion and sets the age group;
    ``reading_notes`` are what reading the night said (``Night.notes``: channels used …).
    """
    from plmscope.report.narrative import breathing_event_count, plain_summary

    out = out or Console()
    sentences = plain_summary(scored, assessment, breathing_events=breathing_event_count(scored))
    title = f"[bold]{escape(name)}[/bold]" + (" · estimate from ankle accelerometers" if scored.kind == "accelerometer" else "")
    out.print(Panel(escape(" ".join(sentences)), title=title, expand=False))
    out.print(escape(sleep_line(scored)), highlight=False)
    nothing = nothing_scored_line(scored)
    if nothing:
        out.print(f"[bold yellow]{escape(nothing)}[/bold yellow]", highlight=False)
    out.print(indices_table(scored))
    for note in [*reading_notes, *scored.detection.get("notes", [])]:
        out.print(f"[dim]note: {escape(note)}[/dim]", highlight=False)
    print_warnings(scored, out)
    for what, path in written:
        out.print(f"wrote {what}: [bold]{escape(str(path))}[/bold]", highlight=False)


def print_nights(
    many, *, written: list[tuple[str, Path]] = (), assessment: dict | None = None, out: Console | None = None
) -> None:
    """Every night in a row (estimated sleep, PLMS, LMS, periodicity), then median and range."""
    out = out or Console()
    if assessment:
        out.print(Panel(escape(assessment.get("plain_summary", "")), title="[bold]From the questionnaire and the nights[/bold]", expand=False))
    kind = "estimated from ankle accelerometers" if many.kind == "accelerometer" else many.kind
    table = Table(title=f"{len(many)} nights ({kind})", title_justify="left", show_edge=False)
    for column, justify in (("night", "left"), ("sleep h", "right"), ("PLMS /h", "right"),
                            ("LMS /h", "right"), ("periodicity", "right"), ("posture changes", "right")):
        table.add_column(column, justify=justify)
    for row in many.table().to_dict(orient="records"):
        table.add_row(
            escape(str(row["night"])), _fmt(row["tst_h"]), _fmt(row["plms_index"]), _fmt(row["lms_index"]),
            _fmt(row["periodicity_index"]), _fmt(row["n_posture_changes"], count=True),
        )
    out.print(table)
    labels = {"plms_index": "PLMS index", "lms_index": "LMS index", "periodicity_index": "periodicity"}
    for key, spread in many.summary().items():
        out.print(
            f"{labels[key]}: median {_fmt(spread['median'])} (range {_fmt(spread['min'])}–{_fmt(spread['max'])}, "
            f"{spread['n']} nights)",
            highlight=False,
        )
    if many.kind == "accelerometer":
        out.print(
            "[yellow]note:[/yellow] these are estimates from ankle accelerometers, not an EMG sleep study; "
            "several nights describe the legs better than one, and only a sleep study confirms PLMS.",
            highlight=False,
        )
    for what, path in written:
        out.print(f"wrote {what}: [bold]{escape(str(path))}[/bold]", highlight=False)
