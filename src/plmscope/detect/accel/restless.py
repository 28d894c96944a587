"""What marks wake in bed at the ankles: restless moves, not leg movements that belong to a series.

Periodic limb movements are a sleep phenomenon: a sleeper's legs can jerk every 20–40 s for an
hour without waking. So a movement that is part of a periodic run (what WASM scoring would
put in a PLM series: both legs taken as one stream, at least 4 candidate movements, each
0.5–10 s, with intervals onset to onset of 10–90 s) is never, by itself, a sign of wake. The
signs of wake are the other moves: posture changes and whole-body movements (turning, getting
up), movements too long to be candidates (> 10 s), and movements that come singly or at
irregular intervals outside any periodic run. Wake is where such restless moves come in a
cluster (the sleep-wake step of :mod:`plmscope.detect.accel.sleep`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from plmscope.detect.accel.events import runs
from plmscope.rules import RuleSet

RESTLESS_COLUMNS = ("onset", "offset", "kind")  # kind: posture | long | irregular


def movement_stream(movements: Iterable[pd.DataFrame], join_s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every leg's movements as one stream: (onsets, offsets, number of legs' movements joined).

    Movements (of either leg) that overlap, or where one starts less than ``join_s`` after the
    other ends, are one, as WASM joins the two legs into bilateral movements.

    >>> left = pd.DataFrame({"onset": [10.0, 40.0], "offset": [12.0, 41.0]})
    >>> right = pd.DataFrame({"onset": [12.3], "offset": [13.0]})
    >>> movement_stream([left, right], 0.5)
    (array([10., 40.]), array([13., 41.]), array([2, 1]))
    """
    parts = [m[["onset", "offset"]].to_numpy(dtype=np.float64) for m in movements if len(m)]
    if not parts:
        return np.zeros(0), np.zeros(0), np.zeros(0, np.int64)
    spans = np.concatenate(parts)
    spans = spans[np.argsort(spans[:, 0], kind="stable")]
    reach = np.maximum.accumulate(spans[:, 1])  # the latest end so far
    new = np.r_[True, spans[1:, 0] >= reach[:-1] + join_s]
    group = np.cumsum(new) - 1
    onsets = spans[new, 0]
    offsets = np.maximum.reduceat(spans[:, 1], np.flatnonzero(new))
    return onsets, offsets, np.bincount(group)


def in_periodic_run(onsets: np.ndarray, offsets: np.ndarray, parts: np.ndarray, rules: RuleSet) -> np.ndarray:
    """Which movements of a stream belong to a run WASM would score as a PLM series.

    A run: at least ``rules.min_series_length`` consecutive candidates (one leg's movement
    ≤ ``max_candidate_duration_s``, a joined one ≤ ``max_bilateral_duration_s``), each interval
    within ``min_imi_s``–``max_imi_s``; a non-candidate or an interval out of range ends it.

    >>> from plmscope.rules import WASM2016
    >>> on = np.array([0.0, 25.0, 50.0, 75.0, 300.0, 305.0])
    >>> in_periodic_run(on, on + 2.0, np.ones(6, int), WASM2016)
    array([ True,  True,  True,  True, False, False])
    """
    n = len(onsets)
    if n < rules.min_series_length:
        return np.zeros(n, bool)
    longest = np.where(parts > 1, rules.max_bilateral_duration_s or np.inf, rules.max_candidate_duration_s)
    candidate = (offsets - onsets) <= longest
    imi = np.diff(onsets)
    linked = (imi >= rules.min_imi_s) & (imi <= rules.max_imi_s) & candidate[1:] & candidate[:-1]
    starts, ends = runs(linked)  # runs of links: movements starts .. ends (inclusive)
    keep = (ends - starts + 1) >= rules.min_series_length
    marks = np.zeros(n + 1, np.int64)
    np.add.at(marks, starts[keep], 1)
    np.add.at(marks, ends[keep] + 1, -1)
    return np.cumsum(marks)[:n] > 0


def restless_moves(
    movements: Iterable[pd.DataFrame], postures: pd.DataFrame, rules: RuleSet
) -> pd.DataFrame:
    """The night's restless moves (onset, offset, kind), sorted: posture changes, long and irregular movements.

    ``movements`` are each leg's leg movements (posture changes already taken out), ``postures``
    the posture changes (onset, offset).

    >>> from plmscope.rules import WASM2016
    >>> lm = pd.DataFrame({"onset": [0.0, 25.0, 50.0, 75.0, 400.0, 900.0], "offset": [2.0, 27.0, 52.0, 77.0, 401.0, 915.0]})
    >>> turn = pd.DataFrame({"onset": [600.0], "offset": [605.0]})
    >>> restless_moves([lm], turn, WASM2016)
       onset  offset       kind
    0  400.0   401.0  irregular
    1  600.0   605.0    posture
    2  900.0   915.0       long
    """
    onsets, offsets, parts = movement_stream(list(movements), rules.bilateral_gap_s)
    periodic = in_periodic_run(onsets, offsets, parts, rules)
    longest = np.where(parts > 1, rules.max_bilateral_duration_s or np.inf, rules.max_candidate_duration_s)
    long = (offsets - onsets) > longest
    moves = pd.DataFrame(
        {"onset": onsets[~periodic], "offset": offsets[~periodic], "kind": np.where(long[~periodic], "long", "irregular")}
    )
    turns = pd.DataFrame({"onset": postures["onset"].to_numpy(float), "offset": postures["offset"].to_numpy(float), "kind": "posture"})
    tables = [t for t in (moves, turns) if len(t)]
    table = pd.concat(tables, ignore_index=True) if tables else moves
    return table.sort_values("onset", kind="stable", ignore_index=True)[list(RESTLESS_COLUMNS)]


def restless_clusters(onsets: np.ndarray, offsets: np.ndarray, max_gap_s: float, min_moves: int) -> list[tuple[float, float]]:
    """(start, end) of every cluster of at least ``min_moves`` moves, each less than ``max_gap_s`` after the one before.

    >>> restless_clusters(np.array([0.0, 100.0, 200.0, 1000.0]), np.array([5.0, 101.0, 230.0, 1002.0]), 240.0, 3)
    [(0.0, 230.0)]
    """
    if len(onsets) < min_moves:
        return []
    order = np.argsort(onsets, kind="stable")
    on, off = onsets[order], offsets[order]
    close = np.diff(on) < max_gap_s
    starts, ends = runs(close)  # runs of close pairs: moves starts .. ends (inclusive)
    keep = (ends - starts + 1) >= min_moves
    return [(float(on[a]), float(off[a : b + 1].max())) for a, b in zip(starts[keep], ends[keep], strict=True)]
