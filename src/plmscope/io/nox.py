"""Nox Medical Noxturnal event exports (the event list saved as text/CSV).

A delimited table (tab, comma or semicolon; UTF-8 or UTF-16) whose header names, in English or
in French: ``Start Time``/``Heure de début``, optionally ``End Time``/``Heure de fin``,
``Event``/``Événement``, optionally ``Duration``/``Durée`` and the channel (``Signal``,
``Channel``, ``Location``, ``Input``). Stamps are date-times (``dd/mm/yyyy hh:mm:ss``, ISO) or
clock times; a ``[]`` placeholder row is skipped. Durations come from ``Duration`` or, without
it, from end minus start.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.annotation_table import AnnotationFile
from plmscope.io.clock_times import parse_stamps, seconds_between
from plmscope.vocabulary import normalise_label

#: Header name (normalised, units dropped) → column meaning.
HEADER_NAMES: dict[str, str] = {
    "start time": "start", "start": "start", "begin": "start", "heure de debut": "start",
    "debut": "start", "end time": "end", "end": "end", "heure de fin": "end", "fin": "end",
    "event": "event", "event type": "event", "evenement": "event", "type": "event",
    "duration": "duration", "duree": "duration", "signal": "channel", "channel": "channel",
    "location": "channel", "input": "channel", "canal": "channel", "signal source": "channel",
}  # fmt: skip


def _name(cell: str) -> str:
    """A header cell as a key: accents, units in brackets and punctuation dropped."""
    return normalise_label(re.sub(r"\[.*?\]|\(.*?\)", " ", cell)).replace(" s ", " ").strip()


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and line.strip() != "[]"]


def _delimiter(header: str) -> str:
    return max("\t;,", key=header.count)


def header_columns(header: str) -> dict[str, int]:
    """Column meaning → index, from a header line (empty when it is not a Nox header)."""
    cells = next(csv.reader([header], delimiter=_delimiter(header)))
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        meaning = HEADER_NAMES.get(_name(cell))
        if meaning and meaning not in found:
            found[meaning] = i
    return found if {"start", "event"} <= set(found) else {}


def is_nox(text: str) -> bool:
    """Whether ``text`` looks like a Noxturnal event list: start-time and event columns, and the
    first row's start a clock time (``hh:mm``), not seconds."""
    lines = _lines(text[:20000])
    if len(lines) < 2 or "onset" in lines[0].lower():
        return False
    columns = header_columns(lines[0])
    if not columns:
        return False
    first = next(csv.reader([lines[1]], delimiter=_delimiter(lines[0])))
    return len(first) > columns["start"] and re.search(r"\d{1,2}:\d{2}", first[columns["start"]]) is not None


def nox_file(path: str, text: str) -> AnnotationFile:
    """Read a Noxturnal event export: onsets from the earliest start time, channels kept.

    >>> text = "Start Time,End Time,Event,Signal\\n[]\\n04/03/2021 23:59:50,05/03/2021 00:00:20,N2,\\n"
    >>> text += "05/03/2021 00:00:05,05/03/2021 00:00:06.5,Limb Movement,Leg L\\n"
    >>> nox_file("n.csv", text).table[["onset", "duration", "label", "channel"]].values.tolist()
    [[0.0, 30.0, 'N2', None], [15.0, 1.5, 'Limb Movement', 'Leg L']]
    """
    lines = _lines(text)
    columns = header_columns(lines[0]) if lines else {}
    if not columns:
        raise PlmscopeInputError(
            "not a Noxturnal event list: the first line should name Start Time and Event", path=path
        )
    delimiter = _delimiter(lines[0])
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=delimiter))
    if not rows:
        raise PlmscopeInputError("a Noxturnal event list with no events", path=path)
    width = max(columns.values()) + 1
    short = next((k for k, r in enumerate(rows) if len(r) < width), None)
    if short is not None:
        raise PlmscopeInputError(
            f"data row {short + 1} has {len(rows[short])} columns; the header needs {width}", path=path
        )
    cells = pd.DataFrame(rows).astype(str)

    def column(name: str) -> pd.Series:
        return cells[columns[name]].str.strip()

    start = parse_stamps(column("start"), path, "Start Time")
    if "duration" in columns:
        duration = pd.to_numeric(column("duration").str.replace(",", ".", regex=False), errors="coerce")
        duration = duration.fillna(0.0).to_numpy(dtype=np.float64)
    elif "end" in columns:
        end = parse_stamps(column("end"), path, "End Time")
        shift = seconds_between(end.origin, start.origin)
        if start.start is not None and end.start is not None:
            shift = (end.start - start.start).total_seconds()
        duration = np.clip(end.seconds + shift - start.seconds, 0.0, None)
    else:
        duration = np.zeros(len(cells))
    channel = column("channel").to_list() if "channel" in columns else [""] * len(cells)
    table = pd.DataFrame(
        {
            "onset": start.seconds,
            "duration": duration,
            "label": column("event").to_numpy(dtype=object),
            "leg": None,
            "channel": pd.Series([c or None for c in channel], dtype=object),
        }
    ).sort_values("onset", kind="stable", ignore_index=True)
    return AnnotationFile(path, table, origin=start.origin, start=start.start, kind="Noxturnal event export")
