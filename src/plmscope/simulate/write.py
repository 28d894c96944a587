"""Write a simulated night as an EDF+ file (signals, hypnogram, events) plus its truth CSV."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import edfio
import numpy as np
import pandas as pd

from .simulator import TRUTH_COLUMNS, SimulatedNight

#: Factor from µV to each unit a file may declare.
UNIT_SCALE = {"uV": 1.0, "mV": 1e-3, "V": 1e-6}
#: Smallest physical range (± µV) per channel kind: EMG ±2000 µV keeps 16-bit steps at 0.06 µV.
RANGE_FLOOR_UV = {"emg": 2000.0, "ecg": 5000.0, "eeg": 1000.0}
_EVENT_LABEL = {
    "lights_off": "Lights off",
    "lights_on": "Lights on",
    "arousal": "Arousal",
    "hypopnea": "Hypopnea",
    "apnea": "Obstructive Apnea",
}


def truth_path(edf_path: str | Path) -> Path:
    """Where the truth table of ``OUT.edf`` goes: ``OUT.truth.csv`` next to it."""
    return Path(edf_path).with_suffix(".truth.csv")


def _record_duration(fs: float) -> float:
    """Shortest data-record duration (s) holding a whole number of samples at ``fs``."""
    return float(Fraction(fs).limit_denominator(1000).denominator)


def _physical_range(data: np.ndarray, floor_uv: float) -> float:
    """± range in µV: the floor, widened in 500 µV steps if the data go beyond it."""
    peak = float(np.max(np.abs(data))) if len(data) else 0.0
    return max(floor_uv, float(np.ceil(peak * 1.05 / 500.0) * 500.0))


def _edf_signal(data: np.ndarray, fs: float, label: str, unit: str, floor_uv: float, n: int):
    """One EDF signal in ``unit``, padded with its last value to ``n`` samples."""
    padded = np.pad(data.astype(np.float64), (0, n - len(data)), mode="edge")
    bound = _physical_range(data, floor_uv) * UNIT_SCALE[unit]
    return edfio.EdfSignal(
        padded * UNIT_SCALE[unit],
        fs,
        label=label,
        physical_dimension=unit,
        physical_range=(-bound, bound),
    )


def _annotations(sim: SimulatedNight) -> list[edfio.EdfAnnotation]:
    """Sleep stages (one per 30 s epoch) and scored events as EDF+ annotations."""
    hyp = sim.night.hypnogram
    notes = [
        edfio.EdfAnnotation(hyp.onset + i * hyp.epoch_s, hyp.epoch_s, f"Sleep stage {stage}")
        for i, stage in enumerate(hyp.stages)
        if stage != "?"
    ]
    for onset, duration, event, label in sim.night.events[
        ["onset", "duration", "event", "label"]
    ].itertuples(index=False):
        text = label if isinstance(label, str) and label else _EVENT_LABEL.get(event, event)
        notes.append(
            edfio.EdfAnnotation(round(float(onset), 3), round(float(duration), 3) or None, text)
        )
    return sorted(notes, key=lambda a: a.onset)


def write_simulation(
    sim: SimulatedNight,
    path: str | Path,
    *,
    unit: str | None = None,
    labels: tuple[str, str] = ("Leg L", "Leg R"),
) -> tuple[Path, Path]:
    """Write ``sim`` as EDF+ at ``path`` and its truth as ``<stem>.truth.csv``; return both paths.

    Signals are stored in ``unit`` (default: the unit the night was simulated with), scaled
    accordingly; leg channels are labelled ``labels`` (left, right), ECG ``ECG``, EEG ``C3-M2``.
    """
    unit = unit or sim.params.get("unit", "uV")
    if unit not in UNIT_SCALE:
        raise ValueError(f"unit must be one of {', '.join(UNIT_SCALE)}, got {unit!r}")
    night = sim.night
    fs = night.legs["left"].sf
    record = _record_duration(fs)
    per_record = int(round(fs * record))
    n = int(np.ceil(len(night.legs["left"].data) / per_record) * per_record)
    channels = [(night.legs["left"], labels[0], "emg"), (night.legs["right"], labels[1], "emg")]
    channels += [
        (s, s.label, kind) for s, kind in ((night.ecg, "ecg"), (night.eeg, "eeg")) if s is not None
    ]
    edf = edfio.Edf(
        [
            _edf_signal(s.data, s.sf, label, unit, RANGE_FLOOR_UV[kind], n)
            for s, label, kind in channels
        ],
        recording=edfio.Recording(startdate=night.start.date()),
        starttime=night.start.time(),
        data_record_duration=record,
        annotations=_annotations(sim),
    )
    edf_path = Path(path)
    edf_path.parent.mkdir(parents=True, exist_ok=True)
    edf.write(edf_path)
    csv_path = truth_path(edf_path)
    sim.truth[list(TRUTH_COLUMNS)].to_csv(csv_path, index=False)
    return edf_path, csv_path


def read_truth(path: str | Path) -> pd.DataFrame:
    """Read a ``.truth.csv`` written by ``write_simulation`` (or the truth of ``OUT.edf``)."""
    path = Path(path)
    csv = path if path.name.endswith(".truth.csv") else truth_path(path)
    table = pd.read_csv(csv, dtype={"leg": str, "kind": str, "pattern": str})
    return table.astype({"onset": "float64", "offset": "float64", "amplitude_uv": "float64"})
