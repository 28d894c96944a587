"""Inter-movement intervals and periodic series (PLM), short-interval and isolated LMs.

A series is at least ``min_series_length`` consecutive eligible LMs (candidates, scorable) whose
IMIs (onset to onset) all lie in ``[min_imi_s, max_imi_s]``. It ends at a non-eligible LM, at an
IMI above the maximum (that LM may start the next series), at an IMI below the minimum (that
short-interval LM starts the next series only if ``short_interval_starts_series``), or where
unscorable time lies between two LMs (the interval is not known to be free of movements).
The last LM of the night completes a series like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plmscope.rules import RuleSet
from plmscope.scoring.intervals import at_least, at_most, less_than, overlaps_any


@dataclass(frozen=True)
class SeriesFlags:
    """Per-LM outcome of series detection over one ordered list of LMs."""

    imi: np.ndarray  # onset minus previous onset; NaN for the first
    series: np.ndarray  # series number 1, 2, ... or 0 when not in a series
    short_interval: np.ndarray  # eligible and IMI below the minimum
    breaks: np.ndarray  # unscorable time lies between the previous LM and this one

    @property
    def periodic(self) -> np.ndarray:
        return self.series > 0


def intervals_between(onsets: np.ndarray) -> np.ndarray:
    """IMI: each onset minus the previous onset (NaN for the first LM)."""
    imi = np.full(onsets.shape, np.nan)
    imi[1:] = np.diff(onsets)
    return imi


def unscorable_breaks(onsets: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether unscorable time lies strictly between each LM's onset and the previous onset."""
    brk = np.zeros(onsets.shape, dtype=bool)
    if onsets.size > 1:
        brk[1:] = overlaps_any(onsets[:-1], onsets[1:], starts, ends, closed=False)
    return brk


def series_labels(
    imi: np.ndarray, eligible: np.ndarray, breaks: np.ndarray, rules: RuleSet
) -> np.ndarray:
    """Series number per LM (0 = none), vectorised over the ordered list.

    ``link[i]``: LM i continues from LM i-1. A run starts where there is no link and the LM may
    start a series, or right after a short-interval LM that could not start one.
    """
    n = imi.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        in_range = at_least(imi, rules.min_imi_s) & at_most(imi, rules.max_imi_s)
        short = less_than(imi, rules.min_imi_s)
    link = np.zeros(n, dtype=bool)
    link[1:] = eligible[1:] & eligible[:-1] & in_range[1:] & ~breaks[1:]
    can_start = eligible & (~short | rules.short_interval_starts_series)
    after_blocked = np.zeros(n, dtype=bool)
    after_blocked[1:] = link[1:] & ~link[:-1] & ~can_start[:-1]
    start = (~link & can_start) | after_blocked
    member = start | link
    run = np.cumsum(start)
    run_size = np.bincount(run[member], minlength=run[-1] + 1)
    is_series = run_size >= rules.min_series_length
    keep = member & is_series[run]
    number = np.cumsum(is_series)  # series number of each run that is a series
    return np.where(keep, number[run], 0).astype(np.int64)


def find_series(
    onsets: np.ndarray,
    eligible: np.ndarray,
    rules: RuleSet,
    unscorable: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0)),
) -> SeriesFlags:
    """IMIs, series numbers and short-interval flags for one ordered list of LMs."""
    imi = intervals_between(onsets)
    breaks = unscorable_breaks(onsets, *unscorable)
    with np.errstate(invalid="ignore"):
        short = eligible & less_than(imi, rules.min_imi_s)
    labels = series_labels(imi, eligible, breaks, rules)
    return SeriesFlags(imi=imi, series=labels, short_interval=short, breaks=breaks)


def ferri_periodicity(imi: np.ndarray, counted: np.ndarray, rules: RuleSet) -> float | None:
    """Ferri 2006 periodicity: share of counted IMIs that are 10–90 s and in runs of ≥ 3 such.

    ``counted`` marks the IMIs that enter (the others break runs). The run length is one less
    than the series length (3 IMIs join 4 LMs); the bounds are the rule set's IMI bounds.
    """
    total = int(np.count_nonzero(counted))
    if total == 0:
        return None  # no interval to judge: undefined, not "not periodic"
    with np.errstate(invalid="ignore"):
        good = counted & at_least(imi, rules.min_imi_s) & at_most(imi, rules.max_imi_s)
    edges = np.diff(np.concatenate([[0], good.astype(np.int8), [0]]))
    begins, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - begins
    in_runs = int(lengths[lengths >= rules.min_series_length - 1].sum())
    return in_runs / total


def counted_imis(
    imi: np.ndarray, eligible: np.ndarray, breaks: np.ndarray, in_sleep: np.ndarray
) -> np.ndarray:
    """IMIs that enter histograms, ln(IMI) statistics and Ferri's index.

    The IMI of a candidate in sleep whose previous LM in the list is also a scorable candidate,
    with no unscorable time between them: intervals between consecutive CLMs in sleep.
    """
    prev_eligible = np.zeros(imi.shape, dtype=bool)
    prev_eligible[1:] = eligible[:-1]
    return eligible & prev_eligible & in_sleep & ~breaks & np.isfinite(imi)
