"""What an uploaded file really is, from its first bytes (never from the name the browser sent).

An EDF must look like an EDF (a 256-byte header whose fields agree with each other and with
the file's size), an accelerometer file like its device's format, a table like a table.
:func:`sniff` returns what was found; a file that is none of the kinds a field accepts is
``Unsupported`` (HTTP 415), one that claims a kind but is broken is ``Damaged`` (HTTP 422).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "upload.part"
>>> _ = path.write_text("onset,duration,stage\\n0,30,W\\n30,30,N1\\n")
>>> sniff(path).format
'csv'
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 64 * 1024
EDF_HEADER = 256
#: Format -> (family, file extension the server gives it).
FORMATS: dict[str, tuple[str, str]] = {
    "edf": ("recording", ".edf"),
    "bdf": ("recording", ".bdf"),
    "gt3x": ("accelerometer", ".gt3x"),
    "cwa": ("accelerometer", ".cwa"),
    "geneactiv": ("accelerometer", ".bin"),
    "actigraph_csv": ("accelerometer", ".csv"),
    "xyz_csv": ("accelerometer", ".csv"),
    "csv": ("table", ".csv"),
    "xml": ("table", ".xml"),
}
ACTIGRAPH_CSV = b"------------ Data File Created By ActiGraph"
TIME_COLUMNS = ("time", "timestamp", "datetime", "date_time", "t")


class Unsupported(ValueError):
    """Not a kind of file this field takes (HTTP 415)."""


class Damaged(ValueError):
    """A kind of file this field takes, but broken (HTTP 422)."""


@dataclass(frozen=True)
class Sniffed:
    format: str

    @property
    def family(self) -> str:
        """``recording`` (EDF/BDF), ``accelerometer`` or ``table`` (CSV, text, XML)."""
        return FORMATS[self.format][0]

    @property
    def extension(self) -> str:
        return FORMATS[self.format][1]


def sniff(path: Path) -> Sniffed:
    """The format of the file at ``path``; raises Unsupported or Damaged."""
    size = path.stat().st_size
    if size == 0:
        raise Damaged("is empty")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith((b"0       ", b"\xffBIOSEMI")):
        check_edf_header(head, size)
        return Sniffed("bdf" if head[0] == 0xFF else "edf")
    if head.startswith(b"0") and size < EDF_HEADER and head[:8].strip() == b"0":
        raise Damaged(f"looks like an EDF file but is only {size} bytes (an EDF header alone is 256)")
    if head.startswith(b"MD") and len(head) >= 4 and int.from_bytes(head[2:4], "little") == 1020:
        return Sniffed("cwa")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(_zip_format(path))
    if head.startswith(b"Device Identity"):
        return Sniffed("geneactiv")
    if head.startswith(ACTIGRAPH_CSV):
        return Sniffed("actigraph_csv")
    text = _as_text(head)
    if text is None:
        raise Unsupported(
            "is not an EDF/EDF+/BDF recording, an accelerometer file (.gt3x, .cwa, GENEActiv .bin, CSV) "
            "or a text table"
        )
    if text.lstrip().startswith("<"):
        return Sniffed("xml")
    header = _table_header(text, cut=size > len(head))
    if {"x", "y", "z"} <= set(header) and any(name in header for name in TIME_COLUMNS):
        return Sniffed("xyz_csv")
    return Sniffed("csv")


def check_edf_header(head: bytes, size: int) -> None:
    """Raise Damaged unless the fixed EDF/BDF header is well formed and fits the file."""
    if len(head) < EDF_HEADER:
        raise Damaged(f"looks like an EDF file but is only {size} bytes (an EDF header alone is 256)")
    fixed = head[8:EDF_HEADER]
    if any(b < 32 or b > 126 for b in fixed):
        raise Damaged("looks like an EDF file but its header holds characters an EDF header may not")
    fields = {
        "header size": head[184:192],
        "number of data records": head[236:244],
        "record duration": head[244:252],
        "number of signals": head[252:256],
    }
    try:
        header_bytes = int(fields["header size"])
        n_signals = int(fields["number of signals"])
        int(fields["number of data records"])
        float(fields["record duration"])
    except ValueError:
        bad = [name for name, raw in fields.items() if not _is_number(raw)]
        raise Damaged(f"looks like an EDF file but its header's {', '.join(bad)} is not a number") from None
    if n_signals < 1 or header_bytes != EDF_HEADER * (n_signals + 1):
        raise Damaged(
            f"looks like an EDF file but its header is inconsistent ({n_signals} signals need a "
            f"{EDF_HEADER * (n_signals + 1)}-byte header, it says {header_bytes})"
        )
    if size < header_bytes:
        raise Damaged(f"looks like an EDF file but ends inside its header ({size} of {header_bytes} bytes)")


def _is_number(raw: bytes) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def _zip_format(path: Path) -> str:
    """A zip archive is accepted only as an ActiGraph .gt3x (it holds info.txt and the samples)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise Damaged("looks like a zip archive (.gt3x) but cannot be opened") from None
    if "info.txt" in names and names & {"log.bin", "activity.bin"}:
        return "gt3x"
    raise Unsupported("is a zip archive but not an ActiGraph .gt3x (no info.txt and log.bin in it)")


def _as_text(head: bytes) -> str | None:
    """The head as text (UTF-8, else Latin-1), or None for binary data."""
    if b"\x00" in head:
        return None
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.startswith("\ufeff"):
            text = text[1:]
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return text if printable >= 0.98 * max(len(text), 1) else None
    return None


def _table_header(text: str, cut: bool) -> list[str]:
    """The header row of a delimited text table (lower case); raises Damaged if it is no table."""
    lines = [line for line in text.splitlines() if line.strip()]
    if cut and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off where the head ends
    if not lines:
        raise Damaged("holds no rows")
    sample = lines[:50]
    delimiter = max((",", ";", "\t"), key=lambda d: sum(line.count(d) for line in sample))
    if not any(delimiter in line for line in sample):
        return [sample[0].strip().lower()]  # one column (e.g. one sleep stage per line)
    rows = list(csv.reader(io.StringIO("\n".join(sample)), delimiter=delimiter))
    widths = {len(row) for row in rows[1:]} or {len(rows[0])}
    if len(widths) > 2:
        raise Damaged("looks like a text table but its rows have different numbers of columns")
    return [cell.strip().lower() for cell in rows[0]]
