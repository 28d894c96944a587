"""Small EDF/EDF+/BDF files built with edfio in tmp_path: a few minutes of signal each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import edfio
import numpy as np
import pytest

SF = 128.0
MINUTES = 3.0


def emg(
    seconds: float = MINUTES * 60, sf: float = SF, rms_uv: float = 5.0, seed: int = 0
) -> np.ndarray:
    """Noise at a leg-EMG-like size, in µV."""
    return np.random.default_rng(seed).normal(0.0, rms_uv, int(seconds * sf))


def write_edf(
    path: Path,
    channels: dict[str, np.ndarray],
    *,
    sf: float = SF,
    units: dict[str, str] | None = None,
    annotations: list[tuple[float, float | None, str]] | None = None,
    bdf: bool = False,
    starttime: dt.time = dt.time(22, 30, 0),
    span_uv: float = 1000.0,
) -> Path:
    """Write channels (µV values, scaled to each channel's unit) as EDF(+) or BDF(+)."""
    units = units or {}
    scale = {"uV": 1.0, "mV": 1e-3, "V": 1e-6}
    signal_class = edfio.BdfSignal if bdf else edfio.EdfSignal
    signals = []
    for label, data in channels.items():
        unit = units.get(label, "uV")
        k = scale.get(unit, 1.0)
        signals.append(
            signal_class(
                np.asarray(data) * k,
                sf,
                label=label,
                physical_dimension=unit,
                physical_range=(-span_uv * k, span_uv * k),
            )
        )
    notes = (
        None if annotations is None else [edfio.EdfAnnotation(o, d, t) for o, d, t in annotations]
    )
    recording = (edfio.Bdf if bdf else edfio.Edf)(
        signals, annotations=notes, starttime=starttime, data_record_duration=1.0
    )
    recording.write(path)
    return path


@pytest.fixture
def make_edf(tmp_path: Path) -> Callable[..., Path]:
    """``make_edf(name, channels, **options)`` → path of a file written in tmp_path."""

    def make(name: str, channels: dict[str, np.ndarray], **options) -> Path:
        return write_edf(tmp_path / name, channels, **options)

    return make


def patch_header_field(
    path: Path, channel: int, field_offset: int, width: int, value: bytes
) -> None:
    """Overwrite one signal-header field of channel ``channel`` (0-based) in place."""
    raw = bytearray(path.read_bytes())
    n_signals = int(raw[252:256].decode())
    pos = 256 + field_offset * n_signals + channel * width
    raw[pos : pos + width] = value.ljust(width)
    path.write_bytes(bytes(raw))


def set_dimension(path: Path, channel: int, value: bytes) -> None:
    """Write raw bytes as a channel's physical dimension (e.g. a Latin-1 µ)."""
    patch_header_field(path, channel, 16 + 80, 8, value)


def make_discontinuous(path: Path, from_record: int, gap_s: float) -> None:
    """Turn an EDF+C (1 s records, annotations last) into EDF+D with a pause before a record."""
    raw = bytearray(path.read_bytes())
    n_signals = int(raw[252:256].decode())
    n_records = int(raw[236:244].decode())
    header = 256 * (n_signals + 1)
    spr = [
        int(raw[256 + 216 * n_signals + 8 * i : 256 + 216 * n_signals + 8 * i + 8].decode())
        for i in range(n_signals)
    ]
    record = sum(spr) * 2
    annotation_start = sum(spr[:-1]) * 2
    raw[192:236] = b"EDF+D".ljust(44)
    for i in range(from_record, n_records):
        block = header + i * record + annotation_start
        width = spr[-1] * 2
        old = bytes(raw[block : block + width])
        stamp_end = old.index(b"\x14\x14\x00") + 3
        new = f"+{i + gap_s:g}".encode() + b"\x14\x14\x00" + old[stamp_end:]
        raw[block : block + width] = new[:width].ljust(width, b"\x00")
    path.write_bytes(bytes(raw))
