"""EDF, EDF+ and BDF files: the header parsed here, the data records read in one pass.

Every file's header (labels, units, calibration, record layout) is parsed here, and the data
records are read in chunks of a few MB through one reused buffer: each wanted channel is
decoded (16-bit or 24-bit little-endian) and calibrated from its byte columns straight into its
own float32 array, so reading two legs of a 20-channel night costs what two channels cost and
the file is never mapped or held whole (nothing of it counts in the process's memory). A file
shorter than its header says keeps its complete records (``n_records < n_records_declared``);
header sizes that cannot fit the file are refused before anything is allocated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


#: Bytes of data records read at once (the one buffer every pass reuses).
CHUNK_BYTES = 4 << 20
#: Shortest data record accepted (s): EDF writes 1 s or more; below a millisecond the header is broken.
MIN_RECORD_S = 1e-3
#: Highest sampling rate accepted (Hz): no sleep recording samples faster.
MAX_SF = 100_000.0


@dataclass(frozen=True)
class RecordFile:
    """An opened EDF/BDF: header fields, channels, and where the complete data records are."""

    path: str
    fmt: str  # "EDF" or "BDF"
    header: dict[str, str]
    channels: tuple[Channel, ...]
    record_duration: float
    n_records_declared: int
    n_records: int  # complete records present in the file

    @property
    def bytes_per_sample(self) -> int:
        return 3 if self.fmt == "BDF" else 2

    @property
    def header_bytes(self) -> int:
        return 256 * (len(self.channels) + 1)

    @property
    def record_bytes(self) -> int:
        return sum(c.samples_per_record for c in self.channels) * self.bytes_per_sample

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


#: Suffixes of text files a night may be given as (event tables, accelerometer exports).
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")


def not_edf_reason(head: bytes, suffix: str) -> str:
    """Why a file that reached the EDF reader is not one: empty, a text table no other reader
    took, or something else.

    >>> not_edf_reason(b"", ".csv"), not_edf_reason(b"MZ", ".exe")
    ('is empty', 'not an EDF/EDF+/BDF file (its first bytes are not an EDF header)')
    """
    if not head:
        return "is empty"
    if suffix.lower() in TEXT_SUFFIXES:
        return (
            "a text table that is neither a scoring (an 'onset' column and a label column such as "
            "'event' or 'stage', or a RemLogic/Noxturnal export) nor an accelerometer export, "
            "and not an EDF/EDF+/BDF recording"
        )
    return "not an EDF/EDF+/BDF file (its first bytes are not an EDF header)"


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
                raise PlmscopeInputError(not_edf_reason(main_raw, file.suffix), path=path)
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


def check_layout(channels: tuple[Channel, ...], record_duration: float, declared: int, path: str) -> None:
    """Refuse record layouts no recording has, before anything is sized from them."""
    if not np.isfinite(record_duration) or record_duration < 0:
        raise PlmscopeInputError(f"data record duration is {record_duration:g} s", path=path)
    ordinary = [c for c in channels if not c.is_annotation and c.samples_per_record > 0]
    if record_duration and ordinary and record_duration < MIN_RECORD_S:
        raise PlmscopeInputError(
            f"not a readable EDF/BDF file: data record duration {record_duration:g} s is too short "
            f"(at least {MIN_RECORD_S:g} s)",
            path=path,
        )
    fastest = max((c.samples_per_record for c in ordinary), default=0)
    if record_duration and fastest / record_duration > MAX_SF:
        raise PlmscopeInputError(
            f"not a readable EDF/BDF file: {fastest} samples per {record_duration:g} s record "
            f"is {fastest / record_duration:.3g} Hz (more than {MAX_SF:g} Hz)",
            path=path,
        )
    if declared > 0 and record_duration * declared > 30 * 86400:
        raise PlmscopeInputError(
            f"not a readable EDF/BDF file: {declared} records of {record_duration:g} s would be "
            f"{record_duration * declared / 86400:.0f} days",
            path=path,
        )


def open_record_file(path: str | Path) -> RecordFile:
    """Parse the header and count the complete data records that are in the file."""
    path = str(path)
    fmt, main, signal_headers = read_header(path)
    channels = channels_from_headers(signal_headers, path)
    header_bytes = 256 * (len(channels) + 1)
    record_bytes = sum(c.samples_per_record for c in channels) * (3 if fmt == "BDF" else 2)
    declared = int(number(main, "n_records", path))
    record_duration = number(main, "record_duration", path)
    check_layout(channels, record_duration, declared, path)
    available = (Path(path).stat().st_size - header_bytes) // record_bytes if record_bytes else 0
    n_records = min(declared, available) if declared > 0 else available
    if n_records <= 0:
        raise PlmscopeInputError("contains no complete data record (empty or cut off)", path=path)
    return RecordFile(
        path=path,
        fmt=fmt,
        header=main,
        channels=channels,
        record_duration=record_duration,
        n_records_declared=declared if declared > 0 else n_records,
        n_records=int(n_records),
    )


def record_blocks(rf: RecordFile, chunk_bytes: int = CHUNK_BYTES) -> Iterator[tuple[int, np.ndarray]]:
    """(first record, bytes of the next records as a (k, record_bytes) uint8 view), chunk by chunk.

    The view is of one reused buffer: take what is needed from it before the next chunk.
    """
    per_chunk = max(1, chunk_bytes // max(rf.record_bytes, 1))
    buffer = np.empty(per_chunk * rf.record_bytes, dtype=np.uint8)
    try:
        with open(rf.path, "rb") as fh:
            fh.seek(rf.header_bytes)
            for first in range(0, rf.n_records, per_chunk):
                k = min(per_chunk, rf.n_records - first)
                view = buffer[: k * rf.record_bytes]
                if fh.readinto(memoryview(view)) != view.size:
                    raise PlmscopeInputError("ends before its last complete data record", path=rf.path)
                yield first, view.reshape(k, rf.record_bytes)
    except OSError as exc:
        raise PlmscopeInputError(f"cannot be read ({exc.strerror})", path=rf.path) from None


def channel_columns(rf: RecordFile, block: np.ndarray, channel: Channel) -> np.ndarray:
    """The bytes of ``channel`` in a block of records, shape (k, bytes per record of that channel)."""
    bps = rf.bytes_per_sample
    start = channel.offset * bps
    return block[:, start : start + channel.samples_per_record * bps]


def decode_digital(raw: np.ndarray, fmt: str, samples_per_record: int) -> np.ndarray:
    """Digital samples from a channel's bytes (k, width): int16 for EDF, int32 for BDF."""
    if fmt == "EDF":
        return np.ascontiguousarray(raw).view("<i2")
    # 24-bit little-endian: read 4 bytes at every 3rd byte (one spare byte at the end), shift the
    # extra high byte out and back: the arithmetic right shift restores the sign.
    k, width = raw.shape
    flat = np.empty(k * width + 1, dtype=np.uint8)
    flat[:-1].reshape(k, width)[:] = raw
    words = np.ndarray((k * samples_per_record,), dtype="<i4", buffer=flat, strides=(3,))
    digital = words << 8
    digital >>= 8
    return digital.reshape(k, samples_per_record)


def calibration(channel: Channel, factor: float = 1.0) -> tuple[np.float32, np.float32]:
    """(gain, offset) turning digital values into physical values times ``factor``."""
    span = channel.digital_max - channel.digital_min
    gain = (channel.physical_max - channel.physical_min) / span if span else 0.0
    offset = channel.physical_min - channel.digital_min * gain
    return np.float32(gain * factor), np.float32(offset * factor)


def read_channels(
    rf: RecordFile, signals: Mapping[str, float], annotations: bool = False
) -> tuple[dict[str, np.ndarray], list[np.ndarray]]:
    """One pass over the data records: the channels in ``signals`` (label -> factor to µV) as
    calibrated float32 samples, records back to back, and (when asked) the raw bytes of every
    annotation channel, shape (n_records, bytes per record).
    """
    wanted = {label: rf.channel(label) for label in signals}
    out = {
        label: np.empty(rf.n_records * ch.samples_per_record, dtype=np.float32) for label, ch in wanted.items()
    }
    scale = {label: calibration(ch, signals[label]) for label, ch in wanted.items()}
    notes = [c for c in rf.channels if c.is_annotation] if annotations else []
    raw_notes = [
        np.empty((rf.n_records, c.samples_per_record * rf.bytes_per_sample), dtype=np.uint8) for c in notes
    ]
    for first, block in record_blocks(rf):
        k = block.shape[0]
        for label, ch in wanted.items():
            spr = ch.samples_per_record
            target = out[label][first * spr : (first + k) * spr].reshape(k, spr)
            gain, offset = scale[label]
            np.multiply(decode_digital(channel_columns(rf, block, ch), rf.fmt, spr), gain, out=target)
            target += offset
        for ch, raw in zip(notes, raw_notes):
            raw[first : first + k] = channel_columns(rf, block, ch)
    return out, raw_notes


def read_digital(rf: RecordFile, channel: Channel) -> np.ndarray:
    """Digital samples of one channel, shape (n_records, samples per record) (a check for tests)."""
    out = np.empty((rf.n_records, channel.samples_per_record), dtype="<i2" if rf.fmt == "EDF" else "<i4")
    for first, block in record_blocks(rf):
        raw = channel_columns(rf, block, channel)
        out[first : first + block.shape[0]] = decode_digital(raw, rf.fmt, channel.samples_per_record)
    return out


def annotation_bytes(rf: RecordFile) -> list[np.ndarray]:
    """The raw bytes of every annotation channel, shape (n_records, bytes per record)."""
    return read_channels(rf, {}, annotations=True)[1]
