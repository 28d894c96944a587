"""Time spans the figures shade: runs of unscored epochs, lights on, unscorable EMG, events."""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import Hypnogram


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end indices (end exclusive) of each run of True in ``mask``."""
    padded = np.concatenate(([False], np.asarray(mask, dtype=bool), [False]))
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return edges[0::2], edges[1::2]


def unstaged_spans(hypnogram: Hypnogram) -> list[tuple[float, float]]:
    """(start, end) seconds of runs of unscored (``?``) epochs."""
    starts, ends = runs(hypnogram.stages == "?")
    t0, ep = hypnogram.onset, hypnogram.epoch_s
    return [(t0 + s * ep, t0 + e * ep) for s, e in zip(starts, ends)]


def lights_on_spans(lights: tuple[float, float], duration: float) -> list[tuple[float, float]]:
    """Time outside lights-off … lights-on (not part of the scored night)."""
    off, on = lights
    spans = [(0.0, off)] if off > 0 else []
    return spans + ([(on, duration)] if on < duration else [])


def unscorable_spans(
    unscorable: pd.DataFrame | None, leg: str | None = None
) -> list[tuple[float, float]]:
    """(start, end) of EMG too noisy to score, for one leg or for all legs."""
    if unscorable is None or len(unscorable) == 0:
        return []
    applies = (
        unscorable["leg"].eq(leg) | ~unscorable["leg"].isin(("left", "right"))
        if (leg is not None and "leg" in unscorable)
        else pd.Series(True, index=unscorable.index)
    )
    table = unscorable[applies]
    return list(zip(table["start"].astype(float), table["end"].astype(float)))


def event_spans(scored, names: tuple[str, ...]) -> pd.DataFrame:
    """Onset, end and name of the events of the given kinds (of a NightScore or a Night)."""
    events = scored.events_of(*names)
    return pd.DataFrame(
        {
            "onset": events["onset"].astype(float),
            "end": (events["onset"] + events["duration"].fillna(0.0)).astype(float),
            "event": events["event"],
        }
    )
