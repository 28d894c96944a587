"""Where each data record sits in time, the gaps of EDF+D files, and samples placed on one clock.

Choice for EDF+D: gaps are filled with zeros (not NaN, which would poison every filter
downstream) and listed in ``Night.gaps`` with a warning, so sample ``i`` is always at
``i / sf`` seconds and detection finds nothing inside a gap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError

GAP_TOLERANCE_S = 1e-4  # time-keeping onsets are written with limited precision
MAX_GAPS_S = 48 * 3600.0  # more pause than this in one night means damaged time-keeping


def record_starts(
    n_records: int, record_duration: float, record_onsets: np.ndarray | None
) -> np.ndarray:
    """Start of each data record in seconds: from time-keeping when present, else back to back."""
    expected = np.arange(n_records) * record_duration
    if record_onsets is None:
        return expected
    # A record without a time-keeping TAL follows the one before it.
    shift = pd.Series(record_onsets - expected).ffill().fillna(0.0).to_numpy()
    return expected + shift


def find_gaps(starts: np.ndarray, record_duration: float, path: str) -> list[tuple[float, float]]:
    """(onset, duration) of each pause between records; records running backwards are an error."""
    ends = starts[:-1] + record_duration
    jump = starts[1:] - ends
    if np.any(jump < -GAP_TOLERANCE_S):
        first = int(np.flatnonzero(jump < -GAP_TOLERANCE_S)[0]) + 1
        raise PlmscopeInputError(
            f"data record {first} starts at {starts[first]:.3f} s, before the previous one ends "
            f"({ends[first - 1]:.3f} s): the EDF+ time-keeping is broken",
            path=path,
        )
    gaps = [(float(ends[i]), float(jump[i])) for i in np.flatnonzero(jump > GAP_TOLERANCE_S)]
    if sum(d for _, d in gaps) > MAX_GAPS_S:
        raise PlmscopeInputError(
            f"the EDF+ time-keeping puts {sum(d for _, d in gaps) / 3600:.0f} h of gaps between "
            "data records: the file looks damaged",
            path=path,
        )
    return gaps


def place_records(blocks: np.ndarray, starts: np.ndarray, sf: float, n_samples: int) -> np.ndarray:
    """One signal on the recording clock: records at their start sample, zeros in the gaps."""
    flat = blocks.reshape(-1)
    first = np.round(starts * sf).astype(np.int64)
    per_record = blocks.shape[1]
    if np.array_equal(first, np.arange(len(starts)) * per_record):
        return flat
    out = np.zeros(n_samples, dtype=blocks.dtype)
    # Copy runs of back-to-back records at once (few runs: one more per gap).
    breaks = np.flatnonzero(np.diff(first) != per_record) + 1
    for lo, hi in zip(np.r_[0, breaks], np.r_[breaks, len(starts)]):
        a = first[lo]
        b = min(a + (hi - lo) * per_record, n_samples)
        out[a:b] = flat[lo * per_record : lo * per_record + (b - a)]
    return out
