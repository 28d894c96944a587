"""Natus/Embla RemLogic "Event Export" text files.

    RemLogic Event Export
    Patient:	…                      ← identity: kept apart, never shown unless asked
    Patient ID:	…
    Recording Date:	12/03/2015
    (blank)
    Events Included:
    SLEEP-S0
    …
    (blank)
    Time [hh:mm:ss.xxx]	Event	Duration[s]	Location	…

The table is tab-separated; its header names the columns (found by name, in any order):
``Time [hh:mm:ss]`` or ``Time [hh:mm:ss.xxx]`` (ISO date-times, or clock times that cross
midnight), ``Event``, ``Duration[s]``, and optionally ``Sleep Stage``, ``Position``,
``Location`` (the channel an event was scored on). Line ends may be CRLF.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_table import AnnotationFile
from plmscope.io.clock_times import parse_date, parse_stamps

FIRST_LINE = "remlogic event export"
#: Header cell (normalised) → column meaning.
COLUMNS = {"time": "time", "event": "event", "duration": "duration", "location": "channel"}


def _cell(text: str) -> str:
    """A header cell without units and punctuation: ``Duration[s]`` → ``duration``."""
    words = re.sub(r"\[.*?\]|[^a-z ]", " ", text.lower()).split()
    return words[0] if words else ""


def table_header(lines: list[str]) -> int | None:
    """Index of the table's header line: a tab-separated line naming Time … and Event."""
    for i, line in enumerate(lines):
        cells = [_cell(c) for c in line.split("\t")]
        if "event" in cells and "time" in cells and "\t" in line:
            return i
    return None


def is_remlogic(text: str) -> bool:
    """Whether ``text`` is a RemLogic event export (its first line, or its table header)."""
    lines = text.splitlines()[:400]
    first = next((line.strip().lower() for line in lines if line.strip()), "")
    return first.startswith(FIRST_LINE) or table_header(lines) is not None


def header_fields(lines: list[str]) -> dict[str, str]:
    """``Key: value`` lines above the table (Patient, Patient ID, Recording Date, Scorer …)."""
    fields = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip() and not key.strip().lower().startswith("events"):
            fields[key.strip()] = value.strip()
    return fields


def remlogic_file(path: str, text: str) -> AnnotationFile:
    """Read a RemLogic event export: events and stages with their Location, identity apart.

    >>> text = ("RemLogic Event Export\\r\\nPatient:\\tX\\r\\n\\r\\n"
    ...         "Time [hh:mm:ss]\\tEvent\\tDuration[s]\\tLocation\\r\\n"
    ...         "23:59:50\\tSLEEP-S2\\t30\\t\\r\\n00:00:05\\tLM\\t1.5\\tLAntib1-LAntib2\\r\\n")
    >>> f = remlogic_file("n.txt", text)
    >>> f.table[["onset", "label", "channel"]].values.tolist(), f.origin.isoformat(), f.identity
    ([[0.0, 'SLEEP-S2', None], [15.0, 'LM', 'LAntib1-LAntib2']], '23:59:50', {'Patient': 'X'})
    """
    lines = text.splitlines()
    at = table_header(lines)
    if at is None:
        raise PlmscopeInputError(
            "a RemLogic event export without its table: no header line naming "
            "'Time [hh:mm:ss]', 'Event' and 'Duration[s]' (tab-separated)",
            path=path,
        )
    names = [_cell(c) for c in lines[at].split("\t")]
    where = {COLUMNS[n]: i for i, n in reversed(list(enumerate(names))) if n in COLUMNS}
    rows = [line.split("\t") for line in lines[at + 1 :] if line.strip()]
    if not rows:
        raise PlmscopeInputError("a RemLogic event export with no events", path=path)
    width = max(where.values()) + 1
    short = next((k for k, r in enumerate(rows) if len(r) < min(width, where["event"] + 1)), None)
    if short is not None:
        raise PlmscopeInputError(
            f"data row {short + 1} has {len(rows[short])} columns; the header names {len(names)}",
            path=path,
        )
    cells = pd.DataFrame([r + [""] * (len(names) - len(r)) for r in rows]).astype(str)

    def column(name: str) -> pd.Series:
        return cells[where[name]].str.strip() if name in where else pd.Series("", index=cells.index)

    times = parse_stamps(column("time"), path, "Time")
    duration = pd.to_numeric(column("duration").str.replace(",", ".", regex=False), errors="coerce")
    if duration.isna().any() and "duration" in where:
        row = int(np.flatnonzero(duration.isna().to_numpy())[0])
        if column("duration").iloc[row]:
            raise PlmscopeInputError(
                f"Duration[s] on data row {row + 1} is {column('duration').iloc[row]!r}, not seconds",
                path=path,
            )
    channel = column("channel").to_list()
    table = pd.DataFrame(
        {
            "onset": times.seconds,
            "duration": duration.fillna(0.0).to_numpy(dtype=np.float64),
            "label": column("event").to_numpy(dtype=object),
            "leg": None,
            "channel": pd.Series([c or None for c in channel], dtype=object),
        }
    ).sort_values("onset", kind="stable", ignore_index=True)
    identity = header_fields(lines[:at])
    date = times.date or parse_date(next((v for k, v in identity.items() if "date" in k.lower()), ""))
    start = times.start or (pd.Timestamp.combine(date, times.origin).to_pydatetime() if date else None)
    return AnnotationFile(
        path, table, origin=times.origin, start=start, kind="RemLogic event export", identity=identity
    )
