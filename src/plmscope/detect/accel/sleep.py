"""Sleep and wake without EEG: the HDCZA sleep-period window, wake bouts inside it, or a diary.

HDCZA (van Hees et al., Sci Rep 2018;8:12975): the direction of gravity per 5 s epoch (from
5 s running medians), the absolute change of that direction between consecutive epochs, a
running median of it over 5 min, and a threshold of 15 × its 10th percentile (kept within
0.13–0.5°, as GGIR does). Stretches below the threshold lasting 30 min or more are rest; rest
stretches less than 60 min apart are joined and the longest is the sleep period. The original
uses the z-angle of a wrist sensor; here the full direction of gravity of each ankle (the mean
of both legs), which does not depend on how the sensor was strapped on.

Inside the sleep period, wake is told after van Hees et al. (PLoS One 2015;10:e0142533): sleep
is sustained inactivity, with no turn of more than 5° for 5 min. At the ankle, leg movements in
sleep tilt the shank by more than 5° for seconds at a time, every 20–40 s in a PLM series, so
the moves that count are the restless ones: a posture change, a movement that leaves the leg
turned by more than 5°, or a movement of 6 s or more (PLMs rarely last that long). Two or more,
each less than 8 min after the one before and at least one of them turning the legs, make a
wake bout from the first to the last; a turn in bed alone, or long movements alone, stay sleep. These numbers are plmscope's own (no published ankle rule exists),
chosen on simulated nights.
The rest is sleep (stage unknown: ``S``). Outside the window is wake. A sleep diary (bedtime,
rise time) replaces the window; the wake bouts inside are still those the sensors show.
Quiet wake in bed looks like sleep to any accelerometer: sleep time is then overestimated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import median_filter

from plmscope.detect.accel.events import runs
from plmscope.detect.accel.gravity import angle_between, unit
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

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "method": self.method,
            "sleep_period": list(self.window) if self.window else None,
            "threshold_deg": self.threshold_deg,
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


def wake_bouts(
    big: np.ndarray, epoch_s: float, settings: AccelSettings, turned: np.ndarray | None = None
) -> np.ndarray:
    """Epochs awake: from the first to the last of restless moves less than 8 min apart (2 or more).

    ``turned`` marks the epochs where gravity turned (posture changes, repositionings); with
    ``settings.wake_needs_turn`` a run of long movements alone is not wake.

    >>> from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS as S
    >>> big = np.zeros(400, bool); big[[10, 40, 70, 300]] = True
    >>> np.flatnonzero(wake_bouts(big, 5.0, S))[[0, -1]]
    array([10, 70])
    """
    turned = big if turned is None else turned
    at = np.flatnonzero(np.diff(np.r_[False, big].astype(np.int8)) == 1)  # each move once
    awake = np.zeros(len(big), bool)
    if at.size < settings.wake_turns:
        return awake
    close = np.diff(at) * epoch_s < settings.inactivity_min * 60
    starts, ends = runs(close)
    for a, b in zip(starts, ends, strict=True):
        span = slice(at[a], at[b] + 1)
        if b - a + 1 >= settings.wake_turns and (not settings.wake_needs_turn or turned[span].any()):
            awake[span] = True
    return awake


def estimate_sleep(
    seconds_per_leg: list[np.ndarray],
    duration: float,
    gaps: list[tuple[float, float]],
    settings: AccelSettings,
    *,
    diary: SleepDiary | None = None,
    start: dt.datetime | None = None,
    restless: list[tuple[float, float]] = (),
    turns_in_bed: list[tuple[float, float]] = (),
) -> SleepEstimate:
    """Sleep (``S``) and wake (``W``) per 30 s epoch from the legs' gravity, or within a diary's window.

    ``gaps``, ``restless`` and ``turns_in_bed`` are (onset, length) spans: no data; every restless
    move (posture changes, repositionings, long movements); those where gravity turned.
    """
    epoch = settings.angle_epoch_s
    turns = [epoch_angles(s, epoch) for s in seconds_per_leg]
    variable = rest_variable(turns, settings)
    t = (np.arange(len(variable)) + 0.5) * epoch
    in_gap = _within(t, gaps)
    turning = _within(t, [(o - epoch / 2, d + epoch) for o, d in restless]) & ~in_gap
    turned = _within(t, [(o - epoch / 2, d + epoch) for o, d in turns_in_bed]) & ~in_gap
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
    if window is not None:
        inside = (t >= window[0]) & (t < window[1])
        asleep = inside & ~in_gap & ~wake_bouts(turning, epoch, settings, turned)
    return SleepEstimate(
        hypnogram=to_hypnogram(asleep, in_gap, epoch, duration),
        source=source,
        method=method,
        window=window,
        threshold_deg=round(threshold, 4),
        lights=lights,
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
