"""From monolateral LMs (one per leg) to scored LMs: checks, exclusions, joining legs, candidates.

WASM 2016: mLMs on different legs that overlap, or where one starts less than
``bilateral_gap_s`` after the other ends, form one bilateral LM. This joining is transitive
(connected components): a left mLM joined to a right mLM that is joined to another left mLM
makes one LM of three parts. Same-leg mLMs are never joined directly.

AASM: mLMs on different legs whose onsets are less than ``bilateral_onset_window_s`` apart
count as one LM, read pairwise (one mLM per leg, not transitive; see ``aasm_pairs``).
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.night import LEGS
from plmscope.rules import RuleSet
from plmscope.scoring.intervals import TOLERANCE_S, at_most, less_than

MONOLATERAL_COLUMNS: tuple[str, ...] = ("leg", "onset", "offset")
OTHER_LEG: dict[str, str] = {"left": "right", "right": "left"}


def check_monolateral(monolateral: pd.DataFrame) -> pd.DataFrame:
    """A clean copy sorted by onset (leg, onset, offset, duration, extras); clear error if bad."""
    missing = [c for c in MONOLATERAL_COLUMNS if c not in monolateral.columns]
    if missing and len(monolateral) == 0:  # no movements at all, in any shape
        monolateral = pd.DataFrame({"leg": [], "onset": [], "offset": []})
    elif missing:
        raise PlmscopeInputError(
            f"leg movements need columns leg, onset, offset; missing {', '.join(missing)}"
        )
    mono = monolateral.copy()
    mono["leg"] = mono["leg"].astype(str).str.strip().str.lower()
    bad_legs = sorted(set(mono["leg"]) - set(LEGS))
    if bad_legs:
        raise PlmscopeInputError(
            f"leg movements: leg must be 'left' or 'right', found {', '.join(bad_legs)}"
        )
    for col in ("onset", "offset"):
        mono[col] = pd.to_numeric(mono[col], errors="coerce").astype(np.float64)
    times = mono[["onset", "offset"]].to_numpy()
    if not np.all(np.isfinite(times)):
        raise PlmscopeInputError("leg movements: onset and offset must be numbers (found empty)")
    backwards = mono["offset"] < mono["onset"]
    if backwards.any():
        first = mono.loc[backwards, "onset"].iloc[0]
        raise PlmscopeInputError(
            f"leg movements: {int(backwards.sum())} end before they start (first at {first:.2f} s)"
        )
    mono["duration"] = mono["offset"] - mono["onset"]
    mono = mono.sort_values(["onset", "leg"], kind="stable").reset_index(drop=True)
    return mono


def exclusion_reasons(mono: pd.DataFrame, rules: RuleSet) -> np.ndarray:
    """Why each mLM is not an LM: ``too_short`` (< min duration), ``too_long`` (AASM), or ""."""
    dur = mono["duration"].to_numpy()
    reason = np.full(len(mono), "", dtype=object)
    reason[less_than(dur, rules.min_duration_s)] = "too_short"
    if rules.max_lm_duration_s is not None:
        reason[~at_most(dur, rules.max_lm_duration_s)] = "too_long"
    return reason


def stabbing_links(
    starts: np.ndarray, ends: np.ndarray, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Links that connect each interval ``[start, end)`` with every sorted point inside it.

    Returns pairs (interval, point) and (point, next point): interval i is linked to the first
    point inside it, and consecutive points that share an interval are linked to each other.
    That is O(n) links with the same connected components as linking i to all its points.
    """
    lo = np.searchsorted(points, starts, side="left")
    hi = np.searchsorted(points, ends, side="left")
    hit = lo < hi
    # difference array over the steps k -> k + 1 that lie inside some interval
    steps = np.bincount(lo[hit], minlength=points.size) - np.bincount(
        hi[hit] - 1, minlength=points.size
    )
    chained = np.flatnonzero(np.cumsum(steps) > 0)
    return (
        np.concatenate([np.flatnonzero(hit), starts.size + chained]),
        np.concatenate([starts.size + lo[hit], starts.size + chained + 1]),
    )


def wasm_pairs(
    onsets: np.ndarray, offsets: np.ndarray, legs: np.ndarray, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Links (mLM, mLM) whose connected components are WASM's bilateral LMs, in O(n log n).

    mLMs i and j on different legs join when each starts less than the gap after the other
    ends, i.e. ``[onset, offset + gap)`` overlap: then the later onset lies in the earlier
    mLM's widened interval. So linking each leg's widened intervals to the other leg's onsets
    inside them (``stabbing_links``, both ways round) gives the joins, without listing every
    overlapping pair (one 8 h movement overlapping 20,000 others would be 20,000² pairs).
    """
    gap = rules.bilateral_gap_s - TOLERANCE_S
    a_list, b_list = [], []
    for leg, other in (LEGS, LEGS[::-1]):
        mine = np.flatnonzero(legs == leg)
        theirs = np.flatnonzero(legs == other)
        theirs = theirs[np.argsort(onsets[theirs], kind="stable")]
        a, b = stabbing_links(onsets[mine], offsets[mine] + gap, onsets[theirs])
        index = np.concatenate([mine, theirs])  # local numbering -> row in the mLM table
        a_list.append(index[a])
        b_list.append(index[b])
    return np.concatenate(a_list), np.concatenate(b_list)


def aasm_pairs(
    onsets: np.ndarray, legs: np.ndarray, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (earlier mLM, later mLM) on different legs that AASM counts as one LM.

    Read pairwise, as the AASM text is written ("LMs on two legs with onsets < 5 s apart count
    as one LM"): in onset order, each mLM joins the earliest not-yet-joined mLM on the other
    leg whose onset is less than ``bilateral_onset_window_s`` before it. An AASM bilateral LM
    is thus one mLM per leg; joining is not transitive (left 0, right 4, left 8, right 12 s are
    two LMs, not one of 13 s), and same-leg mLMs never join. A loop over movements, not samples.
    """
    reach = rules.bilateral_onset_window_s - TOLERANCE_S
    order = np.argsort(onsets, kind="stable")
    waiting: dict[str, deque[tuple[float, int]]] = {leg: deque() for leg in LEGS}  # by onset
    first, second = [], []
    for t, leg, i in zip(onsets[order].tolist(), legs[order].tolist(), order.tolist()):
        other = waiting[OTHER_LEG[leg]]
        while other and t - other[0][0] >= reach:
            other.popleft()  # too early for this mLM, so for every later one too
        if other:
            first.append(other.popleft()[1])
            second.append(i)
        else:
            waiting[leg].append((t, i))
    return np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)


def leg_pairs(
    onsets: np.ndarray, offsets: np.ndarray, legs: np.ndarray, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Links between mLMs whose connected components are the LMs of the rule set."""
    if rules.bilateral_rule == "aasm_onsets":
        return aasm_pairs(onsets, legs, rules)
    return wasm_pairs(onsets, offsets, legs, rules)


def connected_labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A component label per node of the undirected graph with edges ``(a[k], b[k])``.

    Each node starts as its own label; every round each edge gives both ends the smaller label
    and labels jump to their label's label (pointer jumping), so a chain of length L settles in
    about log2(L) rounds: vectorised, with no graph library.
    """
    labels = np.arange(n, dtype=np.int64)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    while True:
        low = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        labels = labels[labels]  # jump: a label's own label is at least as small
        if np.array_equal(labels, before):
            return labels


def group_labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """LM number of each mLM (0, 1, ... in order of first onset) from the joined pairs."""
    if n == 0:
        return np.empty(0, np.int64)
    labels = connected_labels(n, a, b)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first, kind="stable"), kind="stable")
    return rank[inverse]


def combine_legs(mono: pd.DataFrame, rules: RuleSet) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Scored LMs as columns (onset, offset, duration, leg, parts, longest_part, candidate),
    and the LM number of each mLM. ``mono``: the mLMs that are LMs, sorted by onset.
    """
    on = mono["onset"].to_numpy(np.float64)
    off = mono["offset"].to_numpy(np.float64)
    legs = mono["leg"].to_numpy(dtype=object)
    label = group_labels(len(mono), *leg_pairs(on, off, legs, rules))
    n = int(label.max()) + 1 if label.size else 0
    onset = np.full(n, np.inf)
    offset = np.full(n, -np.inf)
    longest = np.zeros(n)
    np.minimum.at(onset, label, on)
    np.maximum.at(offset, label, off)
    np.maximum.at(longest, label, off - on)
    parts = np.bincount(label, minlength=n).astype(np.int64)
    single_leg = np.empty(n, dtype=object)
    single_leg[label] = legs
    lms = {
        "onset": onset,
        "offset": offset,
        "duration": offset - onset,
        "leg": np.where(parts > 1, "bilateral", single_leg).astype(object),
        "parts": parts,
        "longest_part": longest,
    }
    lms["candidate"] = candidate_flags(lms["duration"], parts, longest, rules)
    return lms, label


def candidate_flags(
    duration: np.ndarray, parts: np.ndarray, longest_part: np.ndarray, rules: RuleSet
) -> np.ndarray:
    """CLM: no part longer than 10 s; a bilateral LM also ≤ 15 s and ≤ 4 parts (WASM 2016).

    A bilateral limit that is None (AASM) does not apply: AASM sets no such limits.
    """
    short_parts = at_most(longest_part, rules.max_candidate_duration_s)
    bilateral_ok = np.ones(parts.shape, dtype=bool)
    if rules.max_bilateral_parts is not None:
        bilateral_ok &= parts <= rules.max_bilateral_parts
    if rules.max_bilateral_duration_s is not None:
        bilateral_ok &= at_most(duration, rules.max_bilateral_duration_s)
    return short_parts & ((parts == 1) | bilateral_ok)
