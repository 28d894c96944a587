"""A tolerant generic CSV of acceleration: ``time,x,y,z``, ``timestamp,ax,ay,az`` or ``x,y,z``.

Time is seconds from the start, Unix time (s or ms), or ISO date-times; with no time column
the rate must be given. The unit is what the column names declare (``x [g]``), else what the
caller says, else told from the magnitude of gravity (1 g, 9.81 m/s², 1000 mg). The sampling
rate is estimated from the timestamps; gaps are found and reported
(:mod:`plmscope.io.accel.timing`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel.columns import TIME_UNITS, ColumnChoice, axis_columns
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.accel.text import all_finite, delimiter_of, head_lines, read_columns
from plmscope.io.accel.timing import to_regular_grid
from plmscope.io.accel.units import in_g
from plmscope.units import acceleration_factor

UNIX_S_AFTER = 1e8  # a numeric time column above this is Unix seconds (1973 on) ...
UNIX_MS_AFTER = 1e11  # ... and above this Unix milliseconds


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numeric_time(path: Path, skip: int, names: list[str] | None, delimiter: str) -> bool:
    """Whether the first data row's first time cell is a number (seconds), not a date-time."""
    lines = [line for line in head_lines(path, skip + 4)[skip + (0 if names else 1) :] if line.strip()]
    if not lines:
        return False
    header = names or [c.strip().strip('"') for c in _cells(head_lines(path, skip + 1)[skip], delimiter)]
    cells = [c.strip().strip('"') for c in _cells(lines[0], delimiter)]
    choice = axis_columns(header)
    if choice is None or choice.time is None or len(cells) != len(header):
        return False
    return _is_number(cells[header.index(choice.time)])


def _cells(line: str, delimiter: str) -> list[str]:
    return line.split() if delimiter == " " else line.split(delimiter)


def csv_layout(path: str | Path) -> tuple[int, list[str] | None, str, ColumnChoice] | None:
    """(lines before the header, names when the file has no header, delimiter, columns), or None.

    None when the file's first row names no x, y, z columns and is not three or four numbers.
    """
    lines = head_lines(path, 40)
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delimiter = delimiter_of(line)
        cells = [c.strip().strip('"') for c in _cells(line, delimiter)]
        if all(_is_number(c) for c in cells) and len(cells) in (3, 4):
            names = ["x", "y", "z"] if len(cells) == 3 else ["time", "x", "y", "z"]
            return i, names, delimiter, axis_columns(names)
        choice = axis_columns(cells)
        if choice is not None:
            return i, None, delimiter, choice
        return None
    return None


def _times(column, choice: ColumnChoice, path: str) -> tuple[np.ndarray, dt.datetime | None]:
    """Seconds from the first sample (float64, one array), and its clock time when the column carries one."""
    import pyarrow as pa

    if pa.types.is_timestamp(column.type) or pa.types.is_date(column.type):
        if column.null_count:
            raise PlmscopeInputError(f"column {choice.time!r} has empty times", path=path)
        if pa.types.is_date(column.type):
            column = column.cast(pa.timestamp("s"))
        stamps = column.to_numpy()  # datetime64 in the column's own unit (UTC when it had a zone)
        per_second = np.timedelta64(1, "s") / np.timedelta64(1, np.datetime_data(stamps.dtype)[0])
        start = stamps[0].astype("datetime64[us]").item()
        return _from_first(stamps.view(np.int64), 1.0 / per_second), start
    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
        t = np.asarray(column.to_numpy(), dtype=np.float64)
        if column.null_count or not np.isfinite(t).all():
            raise PlmscopeInputError(f"column {choice.time!r} has empty or non-numeric times", path=path)
        scale = TIME_UNITS.get(choice.time_unit or "s", 1.0)
        if choice.time_unit is None and t[0] > UNIX_MS_AFTER:
            scale = 1e-3
        first = float(t[0]) * scale
        start = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=first) if first > UNIX_S_AFTER else None
        return _from_first(t, scale), start
    import pandas as pd

    try:
        stamps = pd.to_datetime(column.to_pandas(), format="ISO8601")
    except (ValueError, TypeError):
        raise PlmscopeInputError(
            f"column {choice.time!r} holds neither seconds nor ISO date-times (e.g. 2024-03-01T22:30:00.02)",
            path=path,
        ) from None
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    ns = stamps.to_numpy().astype("datetime64[ns]").view(np.int64)
    return _from_first(ns, 1e-9), stamps.iloc[0].to_pydatetime()


def _from_first(ticks: np.ndarray, scale: float) -> np.ndarray:
    """(ticks - ticks[0]) * scale as float64 seconds, in one new array (integers stay exact)."""
    out = np.subtract(ticks, ticks[0], dtype=np.float64) if ticks.dtype.kind == "f" else (ticks - ticks[0]).astype(np.float64)
    if scale != 1.0:
        out *= scale
    return out


def read_generic_csv(path: str | Path, *, sf: float | None = None, unit: str | None = None) -> AccelRecording:
    """Read acceleration from a generic CSV (see the module text for the layouts accepted).

    ``sf`` is the sampling rate in Hz, needed when the file has no time column (and used
    instead of the estimate when given); ``unit`` overrides the unit the file declares.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "leg.csv"
    >>> t = np.arange(3000) / 50.0
    >>> rows = "\\n".join(f"{s:.2f},0.01,-0.02,9.80" for s in t)
    >>> _ = path.write_text("time,ax,ay,az\\n" + rows + "\\n")
    >>> rec = read_generic_csv(path)
    >>> rec.sf, rec.unit, rec.xyz.shape, round(float(rec.xyz[0, 2]), 3)
    (50.0, 'm/s²', (3000, 3), 0.999)
    """
    path = Path(path)
    layout = csv_layout(path)
    if layout is None:
        raise PlmscopeInputError(
            "is not an acceleration CSV: no x, y, z (or ax, ay, az) columns in its first row", path=str(path)
        )
    skip, names, delimiter, choice = layout
    if choice.time is None and not sf:
        raise PlmscopeInputError("has no time column: give the sampling rate (--rate HZ)", path=str(path))
    xyz, time_column = read_columns(
        path, skip_rows=skip, names=names, delimiter=delimiter, axes=list(choice.axes), time=choice.time,
        numeric_time=choice.time is not None and _numeric_time(path, skip, names, delimiter),
    )
    if len(xyz) < 2:
        raise PlmscopeInputError("holds fewer than two samples", path=str(path))
    notes: list[str] = []
    if time_column is not None:
        times, start = _times(time_column, choice, str(path))
    else:
        times, start = None, None
    if not all_finite(xyz):
        ok = np.isfinite(xyz).all(axis=1)
        xyz = xyz[ok]
        times = times[ok] if times is not None else np.flatnonzero(ok) / float(sf)
        notes.append(f"{path.name}: {int((~ok).sum())} rows with empty or non-numeric values skipped")
    declared = unit or choice.unit
    if declared is not None and acceleration_factor(declared) is None:
        raise PlmscopeInputError(f"unknown acceleration unit {declared!r}; use g, mg or m/s²", path=str(path))
    xyz_g, used, unit_notes = in_g(xyz, declared, str(path), overridden=unit is not None, in_place=True)
    if times is None:  # samples at the given rate: already a regular grid
        grid, rate, gaps = xyz_g, float(sf), []
    else:
        grid, rate, gaps, _resampled = to_regular_grid(times, xyz_g, sf=sf, source=str(path))
    return AccelRecording(
        xyz=grid, sf=rate, source=str(path), format="csv", unit=used, start=start, gaps=gaps,
        warnings=notes + unit_notes,
    )
