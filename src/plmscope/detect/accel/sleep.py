"""Sleep and wake without EEG: the HDCZA sleep-period window, wake bouts inside it, or a diary.

HDCZA (van Hees et al., Sci Rep 2018;8:12975): the direction of gravity per 5 s epoch (from
5 s running medians), the absolute change of that direction between consecutive epochs, a
running median of it over 5 min, and a threshold of 15 × its 10th percentile (kept within
0.13–0.5°, as GGIR does). Stretches below the threshold lasting 30 min or more are rest; rest
stretches less than 60 min apart are joined and the longest is the sleep period. The original
uses the z-angle of a wrist sensor; here the full direction of gravity of each ankle (the mean
of both legs), which does not depend on how the sensor was strapped on.

Inside the sleep period, wake is told from restless moves (:mod:`plmscope.detect.accel.restless`):
posture changes, movements too long to be candidate LMs, and movements outside any periodic run.
Leg movements that are part of a periodic run are a sleep phenomenon and never count. Wake is
where at least 3 restless moves come each less than 4 min after the one before (a sustained
restlessness, as wake in bed looks to actigraphy: Cole-Kripke, Sadeh and van Hees 2015 all
score wake from activity that lasts minutes, not from one movement); it runs from the first of
them to the end of the last. One turn in bed, or one long movement, stays sleep. These two
numbers are plmscope's own (no published ankle rule exists), chosen on simulated development
nights and checked on others.
The rest is sleep (stage unknown: ``S``). Outside the window is wake. A sleep diary (bedtime,
rise time) replaces the window; the wake bouts inside are still those the sensors show.
Quiet wake in bed looks like sleep to any accelerometer: sleep time is then overestimated, and
periodic movements while lying awake (which restless legs can bring) are taken for PLMS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from scipy.ndimage import median_filter

from plmscope.detect.accel.events import runs
from plmscope.detect.accel.gravity import angle_between, unit
from plmscope.detect.accel.restless import restless_clusters
from plmscope.detect.accel.settings import AccelSettings
from plmscope.errors import PlmscopeInputError
from plmscope.night import EPOCH_S, ESTIMATED_SLEEP, Hypnogram

HDCZA = "HDCZA sleep-period window (van Hees 2018) from the ankles' change of angle"


@dataclass(frozen=True)
class SleepDiary:
    """Bedtime and rise time of one night as clock times (``"23:10"``, ``"06:40"``).

    >>> SleepDiary("23:10", "06:40").window(dt.datetime(2024, 3, 1, 22, 30), 9 * 3600.0)
    (2400.0, 29400.0)
    """

    bedtime: str
    risetime: str

    def window(self, start: dt.datetime | None, duration: float) -> tuple[float, float]:
        """(bedtime, rise time) in seconds from the recording's start, clipped to the recording."""
        if start is None:
            raise PlmscopeInputError(
                "a bedtime and rise time need the recording's clock time, and this file has only "
                "seconds: give a file with timestamps, or no diary"
            )
        bed_clock, rise_clock = _clock(self.bedtime, "bedtime"), _clock(self.risetime, "rise time")
        bed = dt.datetime.combine(start.date(), bed_clock)
        if bed < start - dt.timedelta(hours=12):
            bed += dt.timedelta(days=1)
        if bed > start + dt.timedelta(hours=12):
            bed -= dt.timedelta(days=1)
        rise = dt.datetime.combine(bed.date(), rise_clock)
        if rise <= bed:
            rise += dt.timedelta(days=1)
        lo, hi = (bed - start).total_seconds(), (rise - start).total_seconds()
        lo, hi = max(lo, 0.0), min(hi, duration)
        if hi - lo < EPOCH_S:
            raise PlmscopeInputError(
                f"the diary's bedtime {self.bedtime} and rise time {self.risetime} do not fall within the "
                f"recording ({start:%H:%M} for {duration / 3600:.1f} h)"
            )
        return lo, hi


def _clock(text: str, what: str) -> dt.time:
    try:
        return dt.time.fromisoformat(str(text).strip())
    except ValueError:
        raise PlmscopeInputError(f"{what} {text!r} is not a clock time like 23:10") from None


@dataclass(frozen=True)
class SleepEstimate:
    """The estimated sleep of a night: hypnogram (``S``/``W``/``?``), its source, the window used."""

    hypnogram: Hypnogram
    source: str  # "accelerometer" | "diary + accelerometer"
    method: str
    window: tuple[float, float] | None  # the sleep period (s), None when none was found
    threshold_deg: float | None
    lights: tuple[float, float] | None  # from the diary only
    restless_moves: int = 0  # posture changes, long and irregular movements of the night
    wake_bouts: list[tuple[float, float]] = field(default_factory=list)  # (start, end) s inside the window

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "method": self.method,
            "sleep_period": list(self.window) if self.window else None,
            "threshold_deg": self.threshold_deg,
            "restless_moves": self.restless_moves,
            "wake_bouts": [[round(a, 1), round(b, 1)] for a, b in self.wake_bouts],
        }


def epoch_angles(seconds: np.ndarray, epoch_s: float) -> np.ndarray:
    """Change of gravity's direction between consecutive epochs (degrees; first epoch 0)."""
    k = int(epoch_s)
    n = len(seconds) // k
    if n < 2:
        return np.zeros(max(n, 0))
    means = unit(seconds[: n * k].reshape(n, k, 3).mean(axis=1))
    return np.r_[0.0, angle_between(means[1:], means[:-1])]


def rest_variable(per_leg: list[np.ndarray], settings: AccelSettings) -> np.ndarray:
    """HDCZA's variable: 5 min running median of the epoch-to-epoch angle change (mean of legs)."""
    n = min(len(a) for a in per_leg)
    change = np.mean([a[:n] for a in per_leg], axis=0)
    width = max(1, int(round(settings.rest_window_min * 60 / settings.angle_epoch_s)))
    return median_filter(change, size=width, mode="nearest")


def rest_threshold(variable: np.ndarray, usable: np.ndarray, settings: AccelSettings) -> float:
    """15 × the 10th percentile of the variable, kept within 0.13–0.5°."""
    values = variable[usable] if usable.any() else variable
    raw = np.percentile(values, settings.rest_percentile) * settings.rest_multiplier if values.size else 0.0
    lo, hi = settings.rest_threshold_deg
    return float(np.clip(raw, lo, hi))


def sleep_window(rest: np.ndarray, epoch_s: float, settings: AccelSettings, duration: float) -> tuple[float, float] | None:
    """The longest run of rest (runs of >= 30 min joined across gaps < 60 min), in seconds."""
    if not rest.any():
        return None
    starts, ends = runs(rest)
    min_block = min(settings.min_block_min * 60, 0.25 * duration) / epoch_s
    keep = (ends - starts) >= min_block
    starts, ends = starts[keep], ends[keep]
    if starts.size == 0:
        return None
    join = (starts[1:] - ends[:-1]) * epoch_s < settings.join_gap_min * 60
    group = np.r_[0, np.cumsum(~join)]
    g_start = np.array([starts[group == g].min() for g in range(group[-1] + 1)])
    g_end = np.array([ends[group == g].max() for g in range(group[-1] + 1)])
    best = int(np.argmax(g_end - g_start))
    return float(g_start[best] * epoch_s), float(g_end[best] * epoch_s)


def _within(t: np.ndarray, spans) -> np.ndarray:
    """Whether each time lies in any (onset, length) span."""
    out = np.zeros(len(t), bool)
    for onset, length in spans:
        out |= (t >= onset) & (t < onset + length)
    return out


def wake_bouts(restless: list[tuple[float, float]], settings: AccelSettings) -> list[tuple[float, float]]:
    """(start, end) s of every wake bout: a cluster of restless moves.

    ``restless`` are the (onset, offset) of the night's restless moves; a cluster is at least
    ``settings.wake_moves`` of them, each less than ``settings.wake_gap_min`` after the one before,
    and lasts from the first onset to the last offset.

    >>> from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS as S
    >>> wake_bouts([(600.0, 604.0), (700.0, 701.0), (800.0, 830.0), (2000.0, 2005.0)], S)
    [(600.0, 830.0)]
    """
    if not restless:
        return []
    on, off = np.asarray(restless, dtype=np.float64).T
    return restless_clusters(on, off, settings.wake_gap_min * 60, settings.wake_moves)


def _in_spans(t: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """Whether each time lies in any (start, end) span."""
    return _within(t, [(a, b - a) for a, b in spans])


def estimate_sleep(
    seconds_per_leg: list[np.ndarray],
    duration: float,
    gaps: list[tuple[float, float]],
    settings: AccelSettings,
    *,
    diary: SleepDiary | None = None,
    start: dt.datetime | None = None,
    restless: list[tuple[float, float]] = (),
) -> SleepEstimate:
    """Sleep (``S``) and wake (``W``) per 30 s epoch from the legs' gravity, or within a diary's window.

    ``gaps`` are (onset, length) spans without data; ``restless`` the (onset, offset) of the
    night's restless moves (:func:`plmscope.detect.accel.restless.restless_moves`).
    """
    epoch = settings.angle_epoch_s
    turns = [epoch_angles(s, epoch) for s in seconds_per_leg]
    variable = rest_variable(turns, settings)
    t = (np.arange(len(variable)) + 0.5) * epoch
    in_gap = _within(t, gaps)
    threshold = rest_threshold(variable, ~in_gap, settings)
    rest = (variable < threshold) & ~in_gap
    lights = None
    if diary is not None:
        window = diary.window(start, duration)
        lights, source = window, "diary + accelerometer"
        method = f"sleep period from the diary ({diary.bedtime}–{diary.risetime}); wake bouts inside it from the ankles"
    else:
        window, source, method = sleep_window(rest, epoch, settings, duration), "accelerometer", HDCZA
    asleep = np.zeros(len(variable), bool)
    bouts: list[tuple[float, float]] = []
    if window is not None:
        inside = (t >= window[0]) & (t < window[1])
        bouts = [(max(a, window[0]), min(b, window[1])) for a, b in wake_bouts(list(restless), settings)
                 if b > window[0] and a < window[1]]
        asleep = inside & ~in_gap & ~_in_spans(t, bouts)
    return SleepEstimate(
        hypnogram=to_hypnogram(asleep, in_gap, epoch, duration),
        source=source,
        method=method,
        window=window,
        threshold_deg=round(threshold, 4),
        lights=lights,
        restless_moves=len(restless),
        wake_bouts=bouts,
    )


def to_hypnogram(asleep: np.ndarray, in_gap: np.ndarray, epoch_s: float, duration: float) -> Hypnogram:
    """30 s epochs: ``S`` where most of it is asleep, ``?`` where most is a gap, else ``W``."""
    n = int(np.ceil(duration / EPOCH_S))
    per = int(round(EPOCH_S / epoch_s))
    pad = n * per - len(asleep)
    a = np.r_[asleep, np.zeros(max(pad, 0), bool)][: n * per].reshape(n, per).mean(axis=1)
    g = np.r_[in_gap, np.ones(max(pad, 0), bool)][: n * per].reshape(n, per).mean(axis=1)
    stages = np.where(g > 0.5, "?", np.where(a > 0.5, ESTIMATED_SLEEP, "W")).astype("<U2")
    return Hypnogram(stages=stages)
