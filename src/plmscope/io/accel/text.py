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


NULL_VALUES = ["", "NA", "NaN", "nan", "null", "-"]
#: pyarrow parses in blocks of this many bytes, one block per thread at a time.
BLOCK_BYTES = 1 << 22


def read_columns(
    path: str | Path,
    *,
    skip_rows: int,
    names: list[str] | None,
    delimiter: str,
    axes: list[str],
    time: str | None = None,
    numeric_time: bool = False,
):
    """(x, y, z as one float32 array of shape (n, 3), the time column or None) of a delimited file.

    One multithreaded pass of pyarrow's CSV reader over only the columns asked for, the axes
    typed float32 (no inference, no float64 copy) and the time float64 when ``numeric_time``
    (else pyarrow tells ISO date-times itself); the axes are copied once, chunk by chunk, into
    the (n, 3) array. ``skip_rows`` lines are skipped before the header row (or before the data
    when ``names`` is given because the file has no header row). Empty cells are NaN.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "leg.csv"
    >>> _ = path.write_text("t,x,y,z\\n0,0.5,0.25,1.0\\n0.02,0.5,,0.75\\n")
    >>> xyz, t = read_columns(path, skip_rows=0, names=None, delimiter=",", axes=["x", "y", "z"], time="t", numeric_time=True)
    >>> xyz.dtype, xyz.shape, xyz[1].tolist(), t.type
    (dtype('float32'), (2, 3), [0.5, nan, 0.75], DataType(double))
    """
    import pyarrow as pa
    from pyarrow import csv

    columns = [*([time] if time else []), *axes]
    types = {c: pa.float32() for c in axes} | ({time: pa.float64()} if time and numeric_time else {})
    read = csv.ReadOptions(skip_rows=skip_rows, column_names=names, block_size=BLOCK_BYTES, use_threads=True)
    parse = csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=True)
    convert = csv.ConvertOptions(
        include_columns=columns, column_types=types, strings_can_be_null=True, null_values=NULL_VALUES
    )
    try:
        table = csv.read_csv(str(path), read_options=read, parse_options=parse, convert_options=convert)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        reason = str(exc).strip().splitlines()[0]
        raise PlmscopeInputError(f"cannot be read as a table of numbers ({reason})", path=str(path)) from None
    return stacked(table, axes), (table.column(time) if time else None)


def stacked(table, axes: list[str]) -> np.ndarray:
    """The float32 columns ``axes`` of a pyarrow table side by side, (n, 3), in one copy."""
    xyz = np.empty((table.num_rows, len(axes)), dtype=np.float32)
    for i, name in enumerate(axes):
        row = 0
        for chunk in table.column(name).chunks:
            values = chunk.to_numpy(zero_copy_only=False)  # NaN where empty: no copy without nulls
            xyz[row : row + len(values), i] = values
            row += len(values)
    return xyz


def all_finite(values: np.ndarray) -> bool:
    """Whether every value is finite, in two fast passes (NaN carries through min, ±inf shows in the extremes).

    >>> all_finite(np.array([[0.0, 1.0], [2.0, np.nan]], np.float32)), all_finite(np.zeros((2, 3)))
    (False, True)
    """
    return values.size == 0 or bool(np.isfinite(values.min()) and np.isfinite(values.max()))
