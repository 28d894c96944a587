"""One accelerometer file of any supported layout -> an :class:`AccelRecording` (g, regular grid)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel.actilife import read_actilife_csv
from plmscope.io.accel.binary import read_binary
from plmscope.io.accel.generic_csv import read_generic_csv
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.accel.sniff import accel_format
from plmscope.io.accel.units import median_magnitude
from plmscope.units import to_g

#: Samples repeated exactly for this long are not measurements (ActiGraph's idle sleep mode
#: repeats the last sample while the device is still): treated as a gap.
IDLE_RUN_S = 10.0
GRAVITY_RANGE_G = (0.7, 1.4)


def idle_runs(xyz: np.ndarray, sf: float, min_s: float = IDLE_RUN_S) -> list[tuple[float, float]]:
    """(onset, duration) s of every run of exactly repeated samples lasting at least ``min_s``.

    >>> x = np.random.default_rng(0).normal(0, 0.01, (3000, 3)).astype(np.float32)
    >>> x[1000:2000] = x[999]
    >>> idle_runs(x, 50.0)
    [(20.0, 20.0)]
    """
    xyz = np.asarray(xyz)
    if len(xyz) < 2:
        return []
    min_run = max(1, int(np.ceil(min_s * sf)) - 1)  # repeats (pairs) in a run of min_s
    same_x = xyz[1:, 0] == xyz[:-1, 0]  # one axis over the night; all three only where it repeats
    starts, ends = _true_runs(same_x)
    out = []
    for s, e in zip(starts[ends - starts >= min_run], ends[ends - starts >= min_run], strict=True):
        same = np.all(xyz[s + 1 : e + 1] == xyz[s:e], axis=1)
        for a, b in zip(*_true_runs(same), strict=True):
            if b - a >= min_run:
                out.append((float((s + a + 1) / sf), float((b - a) / sf)))
    return out


def _true_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the True runs of ``mask`` (ends exclusive)."""
    edges = np.diff(np.r_[0, mask.view(np.int8), 0])
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def read_accel_file(path: str | Path, *, sf: float | None = None, unit: str | None = None) -> AccelRecording:
    """Read one accelerometer file (``.gt3x``, ``.cwa``, ``.bin``, ActiLife RAW CSV, generic CSV).

    ``sf``: the rate in Hz for a CSV without times (or to correct the header's); ``unit``: the
    unit of a CSV's values when its header says none or says it wrongly. Runs of exactly repeated
    samples of 10 s or more (a logger's idle mode) become gaps; a gravity far from 1 g is warned of.
    """
    path = Path(path)
    if not path.is_file():
        raise PlmscopeInputError("file not found", path=str(path))
    fmt = accel_format(path)
    if fmt is None:
        raise PlmscopeInputError(
            "is not an accelerometer file (.gt3x, .cwa, .bin, ActiLife RAW CSV, or a CSV with x, y, z columns)",
            path=str(path),
        )
    if fmt in ("gt3x", "cwa", "bin"):
        rec = read_binary(path)
        if unit is not None:
            rec.xyz = to_g(rec.xyz, unit)
            rec.unit = unit
    elif fmt == "actilife-csv":
        rec = read_actilife_csv(path, sf=sf)
        if unit is not None:
            rec.xyz, rec.unit = to_g(rec.xyz, unit), unit
    else:
        rec = read_generic_csv(path, sf=sf, unit=unit)
    idle = idle_runs(rec.xyz, rec.sf)
    if idle:
        rec.gaps = sorted(rec.gaps + idle)
        total = sum(d for _, d in idle)
        rec.warnings.append(
            f"{path.name}: {len(idle)} stretch(es) of exactly repeated samples ({total / 60:.1f} min; "
            "a logger's idle mode) are treated as gaps"
        )
    magnitude = median_magnitude(rec.xyz)
    if not GRAVITY_RANGE_G[0] <= magnitude <= GRAVITY_RANGE_G[1]:
        rec.warnings.append(
            f"{path.name}: median acceleration magnitude {magnitude:.2f} g, far from gravity's 1 g: "
            "the device's scaling may be wrong; movement sizes cannot be trusted"
        )
    return rec
