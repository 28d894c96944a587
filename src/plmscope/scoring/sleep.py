"""Sleep measures that index denominators come from: lights, TST, wake, unscorable time.

Denominators (``tst_h``, ``wake_h``, ``nrem_h``, ``rem_h``) are lights-off time in that state
MINUS time unscorable on any recorded leg. Sleep architecture (``sleep_efficiency``,
``waso_h``, ``tst_total_h``) describes the hypnogram and is not reduced by EMG noise.
With no sleep stages at all, the whole scorable lights-off time is used as "sleep".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.night import NREM_STAGES, SLEEP_STAGES, Hypnogram
from plmscope.scoring.intervals import TOLERANCE_S, clip_intervals, covered_seconds, merge_intervals

HOUR_S = 3600.0


def check_lights(lights: tuple[float, float]) -> tuple[float, float]:
    """Lights as floats; lights-on must come after lights-off."""
    off, on = float(lights[0]), float(lights[1])
    if not (np.isfinite(off) and np.isfinite(on)) or on <= off:
        raise PlmscopeInputError(f"lights-on ({on} s) must come after lights-off ({off} s)")
    return off, on


def reversed_lights(events: pd.DataFrame, duration: float) -> tuple[float, float] | None:
    """(lights-off, lights-on) from the events when lights-on is not after lights-off, else None.

    Read as ``night.lights_from_events`` reads them, which then falls back to the whole
    recording; the caller warns, so that fallback is never silent.
    """
    off = events.loc[events["event"] == "lights_off", "onset"]
    on = events.loc[events["event"] == "lights_on", "onset"]
    start = float(off.min()) if len(off) else 0.0
    end = float(on.max()) if len(on) else float(duration)
    return (start, end) if end <= start else None


def lights_warnings(
    events: pd.DataFrame, duration: float, lights: tuple[float, float]
) -> list[str]:
    """A warning when lights events in the wrong order made the whole recording count."""
    backwards = reversed_lights(events, duration)
    if backwards is None or lights != (0.0, float(duration)):
        return []
    off, on = backwards
    message = f"lights-on ({on:.1f} s) is before lights-off ({off:.1f} s): the whole recording"
    return [message + " was used"]


def unscorable_rows(
    unscorable: pd.DataFrame | None, legs_recorded: tuple[str, ...]
) -> pd.DataFrame:
    """The unscorable periods (leg, start, end) that apply to a recorded leg, sorted.

    A row whose leg is not "left" or "right" (e.g. "both", empty) applies to every leg.
    """
    empty = pd.DataFrame(
        {
            "leg": pd.Series(dtype=object),
            "start": pd.Series(dtype=float),
            "end": pd.Series(dtype=float),
        }
    )
    if unscorable is None or len(unscorable) == 0:
        return empty
    missing = [c for c in ("start", "end") if c not in unscorable.columns]
    if missing:
        raise PlmscopeInputError(
            f"unscorable periods need columns leg, start, end; missing {', '.join(missing)}"
        )
    legs = (
        unscorable["leg"].astype(str).str.strip().str.lower()
        if "leg" in unscorable.columns
        else pd.Series("any", index=unscorable.index)
    )
    rows = pd.DataFrame(
        {
            "leg": legs.to_numpy(dtype=object),
            "start": pd.to_numeric(unscorable["start"], errors="coerce").to_numpy(np.float64),
            "end": pd.to_numeric(unscorable["end"], errors="coerce").to_numpy(np.float64),
        }
    )
    applies = rows["leg"].isin(legs_recorded) | ~rows["leg"].isin(("left", "right"))
    ok = applies & np.isfinite(rows["start"]) & (rows["end"] > rows["start"])
    return rows[ok].sort_values(["start", "leg"]).reset_index(drop=True)


def unscorable_periods(
    rows: pd.DataFrame, lights: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Time unscorable on ANY recorded leg: the rows merged and clipped to lights-off."""
    merged = merge_intervals(rows["start"].to_numpy(), rows["end"].to_numpy())
    return clip_intervals(*merged, *lights)


def is_staged(hypnogram: Hypnogram) -> bool:
    """Whether any epoch carries a real stage (not ``?``)."""
    return bool(np.any(np.asarray(hypnogram.stages) != "?"))


def seconds_in_state(
    hypnogram: Hypnogram,
    stages: tuple[str, ...],
    lights: tuple[float, float],
    unscorable: tuple[np.ndarray, np.ndarray],
) -> float:
    """Scorable lights-off seconds spent in ``stages``."""
    total = hypnogram.seconds_in(stages, *lights)
    lost = sum(hypnogram.seconds_in(stages, s, e) for s, e in zip(*unscorable, strict=True))
    return max(total - lost, 0.0)


def sleep_onset(hypnogram: Hypnogram, lights: tuple[float, float]) -> float | None:
    """Start of the first sleep epoch in lights-off (not before lights-off), or None."""
    starts = hypnogram.onset + np.arange(len(hypnogram.stages)) * hypnogram.epoch_s
    ends = starts + hypnogram.epoch_s
    asleep = np.isin(hypnogram.stages, SLEEP_STAGES) & (ends > lights[0]) & (starts < lights[1])
    if not asleep.any():
        return None
    return float(max(starts[np.argmax(asleep)], lights[0]))


def sleep_measures(
    hypnogram: Hypnogram,
    lights: tuple[float, float],
    unscorable: tuple[np.ndarray, np.ndarray],
    hypnogram_source: str = "none",
) -> dict:
    """The ``sleep`` dict of a NightResult (hours, seconds for clock times, 0–1 efficiency)."""
    in_bed = lights[1] - lights[0]
    lost = covered_seconds(*unscorable, *lights)
    common = {
        "time_in_bed_h": in_bed / HOUR_S,
        "lights_off": lights[0],
        "lights_on": lights[1],
        "unscorable_h": lost / HOUR_S,
        "hypnogram_source": hypnogram_source,
    }
    if not is_staged(hypnogram):
        scorable = max(in_bed - lost, 0.0)
        return common | {
            "staging": "none",
            "tst_h": scorable / HOUR_S,
            "tst_total_h": in_bed / HOUR_S,
            "nrem_h": 0.0,
            "rem_h": 0.0,
            "wake_h": 0.0,
            "unstaged_h": 0.0,
            "sleep_efficiency": None,
            "waso_h": None,
            "sleep_onset": None,
        }
    onset = sleep_onset(hypnogram, lights)
    asleep = hypnogram.seconds_in(SLEEP_STAGES, *lights)
    staged = hypnogram.seconds_in(SLEEP_STAGES + ("W",), *lights)
    waso = hypnogram.seconds_in(("W",), onset, lights[1]) if onset is not None else 0.0
    return common | {
        "staging": "scored",
        "tst_h": seconds_in_state(hypnogram, SLEEP_STAGES, lights, unscorable) / HOUR_S,
        "tst_total_h": asleep / HOUR_S,
        "nrem_h": seconds_in_state(hypnogram, NREM_STAGES, lights, unscorable) / HOUR_S,
        "rem_h": seconds_in_state(hypnogram, ("R",), lights, unscorable) / HOUR_S,
        "wake_h": seconds_in_state(hypnogram, ("W",), lights, unscorable) / HOUR_S,
        "unstaged_h": _beyond_rounding(in_bed - staged) / HOUR_S,
        "sleep_efficiency": asleep / in_bed,
        "waso_h": waso / HOUR_S,
        "sleep_onset": onset,
    }


def _beyond_rounding(seconds: float) -> float:
    """``seconds``, or 0 when it is only the float residue of adding up epochs."""
    return seconds if abs(seconds) > 1e3 * TOLERANCE_S else 0.0
