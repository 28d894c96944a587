"""From a channel in the file to a ``Signal`` in µV, with the checks a leg channel must pass."""

from __future__ import annotations

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.edf_file import RecordFile
from plmscope.io.timeline import place_records
from plmscope.night import Signal
from plmscope.units import voltage_factor, voltage_names

#: Leg EMG RMS outside this range (µV) means the unit is probably wrong (sanity check only).
PLAUSIBLE_LEG_RMS_UV = (0.05, 5000.0)


def unit_to_uv(rf: RecordFile, label: str, unit: str | None) -> tuple[float, str, list[str]]:
    """Factor to µV, the unit used, and a note when the unit came from ``unit``.

    ``unit`` (--unit) is used where the file's unit is empty or not a voltage, and overrides a
    declared voltage unit that differs (headers are sometimes wrong), with a warning saying so.
    """
    dimension = rf.channel(label).dimension
    declared = voltage_factor(dimension)
    given = None if unit is None else voltage_factor(unit)
    if unit is not None and given is None:
        raise PlmscopeInputError(
            f"--unit {unit!r} is not a voltage unit (use one of: {voltage_names()})", path=rf.path
        )
    if given is None:
        if declared is not None:
            return declared, dimension, []
        raise PlmscopeInputError(
            f"channel {label!r} has unit {dimension!r}, which is not a voltage ({voltage_names()}); "
            "give the unit with --unit",
            path=rf.path,
        )
    if declared is None:
        return given, unit, [f"unit of channel {label!r} assumed {unit} as given by --unit"]
    if declared == given:
        return declared, dimension, []
    return given, unit, [
        f"channel {label!r} declares {dimension!r} but --unit {unit} was used instead"
    ]


def placed_signal(
    rf: RecordFile, label: str, samples: np.ndarray, starts: np.ndarray, duration: float, unit: str
) -> Signal:
    """One decoded channel (records back to back, µV) on the recording clock (gaps as zeros)."""
    channel = rf.channel(label)
    sf = rf.sampling_rate(channel)
    blocks = samples.reshape(rf.n_records, channel.samples_per_record)
    return Signal(label=label, data=place_records(blocks, starts, sf, round(duration * sf)), sf=sf, unit=unit)


def signal_problem(data: np.ndarray) -> str | None:
    """What makes a channel unusable (no samples, all NaN, flat), or None if it is usable."""
    if data.size == 0:
        return "has no samples"
    low, high = data.min(), data.max()
    if np.isnan(low):  # NaN present (never from EDF; possible from other sources): look closer
        finite = data[np.isfinite(data)]
        if finite.size == 0:
            return "holds no numbers (all NaN)"
        low, high = finite.min(), finite.max()
    if low == high:
        return "is flat (every sample has the same value)"
    return None


def unit_doubt(signal: Signal) -> str | None:
    """A warning when the leg EMG's size after scaling to µV suggests a wrong unit."""
    sample = signal.data[:: max(1, signal.data.size // 1_000_000)]  # an estimate is enough here
    rms = float(np.std(sample, dtype=np.float64))
    low, high = PLAUSIBLE_LEG_RMS_UV
    if low <= rms <= high:
        return None
    return (
        f"leg channel {signal.label!r} has an RMS of {rms:.3g} µV with its unit read as "
        f"{signal.unit!r}; that looks like the unit may be wrong (check --unit)"
    )


def usable_legs(legs: dict[str, Signal], path: str) -> tuple[dict[str, Signal], list[str]]:
    """Legs without a flat or empty channel; one bad leg is dropped with a note, all bad is an error."""
    problems = {side: signal_problem(sig.data) for side, sig in legs.items()}
    bad = {side: p for side, p in problems.items() if p}
    if len(bad) == len(legs):
        said = "; ".join(f"leg channel {legs[s].label!r} {p}" for s, p in bad.items())
        raise PlmscopeInputError(f"{said}: no leg EMG to score", path=path)
    notes = [
        f"{side} leg channel {legs[side].label!r} {p}; it is left out and only the other leg "
        "is scored (bilateral LMs cannot be scored)"
        for side, p in bad.items()
    ]
    return {s: sig for s, sig in legs.items() if s not in bad}, notes
