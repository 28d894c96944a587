"""Which accelerometer layout a file is, from its name and its first bytes (None: not one)."""

from __future__ import annotations

from pathlib import Path

from plmscope.io.accel.actilife import is_actilife
from plmscope.io.accel.binary import BINARY_FORMATS
from plmscope.io.accel.generic_csv import csv_layout
from plmscope.io.accel.text import head_lines

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".gz")
EDF_MAGIC = (b"0       ", b"\xffBIOSEMI")


def _starts_like_edf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(8) in EDF_MAGIC
    except OSError:
        return False


def accel_format(path: str | Path) -> str | None:
    """``gt3x``, ``cwa``, ``bin``, ``actilife-csv`` or ``csv`` for an accelerometer file, else None.

    >>> accel_format("night.edf") is None
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in BINARY_FORMATS:
        return BINARY_FORMATS[suffix]
    if suffix not in TEXT_SUFFIXES or not path.is_file() or _starts_like_edf(path):
        return None
    lines = head_lines(path, 12)
    if not lines:
        return None
    if is_actilife(lines):
        return "actilife-csv"
    return "csv" if csv_layout(path) is not None else None
