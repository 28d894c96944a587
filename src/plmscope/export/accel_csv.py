"""Acceleration as CSV files: the generic layouts plmscope reads, and ActiLife RAW CSV.

Layouts (``LAYOUTS``): ``time`` (``time,x,y,z``: seconds, g), ``iso`` (``timestamp,ax,ay,az``:
ISO date-times, m/s²), ``plain`` (``x,y,z`` in g, no times: read back with the rate given),
``actilife`` (ActiLife RAW CSV: the ten header lines, then
``Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z`` in g). Written through pyarrow,
atomically.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np

from plmscope.export.atomic import write_atomic_with
from plmscope.units import STANDARD_GRAVITY

LAYOUTS = ("time", "iso", "plain", "actilife")
DEFAULT_START = dt.datetime(2024, 3, 1, 22, 30, 0)


def actilife_header(sf: float, start: dt.datetime, n: int, device: str = "GT3X+") -> str:
    """The ten header lines of an ActiLife RAW CSV."""
    end = start + dt.timedelta(seconds=n / sf)
    return "\n".join(
        [
            f"------------ Data File Created By ActiGraph {device} ActiLife v6.13.4 Firmware v3.2.1 "
            f"date format M/d/yyyy at {sf:g} Hz  Filter Normal -----------",
            "Serial Number: SIMULATED0001",
            f"Start Time {start:%H:%M:%S}",
            f"Start Date {start.month}/{start.day}/{start.year}",
            "Epoch Period (hh:mm:ss) 00:00:00",
            f"Download Time {end:%H:%M:%S}",
            f"Download Date {end.month}/{end.day}/{end.year}",
            "Current Memory Address: 0",
            "Current Battery Voltage: 4.10     Mode = 12",
            "--------------------------------------------------",
        ]
    ) + "\n"


def accel_table(xyz: np.ndarray, sf: float, layout: str, start: dt.datetime | None):
    """The samples as a pyarrow table in ``layout``'s columns and units."""
    import pyarrow as pa
    import pyarrow.compute as pc

    start = start or DEFAULT_START
    n = len(xyz)
    x = np.asarray(xyz, dtype=np.float64)
    if layout == "iso":
        values = np.round(x * STANDARD_GRAVITY, 3)
        names = ["ax", "ay", "az"]
    else:
        values = np.round(x, 4 if layout != "actilife" else 3)
        names = ["Accelerometer X", "Accelerometer Y", "Accelerometer Z"] if layout == "actilife" else ["x", "y", "z"]
    columns = {name: pa.array(values[:, i]) for i, name in enumerate(names)}
    if layout == "time":
        columns = {"time": pa.array(np.round(np.arange(n) / sf, 4)), **columns}
    elif layout in ("iso", "actilife"):
        base = np.datetime64(start, "ms")
        stamps = pa.array(base + (np.arange(n) * (1000.0 / sf)).round().astype("timedelta64[ms]"))
        fmt = "%Y-%m-%dT%H:%M:%S" if layout == "iso" else "%m/%d/%Y %H:%M:%S"
        text = pc.strftime(stamps, format=fmt)
        columns = {("timestamp" if layout == "iso" else "Timestamp"): text, **columns}
    return pa.table(columns)


def write_accel_csv(
    path: str | Path, xyz: np.ndarray, sf: float, *, layout: str = "time", start: dt.datetime | None = None
) -> Path:
    """Write three-axis acceleration (g, shape (n, 3)) at ``sf`` Hz as a CSV in ``layout``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "left.csv"
    >>> _ = write_accel_csv(out, np.tile([0.0, 0.0, 1.0], (100, 1)), 50.0)
    >>> out.read_text().splitlines()[:2]
    ['time,x,y,z', '0,0,0,1']
    """
    from pyarrow import csv

    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    table = accel_table(xyz, sf, layout, start)

    def write(fh) -> None:
        if layout == "actilife":
            fh.write(actilife_header(sf, start or DEFAULT_START, len(xyz)).encode("ascii"))
        fh.write((",".join(table.column_names) + "\n").encode("ascii"))
        buffer = io.BytesIO()
        csv.write_csv(table, buffer, csv.WriteOptions(include_header=False, quoting_style="none"))
        fh.write(buffer.getvalue())

    return write_atomic_with(path, write)
