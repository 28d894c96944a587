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
from plmscope.io.accel.text import delimiter_of, head_lines, read_columns
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


def csv_layout(path: str | Path) -> tuple[int, list[str] | None, str, ColumnChoice] | None:
    """(lines before the header, names when the file has no header, delimiter, columns), or None.

    None when the file's first row names no x, y, z columns and is not three or four numbers.
    """
    lines = head_lines(path, 40)
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delimiter = delimiter_of(line)
        cells = [c.strip().strip('"') for c in (line.split() if delimiter == " " else line.split(delimiter))]
        if all(_is_number(c) for c in cells) and len(cells) in (3, 4):
            names = ["x", "y", "z"] if len(cells) == 3 else ["time", "x", "y", "z"]
            return i, names, delimiter, axis_columns(names)
        choice = axis_columns(cells)
        if choice is not None:
            return i, None, delimiter, choice
        return None
    return None


def _times(column, choice: ColumnChoice, path: str) -> tuple[np.ndarray, dt.datetime | None]:
    """Seconds from the first sample, and its clock time when the column carries one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_timestamp(column.type) or pa.types.is_date(column.type):
        ns = pc.cast(column, pa.timestamp("ns")).to_numpy(zero_copy_only=False).astype("datetime64[ns]").astype(np.int64)
        start = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=int(ns[0]) // 1000)
        return (ns - ns[0]) / 1e9, start
    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
        t = column.to_numpy(zero_copy_only=False).astype(np.float64)
        scale = TIME_UNITS.get(choice.time_unit or "s", 1.0)
        if choice.time_unit is None and np.nanmedian(t) > UNIX_MS_AFTER:
            scale = 1e-3
        t = t * scale
        if not np.isfinite(t).all():
            raise PlmscopeInputError(f"column {choice.time!r} has empty or non-numeric times", path=path)
        start = None
        if np.median(t) > UNIX_S_AFTER:
            start = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=float(t[0]))
        return t - t[0], start
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
    ns = stamps.to_numpy().astype("datetime64[ns]").astype(np.int64)
    return (ns - ns[0]) / 1e9, stamps.iloc[0].to_pydatetime()


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
    wanted = [c for c in (choice.time, *choice.axes) if c]
    if choice.time is None and not sf:
        raise PlmscopeInputError("has no time column: give the sampling rate (--rate HZ)", path=str(path))
    cols = read_columns(
        path, skip_rows=skip, names=names, delimiter=delimiter, columns=wanted, floats=list(choice.axes)
    )
    xyz = np.column_stack([cols[a] for a in choice.axes])
    if len(xyz) < 2:
        raise PlmscopeInputError("holds fewer than two samples", path=str(path))
    ok = np.isfinite(xyz).all(axis=1)
    notes: list[str] = []
    if choice.time is not None:
        times, start = _times(cols[choice.time], choice, str(path))
        times, xyz = times[ok], xyz[ok]
    else:
        times, start = np.arange(len(xyz)) / float(sf), None
        if not ok.all():
            times, xyz = times[ok], xyz[ok]
    if not ok.all():
        notes.append(f"{path.name}: {int((~ok).sum())} rows with empty or non-numeric values skipped")
    declared = unit or choice.unit
    if declared is not None and acceleration_factor(declared) is None:
        raise PlmscopeInputError(f"unknown acceleration unit {declared!r}; use g, mg or m/s²", path=str(path))
    xyz_g, used, unit_notes = in_g(xyz, declared, str(path), overridden=unit is not None)
    if choice.time is None and ok.all():  # samples at the given rate: already a regular grid
        grid, rate, gaps = xyz_g, float(sf), []
    else:
        grid, rate, gaps, _resampled = to_regular_grid(times, xyz_g, sf=sf, source=str(path))
    return AccelRecording(
        xyz=grid, sf=rate, source=str(path), format="csv", unit=used, start=start, gaps=gaps,
        warnings=notes + unit_notes,
    )
