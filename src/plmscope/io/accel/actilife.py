"""ActiLife RAW CSV: ten header lines, then ``[Timestamp,]Accelerometer X,Accelerometer Y,Accelerometer Z`` in g.

The first header line names the device and the rate (``... ActiGraph GT3X+ ActiLife v6.13.3
Firmware v2.5.0 date format M/d/yyyy at 30 Hz Filter Normal ...``); ``Start Time`` and
``Start Date`` follow. The samples are contiguous at that rate, so the Timestamp column is not
parsed (only the last one is checked against the rate, to catch a wrong header).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel.columns import axis_columns
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.accel.text import all_finite, delimiter_of, head_lines, last_line, read_columns

HEADER_LINES = 10
_FIRST = re.compile(r"Data File Created By (?P<device>ActiGraph[^\n]*?) ActiLife", re.IGNORECASE)
_RATE = re.compile(r"\bat (?P<rate>\d+(?:\.\d+)?) Hz", re.IGNORECASE)
_DATE_FORMAT = re.compile(r"date format (?P<format>[dMy/.\-]+)", re.IGNORECASE)
_STRFTIME = {"yyyy": "%Y", "yy": "%y", "MM": "%m", "M": "%m", "dd": "%d", "d": "%d"}


def is_actilife(lines: list[str]) -> bool:
    """Whether the first lines are an ActiLife RAW CSV header."""
    return bool(lines) and "data file created by actigraph" in lines[0].lower()


def _strftime(date_format: str) -> str:
    """``M/d/yyyy`` -> ``%m/%d/%Y`` (ActiLife's .NET pattern to Python's)."""
    return re.sub(r"yyyy|yy|MM|M|dd|d", lambda m: _STRFTIME[m.group(0)], date_format)


def _header_value(lines: list[str], name: str) -> str | None:
    for line in lines:
        if line.lower().startswith(name.lower()):
            return line[len(name):].strip(" :,")
    return None


def parse_header(lines: list[str], path: str) -> tuple[str, float, dt.datetime | None, str]:
    """(device, rate in Hz, start clock time or None, strftime date format) from the header."""
    first = lines[0]
    device = (_FIRST.search(first).group("device") if _FIRST.search(first) else "ActiGraph").strip()
    rate = _RATE.search(first)
    if rate is None:
        raise PlmscopeInputError("ActiLife header does not say the rate ('at NN Hz' on line 1)", path=path)
    fmt = _DATE_FORMAT.search(first)
    date_format = _strftime(fmt.group("format")) if fmt else "%m/%d/%Y"
    start_time, start_date = _header_value(lines, "Start Time"), _header_value(lines, "Start Date")
    start = None
    if start_time and start_date:
        try:
            day = dt.datetime.strptime(start_date.strip(), date_format).date()
            clock = dt.time.fromisoformat(start_time.strip())
            start = dt.datetime.combine(day, clock)
        except ValueError:
            start = None
    return device, float(rate.group("rate")), start, date_format


def _check_last_timestamp(path: Path, start, sf: float, n: int, date_format: str) -> list[str]:
    """A note when the last Timestamp disagrees with the header's start and rate by over a second."""
    cell = last_line(path).split(",")[0].strip().strip('"')
    for pattern in (f"{date_format} %H:%M:%S.%f", f"{date_format} %H:%M:%S"):
        try:
            last = dt.datetime.strptime(cell, pattern)
        except ValueError:
            continue
        expected = start + dt.timedelta(seconds=(n - 1) / sf)
        off = abs((last - expected).total_seconds())
        if off > 1.0:
            return [
                f"{path.name}: the last timestamp ({last:%H:%M:%S}) is {off:.0f} s away from what the "
                f"header's start and {sf:g} Hz give; the header's rate was used"
            ]
        return []
    return []


def read_actilife_csv(path: str | Path, *, sf: float | None = None) -> AccelRecording:
    """Read an ActiLife RAW CSV (with or without the Timestamp column and the column header).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "left.csv"
    >>> header = [
    ...     "------------ Data File Created By ActiGraph GT3X+ ActiLife v6.13.3 Firmware v2.5.0 "
    ...     "date format M/d/yyyy at 30 Hz  Filter Normal -----------",
    ...     "Serial Number: MOS2E22180349", "Start Time 22:30:00", "Start Date 3/1/2024",
    ...     "Epoch Period (hh:mm:ss) 00:00:00", "Download Time 08:00:00", "Download Date 3/2/2024",
    ...     "Current Memory Address: 0", "Current Battery Voltage: 4.06     Mode = 12",
    ...     "--------------------------------------------------",
    ...     "Accelerometer X,Accelerometer Y,Accelerometer Z"]
    >>> _ = path.write_text("\\n".join(header + ["0.010,-0.020,0.998"] * 1800) + "\\n")
    >>> rec = read_actilife_csv(path)
    >>> rec.sf, rec.start.isoformat(), rec.device, rec.xyz.shape
    (30.0, '2024-03-01T22:30:00', 'ActiGraph GT3X+', (1800, 3))
    """
    path = Path(path)
    lines = head_lines(path, HEADER_LINES + 2)
    if not is_actilife(lines) or len(lines) <= HEADER_LINES:
        raise PlmscopeInputError("is not an ActiLife RAW CSV (no ActiGraph header)", path=str(path))
    device, rate, start, date_format = parse_header(lines[:HEADER_LINES], str(path))
    data_line = lines[HEADER_LINES]
    delimiter = delimiter_of(data_line)
    cells = [c.strip().strip('"') for c in data_line.split(delimiter)]
    choice = axis_columns(cells)
    if choice is not None:
        names, has_time = None, choice.time is not None
        axes = list(choice.axes)
    else:
        has_time = len(cells) == 4
        names = ["Timestamp", "x", "y", "z"] if has_time else ["x", "y", "z"]
        axes = ["x", "y", "z"]
    xyz, _ = read_columns(path, skip_rows=HEADER_LINES, names=names, delimiter=delimiter, axes=axes)
    rate = float(sf or rate)
    notes: list[str] = []
    if not all_finite(xyz):
        ok = np.isfinite(xyz).all(axis=1)
        idx = np.arange(len(xyz))
        for axis in range(3):
            xyz[~ok, axis] = np.interp(idx[~ok], idx[ok], xyz[ok, axis])
        notes.append(f"{path.name}: {int((~ok).sum())} rows with empty values filled from their neighbours")
    if has_time and start is not None:
        notes += _check_last_timestamp(path, start, rate, len(xyz), date_format)
    return AccelRecording(
        xyz=xyz, sf=rate, source=str(path), format="actilife-csv",
        unit="g", start=start, device=device, warnings=notes,
    )
