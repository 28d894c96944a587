"""Nights from MNE: an ``mne.io.BaseRaw`` already loaded by the user (any format MNE reads).

MNE keeps voltages in volts; the leg channels are found by the same label table as in EDF
files (or named with ``left=``/``right=``) and turned into µV. The Raw's annotations give
the events and sleep stages through the same vocabulary as EDF+ annotations. mne is not a
dependency of plmscope: this module only reads attributes of the object it is given.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from plmscope.errors import PlmscopeInputError
from plmscope.io.channels import ECG_PATTERNS, choose_legs, first_match
from plmscope.io.read import EventsInput, HypnogramInput, night_annotations
from plmscope.io.signals import signal_problem, usable_legs
from plmscope.night import EPOCH_S, Night, Signal
from plmscope.units import voltage_factor

FIFF_UNIT_V = 107  # MNE's code for channels stored in volts


def is_mne_raw(data: object) -> bool:
    """True for an ``mne.io.BaseRaw`` (checked by its class names, without importing mne)."""
    return any(
        cls.__name__ == "BaseRaw" and cls.__module__.startswith("mne.") for cls in type(data).__mro__
    )


def raw_annotations(raw) -> pd.DataFrame:
    """The Raw's annotations as a raw table (onset from the first sample, duration, label)."""
    notes = raw.annotations
    if len(notes) == 0:
        return pd.DataFrame({"onset": [], "duration": [], "label": [], "leg": []}).astype(
            {"onset": "float64", "duration": "float64", "label": "object", "leg": "object"}
        )
    onset = np.asarray(notes.onset, dtype=np.float64) - float(raw.first_time)
    return pd.DataFrame(
        {
            "onset": onset,
            "duration": np.asarray(notes.duration, dtype=np.float64),
            "label": [str(d) for d in notes.description],
            "leg": None,
        }
    )


def channel_in_uv(raw, label: str, unit: str | None, source: str) -> Signal:
    """One channel of the Raw as a µV Signal (volts unless MNE does not know the unit)."""
    index = raw.ch_names.index(label)
    info = raw.info["chs"][index]
    if unit is not None:
        factor = voltage_factor(unit)
        if factor is None:
            raise PlmscopeInputError(f"unit {unit!r} is not a voltage unit", path=source)
        data = raw.get_data(picks=[index])[0] * factor
        used = unit
    elif info.get("unit") == FIFF_UNIT_V:
        data = raw.get_data(picks=[index])[0] * 1e6
        used = "V"
    else:
        raise PlmscopeInputError(
            f"channel {label!r} is not stored in volts in this Raw; give its unit with unit=",
            path=source,
        )
    return Signal(label=label, data=data.astype(np.float32), sf=float(raw.info["sfreq"]), unit=used)


def night_from_raw(
    raw,
    *,
    left: str | None = None,
    right: str | None = None,
    unit: str | None = None,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
    require_legs: bool = True,
) -> Night:
    """A Night from an ``mne.io.Raw``: leg EMG (and ECG) in µV, annotations as events and stages.

    Examples
    --------
    >>> import mne
    >>> info = mne.create_info(["Leg L", "Leg R"], 256.0, "emg")
    >>> volts = np.random.default_rng(0).normal(0, 1e-6, (2, 256 * 60))
    >>> night = night_from_raw(mne.io.RawArray(volts, info, verbose="error"))
    >>> sorted(night.legs), round(float(night.legs["left"].data.std()), 1)  # µV now
    (['left', 'right'], 1.0)
    """
    source = "mne Raw"
    if raw.filenames and raw.filenames[0]:
        source = str(raw.filenames[0])
    labels = list(raw.ch_names)
    choice = choose_legs(labels, source, left, right, required=require_legs)
    legs = {side: channel_in_uv(raw, label, unit, source) for side, label in choice.labels.items()}
    legs, dropped = usable_legs(legs, source) if require_legs else (legs, [])
    ecg_label = first_match(labels, ECG_PATTERNS, tuple(choice.labels.values()))
    ecg = None
    notes = list(choice.warnings) + dropped
    if ecg_label is not None:
        try:
            ecg = channel_in_uv(raw, ecg_label, None, source)
        except PlmscopeInputError:
            notes.append(f"channel {ecg_label!r} skipped: its unit is not known to be volts")
        if ecg is not None and (problem := signal_problem(ecg.data)):
            notes.append(f"channel {ecg_label!r} skipped: it {problem}")
            ecg = None
    duration = raw.n_times / float(raw.info["sfreq"])
    if duration < EPOCH_S:
        raise PlmscopeInputError(
            f"holds only {duration:.0f} s of signal; at least one 30 s epoch is needed", path=source
        )
    start = raw.info.get("meas_date")
    if isinstance(start, dt.datetime):
        start = start.replace(tzinfo=None)
    found = night_annotations(raw_annotations(raw), events, hypnogram, duration, duration, start)
    return Night(
        legs=legs,
        duration=duration,
        hypnogram=found.hypnogram,
        events=found.events,
        start=start,
        ecg=ecg,
        source=source,
        hypnogram_source=found.hypnogram_source,
        unknown_labels=found.unknown_labels,
        warnings=notes + found.warnings,
        notes=list(found.notes),
        identity={"subject": str(raw.info.get("subject_info") or "")},
    )
