"""Monolateral leg movements from the envelope's rise above the resting level (rules §1).

Onset: the first point 8 µV above rest. Offset: the start of the first stretch of at least
0.5 s that stays within 2 µV of rest. Kept: movements of at least 0.5 s that (WASM computer
detection) contain 0.5 s whose median is at least 2 µV above rest. Long movements stay in the
table, flagged: the scorer decides what they count for under each rule set.

Movements are *found* on the 0.1 s envelope above the resting level (the top of the noise, so
ordinary noise never starts one). Their *edges* are then placed as the rules read them, 8 µV
and 2 µV above the level the quiet EMG rests at (its median, a little below the noise top):
the onset on the unsmoothed envelope, at its first rise 8 µV up since the last quiet dip, the
offset where a smoother envelope (less noise) starts 0.5 s within 2 µV, both interpolated
between envelope samples. Measured from the noise top on one smoothed envelope, onsets came
late (the first peaks of a burst that builds up or waxes and wanes are flattened) and offsets
early, and movements just over 0.5 s were cut below the minimum. The shape check (WASM) is
made on the movement as found, so moved edges add length, not evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from plmscope.detect.sliding import moving_mean
from plmscope.rules import RuleSet

MOVEMENT_COLUMNS = ("leg", "onset", "offset", "duration", "peak_uv", "mean_uv", "long")


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop (exclusive) indices of each run of True in ``mask``."""
    edges = np.diff(np.r_[0, mask.view(np.int8), 0])
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def hysteresis_movements(
    excess: np.ndarray, scorable: np.ndarray, env_sf: float, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Onset and offset indices: rise above the onset threshold, end at a held quiet stretch.

    Unscorable samples count as quiet and can hold no onset, so detection stops there.
    """
    quiet = (excess < rules.offset_threshold_uv) | ~scorable
    q_start, q_stop = runs(quiet)
    held = (q_stop - q_start) >= max(1, int(np.ceil(rules.offset_hold_s * env_sf - 1e-9)))
    q_start, q_stop = q_start[held], q_stop[held]
    seg_start = np.r_[0, q_stop]  # active stretches lie between held quiet stretches
    seg_stop = np.r_[q_start, len(excess)]
    rising = np.flatnonzero((excess > rules.onset_threshold_uv) & scorable)
    first = np.searchsorted(rising, seg_start)
    found = first < len(rising)
    found[found] = rising[first[found]] < seg_stop[found]
    return rising[first[found]], seg_stop[found]


#: Envelope samples handled at once where a per-block value is added (temporaries stay small).
CHUNK = 1 << 18


@dataclass(frozen=True)
class BlockValues:
    """A value per block of ``size`` samples, read per sample: ``gap[i]`` is its block's value.

    Keeps the quiet level's offset (one value per 30 s) without a whole-night per-sample array.
    """

    values: np.ndarray  # one per block
    size: int
    n: int  # samples covered

    def __getitem__(self, index: np.ndarray) -> np.ndarray:
        return self.values[np.asarray(index) // self.size]

    def chunk(self, lo: int, hi: int) -> np.ndarray:
        """The per-sample values of samples ``lo`` to ``hi``."""
        first, last = lo // self.size, (hi - 1) // self.size + 1
        return np.repeat(self.values[first:last], self.size)[lo - first * self.size : hi - first * self.size]


def rest_gap(
    excess: np.ndarray, scorable: np.ndarray, env_sf: float, rules: RuleSet, block_s: float, step: int = 4
) -> BlockValues:
    """How far the median of the quiet EMG lies below the resting level (µV, ≥ 0), one value per
    ``block_s`` of the night, from every ``step``-th of its quiet, scorable samples."""
    size = max(step, int(round(block_s * env_sf)) // step * step)
    n_blocks = -(-len(excess) // size)
    sub = excess[::step]
    quiet = (sub < rules.offset_threshold_uv) & scorable[::step]
    padded = np.full(n_blocks * (size // step), np.nan, dtype=np.float32)
    padded[: len(sub)][quiet] = sub[quiet]
    ordered = np.sort(padded.reshape(n_blocks, size // step), axis=1)  # NaN (not quiet) sort last
    count = np.isfinite(ordered).sum(axis=1)
    known = count > 0  # a block with no quiet sample has no median
    if not known.any():
        return BlockValues(np.zeros(n_blocks, dtype=np.float32), size, len(excess))
    rows = np.flatnonzero(known)
    lo, hi = (count[known] - 1) // 2, count[known] // 2
    median = np.interp(np.arange(n_blocks), rows, 0.5 * (ordered[rows, lo] + ordered[rows, hi]))
    return BlockValues(np.maximum(-median, 0.0).astype(np.float32), size, len(excess))


def where_above(values: np.ndarray, gap: BlockValues, threshold: float, also: np.ndarray) -> np.ndarray:
    """Indices where ``values + gap`` is above ``threshold`` and ``also`` holds, chunk by chunk."""
    found = []
    for lo in range(0, len(values), CHUNK):  # a loop over chunks, not samples
        hi = min(lo + CHUNK, len(values))
        hit = (values[lo:hi] + gap.chunk(lo, hi) > threshold) & also[lo:hi]
        found.append(np.flatnonzero(hit) + lo)
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def below(values: np.ndarray, gap: BlockValues, threshold: float) -> np.ndarray:
    """Mask of ``values + gap < threshold``, computed chunk by chunk."""
    mask = np.empty(len(values), dtype=bool)
    for lo in range(0, len(values), CHUNK):  # a loop over chunks, not samples
        hi = min(lo + CHUNK, len(values))
        np.less(values[lo:hi] + gap.chunk(lo, hi), threshold, out=mask[lo:hi])
    return mask


def rule_edges(
    excess: np.ndarray,
    sharp: np.ndarray,
    gap: BlockValues,
    onsets: np.ndarray,
    offsets: np.ndarray,
    env_sf: float,
    rules: RuleSet,
    slow: np.ndarray | None = None,
    dip_s: float = 0.1,
) -> tuple[np.ndarray, np.ndarray]:
    """Onsets and offsets of found movements, measured from the quiet EMG's level (``gap`` below
    the resting level): the onset at the first sample of the rising flank where the sharper
    envelope is 8 µV above it, the offset at the start of the first stretch of 0.5 s within 2 µV
    of the ``slow`` envelope (default ``excess``).

    The onset is looked for back to the last ``dip_s`` within 2 µV before the movement (a briefer
    dip between two humps belongs to the movement, as the rules read it: only 0.5 s of rest ends
    one), at most 0.5 s before where it was found, and after the previous movement; the offset
    stays inside the quiet stretch that ended the movement. An edge that would not move stays
    where it was found.

    >>> from plmscope.rules import WASM2016
    >>> smooth = np.array([0, 0, 1, 3, 5, 7, 9, 9, 9, 1.5, 1.5, 0, 0, 0, 0, 0, 0, 0], float)
    >>> sharp = np.array([0, 0, 1, 2, 7.5, 4, 9, 9, 9, 2, 1, 0, 0, 0, 0, 0, 0, 0], float)
    >>> gap = BlockValues(np.array([0.6], np.float32), 18, 18)
    >>> on, off = rule_edges(smooth, sharp, gap, np.array([6]), np.array([9]), 10.0, WASM2016)
    >>> on.tolist(), off.tolist()  # 7.5 + 0.6 > 8 at 4; 1.5 + 0.6 is not within 2 µV: 11
    ([4], [11])
    """
    if len(onsets) == 0:
        return onsets, offsets
    hold = max(1, int(np.ceil(rules.offset_hold_s * env_sf - 1e-9)))
    q_start, q_stop = runs(excess < rules.offset_threshold_uv)
    held = (q_stop - q_start) >= max(1, int(round(dip_s * env_sf)))
    rest_end = q_stop[held]  # where each such quiet stretch ends: the movement starts after it
    before = np.searchsorted(rest_end, onsets, side="right") - 1
    flank = np.where(before >= 0, rest_end[np.maximum(before, 0)], 0)
    flank = np.maximum.reduce([flank, onsets - hold, np.r_[0, offsets[:-1]]])
    # a sample starts the movement when the sharp envelope is 8 µV up and the smoothed one is
    # rising with it (a lone noise spike at rest does not start a movement)
    high = where_above(sharp, gap, rules.onset_threshold_uv, excess > rules.offset_threshold_uv)
    first = np.searchsorted(high, flank)
    found = first < len(high)
    candidate = np.where(found, high[np.minimum(first, len(high) - 1)], onsets)
    new_onsets = np.where(found & (candidate < onsets), candidate, onsets)

    # the quiet stretch each movement ended in
    q_end = q_stop[np.clip(np.searchsorted(q_start, offsets, side="right") - 1, 0, max(len(q_stop) - 1, 0))]
    s_start, s_stop = runs(below(excess if slow is None else slow, gap, rules.offset_threshold_uv))
    held = (s_stop - s_start) >= hold
    s_start = s_start[held]
    nxt = np.searchsorted(s_start, offsets)
    later = s_start[np.minimum(nxt, max(len(s_start) - 1, 0))] if len(s_start) else offsets
    moves = (nxt < len(s_start)) & (later + hold <= q_end)
    new_offsets = np.where(moves, np.maximum(later, offsets), offsets)
    return new_onsets, new_offsets


def crossing_times(
    values: np.ndarray, index: np.ndarray, threshold: float | np.ndarray, gap: BlockValues | None = None
) -> np.ndarray:
    """Where ``values`` (plus ``gap``) crossed ``threshold`` between sample ``index - 1`` and
    ``index``, in samples (linear interpolation); ``index`` itself where it did not cross there.

    The envelope is sampled every few milliseconds: taking the sample after a crossing as its
    time puts onsets and offsets up to one sample late and makes a 0.5 s movement measure
    anything from one sample less to one sample more.

    >>> crossing_times(np.array([0.0, 4.0, 12.0, 12.0]), np.array([2]), 8.0).tolist()
    [1.5]
    """
    index = np.asarray(index, dtype=np.int64)
    inside = (index > 0) & (index < len(values))  # at either end of the night: no crossing seen
    here = np.clip(index, 1, max(len(values) - 1, 1))
    a, b = values[here - 1], values[here]
    if gap is not None:
        a, b = a + gap[here - 1], b + gap[here]
    a, b = a.astype(np.float64), b.astype(np.float64)
    crossed = inside & ((a - threshold) * (b - threshold) <= 0) & (a != b)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.clip(np.where(crossed, (threshold - a) / (b - a), 1.0), 0.0, 1.0)
    return np.where(crossed, here - 1 + fraction, index.astype(np.float64))


def spans(onsets: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The samples of every ``[onset, offset)`` span back to back, and where each span starts.

    Only the movements' own samples are gathered (a few thousandths of a night), so what is
    computed on them costs nothing like a whole-night array.
    """
    lengths = (offsets - onsets).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else np.empty(0, np.int64)
    index = np.arange(int(lengths.sum())) - np.repeat(starts - onsets, lengths)
    return index, starts


def morphology_ok(
    excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray, env_sf: float, rules: RuleSet
) -> np.ndarray:
    """Whether each movement holds a window (``morphology_window_s``) whose median is high enough.

    A window's median reaches the threshold exactly when more than half its samples do, so
    counting with a cumulative sum replaces a running median (for an even width this tests the
    lower of the two middle samples: a slightly stricter reading). Windows lie wholly inside
    the movement; only the movements' samples are looked at.
    """
    if rules.morphology_window_s is None or len(onsets) == 0:
        return np.ones(len(onsets), dtype=bool)
    width = max(1, int(round(rules.morphology_window_s * env_sf)))  # a 0.5 s LM fits exactly
    index, starts = spans(onsets, offsets)
    count = np.concatenate([[0], np.cumsum(excess[index] >= rules.morphology_median_uv)])
    lengths = offsets - onsets
    ok = np.zeros(len(onsets), dtype=bool)
    fits = lengths >= width
    if not fits.any():
        return ok
    window_ok = (count[width:] - count[:-width]) > width // 2  # window starting at each sample
    good = np.concatenate([[0], np.cumsum(window_ok)])
    first, last = starts[fits], starts[fits] + lengths[fits] - width + 1  # windows wholly inside
    ok[fits] = good[last] > good[first]
    return ok


def amplitudes(excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Peak and mean envelope above rest (µV) over each [onset, offset) span."""
    if len(onsets) == 0:
        return np.empty(0), np.empty(0)
    index, starts = spans(onsets, offsets)
    values = excess[index]
    peak = np.maximum.reduceat(values, starts)
    total = np.add.reduceat(values.astype(np.float64), starts)
    return peak.astype(np.float64), total / np.maximum(offsets - onsets, 1)


def movements_table(
    excess: np.ndarray,
    scorable: np.ndarray,
    env_sf: float,
    time_offset: float,
    rules: RuleSet,
    leg: str,
    sharp: np.ndarray | None = None,
    offset_smooth: int = 1,
    onset_dip_s: float = 0.1,
) -> pd.DataFrame:
    """All monolateral leg movements of one envelope, with their duration and amplitudes.

    ``sharp``: the less smoothed envelope above rest, where onsets are placed (see above);
    ``offset_smooth``: samples of a further moving mean of the envelope offsets are placed on;
    ``onset_dip_s``: the quiet dip an onset is not looked for beyond (see :func:`rule_edges`).
    """
    found_on, found_off = hysteresis_movements(excess, scorable, env_sf, rules)
    onsets, offsets, gap, rising = found_on, found_off, None, excess
    falling = excess if offset_smooth <= 1 else moving_mean(excess, offset_smooth)
    if sharp is not None:
        gap = rest_gap(excess, scorable, env_sf, rules, block_s=30.0)
        onsets, offsets = rule_edges(
            excess, sharp, gap, found_on, found_off, env_sf, rules, slow=falling, dip_s=onset_dip_s
        )
        rising = sharp
    start = crossing_times(rising, onsets, rules.onset_threshold_uv, gap)
    end = crossing_times(falling, offsets, rules.offset_threshold_uv, gap)
    duration = (end - start) / env_sf
    # the shape check is made on the movement as found (moved edges add length, not evidence);
    # one found shorter than the check's window is checked over its edges as placed
    window = int(round((rules.morphology_window_s or 0.0) * env_sf))
    wide = (found_off - found_on) >= window
    shape_on, shape_off = np.where(wide, found_on, onsets), np.where(wide, found_off, offsets)
    keep = (duration >= rules.min_duration_s - 1e-9) & morphology_ok(excess, shape_on, shape_off, env_sf, rules)
    onsets, offsets, start, duration = onsets[keep], offsets[keep], start[keep], duration[keep]
    peak, mean = amplitudes(excess, onsets, offsets)
    onset_s = start / env_sf + time_offset
    return pd.DataFrame(
        {
            "leg": pd.Series([leg] * len(onsets), dtype="object"),
            "onset": onset_s,
            "offset": onset_s + duration,
            "duration": duration,
            "peak_uv": peak,
            "mean_uv": mean,
            "long": duration > rules.max_candidate_duration_s,
        },
        columns=list(MOVEMENT_COLUMNS),
    )
