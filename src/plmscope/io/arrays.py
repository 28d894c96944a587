"""Nights given as numbers: a ``(n_legs, n_samples)`` or 1-D array of leg EMG with its rate.

What the file readers take from a header is given here by the caller: the sampling rate
(``sf``), the unit (µV unless ``unit`` says otherwise) and the legs (rows: left then right;
one row is the left leg unless ``legs`` says otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.edf_annotations import empty_annotations
from plmscope.io.read import EventsInput, HypnogramInput, night_annotations
from plmscope.io.signals import signal_problem
from plmscope.night import EPOCH_S, LEGS, Night, Signal
from plmscope.units import to_microvolts, voltage_names


def night_from_array(
    data: np.ndarray,
    sf: float | None,
    *,
    unit: str | None = None,
    legs: Sequence[str] | None = None,
    hypnogram: HypnogramInput = None,
    events: EventsInput = None,
    source: str = "array",
) -> Night:
    """A Night from leg EMG samples in memory.

    Parameters
    ----------
    data : array, shape (n_samples,) or (n_legs, n_samples)
        Leg EMG; rows are the legs in ``legs`` order (default left, right).
    sf : float
        Sampling rate in Hz (required: an array carries none).
    unit : str, optional
        Unit of ``data`` (default µV; any voltage unit).
    hypnogram, events
        As for :func:`plmscope.io.read_night` (a file, or data).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> night = night_from_array(rng.normal(0, 1, (2, 256 * 60)), sf=256)
    >>> sorted(night.legs), night.duration
    (['left', 'right'], 60.0)
    """
    if sf is None:
        raise PlmscopeInputError("an array carries no sampling rate: give sf= (Hz)", path=source)
    if isinstance(sf, bool) or not isinstance(sf, (int, float, np.number)) or not np.isfinite(sf) or sf <= 0:
        raise PlmscopeInputError(f"sf must be a positive number of Hz, got {sf!r}", path=source)
    array = np.asarray(data)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or 0 in array.shape:
        raise PlmscopeInputError(
            f"expected a (n_legs, n_samples) or 1-D array of leg EMG, got shape {np.shape(data)}", path=source
        )
    names = tuple(legs) if legs is not None else LEGS[: array.shape[0]]
    if array.shape[0] > 2 or len(names) != array.shape[0] or len(set(names)) != len(names) or not set(names) <= set(LEGS):
        raise PlmscopeInputError(
            f"{array.shape[0]} rows of leg EMG with legs {list(names)}: give one or two rows, "
            "named left and/or right (legs=)",
            path=source,
        )
    used_unit = unit or "uV"
    try:
        signals = {
            leg: Signal(label=f"{leg} leg", data=to_microvolts(row, used_unit), sf=float(sf), unit=used_unit)
            for leg, row in zip(names, array)
        }
    except PlmscopeInputError as exc:
        raise PlmscopeInputError(f"{exc} (units: {voltage_names()})", path=source) from None
    for leg, signal in signals.items():
        problem = signal_problem(signal.data)
        if problem:
            raise PlmscopeInputError(f"the {leg} leg {problem}", path=source)
    duration = array.shape[1] / float(sf)
    if duration < EPOCH_S:
        raise PlmscopeInputError(
            f"holds only {duration:.0f} s of signal; at least one 30 s epoch is needed", path=source
        )
    found = night_annotations(empty_annotations(), events, hypnogram, duration, duration, None)
    notes = [] if len(signals) == 2 else [
        f"only the {names[0]} leg was given; bilateral LMs cannot be scored"
    ]
    return Night(
        legs=dict(sorted(signals.items())),
        duration=duration,
        hypnogram=found.hypnogram,
        events=found.events,
        source=source,
        hypnogram_source=found.hypnogram_source,
        unknown_labels=found.unknown_labels,
        warnings=notes + found.warnings,
        notes=list(found.notes),
    )
