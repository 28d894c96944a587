"""One movement scored twice on one leg becomes one: same-leg mLMs that overlap or nearly touch.

The rules end a leg movement only after the EMG has stayed quiet for ``offset_hold_s``
(0.5 s), so two same-leg movements less than that apart are fragments of one movement. A
detector never reports such pairs; hand-scored lists do, e.g. when a leg was recorded on two
derivations and both were scored. They are joined here, before legs are combined, and the
count is said in a warning, so an LM is never counted twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.scoring.intervals import less_than


def same_leg_groups(leg: np.ndarray, onset: np.ndarray, offset: np.ndarray, gap_s: float) -> np.ndarray:
    """A group number per mLM: same-leg mLMs that overlap or are < ``gap_s`` apart share one.

    >>> same_leg_groups(np.array(["left"] * 3), np.array([0.0, 1.2, 5.0]), np.array([1.0, 2.0, 6.0]), 0.5).tolist()
    [0, 0, 1]
    """
    n = onset.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((onset, leg))  # by leg, then onset
    legs, on, off = leg[order], onset[order], offset[order]
    reach = np.empty(n, dtype=np.float64)  # the latest offset so far within each leg
    new = np.ones(n, dtype=bool)
    starts = np.flatnonzero(np.r_[True, legs[1:] != legs[:-1]])
    for lo, hi in zip(starts, np.r_[starts[1:], n]):  # one step per leg, not per movement
        reach[lo:hi] = np.maximum.accumulate(off[lo:hi])
        new[lo + 1 : hi] = ~less_than(on[lo + 1 : hi] - reach[lo : hi - 1], gap_s)
    groups = np.empty(n, dtype=np.int64)
    groups[order] = np.cumsum(new) - 1
    return groups


def merge_same_leg(mono: pd.DataFrame, gap_s: float) -> tuple[pd.DataFrame, int]:
    """mLMs (leg, onset, offset, ...) with same-leg fragments joined; and how many were joined away.

    A joined movement runs from the first onset to the last offset; of the other columns it
    keeps the largest number (e.g. ``peak_uv``), any True flag, and the first row's text.

    Examples
    --------
    >>> mono = pd.DataFrame({"leg": ["left", "left", "right"], "onset": [10.0, 10.2, 10.1],
    ...                      "offset": [12.0, 12.3, 11.0]})
    >>> merged, n = merge_same_leg(mono, 0.5)
    >>> merged[["leg", "onset", "offset"]].values.tolist(), n
    ([['left', 10.0, 12.3], ['right', 10.1, 11.0]], 1)
    """
    groups = same_leg_groups(
        mono["leg"].to_numpy(dtype=object).astype(str),
        mono["onset"].to_numpy(dtype=np.float64),
        mono["offset"].to_numpy(dtype=np.float64),
        gap_s,
    )
    n_joined = len(mono) - (int(groups.max()) + 1 if groups.size else 0)
    if n_joined == 0:
        out = mono.copy()
        out["duration"] = out["offset"] - out["onset"]
        return out, 0
    how = {"onset": "min", "offset": "max"}
    for column in mono.columns:
        if column in how or column == "duration":
            continue
        kind = mono[column].dtype.kind
        how[column] = "any" if kind == "b" else "max" if kind in "iuf" else "first"
    merged = mono.groupby(groups, sort=True).agg(how)
    merged["duration"] = merged["offset"] - merged["onset"]
    columns = [c for c in mono.columns if c in merged.columns] + (["duration"] if "duration" not in mono.columns else [])
    merged = merged[columns].sort_values(["onset", "leg"], kind="stable").reset_index(drop=True)
    return merged, n_joined


def merge_warning(n_joined: int, gap_s: float) -> list[str]:
    """The warning saying how many same-leg movements were joined (none when none were)."""
    if not n_joined:
        return []
    return [
        f"{n_joined} leg movements overlapped or were less than {gap_s:g} s apart on the same leg "
        "(one movement scored twice, e.g. from two derivations of one leg?): each such pair was "
        "joined into one movement, as the rules join fragments of one movement"
    ]
