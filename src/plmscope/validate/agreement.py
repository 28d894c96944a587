"""Agreement between two scorings: event matching per leg, and Bland–Altman and ICC of an index.

**Match rule** (the one ``benchmarks/bench_detect.py`` uses): a found leg movement matches a
reference one when they are on the same leg, overlap in time, and their onsets are at most 1 s
apart; matching is one-to-one, closest onsets first. Unmatched found movements are false
positives, unmatched reference movements false negatives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from plmscope.night import LEGS

MATCH_RULE = (
    "a movement found by plmscope matches a reference movement when both are on the same leg, "
    "they overlap in time and their onsets are at most {tolerance:g} s apart; one-to-one, "
    "closest onsets first"
)


@dataclass(frozen=True)
class Matches:
    """One-to-one matches of found to reference movements on one leg (row positions)."""

    reference: np.ndarray  # positions in the reference table
    found: np.ndarray  # positions in the found table
    onset_error: np.ndarray  # found onset - reference onset, s
    offset_error: np.ndarray  # found offset - reference offset, s


def match_leg(reference: pd.DataFrame, found: pd.DataFrame, tolerance: float = 1.0) -> Matches:
    """Match the movements of one leg (tables with ``onset``, ``offset``) by :data:`MATCH_RULE`.

    >>> ref = pd.DataFrame({"onset": [10.0, 30.0, 50.0], "offset": [12.0, 31.0, 51.0]})
    >>> found = pd.DataFrame({"onset": [10.4, 29.2, 50.5, 70.0], "offset": [11.0, 30.5, 52.0, 71.0]})
    >>> m = match_leg(ref, found)
    >>> m.reference.tolist(), m.found.tolist(), m.onset_error.round(2).tolist()
    ([0, 1, 2], [0, 1, 2], [0.4, -0.8, 0.5])
    """
    r_on, r_off = reference["onset"].to_numpy(float), reference["offset"].to_numpy(float)
    f_on, f_off = found["onset"].to_numpy(float), found["offset"].to_numpy(float)
    order = np.argsort(f_on, kind="stable")
    lo = np.searchsorted(f_on[order], r_on - tolerance, side="left")
    hi = np.searchsorted(f_on[order], r_on + tolerance, side="right")
    counts = hi - lo
    ref_idx = np.repeat(np.arange(r_on.size), counts)
    found_idx = order[np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)])] if counts.sum() else np.zeros(0, int)
    gap = np.abs(f_on[found_idx] - r_on[ref_idx])
    ok = (f_on[found_idx] < r_off[ref_idx]) & (f_off[found_idx] > r_on[ref_idx]) & (gap <= tolerance)
    ref_idx, found_idx, gap = ref_idx[ok], found_idx[ok], gap[ok]
    pairs = np.lexsort((found_idx, ref_idx, gap))
    used_r = np.zeros(r_on.size, bool)
    used_f = np.zeros(f_on.size, bool)
    keep = []
    for k in pairs:  # one step per candidate pair (about one per movement)
        i, j = ref_idx[k], found_idx[k]
        if not used_r[i] and not used_f[j]:
            used_r[i] = used_f[j] = True
            keep.append(k)
    keep = np.asarray(keep, dtype=np.int64)
    keep = keep[np.argsort(ref_idx[keep], kind="stable")] if keep.size else keep
    i, j = ref_idx[keep], found_idx[keep]
    return Matches(i, j, f_on[j] - r_on[i], f_off[j] - r_off[i])


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _summary(values: np.ndarray) -> dict[str, float | None]:
    if values.size == 0:
        return {"mean": None, "median": None, "mean_abs": None}
    return {"mean": float(values.mean()), "median": float(np.median(values)), "mean_abs": float(np.abs(values).mean())}


def event_agreement(reference: pd.DataFrame, found: pd.DataFrame, tolerance: float = 1.0) -> dict[str, dict]:
    """Per leg and over both: matched, false positives/negatives, precision, recall, F1, onset and
    offset errors (found minus reference, s). Tables need ``leg``, ``onset``, ``offset``.

    F1 is None when neither side has a movement (nothing to agree on).
    """
    out: dict[str, dict] = {}
    totals = np.zeros(3)
    errors: list[np.ndarray] = [np.zeros(0), np.zeros(0)]
    for leg in LEGS:
        ref = reference[reference["leg"] == leg]
        got = found[found["leg"] == leg]
        m = match_leg(ref, got, tolerance)
        tp, fp, fn = len(m.found), len(got) - len(m.found), len(ref) - len(m.found)
        totals += (tp, fp, fn)
        errors = [np.r_[errors[0], m.onset_error], np.r_[errors[1], m.offset_error]]
        out[leg] = _counts(tp, fp, fn, m.onset_error, m.offset_error)
    out["both"] = _counts(*(int(x) for x in totals), *errors)
    return out


def _counts(tp: int, fp: int, fn: int, onset: np.ndarray, offset: np.ndarray) -> dict:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    return {
        "reference": tp + fn, "found": tp + fp, "matched": tp, "false_positives": fp,
        "false_negatives": fn, "precision": precision, "recall": recall, "f1": f1,
        "onset_error_s": _summary(onset), "offset_error_s": _summary(offset),
    }  # fmt: skip


def bland_altman(a: np.ndarray, b: np.ndarray) -> dict[str, float | None]:
    """Bland–Altman of ``a - b``: mean difference (bias), SD, 95% limits of agreement.

    >>> r = bland_altman(np.array([10.0, 20.0, 30.0]), np.array([9.0, 21.0, 28.0]))
    >>> r["bias"], round(r["sd"], 3), round(r["loa_low"], 2), round(r["loa_high"], 2)
    (0.6666666666666666, 1.528, -2.33, 3.66)
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    ok = np.isfinite(a) & np.isfinite(b)
    diff = a[ok] - b[ok]
    if diff.size == 0:
        return {"n": 0, "bias": None, "sd": None, "loa_low": None, "loa_high": None}
    sd = float(diff.std(ddof=1)) if diff.size > 1 else math.nan
    bias = float(diff.mean())
    result = {"n": int(diff.size), "bias": bias, "sd": sd, "loa_low": bias - 1.96 * sd, "loa_high": bias + 1.96 * sd}
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in result.items()}


def icc_absolute(a: np.ndarray, b: np.ndarray) -> float | None:
    """ICC(A,1): two-way random effects, absolute agreement, single measurement (McGraw & Wong
    1996; Shrout & Fleiss ICC(2,1)) of two raters' values of the same nights.

    >>> round(icc_absolute(np.array([10.0, 20.0, 30.0, 40.0]), np.array([11.0, 19.0, 31.0, 42.0])), 3)
    0.995
    >>> round(icc_absolute(np.array([9, 6, 8, 7, 10, 6]), np.array([2, 1, 4, 1, 5, 2])), 4)  # Shrout & Fleiss
    0.1257
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    ok = np.isfinite(a) & np.isfinite(b)
    x = np.column_stack([a[ok], b[ok]])
    n, k = x.shape
    if n < 2:
        return None
    grand = x.mean()
    ms_rows = k * ((x.mean(axis=1) - grand) ** 2).sum() / (n - 1)
    ms_cols = n * ((x.mean(axis=0) - grand) ** 2).sum() / (k - 1)
    residual = x - x.mean(axis=1, keepdims=True) - x.mean(axis=0, keepdims=True) + grand
    ms_err = (residual**2).sum() / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_err + k * (ms_cols - ms_err) / n
    return float((ms_rows - ms_err) / denominator) if denominator > 0 else None
