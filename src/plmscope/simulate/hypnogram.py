"""A plausible hypnogram: wake until sleep onset, 90-minute NREM/REM cycles, brief awakenings.

N3 is longest in the first cycles and REM in the last ones, as in a healthy adult night.
Lights go off a few minutes after the recording starts and on a few minutes before it ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plmscope.night import EPOCH_S, SLEEP_STAGES


@dataclass(frozen=True)
class SleepPlan:
    """The simulated sleep of one night: stages per 30 s epoch and the lights times (s)."""

    stages: np.ndarray
    lights_off: float
    lights_on: float
    epoch_s: float = EPOCH_S

    @property
    def sleep_onset(self) -> float:
        """Start of the first sleep epoch (the lights-on time when the night has no sleep)."""
        asleep = np.flatnonzero(np.isin(self.stages, SLEEP_STAGES))
        return float(asleep[0] * self.epoch_s) if len(asleep) else self.lights_on

    @property
    def hours_asleep(self) -> float:
        """Total sleep time in hours."""
        return float(np.isin(self.stages, SLEEP_STAGES).sum() * self.epoch_s / 3600.0)

    @property
    def seconds_in_bed_awake(self) -> float:
        """Wake time between lights off and lights on, in seconds."""
        start = np.arange(len(self.stages)) * self.epoch_s
        inside = (start >= self.lights_off) & (start + self.epoch_s <= self.lights_on)
        return float(np.sum(inside & (self.stages == "W")) * self.epoch_s)

    def stage_at(self, times: np.ndarray | float) -> np.ndarray:
        """Stage of the epoch containing each time (``W`` outside the night)."""
        idx = np.floor(np.atleast_1d(np.asarray(times, dtype=np.float64)) / self.epoch_s)
        idx = idx.astype(np.int64)
        inside = (idx >= 0) & (idx < len(self.stages))
        out = np.full(idx.shape, "W", dtype="<U2")
        out[inside] = self.stages[idx[inside]]
        return out

    def falling_asleep(self) -> np.ndarray:
        """Times (s) of every wake-to-N1 transition: where hypnic jerks happen."""
        s = self.stages
        idx = np.flatnonzero((s[:-1] == "W") & (s[1:] == "N1")) + 1
        return idx * self.epoch_s


def _cycle(rng: np.random.Generator, k: int) -> list[tuple[str, int]]:
    """One NREM/REM cycle (number ``k`` from 0) as (stage, epochs) runs; about 70–90 minutes."""
    return [
        ("N1", int(rng.integers(2, 9)) if k == 0 else int(rng.integers(0, 4))),
        ("N2", int(rng.integers(40, 70)) + 4 * k),
        ("N3", max(0, int(rng.integers(50, 80)) - 20 * k)),
        ("N2", int(rng.integers(15, 30))),
        ("R", min(70, int(rng.integers(12, 22)) + 7 * k)),
    ]


def _sleep_sequence(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` epochs of cycling sleep stages starting at sleep onset."""
    runs: list[tuple[str, int]] = []
    k, total = 0, 0
    while total < n:
        for stage, length in _cycle(rng, k):
            runs.append((stage, length))
            total += length
        k += 1
    seq = [np.full(length, st, dtype="<U2") for st, length in runs]
    return np.concatenate([np.empty(0, dtype="<U2"), *seq])[:n]


def _add_awakenings(rng: np.random.Generator, seq: np.ndarray, count: int) -> np.ndarray:
    """Insert ``count`` brief awakenings (1–6 epochs of W followed by 1–2 epochs of N1)."""
    out = seq.copy()
    if len(out) < 20:
        return out
    for start in rng.integers(8, len(out) - 4, size=count):
        wake = int(rng.integers(1, 7))
        light = int(rng.integers(1, 3))
        out[start : start + wake] = "W"
        out[start + wake : start + wake + light] = "N1"
    return out


def simulate_sleep(
    rng: np.random.Generator,
    duration: float,
    latency_min: tuple[float, float],
    wake_bouts_per_h: float,
    epoch_s: float = EPOCH_S,
) -> SleepPlan:
    """Stages for a recording of ``duration`` seconds; short recordings get short latencies."""
    n_epochs = int(np.ceil(duration / epoch_s))
    lights_off = float(min(rng.uniform(120.0, 360.0), 0.05 * duration))
    lights_on = float(duration - min(rng.uniform(120.0, 300.0), 0.05 * duration))
    in_bed = lights_on - lights_off
    latency = min(rng.uniform(*latency_min) * 60.0, 0.3 * in_bed)
    first = int(np.ceil((lights_off + latency) / epoch_s))
    last = int(np.floor(lights_on / epoch_s))  # first epoch after lights on
    final_wake = min(int(rng.integers(1, 10)), max(0, (last - first) // 10))
    n_sleep = max(0, last - first - final_wake)
    seq = _sleep_sequence(rng, n_sleep)
    sleep_h = n_sleep * epoch_s / 3600.0
    seq = _add_awakenings(rng, seq, int(rng.poisson(wake_bouts_per_h * sleep_h)))
    stages = np.full(n_epochs, "W", dtype="<U2")
    stages[first : first + n_sleep] = seq
    return SleepPlan(stages=stages, lights_off=lights_off, lights_on=lights_on, epoch_s=epoch_s)
