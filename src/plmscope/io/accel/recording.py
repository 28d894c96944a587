"""One accelerometer file as read: three axes in g on a regular grid, with its clock and gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np


@dataclass
class AccelRecording:
    """What one accelerometer file holds, before it becomes a leg of a :class:`~plmscope.night.Night`.

    ``xyz`` is float32 g, shape ``(n, 3)``, on a regular grid of ``sf`` Hz starting at ``start``
    (a clock time, None when the file has only seconds); ``gaps`` are (onset, duration) in
    seconds where the file has no samples (filled by interpolation, never scored). ``unit`` is
    the unit the file used (declared or told from gravity), ``format`` the layout read
    (``gt3x``, ``cwa``, ``bin``, ``actilife-csv``, ``csv``), ``device`` what the file says the
    device is, ``placement`` where the file says it was worn (if it says).
    """

    xyz: np.ndarray
    sf: float
    source: str
    format: str
    unit: str = "g"
    start: dt.datetime | None = None
    gaps: list[tuple[float, float]] = field(default_factory=list)
    device: str = ""
    placement: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.xyz) / self.sf

    @property
    def label(self) -> str:
        """A channel label: the device (or the file format) and its three axes."""
        return f"{self.device or self.format} x/y/z"
