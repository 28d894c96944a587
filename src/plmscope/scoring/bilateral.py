"""From monolateral LMs (one per leg) to scored LMs: checks, exclusions, joining legs, candidates.

WASM 2016: mLMs on different legs that overlap, or where one starts less than
``bilateral_gap_s`` after the other ends, form one bilateral LM. AASM: mLMs on different legs
whose onsets are less than ``bilateral_onset_window_s`` apart count as one LM. Joining is
transitive (connected components): a left mLM joined to a right mLM that is joined to another
left mLM makes one LM of three parts. Same-leg mLMs are never joined directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from plmscope.errors import PlmscopeInputError
from plmscope.night import LEGS
from plmscope.rules import RuleSet
from plmscope.scoring.intervals import TOLERANCE_S, at_most, less_than

MONOLATERAL_COLUMNS: tuple[str, ...] = ("leg", "onset", "offset")


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


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each i, the integers lo[i]..hi[i]-1, flattened, with the i each came from."""
    counts = np.clip(hi - lo, 0, None)
    owner = np.repeat(np.arange(lo.size), counts)
    starts = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    return owner, np.arange(counts.sum()) + starts


def leg_pairs(
    onsets: np.ndarray, offsets: np.ndarray, legs: np.ndarray, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (left mLM, right mLM) that the rule set joins into one LM."""
    left = np.flatnonzero(legs == "left")
    right = np.flatnonzero(legs == "right")
    if left.size == 0 or right.size == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    r_on = onsets[right]  # sorted: the table is sorted by onset
    if rules.bilateral_rule == "aasm_onsets":
        reach = rules.bilateral_onset_window_s - TOLERANCE_S
        hi = np.searchsorted(r_on, onsets[left] + reach, side="left")
        lo = np.searchsorted(r_on, onsets[left] - reach, side="right")
        owner, pos = _ranges(lo, hi)
        return left[owner], right[pos]
    gap = rules.bilateral_gap_s - TOLERANCE_S
    # right mLM j joins left mLM i when on_j < off_i + gap and off_j > on_i - gap
    hi = np.searchsorted(r_on, offsets[left] + gap, side="left")
    lo = np.searchsorted(np.maximum.accumulate(offsets[right]), onsets[left] - gap, side="right")
    owner, pos = _ranges(lo, hi)
    li, rj = left[owner], right[pos]
    keep = offsets[rj] > onsets[li] - gap
    return li[keep], rj[keep]


def group_labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """LM number of each mLM (0, 1, ... in order of first onset) from the joined pairs."""
    if n == 0:
        return np.empty(0, np.int64)
    graph = coo_matrix((np.ones(a.size), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
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

    The same limits are applied under AASM, where parts over 10 s were already removed.
    """
    short_parts = at_most(longest_part, rules.max_candidate_duration_s)
    bilateral_ok = (parts <= rules.max_bilateral_parts) & at_most(
        duration, rules.max_bilateral_duration_s
    )
    return short_parts & ((parts == 1) | bilateral_ok)
