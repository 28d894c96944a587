"""EDF+ files from a Night: its signals in a chosen voltage unit, its stages and events as
annotations (labels from the shared vocabulary, so plmscope's readers get the same night back).

edfio does the byte layout; it is imported only when an EDF is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

from plmscope.export.atomic import write_atomic_with
from plmscope.night import Night, Signal
from plmscope.units import VOLTAGE_NAMES
from plmscope.vocabulary import event_label, stage_label

#: Smallest physical range (± µV) per channel kind: EMG ±2000 µV keeps 16-bit steps at 0.06 µV.
RANGE_FLOOR_UV = {"emg": 2000.0, "ecg": 5000.0, "eeg": 1000.0}


def record_duration(fs: float) -> float:
    """Shortest data-record duration (s) holding a whole number of samples at ``fs``."""
    return float(Fraction(fs).limit_denominator(1000).denominator)


def physical_range(data: np.ndarray, floor_uv: float) -> float:
    """± range in µV: the floor, widened in 500 µV steps if the data go beyond it."""
    peak = float(np.max(np.abs(data))) if len(data) else 0.0
    return max(floor_uv, float(np.ceil(peak * 1.05 / 500.0) * 500.0))


def edf_signal(data: np.ndarray, fs: float, label: str, unit: str, floor_uv: float, n: int):
    """One EDF signal in ``unit``, padded with its last value to ``n`` samples."""
    import edfio

    scale = 1.0 / VOLTAGE_NAMES[unit]  # µV -> unit
    padded = np.pad(data.astype(np.float64), (0, n - len(data)), mode="edge")
    bound = physical_range(data, floor_uv) * scale
    return edfio.EdfSignal(
        padded * scale, fs, label=label, physical_dimension=unit, physical_range=(-bound, bound)
    )


def annotations(night: Night) -> list:
    """Sleep stages (one per 30 s epoch) and events as EDF+ annotations, in time order.

    An event keeps its own label when it has one (so a vendor's spelling survives a round
    trip); otherwise it gets plmscope's label for its canonical name.
    """
    import edfio

    hyp = night.hypnogram
    notes = [
        edfio.EdfAnnotation(hyp.onset + i * hyp.epoch_s, hyp.epoch_s, stage_label(stage))
        for i, stage in enumerate(hyp.stages)
        if stage != "?"
    ]
    for onset, duration, event, leg, label in night.events[
        ["onset", "duration", "event", "leg", "label"]
    ].itertuples(index=False):
        text = label if isinstance(label, str) and label else event_label(event, leg if isinstance(leg, str) else None)
        notes.append(edfio.EdfAnnotation(round(float(onset), 3), round(float(duration), 3) or None, text))
    return sorted(notes, key=lambda a: a.onset)


def edf_of(night: Night, *, unit: str = "uV", labels: Sequence[str] | None = None):
    """``night`` as an ``edfio.Edf`` (legs, ECG and EEG in ``unit``; stages and events), unwritten.

    ``labels`` names the leg channels (left, right; default their own labels).
    """
    import edfio

    if unit not in VOLTAGE_NAMES:
        raise ValueError(f"unit must be one of {', '.join(VOLTAGE_NAMES)}, got {unit!r}")
    first = next(iter(night.legs.values()))
    fs = first.sf
    record = record_duration(fs)
    per_record = int(round(fs * record))
    n = int(np.ceil(len(first.data) / per_record) * per_record)
    names = list(labels) if labels is not None else [s.label for s in night.legs.values()]
    channels: list[tuple[Signal, str, str]] = [
        (signal, name, "emg") for signal, name in zip(night.legs.values(), names)
    ]
    channels += [(s, s.label, kind) for s, kind in ((night.ecg, "ecg"), (night.eeg, "eeg")) if s is not None]
    start = night.start
    return edfio.Edf(
        [edf_signal(s.data, s.sf, label, unit, RANGE_FLOOR_UV[kind], n) for s, label, kind in channels],
        recording=edfio.Recording(startdate=start.date()) if start is not None else None,
        starttime=start.time() if start is not None else None,
        data_record_duration=record,
        annotations=annotations(night),
    )


def write_edf(
    path: str | Path,
    night: Night,
    *,
    unit: str = "uV",
    labels: Sequence[str] | None = None,
) -> Path:
    """Write ``night`` as EDF+ at ``path``: legs, ECG and EEG in ``unit``, stages and events.

    ``labels`` names the leg channels (left, right; default their own labels).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from plmscope.io import read_night
    >>> from plmscope.simulate import simulate_night
    >>> night = simulate_night("plmd", seed=5, hours=0.25).night
    >>> path = write_edf(pathlib.Path(tempfile.mkdtemp()) / "n.edf", night, unit="mV")
    >>> again = read_night(path)
    >>> bool(np.allclose(again.legs["left"].data, night.legs["left"].data, atol=0.1))
    True
    """
    return write_atomic_with(path, edf_of(night, unit=unit, labels=labels).write)
