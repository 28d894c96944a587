"""Event and stage tables (CSV/TSV): the usual header spellings read, every cell checked.

One validating reader for every table a user gives (``--events``, ``--hypnogram``,
``--movements``). Headers are read the way people write them: any case, units in brackets or
parentheses (``Onset (s)``, ``Duration [ms]``), ``start``/``time`` for the onset, ``dur``/
``length`` for the duration (or an ``offset``/``end`` column instead), ``type``/``label``/
``description`` for what the row is. A cell that cannot be right is refused with one line
naming the file, the line and the column: an onset that is missing, not a number or negative;
a duration that is missing, not a number or negative. A table of events with no duration
column at all is refused too (a duration of 0 would silently change every association):
only sleep stages (30 s epochs) and lights-off/on markers may go without one.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass

import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.night import EPOCH_S
from plmscope.vocabulary import canonical_event, canonical_stage

#: Accepted column names (normalised: lower case, ``_`` between words, units taken off), best first.
ONSET_NAMES = ("onset", "start", "start_time", "starttime", "begin", "onset_time", "time", "onset_s", "start_s")
DURATION_NAMES = ("duration", "dur", "length", "duration_s", "dur_s")
OFFSET_NAMES = ("offset", "end", "stop", "end_time", "offset_time", "end_s", "offset_s")
LABEL_NAMES = (
    "event", "stage", "label", "description", "annotation", "trial_type", "type", "name",
    "event_type", "event_name", "event_concept", "sleep_stage", "events",
)  # fmt: skip
LEG_NAMES = ("leg", "side", "limb")

#: Time units in a header (``Onset (ms)``) → factor to seconds.
TIME_UNITS: dict[str, float] = {
    "": 1.0, "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "ms": 1e-3, "msec": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
    "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "hours": 3600.0,
}  # fmt: skip

LEG_WORDS = {
    "left": "left", "l": "left", "right": "right", "r": "right",
    "both": "bilateral", "bilateral": "bilateral", "b": "bilateral", "lr": "bilateral",
    "l+r": "bilateral", "left+right": "bilateral",
    "l r": "bilateral", "left right": "bilateral", "left and right": "bilateral",
}  # fmt: skip

#: Labels that mark an instant and need no duration.
INSTANT_EVENTS = ("lights_off", "lights_on")
DELIMITERS = (",", ";", "\t", "|")
_UNIT = re.compile(r"\s*[\(\[]\s*([^\)\]]*?)\s*[\)\]]\s*")


@dataclass(frozen=True)
class Column:
    """A column of the header: where it is, what it was called, its time unit."""

    index: int
    written: str
    factor: float = 1.0


def header_name(cell: str) -> tuple[str, str]:
    """A header cell as (normalised name, unit in brackets or '').

    >>> header_name("Onset (s)"), header_name(" Duration [ms] "), header_name("Event Type")
    (('onset', 's'), ('duration', 'ms'), ('event_type', ''))
    """
    text = cell.strip().strip("\ufeff\"' ")
    found = _UNIT.search(text)
    unit = found.group(1).strip().lower() if found else ""
    name = _UNIT.sub(" ", text).lower()
    return re.sub(r"\W+", "_", name).strip("_"), unit


def delimiter_of(line: str) -> str | None:
    """The separator of a header line (the most frequent of , ; tab |), None if only spaces."""
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def split_rows(text: str, delimiter: str | None) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every line with content; ``#`` comments and blank lines skipped."""
    lines = text.splitlines()
    if delimiter is None:
        return [(i, line.split()) for i, line in enumerate(lines, 1) if _has_content(line)]
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    rows = []
    for cells in reader:
        if cells and _has_content(delimiter.join(cells)):
            rows.append((reader.line_num, [c.strip() for c in cells]))
    return rows


def _has_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def find_column(names: dict[str, tuple[int, str, str]], wanted: tuple[str, ...], path: str) -> Column | None:
    """The best-named column among ``wanted`` with its unit factor (time columns), or None."""
    for name in wanted:
        if name in names:
            index, written, unit = names[name]
            factor = TIME_UNITS.get(unit)
            if factor is None:
                raise PlmscopeInputError(
                    f"column {written!r}: unit {unit!r} not understood (use s, ms, min or h)", path=path
                )
            return Column(index, written, factor)
    return None


def has_onset_column(first_line: str) -> bool:
    """Whether the first line of a file is a table header with an onset column."""
    cells = split_rows(first_line, delimiter_of(first_line))
    return bool(cells) and any(header_name(c)[0] in ONSET_NAMES for c in cells[0][1])


def looks_like_header(first_line: str) -> bool:
    """Whether the first line names table columns (any known column name, several cells)."""
    rows = split_rows(first_line, delimiter_of(first_line))
    if not rows or len(rows[0][1]) < 2:
        return False
    known = (*ONSET_NAMES, *DURATION_NAMES, *OFFSET_NAMES, *LABEL_NAMES, *LEG_NAMES)
    return any(header_name(c)[0] in known for c in rows[0][1])


def _number(text: str, decimal_comma: bool) -> float | None:
    """A cell as a float (``12,5`` too where ``,`` is no separator); None if not a number."""
    value = text.strip()
    if decimal_comma:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    return number


class _Cells:
    """Reads the cells of one table, naming file, line and column in every refusal."""

    def __init__(self, path: str, decimal_comma: bool):
        self.path, self.decimal_comma = path, decimal_comma

    def refuse(self, line: int, column: Column, what: str) -> PlmscopeInputError:
        return PlmscopeInputError(f"line {line}, column {column.written!r}: {what}", path=self.path)

    def seconds(self, cells: list[str], line: int, column: Column, rule: str) -> float | None:
        """A time cell in seconds (None when empty); refused when not a finite number >= 0.

        ``rule`` says what the cell must be, for the message on a negative value.
        """
        text = cells[column.index] if column.index < len(cells) else ""
        if not text.strip():
            return None
        value = _number(text, self.decimal_comma)
        if value is None or not math.isfinite(value):
            raise self.refuse(line, column, f"{text[:40]!r} is not a number of seconds")
        if value < 0:
            raise self.refuse(line, column, f"{text[:40]!r} is negative: {rule}")
        return value * column.factor


def row_kind(label: str) -> str:
    """``stage``, ``instant`` (lights off/on: no duration needed) or ``event``."""
    if canonical_stage(label) is not None:
        return "stage"
    return "instant" if canonical_event(label)[0] in INSTANT_EVENTS else "event"


def leg_of(text: str, line: int, column: Column, path: str) -> str | None:
    """left / right / bilateral from a leg cell (None when empty); refused when unreadable."""
    words = re.sub(r"[\W_]+", " ", text.lower()).replace("leg", " ").split()
    if not words or " ".join(words) in ("n a", "na", "none"):  # BIDS writes n/a for "not applicable"
        return None
    leg = LEG_WORDS.get(" ".join(words))
    if leg is None:
        raise PlmscopeInputError(
            f"line {line}, column {column.written!r}: {text[:40]!r} is not a leg "
            "(left, right or both)",
            path=path,
        )
    return leg


def read_event_table(text: str, path: str) -> pd.DataFrame:
    """An events/stages table as raw annotations (onset, duration, label, leg), every cell checked.

    Examples
    --------
    >>> read_event_table("Onset (s);Duration (s);Type\\n10;12,5;Apnea\\n", "e.csv")
       onset  duration  label   leg
    0   10.0      12.5  Apnea  None
    >>> read_event_table("start,stage\\n0,W\\n30,N2\\n", "h.csv")["duration"].tolist()
    [30.0, 30.0]
    >>> read_event_table("onset,event\\n10,apnea\\n", "e.csv")
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: e.csv: has no duration column (duration, dur, length, or an offset/end column) but 'apnea' on line 2 needs one; columns are: onset, event
    """
    first = next((line for line in text.splitlines() if _has_content(line)), "")
    delimiter = delimiter_of(first)
    rows = split_rows(text, delimiter)
    if not rows:
        raise PlmscopeInputError("is empty", path=path)
    (_, header), body = rows[0], rows[1:]
    names: dict[str, tuple[int, str, str]] = {}
    for index, cell in enumerate(header):
        name, unit = header_name(cell)
        names.setdefault(name, (index, cell.strip(), unit))
    written = ", ".join(c.strip() for c in header)
    onset = find_column(names, ONSET_NAMES, path)
    if onset is None:
        raise PlmscopeInputError(
            f"has no onset column (onset, start or time, in seconds); columns are: {written}", path=path
        )
    duration = find_column(names, DURATION_NAMES, path)
    offset = None if duration is not None else find_column(names, OFFSET_NAMES, path)
    label_name = next((n for n in LABEL_NAMES if n in names), None)
    leg = find_column(names, LEG_NAMES, path)
    if label_name is None and leg is None:
        raise PlmscopeInputError(
            "has no column saying what each row is (event, stage, label, type or description); "
            f"columns are: {written}",
            path=path,
        )
    label_index = names[label_name][0] if label_name else None
    cells = _Cells(path, decimal_comma=delimiter not in (",", None))
    out: dict[str, list] = {"onset": [], "duration": [], "label": [], "leg": []}
    for line, row in body:
        if len(row) > len(header) and any(c for c in row[len(header):]):
            raise PlmscopeInputError(
                f"line {line} has {len(row)} fields but the header has {len(header)} "
                "(a label with the separator in it needs quotes)",
                path=path,
            )
        label = (row[label_index] if label_index is not None and label_index < len(row) else "") or (
            "leg movement" if label_name is None else ""
        )
        start = cells.seconds(row, line, onset, "onsets are seconds from the recording start, 0 or more")
        if start is None:
            raise cells.refuse(line, onset, "empty: every row needs an onset in seconds")
        length = _length(cells, row, line, start, duration, offset)
        if length is None:
            kind = row_kind(label)
            if kind == "event" and duration is None and offset is None:
                raise PlmscopeInputError(
                    "has no duration column (duration, dur, length, or an offset/end column) but "
                    f"{label[:40]!r} on line {line} needs one; columns are: {written}",
                    path=path,
                )
            if kind == "event":
                raise cells.refuse(line, duration or offset, f"empty, but {label[:40]!r} needs a duration")
            length = EPOCH_S if kind == "stage" else 0.0
        out["onset"].append(start)
        out["duration"].append(length)
        out["label"].append(label.strip())
        out["leg"].append(leg_of(row[leg.index], line, leg, path) if leg and leg.index < len(row) else None)
    return pd.DataFrame(out).astype({"onset": "float64", "duration": "float64", "label": "object", "leg": "object"})


def _length(
    cells: _Cells, row: list[str], line: int, start: float, duration: Column | None, offset: Column | None
) -> float | None:
    """The row's duration from its duration or offset cell (None when neither is given)."""
    if duration is not None:
        return cells.seconds(row, line, duration, "a duration is 0 s or more")
    if offset is None:
        return None
    end = cells.seconds(row, line, offset, "offsets are seconds from the recording start, 0 or more")
    if end is not None and end < start:
        raise cells.refuse(line, offset, f"ends at {end:g} s, before its onset at {start:g} s")
    return None if end is None else end - start
