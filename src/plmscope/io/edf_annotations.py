"""EDF+/BDF+ annotation channels: the annotations and each data record's start time.

An annotation channel holds TALs (time-stamped annotation lists): ``+onset[\\x15duration]\\x14
text\\x14...\\x00``. The first TAL of each data record in the first annotation channel is the
time-keeping one: its onset is when that record starts (this is how EDF+D marks gaps).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from plmscope.io.edf_file import RecordFile, annotation_bytes

#: A TAL with at least one text; the time-keeping TAL (``+onset\x14\x14``) matches only when it
#: carries texts too, so the regex scan skips the one-per-record time stamps in C.
TAL = re.compile(rb"([+-]\d+(?:\.\d*)?)(?:\x15(\d+(?:\.\d*)?))?\x14(\x14?[^\x00\x14][^\x00]*)\x00")
ANNOTATION_COLUMNS = ("onset", "duration", "label", "leg")


def empty_annotations() -> pd.DataFrame:
    """A raw annotation table (onset, duration, label as written, leg if the file says)."""
    return pd.DataFrame(
        {
            "onset": pd.Series(dtype="float64"),
            "duration": pd.Series(dtype="float64"),
            "label": pd.Series(dtype="object"),
            "leg": pd.Series(dtype="object"),
        }
    )


def busy_records(raw: np.ndarray) -> np.ndarray:
    """Records holding more than their time-keeping TAL (most records hold only that)."""
    end = np.argmax(raw == 0, axis=1)  # the byte ending the first TAL
    after = raw[np.arange(raw.shape[0]), np.minimum(end + 1, raw.shape[1] - 1)]
    return (after != 0) | (end == 0)


def parse_tals(raw: np.ndarray) -> list[tuple[float, float, str]]:
    """Every annotation ``(onset, duration, text)`` in an annotation channel's bytes."""
    rows: list[tuple[float, float, str]] = []
    for match in TAL.finditer(np.ascontiguousarray(raw[busy_records(raw)]).tobytes()):
        onset = float(match[1])
        duration = float(match[2]) if match[2] else 0.0
        texts = (t.decode("utf-8", "replace").strip() for t in match[3].split(b"\x14"))
        rows.extend((onset, duration, t) for t in texts if t)
    return rows


def record_onsets(raw: np.ndarray) -> np.ndarray:
    """Each data record's start from its time-keeping TAL (NaN where a record has none)."""
    head = np.ascontiguousarray(raw[:, : min(raw.shape[1], 32)])
    stamps = np.char.partition(head.view(f"S{head.shape[1]}").ravel(), b"\x14")[:, 0]
    try:
        return stamps.astype(np.float64)
    except ValueError:  # a damaged record: parse one by one, NaN where unreadable
        return pd.to_numeric(pd.Series(stamps).str.decode("latin-1"), errors="coerce").to_numpy(
            np.float64
        )


def read_edf_annotations(
    rf: RecordFile, raw: list[np.ndarray] | None = None
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Annotations (seconds from the first record) and record onsets (None for plain EDF).

    ``raw`` is the bytes of the annotation channels when already read (one pass with the
    signals, see ``edf_file.read_channels``); otherwise they are read here.
    """
    if not any(c.is_annotation for c in rf.channels):
        return empty_annotations(), None
    raw = annotation_bytes(rf) if raw is None else raw
    rows = [row for channel_raw in raw for row in parse_tals(channel_raw)]
    onsets = record_onsets(raw[0])
    start = float(onsets[0]) if np.isfinite(onsets[0]) else 0.0
    table = (
        pd.DataFrame(rows, columns=["onset", "duration", "label"]) if rows else empty_annotations()
    )
    table = table.assign(onset=table["onset"].astype("float64") - start, leg=None)
    table = table.sort_values("onset", kind="stable").reset_index(drop=True)
    return table[list(ANNOTATION_COLUMNS)], onsets - start
