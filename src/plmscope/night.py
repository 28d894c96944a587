"""The plain data a night is made of: signals, hypnogram, events.

Signals are float32 µV (tibialis EMG, one channel) or float32 g (an ankle accelerometer, three
axes: shape ``(n, 3)``) with their own sampling rate; times are seconds from recording start
(float64); stages are ``W N1 N2 N3 R`` and ``?`` for unscored epochs, plus ``S`` for sleep whose
stage is unknown (estimated from movement, without EEG). Nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

STAGES: tuple[str, ...] = ("W", "N1", "N2", "N3", "R", "?")
#: Sleep estimated without EEG (an accelerometer's rest window): asleep, stage unknown.
ESTIMATED_SLEEP = "S"
SLEEP_STAGES: tuple[str, ...] = ("N1", "N2", "N3", "R", ESTIMATED_SLEEP)
NREM_STAGES: tuple[str, ...] = ("N1", "N2", "N3")
EPOCH_S = 30.0

LEGS: tuple[str, ...] = ("left", "right")

#: Canonical event names (DESIGN.md); anything else read from a file becomes ``unknown``.
EVENT_NAMES: tuple[str, ...] = (
    "leg_movement",
    "apnea",
    "hypopnea",
    "rera",
    "arousal",
    "lights_off",
    "lights_on",
    "desaturation",
    "unknown",
)
EVENT_COLUMNS: tuple[str, ...] = ("onset", "duration", "event", "leg", "label")


def empty_events() -> pd.DataFrame:
    """An events table with the canonical columns and no rows."""
    return pd.DataFrame(
        {
            "onset": pd.Series(dtype="float64"),
            "duration": pd.Series(dtype="float64"),
            "event": pd.Series(dtype="object"),
            "leg": pd.Series(dtype="object"),
            "label": pd.Series(dtype="object"),
        }
    )


def lights_from_events(events: pd.DataFrame | None, duration: float) -> tuple[float, float]:
    """Lights-off/on from ``lights_off``/``lights_on`` events, else the recording bounds.

    Lights-on not after lights-off also falls back to the recording bounds; scoring warns
    about that (``plmscope.scoring.sleep.reversed_lights``), so it is never silent.
    """
    if events is None or len(events) == 0:
        return 0.0, float(duration)
    off = events.loc[events["event"] == "lights_off", "onset"]
    on = events.loc[events["event"] == "lights_on", "onset"]
    start = float(off.min()) if len(off) else 0.0
    end = float(on.max()) if len(on) else float(duration)
    if end <= start:
        return 0.0, float(duration)
    return start, end


#: Recording kinds: tibialis EMG (a sleep study) or ankle accelerometers (an estimate).
PSG, ACCELEROMETER = "psg", "accelerometer"


@dataclass(frozen=True)
class Signal:
    """One leg's signal, its sampling rate in Hz, and where it came from.

    EMG: one channel, float32 µV, shape ``(n,)``. Acceleration: three axes, float32 g, shape
    ``(n, 3)``. ``unit`` is the unit the file declared (the data are always µV or g).

    >>> Signal("Leg L", np.zeros(2560, np.float32), 256.0).duration
    10.0
    >>> Signal("left ankle", np.zeros((500, 3), np.float32), 50.0, "g").is_acceleration
    True
    """

    label: str
    data: np.ndarray
    sf: float
    unit: str = "uV"  # the unit the file declared (data is always µV, or g for acceleration)

    @property
    def duration(self) -> float:
        return len(self.data) / self.sf

    @property
    def is_acceleration(self) -> bool:
        """True for a three-axis accelerometer signal (g), False for EMG (µV)."""
        return np.ndim(self.data) == 2


@dataclass(frozen=True)
class Hypnogram:
    """Sleep stages in fixed epochs starting at ``onset`` seconds after recording start.

    >>> hyp = Hypnogram(np.array(["W", "N1", "N2", "R"]))
    >>> hyp.stage_at([10.0, 75.0, 200.0]).tolist(), hyp.seconds_in(("N2", "R"), 0.0, 120.0)
    (['W', 'N2', '?'], 60.0)
    """

    stages: np.ndarray  # array of str, one per epoch
    epoch_s: float = EPOCH_S
    onset: float = 0.0

    @property
    def duration(self) -> float:
        return len(self.stages) * self.epoch_s

    def stage_at(self, times: np.ndarray | float) -> np.ndarray:
        """Stage of the epoch containing each time; ``?`` outside the scored span."""
        t = np.atleast_1d(np.asarray(times, dtype=np.float64))
        idx = np.floor((t - self.onset) / self.epoch_s).astype(np.int64)
        inside = (idx >= 0) & (idx < len(self.stages))
        out = np.full(t.shape, "?", dtype="<U2")
        out[inside] = self.stages[idx[inside]]
        return out

    def seconds_in(self, stages: tuple[str, ...], start: float, end: float) -> float:
        """Seconds between ``start`` and ``end`` spent in any of ``stages``."""
        if len(self.stages) == 0 or end <= start:
            return 0.0
        edges = self.onset + np.arange(len(self.stages) + 1) * self.epoch_s
        lo = np.clip(edges[:-1], start, end)
        hi = np.clip(edges[1:], start, end)
        mask = np.isin(self.stages, stages)
        return float(np.sum((hi - lo)[mask]))

    @classmethod
    def unscored(cls, duration: float, epoch_s: float = EPOCH_S) -> "Hypnogram":
        n = int(np.ceil(duration / epoch_s))
        return cls(stages=np.full(n, "?", dtype="<U2"), epoch_s=epoch_s)


@dataclass(frozen=True)
class ScoringContext:
    """The signal-free part of a night that scoring needs: no samples, cheap to copy and send.

    ``legs`` are the legs recorded (a leg not recorded can have no movements); ``lights`` is
    (lights-off, lights-on) in seconds, None for the whole recording.

    >>> ctx = ScoringContext(duration=3600.0, hypnogram=Hypnogram.unscored(3600.0))
    >>> ctx.lights_or_default
    (0.0, 3600.0)
    """

    duration: float
    hypnogram: Hypnogram | None = None
    events: pd.DataFrame | None = None
    lights: tuple[float, float] | None = None
    legs: tuple[str, ...] = LEGS
    hypnogram_source: str = "none"

    @property
    def lights_or_default(self) -> tuple[float, float]:
        """Lights-off/on as given, else from the events, else the recording bounds."""
        if self.lights is not None:
            return self.lights
        return lights_from_events(self.events, self.duration)


@dataclass
class Night:
    """Everything plmscope needs from one recording, in plain data.

    ``legs`` maps ``"left"``/``"right"`` to the tibialis EMG, or to an ankle accelerometer's
    three axes (see :attr:`kind`); one leg only is allowed (and is said in ``warnings``).
    ``identity`` holds header fields (patient, recording) that reports never show unless asked.
    A night read from a lab's event export alone has no signals: ``scored_legs`` then maps each
    leg to the channel its LMs were scored on (None for a recording). ``notes`` say what was
    done on reading that is not a problem.

    >>> legs = {"left": Signal("Leg L", np.zeros(7680, np.float32), 256.0)}
    >>> night = Night(legs=legs, duration=30.0, hypnogram=Hypnogram.unscored(30.0))
    >>> night.context.legs, night.lights
    (('left',), (0.0, 30.0))
    """

    legs: dict[str, Signal]
    duration: float
    hypnogram: Hypnogram
    events: pd.DataFrame = field(default_factory=empty_events)
    start: dt.datetime | None = None
    ecg: Signal | None = None
    eeg: Signal | None = None
    source: str = ""
    hypnogram_source: str = "none"  # annotations | file | simulated | none
    gaps: list[tuple[float, float]] = field(default_factory=list)  # EDF+D (onset, duration)
    unknown_labels: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    identity: dict[str, str] = field(default_factory=dict)
    scored_legs: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def from_event_file(self) -> bool:
        """Whether this night is a lab's scoring alone (no recording: the LMs are in the events)."""
        return self.scored_legs is not None

    def events_of(self, *names: str) -> pd.DataFrame:
        """The events whose canonical name is one of ``names``."""
        return self.events[self.events["event"].isin(names)].reset_index(drop=True)

    @property
    def kind(self) -> str:
        """``"accelerometer"`` when the legs are acceleration, else ``"psg"`` (tibialis EMG)."""
        if self.legs and all(signal.is_acceleration for signal in self.legs.values()):
            return ACCELEROMETER
        return PSG

    @property
    def lights(self) -> tuple[float, float]:
        """Lights-off and lights-on times: from annotations when present, else the recording."""
        return lights_from_events(self.events, self.duration)

    @property
    def context(self) -> ScoringContext:
        """What scoring needs of this night, without the signals."""
        return ScoringContext(
            duration=self.duration,
            hypnogram=self.hypnogram,
            events=self.events,
            lights=self.lights,
            legs=tuple(self.legs) or tuple(self.scored_legs or ()) or LEGS,
            hypnogram_source=self.hypnogram_source,
        )
