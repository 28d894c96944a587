"""Time stamps as lab exports write them: ISO date-times, ``dd/mm/yyyy hh:mm:ss`` or clock times
alone (that cross midnight) → seconds from the earliest one, and when that earliest one was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError

#: Optional date (y-m-d, d/m/y, m/d/y, d.m.y) then h:m:s with an optional fraction (. or ,).
STAMP = (
    r"^\s*(?:(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})(?:[T ]+|$))?"
    r"(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}(?:[.,]\d*)?))?)?\s*$"
)
DAY_S = 86400.0


@dataclass(frozen=True)
class ClockTimes:
    """Seconds of each stamp from the earliest, and the date-time of the earliest.

    ``date`` is None when the stamps carry no date (clock times only).
    """

    seconds: np.ndarray
    origin: dt.time
    date: dt.date | None

    @property
    def start(self) -> dt.datetime | None:
        """The earliest stamp as a date-time (None without a date)."""
        return dt.datetime.combine(self.date, self.origin) if self.date else None


def _days(a: pd.Series, b: pd.Series, c: pd.Series) -> tuple[np.ndarray, str] | None:
    """Day numbers of the dates (y-m-d, else d/m/y, else m/d/y); None when no reading fits all."""
    a, b, c = (pd.to_numeric(x) for x in (a, b, c))
    if (a > 31).all():
        orders = [("y-m-d", a, b, c)]
    else:
        orders = [("d/m/y", c, b, a), ("m/d/y", c, a, b)]
    for name, year, month, day in orders:
        year = year.where(year >= 100, year + 2000)
        parsed = pd.to_datetime(
            pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce"
        )
        if parsed.notna().all():
            days = (parsed - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=np.float64)
            if days.max() - days.min() <= 2:  # one night: a reading spanning months is wrong
                return days, name
    return None


def parse_stamps(cells: list[str] | pd.Series, path: str, what: str = "time") -> ClockTimes:
    """Seconds from the earliest stamp, in file order; clock times alone are unwrapped across
    midnight (a stamp more than 12 h before the previous one is on the next day).

    >>> t = parse_stamps(["23:59:30", "00:00:00", "00:00:30.5"], "f.txt")
    >>> t.seconds.tolist(), t.origin.isoformat(), t.date
    ([0.0, 30.0, 60.5], '23:59:30', None)
    >>> float(parse_stamps(["2015-03-12T22:01:03.000000", "2015-03-13T01:00:00"], "f.txt").seconds[1])
    10737.0
    """
    cells = pd.Series(list(cells), dtype=object).astype(str)
    parts = cells.str.extract(STAMP)
    bad = parts["h"].isna().to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise PlmscopeInputError(
            f"{what} on data row {row + 1} is {cells.iloc[row]!r}, not a time (hh:mm:ss)", path=path
        )
    seconds = (
        pd.to_numeric(parts["h"]) * 3600.0
        + pd.to_numeric(parts["m"]) * 60.0
        + pd.to_numeric(parts["s"].fillna("0").str.replace(",", ".", regex=False))
    ).to_numpy(dtype=np.float64)
    dated = parts["a"].notna()
    days = None
    if dated.all():
        found = _days(parts["a"], parts["b"], parts["c"])
        if found is None:
            raise PlmscopeInputError(f"the dates in the {what} column are not readable dates", path=path)
        days = found[0]
    elif dated.any():
        raise PlmscopeInputError(f"some {what} stamps have a date and some do not", path=path)
    if days is not None:
        absolute = (days - days.min()) * DAY_S + seconds
    else:
        drops = np.r_[0.0, np.diff(seconds)] < -DAY_S / 2
        absolute = seconds + np.cumsum(drops) * DAY_S
    first = int(np.argmin(absolute))
    date = None
    if days is not None:
        date = (dt.datetime(1970, 1, 1) + dt.timedelta(days=float(days[first]))).date()
    sod = float(seconds[first])
    origin = (dt.datetime.min + dt.timedelta(seconds=round(sod, 6))).time()
    return ClockTimes(seconds=np.round(absolute - absolute[first], 6), origin=origin, date=date)


def parse_date(text: str) -> dt.date | None:
    """A header date (``12/03/2015``, ``2015-03-12``, ``12.03.2015``), None when not one."""
    parts = pd.Series([text.strip()]).str.extract(STAMP)
    if parts["a"].isna().iloc[0]:
        return None
    found = _days(parts["a"], parts["b"], parts["c"])
    if found is None:
        return None
    return (dt.datetime(1970, 1, 1) + dt.timedelta(days=float(found[0][0]))).date()


def seconds_between(later: dt.time, earlier: dt.time) -> float:
    """``later - earlier`` on a clock, in seconds, taken within ±12 h (a night's start times).

    >>> seconds_between(dt.time(22, 0, 30), dt.time(22, 0)), seconds_between(dt.time(0, 0), dt.time(23, 59))
    (30.0, 60.0)
    """

    def sod(t: dt.time) -> float:
        return t.hour * 3600.0 + t.minute * 60.0 + t.second + t.microsecond / 1e6

    return ((sod(later) - sod(earlier) + DAY_S / 2) % DAY_S) - DAY_S / 2
