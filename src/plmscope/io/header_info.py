"""Start time and identity fields from an EDF header, tolerant of anonymised dates."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
#: Date used when the header's date is anonymised away (EDF's own "clipping date").
ANONYMOUS_DATE = dt.date(1985, 1, 1)


def parse_time(text: str) -> dt.time | None:
    """``hh.mm.ss`` (or with ``:``) as a time; None when it is not one."""
    match = re.fullmatch(r"\s*(\d{1,2})[.:](\d{1,2})[.:](\d{1,2})\s*", text or "")
    try:
        return dt.time(*(int(g) for g in match.groups())) if match else None
    except ValueError:
        return None


def parse_date(startdate: str, recording: str) -> dt.date | None:
    """The start date: the EDF+ ``Startdate dd-MMM-yyyy`` subfield first, else ``dd.mm.yy``."""
    plus = re.match(r"Startdate (\d{2})-([A-Z]{3})-(\d{4})", recording or "")
    try:
        if plus and plus[2] in _MONTHS:
            return dt.date(int(plus[3]), _MONTHS.index(plus[2]) + 1, int(plus[1]))
        match = re.fullmatch(r"\s*(\d{1,2})[.:\-/](\d{1,2})[.:\-/](\d{2})\s*", startdate or "")
        if match:
            day, month, yy = (int(g) for g in match.groups())
            return dt.date(1900 + yy if yy >= 85 else 2000 + yy, month, day)
    except ValueError:
        return None
    return None


def recording_start(header: dict[str, str], offset_s: float = 0.0) -> dt.datetime | None:
    """When the first data record starts; the date falls back to 1985-01-01 if anonymised."""
    time = parse_time(header.get("starttime", ""))
    if time is None:
        return None
    date = parse_date(header.get("startdate", ""), header.get("recording", "")) or ANONYMOUS_DATE
    return dt.datetime.combine(date, time) + dt.timedelta(seconds=offset_s)


def identity(header: dict[str, str]) -> dict[str, str]:
    """Header fields that may identify the person (kept, never shown unless asked)."""
    return {key: header.get(key, "") for key in ("patient", "recording", "startdate", "starttime")}
