"""ActiGraph ``.gt3x``, Axivity ``.cwa`` and GENEActiv ``.bin`` through actfast (MIT, Rust).

actfast decodes each format to acceleration in g with one timestamp (ns) per sample; the
samples are then put on a regular grid (:mod:`plmscope.io.accel.timing`), which also finds the
gaps. Where the file names the device and where it was worn, that is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.accel.timing import to_regular_grid

BINARY_FORMATS: dict[str, str] = {".gt3x": "gt3x", ".cwa": "cwa", ".bin": "bin"}


def clock_time(ns: int) -> dt.datetime:
    """A naive clock time from nanoseconds since 1970 (the device's local time, as actfast gives it)."""
    return dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=int(ns) // 1000)


def _acceleration_series(decoded: dict, path: Path) -> dict:
    """The time series of the decoded file that carries the acceleration."""
    for series in decoded.get("timeseries", {}).values():
        if "acceleration" in series and "datetime" in series:
            return series
    raise PlmscopeInputError("holds no acceleration samples", path=str(path))


def _metadata_words(decoded: dict) -> tuple[str, str]:
    """(device, placement) as the file's metadata name them (either may be empty)."""
    device, placement = "", ""
    for section in decoded.get("metadata", {}).values():
        if not isinstance(section, dict):
            continue
        for key, value in section.items():
            name = key.lower()
            if not device and name in ("device type", "hardware_type"):
                device = str(value)
            if not placement and (name in ("device location code", "limb") or name == "annotation"):
                text = str(value)
                if name == "annotation" and "_p=" in text:
                    text = text.split("_p=", 1)[1].split("&", 1)[0].replace("+", " ")
                elif name == "annotation":
                    text = ""
                placement = text.strip()
    return device, placement


def read_binary(path: str | Path) -> AccelRecording:
    """Read a ``.gt3x``, ``.cwa`` or ``.bin`` accelerometer file.

    Examples
    --------
    >>> rec = read_binary("tests/data/accel/geneactiv.bin")          # doctest: +SKIP
    >>> rec.sf, rec.xyz.shape                                          # doctest: +SKIP
    (60.0, (6000, 3))
    """
    import actfast

    path = Path(path)
    fmt = BINARY_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise PlmscopeInputError("is not a .gt3x, .cwa or .bin accelerometer file", path=str(path))
    try:
        decoded = actfast.read(str(path))
    except Exception as exc:  # actfast raises plain errors for files it cannot decode
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PlmscopeInputError(f"cannot be read as a {fmt} accelerometer file ({first})", path=str(path)) from None
    series = _acceleration_series(decoded, path)
    ns = np.asarray(series["datetime"], dtype=np.int64)
    xyz = np.asarray(series["acceleration"], dtype=np.float32)
    if xyz.ndim != 2 or xyz.shape[1] != 3 or len(ns) != len(xyz) or len(ns) < 2:
        raise PlmscopeInputError(f"acceleration of shape {xyz.shape} is not three axes", path=str(path))
    times = (ns - ns[0]) / 1e9
    grid, sf, gaps, _resampled = to_regular_grid(times, xyz, source=str(path))
    device, placement = _metadata_words(decoded)
    return AccelRecording(
        xyz=grid,
        sf=sf,
        source=str(path),
        format=fmt,
        unit="g",
        start=clock_time(ns[0]),
        gaps=gaps,
        device=device,
        placement=placement,
        warnings=[f"{path.name}: {w}" for w in decoded.get("warnings", []) if str(w).strip()],
    )
