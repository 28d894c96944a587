"""The shape of a simulated night in bed: quiet wake, sleep with awakenings, restless wake, up.

Times are seconds from the start of the recording. The truth hypnogram has ``W`` for wake
(in or out of bed) and ``S`` for sleep (stage unknown, as an accelerometer sees it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plmscope.night import EPOCH_S, ESTIMATED_SLEEP, Hypnogram
from plmscope.simulate.accel.profiles import AccelProfile


@dataclass(frozen=True)
class NightTimeline:
    """When the sleeper fell asleep, woke, lay restless and got up (seconds)."""

    duration: float
    sleep_onset: float
    final_awakening: float
    out_of_bed: float  # gets up and walks from here to the end (== duration: never)
    wake_bouts: tuple[tuple[float, float], ...]  # awakenings inside the sleep period

    def asleep(self, t: np.ndarray) -> np.ndarray:
        """Whether each time is in sleep."""
        t = np.asarray(t, dtype=np.float64)
        inside = (t >= self.sleep_onset) & (t < self.final_awakening)
        for start, end in self.wake_bouts:
            inside &= ~((t >= start) & (t < end))
        return inside

    def restless(self, t: np.ndarray) -> np.ndarray:
        """Whether each time is in restless wake (an awakening, or before getting up)."""
        t = np.asarray(t, dtype=np.float64)
        out = (t >= self.final_awakening) & (t < self.out_of_bed)
        for start, end in self.wake_bouts:
            out |= (t >= start) & (t < end)
        return out

    def quiet_wake(self, t: np.ndarray) -> np.ndarray:
        return np.asarray(t) < self.sleep_onset

    def hypnogram(self) -> Hypnogram:
        """The true sleep/wake per 30 s epoch (an epoch is sleep when its middle is)."""
        n = int(np.ceil(self.duration / EPOCH_S))
        middles = (np.arange(n) + 0.5) * EPOCH_S
        stages = np.where(self.asleep(middles), ESTIMATED_SLEEP, "W").astype("<U2")
        return Hypnogram(stages=stages)

    def sleep_seconds(self) -> float:
        bouts = sum(e - s for s, e in self.wake_bouts)
        return self.final_awakening - self.sleep_onset - bouts


def plan_timeline(rng: np.random.Generator, profile: AccelProfile, duration: float) -> NightTimeline:
    """Draw the night's timeline; short recordings keep the same order, squeezed."""
    scale = min(1.0, duration / (8 * 3600.0))
    quiet = rng.uniform(*profile.quiet_wake_min) * 60 * scale
    restless = rng.uniform(*profile.restless_wake_min) * 60 * scale
    up = rng.uniform(*profile.out_of_bed_min) * 60 * scale
    onset = quiet
    out_of_bed = duration - up
    final = max(onset + 0.5 * (out_of_bed - onset), out_of_bed - restless)
    n_bouts = rng.poisson(profile.wake_bouts * scale)
    bouts: list[tuple[float, float]] = []
    for _ in range(n_bouts):
        length = rng.uniform(*profile.wake_bout_min) * 60
        start = rng.uniform(onset + 20 * 60 * scale, final - length - 10 * 60 * scale) if final - onset > length + 40 * 60 * scale else None
        if start is None or any(start < e + 15 * 60 and start + length > s - 15 * 60 for s, e in bouts):
            continue
        bouts.append((float(start), float(start + length)))
    return NightTimeline(
        duration=float(duration),
        sleep_onset=float(onset),
        final_awakening=float(final),
        out_of_bed=float(out_of_bed),
        wake_bouts=tuple(sorted(bouts)),
    )
