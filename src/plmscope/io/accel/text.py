"""Reading text files fast: the first lines (to sniff), the last line, and columns through pyarrow."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError

HEAD_BYTES = 8192


def _opener(path: Path):
    return gzip.open if path.suffix.lower() == ".gz" else open


def head_lines(path: str | Path, n: int = 12) -> list[str]:
    """Up to ``n`` first lines of a text file (gzip too), without line ends; [] for a binary file."""
    path = Path(path)
    try:
        with _opener(path)(path, "rb") as fh:
            raw = fh.read(HEAD_BYTES)
    except (OSError, EOFError):
        return []
    if b"\x00" in raw:
        return []
    text = raw.decode("utf-8-sig", errors="replace")
    return text.splitlines()[:n]


def last_line(path: str | Path) -> str:
    """The last non-empty line of an uncompressed text file ('' for gzip or an empty file)."""
    path = Path(path)
    if path.suffix.lower() == ".gz":
        return ""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 4096))
        lines = fh.read().decode("utf-8", errors="replace").splitlines()
    lines = [line for line in lines if line.strip()]
    return lines[-1] if lines else ""


def delimiter_of(line: str) -> str:
    """The column separator of a header or data line: comma, semicolon, tab or space."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else " "


def read_columns(
    path: str | Path,
    *,
    skip_rows: int,
    names: list[str] | None,
    delimiter: str,
    columns: list[str],
    floats: list[str],
) -> dict[str, np.ndarray]:
    """The named columns of a delimited file as numpy arrays (``floats`` as float32).

    ``skip_rows`` lines are skipped before the header row (or before the data when ``names``
    is given because the file has no header row).
    """
    import pyarrow as pa
    from pyarrow import csv

    read = csv.ReadOptions(skip_rows=skip_rows, column_names=names, block_size=1 << 24)
    parse = csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=True)
    convert = csv.ConvertOptions(
        include_columns=columns,
        column_types={c: pa.float32() for c in floats},
        strings_can_be_null=True,
        null_values=["", "NA", "NaN", "nan", "null", "-"],
    )
    try:
        table = csv.read_csv(str(path), read_options=read, parse_options=parse, convert_options=convert)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        reason = str(exc).strip().splitlines()[0]
        raise PlmscopeInputError(f"cannot be read as a table of numbers ({reason})", path=str(path)) from None
    out = {}
    for name in columns:
        column = table.column(name)
        if name in floats:
            out[name] = column.to_numpy(zero_copy_only=False).astype(np.float32, copy=False)
        else:
            out[name] = column
    return out
