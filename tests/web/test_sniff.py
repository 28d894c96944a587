"""Sniffing uploads by their bytes: EDF/BDF headers checked, device formats recognised."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from plmscope.web.sniff import Damaged, Unsupported, sniff


def edf_header(n_signals: int = 1, header_bytes: int | None = None, version: bytes = b"0       ") -> bytes:
    fixed = (
        version + b"X X X X".ljust(80) + b"Startdate X X X X".ljust(80) + b"01.03.24" + b"22.30.00"
        + str(header_bytes or 256 * (n_signals + 1)).encode().ljust(8) + b"".ljust(44)
        + b"1".ljust(8) + b"1".ljust(8) + str(n_signals).encode().ljust(4)
    )  # fmt: skip
    return fixed + b" " * (256 * n_signals)


def tiny_edf(path: Path) -> Path:
    path.write_bytes(edf_header() + b"\x00\x00" * 256)
    return path


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_edf_and_bdf(tmp_path):
    assert sniff(tiny_edf(tmp_path / "a")).format == "edf"
    bdf = write(tmp_path / "b", edf_header(version=b"\xffBIOSEMI") + b"\x00" * 30)
    assert sniff(bdf).format == "bdf" and sniff(bdf).extension == ".bdf"


@pytest.mark.parametrize(
    "data, words",
    [
        (edf_header(2, header_bytes=512), "inconsistent"),
        (edf_header()[:200], "only 200 bytes"),
        (edf_header(3)[:600], "ends inside its header"),
        (edf_header()[:100] + b"\x01" + edf_header()[101:], "characters an EDF header may not"),
        (b"", "is empty"),
    ],
)
def test_damaged_recordings(tmp_path, data, words):
    with pytest.raises(Damaged, match=words):
        sniff(write(tmp_path / "x", data))


def test_accelerometer_formats(tmp_path):
    cwa = write(tmp_path / "a", b"MD" + (1020).to_bytes(2, "little") + b"\x00" * 2000)
    assert sniff(cwa).format == "cwa" and sniff(cwa).family == "accelerometer"
    gt3x = tmp_path / "g"
    with zipfile.ZipFile(gt3x, "w") as archive:
        archive.writestr("info.txt", "Serial Number: X")
        archive.writestr("log.bin", b"\x1e\x00")
    assert sniff(gt3x).format == "gt3x"
    assert sniff(write(tmp_path / "b", b"Device Identity\r\nDevice Unique Serial Code:1\r\n")).format == "geneactiv"
    raw = b"------------ Data File Created By ActiGraph GT3X+ ActiLife v6 -----------\nSerial Number: X\n"
    assert sniff(write(tmp_path / "c", raw)).format == "actigraph_csv"
    xyz = write(tmp_path / "d", b"time,x,y,z\n0.00,0.01,-0.98,0.10\n0.01,0.02,-0.97,0.11\n")
    assert sniff(xyz).format == "xyz_csv" and sniff(xyz).family == "accelerometer"


def test_tables_and_refusals(tmp_path):
    assert sniff(write(tmp_path / "h", b"W\nW\nN1\nN2\n")).format == "csv"
    assert sniff(write(tmp_path / "x", b'<?xml version="1.0"?><PSGAnnotation/>')).format == "xml"
    assert sniff(write(tmp_path / "t", "onset;duration;event\n1;2;apnea\n".encode())).family == "table"
    with pytest.raises(Damaged, match="different numbers of columns"):
        sniff(write(tmp_path / "r", b"a,b\n1,2,3,4,5\n1\n1,2,3\n"))
    with pytest.raises(Unsupported):
        sniff(write(tmp_path / "z", _zip(tmp_path / "zz")))
    with pytest.raises(Unsupported):
        sniff(write(tmp_path / "bin", bytes(range(256)) * 4))


def _zip(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    return path.read_bytes()
