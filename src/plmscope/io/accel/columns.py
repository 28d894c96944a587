"""Which CSV columns are the time and the three axes, and what unit their names declare.

Accepted, in any case, with units in brackets (``x [g]``, ``ax (m/s^2)``) or none: ``x,y,z``,
``ax,ay,az``, ``acc_x``/``accel_x``/``acceleration x``/``accelerometer x``/``x-axis``; time as
``time``, ``timestamp``, ``t``, ``datetime``, ``date_time``, ``seconds``, ``time_s``, ``unix``,
``epoch``.

>>> axis_columns(["Time (s)", "Acceleration x (m/s^2)", "Acceleration y (m/s^2)", "Acceleration z (m/s^2)"])
ColumnChoice(time='Time (s)', axes=('Acceleration x (m/s^2)', 'Acceleration y (m/s^2)', 'Acceleration z (m/s^2)'), unit='m/s^2', time_unit='s')
>>> axis_columns(["timestamp", "ax", "ay", "az"]).axes
('ax', 'ay', 'az')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = re.compile(r"\s*[\(\[]\s*([^\)\]]*)\s*[\)\]]\s*$")
_AXIS = re.compile(
    r"(?:(?:acc|accel|acceleration|accelerometer|acc\.|raw|linear acceleration|linear_acceleration)[ _\-]?)?([xyz])(?:[ _\-]?(?:axis|acc|accel))?"
    r"|a([xyz])|([xyz])[ _\-]?axis"
)
_TIME = {"time", "timestamp", "t", "datetime", "date time", "date_time", "seconds", "time_s", "unix",
         "epoch", "unix time", "unix_time", "header_timestamp", "time stamp", "elapsed", "elapsed time"}  # fmt: skip
#: Units a time column's name may carry: to seconds.
TIME_UNITS = {"s": 1.0, "sec": 1.0, "seconds": 1.0, "ms": 1e-3, "milliseconds": 1e-3, "us": 1e-6, "ns": 1e-9}


@dataclass(frozen=True)
class ColumnChoice:
    """The time column (None: none), the x, y, z columns, and units their names declare."""

    time: str | None
    axes: tuple[str, str, str]
    unit: str | None = None
    time_unit: str | None = None


def split_unit(name: str) -> tuple[str, str | None]:
    """('acceleration x', 'm/s^2') from 'Acceleration x (m/s^2)'; the name lower-cased, stripped."""
    match = _UNIT.search(name)
    unit = match.group(1).strip() if match else None
    base = name[: match.start()] if match else name
    return base.strip().lower().strip('"'), unit or None


def axis_of(name: str) -> str | None:
    """'x', 'y' or 'z' when ``name`` (already lower-cased, unit removed) names an axis."""
    match = _AXIS.fullmatch(name.strip())
    if match is None:
        return None
    return next(g for g in match.groups() if g)


def axis_columns(names: list[str]) -> ColumnChoice | None:
    """The columns holding time and x, y, z among ``names``, or None when three axes are not there."""
    found: dict[str, str] = {}
    units: list[str] = []
    time, time_unit = None, None
    for name in names:
        base, unit = split_unit(name)
        axis = axis_of(base)
        if axis and axis not in found:
            found[axis] = name
            if unit:
                units.append(unit)
        elif time is None and (base in _TIME or base.startswith(("time", "timestamp"))):
            time, time_unit = name, unit
    if set(found) != {"x", "y", "z"}:
        return None
    return ColumnChoice(
        time=time,
        axes=(found["x"], found["y"], found["z"]),
        unit=units[0] if units and len(set(units)) == 1 else None,
        time_unit=time_unit.lower() if time_unit else None,
    )
