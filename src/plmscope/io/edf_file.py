"""EDF, EDF+ and BDF files: the header parsed here, the data records as a byte memmap.

Every file's header (labels, units, calibration, record layout) and its annotation channels are
read here. Signal samples are decoded from this memmap for BDF and for an EDF that edfio refuses
(other EDFs go through edfio; ``samples`` says which reader is used when): a channel is decoded
(16-bit or 24-bit little-endian) from its byte columns only, never the whole file.
A file shorter than its header says keeps its complete records (``n_records < n_records_declared``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plmscope.errors import PlmscopeInputError

#: (name, width in bytes) of the fixed header and of each signal header field.
MAIN_HEADER: tuple[tuple[str, int], ...] = (
    ("version", 8),
    ("patient", 80),
    ("recording", 80),
    ("startdate", 8),
    ("starttime", 8),
    ("header_bytes", 8),
    ("reserved", 44),
    ("n_records", 8),
    ("record_duration", 8),
    ("n_signals", 4),
)
SIGNAL_HEADER: tuple[tuple[str, int], ...] = (
    ("label", 16),
    ("transducer", 80),
    ("dimension", 8),
    ("physical_min", 8),
    ("physical_max", 8),
    ("digital_min", 8),
    ("digital_max", 8),
    ("prefiltering", 80),
    ("samples_per_record", 8),
    ("reserved", 32),
)
ANNOTATION_LABELS = ("EDF Annotations", "BDF Annotations")


@dataclass(frozen=True)
class Channel:
    """One signal header: label, unit as written, calibration and samples per data record."""

    label: str
    dimension: str
    physical_min: float
    physical_max: float
    digital_min: float
    digital_max: float
    samples_per_record: int
    offset: int  # first sample of this channel within a data record

    @property
    def is_annotation(self) -> bool:
        return self.label in ANNOTATION_LABELS


@dataclass(frozen=True)
class RecordFile:
    """An opened EDF/BDF: header fields, channels, and the data records as a byte memmap."""

    path: str
    fmt: str  # "EDF" or "BDF"
    header: dict[str, str]
    channels: tuple[Channel, ...]
    record_duration: float
    n_records_declared: int
    records: np.ndarray  # uint8, shape (n_records, bytes per record); memmap on disk

    @property
    def bytes_per_sample(self) -> int:
        return 3 if self.fmt == "BDF" else 2

    @property
    def n_records(self) -> int:
        return int(self.records.shape[0])

    @property
    def labels(self) -> list[str]:
        """Labels of the ordinary (non-annotation) channels, in file order."""
        return [c.label for c in self.channels if not c.is_annotation]

    def channel(self, label: str) -> Channel:
        return next(c for c in self.channels if c.label == label)

    def sampling_rate(self, channel: Channel) -> float:
        return channel.samples_per_record / self.record_duration


def decode_text(raw: bytes) -> str:
    """Header text: UTF-8 when valid (vendors write µ that way), else Latin-1; trailing blanks cut."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.replace("\x00", " ").strip()


def split_fields(
    raw: bytes, layout: tuple[tuple[str, int], ...], count: int = 1
) -> list[dict[str, str]]:
    """Cut a header block into ``count`` dicts of decoded fields (EDF stores fields column-wise)."""
    out: list[dict[str, str]] = [{} for _ in range(count)]
    pos = 0
    for name, width in layout:
        for i in range(count):
            out[i][name] = decode_text(raw[pos : pos + width])
            pos += width
    return out


def number(fields: dict[str, str], name: str, path: str) -> float:
    """A numeric header field, or an error saying the file is not a readable EDF."""
    try:
        value = float(fields[name])
    except ValueError:
        value = float("nan")
    if not np.isfinite(value):
        raise PlmscopeInputError(
            f"not a readable EDF/BDF file: header field '{name}' is {fields[name]!r}", path=path
        )
    return value


def is_edf_version(version: bytes) -> bool:
    """EDF starts with ``0`` and blanks; BDF with byte 255 and ``BIOSEMI``."""
    return version == b"\xffBIOSEMI" or (version[:1] == b"0" and not version[1:].strip(b" \x00"))


def read_header(path: str) -> tuple[str, dict[str, str], list[dict[str, str]]]:
    """Format, main header fields and signal header fields; clear errors for non-EDF files."""
    file = Path(path)
    if not file.is_file():
        raise PlmscopeInputError(
            "file not found" if not file.exists() else "is not a file", path=path
        )
    try:
        with file.open("rb") as fh:
            main_raw = fh.read(256)
            if len(main_raw) < 256 or not is_edf_version(main_raw[:8]):
                raise PlmscopeInputError(
                    "not an EDF/EDF+/BDF file (its first bytes are not an EDF header)", path=path
                )
            main = split_fields(main_raw, MAIN_HEADER)[0]
            n_signals = int(number(main, "n_signals", path))
            if not 0 <= n_signals <= 4096:
                raise PlmscopeInputError(
                    f"not a readable EDF/BDF file: {n_signals} signals in header", path=path
                )
            signal_raw = fh.read(256 * n_signals)
    except OSError as exc:
        raise PlmscopeInputError(f"cannot be read ({exc.strerror})", path=path) from None
    fmt = "BDF" if main_raw[0] == 0xFF else "EDF"
    if len(signal_raw) < 256 * n_signals:
        raise PlmscopeInputError("file ends inside its header", path=path)
    return fmt, main, split_fields(signal_raw, SIGNAL_HEADER, n_signals)


def channels_from_headers(signal_headers: list[dict[str, str]], path: str) -> tuple[Channel, ...]:
    """Channel descriptions with each channel's sample offset inside a data record."""
    spr = [int(number(h, "samples_per_record", path)) for h in signal_headers]
    if any(n < 0 for n in spr):
        raise PlmscopeInputError(
            "not a readable EDF/BDF file: negative samples per record", path=path
        )
    offsets = np.concatenate([[0], np.cumsum(spr)[:-1]]).astype(int) if spr else []
    return tuple(
        Channel(
            label=h["label"],
            dimension=h["dimension"],
            physical_min=number(h, "physical_min", path),
            physical_max=number(h, "physical_max", path),
            digital_min=number(h, "digital_min", path),
            digital_max=number(h, "digital_max", path),
            samples_per_record=n,
            offset=int(off),
        )
        for h, n, off in zip(signal_headers, spr, offsets)
    )


def open_record_file(path: str | Path) -> RecordFile:
    """Parse the header and memory-map the complete data records that are in the file."""
    path = str(path)
    fmt, main, signal_headers = read_header(path)
    channels = channels_from_headers(signal_headers, path)
    header_bytes = 256 * (len(channels) + 1)
    record_bytes = sum(c.samples_per_record for c in channels) * (3 if fmt == "BDF" else 2)
    declared = int(number(main, "n_records", path))
    record_duration = number(main, "record_duration", path)
    if record_duration < 0:
        raise PlmscopeInputError(f"data record duration is {record_duration} s", path=path)
    available = (Path(path).stat().st_size - header_bytes) // record_bytes if record_bytes else 0
    n_records = min(declared, available) if declared > 0 else available
    if n_records <= 0:
        raise PlmscopeInputError("contains no complete data record (empty or cut off)", path=path)
    records = np.memmap(
        path, dtype=np.uint8, mode="r", offset=header_bytes, shape=(n_records, record_bytes)
    )
    return RecordFile(
        path=path,
        fmt=fmt,
        header=main,
        channels=channels,
        record_duration=record_duration,
        n_records_declared=declared if declared > 0 else n_records,
        records=records,
    )


def channel_bytes(rf: RecordFile, channel: Channel) -> np.ndarray:
    """The raw bytes of one channel, shape (n_records, bytes per record of that channel)."""
    bps = rf.bytes_per_sample
    start = channel.offset * bps
    return rf.records[:, start : start + channel.samples_per_record * bps]


def read_digital(rf: RecordFile, channel: Channel) -> np.ndarray:
    """Digital samples of one channel from the memmap, shape (n_records, samples per record).

    BDF gives int32; EDF (only when edfio refuses the file) gives int16 as a strided view of
    the memmap: the one copy happens when it is calibrated.
    """
    raw = channel_bytes(rf, channel)
    if rf.fmt == "EDF":
        return raw.view("<i2")
    # 24-bit little-endian: read 4 bytes at every 3rd byte (one spare byte at the end), shift the
    # extra high byte out and back: the arithmetic right shift restores the sign.
    n_records, width = raw.shape
    flat = np.empty(n_records * width + 1, dtype=np.uint8)
    flat[:-1].reshape(n_records, width)[:] = raw
    words = np.ndarray(
        (n_records * channel.samples_per_record,), dtype="<i4", buffer=flat, strides=(3,)
    )
    digital = words << 8
    digital >>= 8
    return digital.reshape(n_records, channel.samples_per_record)


def calibrate(digital: np.ndarray, channel: Channel, factor: float = 1.0) -> np.ndarray:
    """Physical values times ``factor`` (e.g. to µV) as float32, from the header's two ranges."""
    span = channel.digital_max - channel.digital_min
    gain = (channel.physical_max - channel.physical_min) / span if span else 0.0
    offset = channel.physical_min - channel.digital_min * gain
    out = np.empty(digital.shape, dtype=np.float32)
    np.multiply(digital, np.float32(gain * factor), out=out)
    out += np.float32(offset * factor)
    return out
