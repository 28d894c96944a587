"""The numbers section as plain tables (title, column names, rows of formatted text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plmscope.report.figures.style import CATEGORIES, format_time, lm_category

BREAKDOWN_ROWS = {
    "lms": "All leg movements (LMs)",
    "clms": "Candidate LMs (CLMs)",
    "plms": "Periodic LMs (PLMs)",
    "plms_nr": "PLMs without respiratory LMs",
    "plms_arousal": "PLMs with an arousal",
    "short_interval": "Short-interval LMs",
    "isolated": "Isolated LMs",
    "respiratory_clms": "Respiratory-related CLMs",
}
BREAKDOWN_COLUMNS = {
    "count_sleep": "Number in sleep",
    "index_sleep": "Per hour of sleep",
    "index_nrem": "Per hour of NREM",
    "index_rem": "Per hour of REM",
    "count_wake": "Number in wake",
    "index_wake": "Per hour of wake",
    "index_left": "Left leg, per hour of sleep",
    "index_right": "Right leg, per hour of sleep",
    "index_bilateral": "Both legs, per hour of sleep",
}


@dataclass(frozen=True)
class Table:
    """A table ready to render: every cell already formatted as text."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""
    key: str = field(default="")


def fmt(value: object, digits: int = 1, unit: str = "") -> str:
    """A number as text with ``digits`` decimals; a dash when missing."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or value is pd.NA:
        return "–"
    if isinstance(value, (int, np.integer)):
        text = f"{int(value)}"
    else:
        text = f"{float(value):.{digits}f}"
    return f"{text} {unit}".strip()


def hours_text(h: float) -> str:
    """Hours as '6 h 40 min' (or '17 min')."""
    minutes = int(round(h * 60))
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def fmt_hours(value: object) -> str:
    """Hours as '6 h 40 min'; a dash when missing."""
    if value is None or not np.isfinite(float(value)):
        return "–"
    return hours_text(float(value))


def fmt_clock(seconds: object, start: dt.datetime | None) -> str:
    """Seconds from recording start as clock time (or elapsed h:mm); a dash when missing."""
    if seconds is None or not np.isfinite(float(seconds)):
        return "–"
    return format_time(float(seconds), start)


def indices_table(result) -> Table:
    """Counts and rates of every LM type by sleep state and by leg."""
    breakdown = result.breakdown
    rows = []
    for key, label in BREAKDOWN_ROWS.items():
        if key not in breakdown.index:
            continue
        line = breakdown.loc[key]
        rows.append(
            [label]
            + [fmt(line.get(col), 0 if col.startswith("count") else 1) for col in BREAKDOWN_COLUMNS]
        )
    return Table(
        "Indices",
        ["Leg movements", *BREAKDOWN_COLUMNS.values()],
        rows,
        note="Rates per hour of the named state; left/right/both legs per hour of sleep. "
        "A dash: no scorable time in that state, so no rate (never 0).",
        key="indices",
    )


def fmt_index(result, key: str, digits: int = 1) -> str:
    """An index as text; an undefined one as "–" with why (no scorable REM sleep, no CLMs ...)."""
    from plmscope.scoring import undefined_reason

    value = result.indices.get(key)
    return fmt(value, digits) if value is not None else f"– ({undefined_reason(key, result.sleep)})"


def key_indices_table(result) -> Table:
    """The headline indices with the threshold the narrative compares against."""
    ind, rules = result.indices, result.rules
    rows = [
        [
            "PLMS index (per hour of sleep)",
            fmt_index(result, "plms_index"),
            f"> {rules.plms_index_threshold_adult:g}/h in adults, "
            f"> {rules.plms_index_threshold_child:g}/h in children",
        ],
        ["PLMW index (per hour of wake, lights off)", fmt_index(result, "plmw_index"), ""],
        ["PLMS-arousal index", fmt_index(result, "plms_arousal_index"), ""],
        ["PLMS index without respiratory LMs", fmt_index(result, "plms_nr_index"), ""],
        ["Periodicity index (PLMs ÷ CLMs)", fmt_index(result, "periodicity_index", 2), "0 to 1"],
        ["Periodicity index (Ferri 2006)", fmt_index(result, "periodicity_index_ferri", 2), "0 to 1"],
        [
            "ln(IMI) mean ± SD",
            f"{fmt(ind.get('ln_imi_mean'), 2)} ± {fmt(ind.get('ln_imi_sd'), 2)}",
            "",
        ],
        [
            "Typical IMI, e^(mean ln IMI)",
            fmt(_exp_or_none(ind.get("ln_imi_mean")), 0, "s"),
            "PLMs usually recur every 20–40 s",
        ],
    ]
    return Table("Key indices", ["Measure", "Value", "Usual reference"], rows, key="key-indices")


def _exp_or_none(value: object) -> float | None:
    """e to the power ``value``, or None when it is missing."""
    return None if value is None else float(np.exp(float(value)))


def durations_table(movements: pd.DataFrame) -> Table:
    """How long the LMs of each kind and on each leg lasted."""
    category = lm_category(movements)
    groups = [(c.label, category == c.key) for c in CATEGORIES]
    groups += [
        (f"{leg} leg" if leg != "bilateral" else "both legs", (movements["leg"] == leg).to_numpy())
        for leg in ("left", "right", "bilateral")
    ]
    rows = [["All LMs", *_duration_cells(movements["duration"])]]
    rows += [
        [label[0].upper() + label[1:], *_duration_cells(movements["duration"][pick])]
        for label, pick in groups
        if pick.any()
    ]
    return Table(
        "Durations",
        ["LMs", "Number", "Mean (s)", "Median (s)", "Longest (s)"],
        rows,
        note="All scored LMs between lights-off and lights-on, in sleep and wake.",
        key="durations",
    )


def _duration_cells(durations: pd.Series) -> list[str]:
    """Number, mean, median and longest duration of some LMs."""
    if len(durations) == 0:
        return ["0", "–", "–", "–"]
    return [
        fmt(len(durations), 0),
        fmt(durations.mean()),
        fmt(durations.median()),
        fmt(durations.max()),
    ]


def series_table(series: pd.DataFrame) -> Table:
    """Number, length and timing of the PLM series."""
    if len(series) == 0:
        return Table("PLM series", ["Measure", "Value"], [["Number of series", "0"]], key="series")
    n_lms, minutes = series["n_lms"], series["duration"] / 60.0
    majority = (
        series["stage_majority"].value_counts()
        if "stage_majority" in series
        else pd.Series(dtype=int)
    )
    rows = [
        ["Number of series", fmt(len(series), 0)],
        ["PLMs per series, mean (longest)", f"{fmt(n_lms.mean())} ({fmt(int(n_lms.max()), 0)})"],
        [
            "Series duration, mean (longest)",
            f"{fmt(minutes.mean())} min ({fmt(minutes.max())} min)",
        ],
        [
            "Mean IMI within series",
            fmt(series["mean_imi"].mean(), 1, "s") if "mean_imi" in series else "–",
        ],
        [
            "Series by majority stage",
            ", ".join(f"{stage} {count}" for stage, count in majority.items()) or "–",
        ],
    ]
    return Table("PLM series", ["Measure", "Value"], rows, key="series")


def sleep_table(sleep: dict, start: dt.datetime | None) -> Table:
    """Lights, sleep time, efficiency and wake after sleep onset."""
    efficiency = sleep.get("sleep_efficiency")
    rows = [
        [
            "Lights off – lights on",
            f"{fmt_clock(sleep.get('lights_off'), start)} – "
            f"{fmt_clock(sleep.get('lights_on'), start)}",
        ],
        ["Time in bed", fmt_hours(sleep.get("time_in_bed_h"))],
        ["Total sleep time (TST)", fmt_hours(sleep.get("tst_total_h", sleep.get("tst_h")))],
        ["Sleep with scorable leg EMG (the rates' denominator)", fmt_hours(sleep.get("tst_h"))],
        ["Sleep efficiency", fmt(100.0 * efficiency, 0, "%") if efficiency is not None else "–"],
        ["Sleep onset", fmt_clock(sleep.get("sleep_onset"), start)],
        ["Wake after sleep onset (WASO)", fmt_hours(sleep.get("waso_h"))],
        ["Wake, lights off (scorable)", fmt_hours(sleep.get("wake_h"))],
        ["Unscorable EMG time", fmt_hours(sleep.get("unscorable_h"))],
        ["Sleep stages from", str(sleep.get("hypnogram_source") or sleep.get("staging") or "–")],
    ]
    return Table("Sleep", ["Measure", "Value"], rows, key="sleep")


def number_tables(result, start: dt.datetime | None) -> list[Table]:
    """Every table of the numbers section, in reading order."""
    return [
        key_indices_table(result),
        indices_table(result),
        series_table(result.series),
        durations_table(result.movements),
        sleep_table(result.sleep, start),
    ]
