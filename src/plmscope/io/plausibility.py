"""Is this really tibialis EMG in the unit the file says? Checks run once a night is read.

A leg channel whose unit is wrong by a factor of a thousand or a million is not noise to
score: mV data declared as µV look flat (every minute unscorable, PLMS "0.0"), µV data
declared as mV look like one long movement. The resting level and the largest bursts of each
leg are compared with what tibialis anterior EMG measures in a sleep lab; when they fit only
after rescaling by 10³ or 10⁶, reading stops and says which unit the amplitudes suggest.
``--unit`` (``unit=``) overrides: the night is then scored as told, with a warning.

Also here: a recording far longer than a night is said to be one (it is scored as one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.interpret import SLEEP_ONSET_AFTER_S
from plmscope.night import EPOCH_S, Signal
from plmscope.units import VOLTAGE_NAMES, voltage_factor

#: Tibialis anterior EMG, µV rms over 0.5 s: resting level (lower quartile of the night) and the
#: largest bursts (99.9th percentile). Wide on purpose (mains hum, ECG, noisy nights fit), yet
#: the resting range spans less than 10³, so at most one unit scale fits a channel.
RESTING_UV = (0.2, 150.0)
BURST_UV = (1.0, 20000.0)
WINDOW_S = 0.5
MAX_WINDOWS = 8000  # windows sampled evenly across the night: enough for both percentiles

#: Rescalings tried when the amplitudes do not fit (data really in a unit 10³ or 10⁶ apart).
RESCALINGS = (1e3, 1e-3, 1e6, 1e-6)

#: Longer than this is not one night.
LONG_RECORDING_H = 16.0


@dataclass(frozen=True)
class LegLevels:
    """The size of one leg channel, in µV as its declared unit gives them."""

    resting_uv: float
    burst_uv: float

    def fits(self, scale: float = 1.0) -> bool:
        """Whether these levels, times ``scale``, look like tibialis EMG."""
        rest, burst = self.resting_uv * scale, self.burst_uv * scale
        return RESTING_UV[0] <= rest <= RESTING_UV[1] and BURST_UV[0] <= burst <= BURST_UV[1]


def leg_levels(signal: Signal) -> LegLevels | None:
    """Resting level and largest bursts (µV rms per 0.5 s window); None if too little signal.

    Each window's mean is removed first (DC offset, drift); windows that are exactly flat
    (EDF+D gaps, zero padding) are left out.

    >>> rng = np.random.default_rng(0)
    >>> levels = leg_levels(Signal("Leg L", rng.normal(0, 2.0, 256 * 600).astype(np.float32), 256.0))
    >>> round(levels.resting_uv), levels.fits(), levels.fits(1e-3)
    (2, True, False)
    """
    width = max(2, int(round(WINDOW_S * signal.sf)))
    n_windows = len(signal.data) // width
    if n_windows < 4:
        return None
    picks = np.linspace(0, n_windows - 1, min(n_windows, MAX_WINDOWS)).astype(np.int64)
    windows = np.asarray(signal.data[: n_windows * width]).reshape(n_windows, width)[picks]
    windows = windows.astype(np.float64)
    rms = np.std(windows, axis=1)
    rms = rms[np.isfinite(rms) & (rms > 0)]
    if rms.size < 4:
        return None
    return LegLevels(float(np.percentile(rms, 25)), float(np.percentile(rms, 99.9)))


def _unit_name(factor: float) -> str | None:
    """The voltage unit with this factor to µV (nV, uV, mV, V), or None."""
    return next((name for name, f in VOLTAGE_NAMES.items() if np.isclose(f, factor)), None)


def suggested_unit(signal: Signal, levels: LegLevels) -> str | None:
    """The unit the amplitudes suggest when the declared one cannot be right, else None."""
    declared = voltage_factor(signal.unit)
    if declared is None or levels.fits():
        return None
    for scale in RESCALINGS:
        if levels.fits(scale):
            return _unit_name(declared * scale)
    return None


def _amount(uv: float) -> str:
    """An amplitude in µV as people write it: 1,380 µV, 2.5 µV, 0.0014 µV."""
    if uv >= 100:
        return f"{uv:,.0f} µV"
    return f"{uv:.3g} µV" if uv >= 0.01 else f"{uv:.2g} µV"


def check_leg_units(legs: Mapping[str, Signal], unit_given: bool = False, source: str | None = None) -> list[str]:
    """Stop when a leg's amplitudes say its unit is off by 10³ or 10⁶; warnings otherwise.

    With ``unit_given`` (the user chose the unit with ``--unit``) nothing stops: the doubt
    becomes a warning kept with the result.

    >>> rng = np.random.default_rng(1)
    >>> mv = Signal("Leg L", (rng.normal(0, 2.0, 256 * 600) / 1000).astype(np.float32), 256.0, "uV")
    >>> check_leg_units({"left": mv})
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: leg channel 'Leg L' is declared in 'uV', but its amplitudes (resting level 0.0019 µV, largest bursts 0.0024 µV) are those of leg EMG recorded in mV; the file's unit looks wrong: give --unit mV to read it as mV (or --unit uV to score it as declared)
    >>> check_leg_units({"left": mv}, unit_given=True)[0][:60]
    "leg channel 'Leg L' was read in 'uV' as --unit said, but its"
    """
    notes: list[str] = []
    for signal in legs.values():
        if voltage_factor(signal.unit) is None:
            continue  # not EMG (e.g. an accelerometer in g): not this check's business
        levels = leg_levels(signal)
        suggested = suggested_unit(signal, levels) if levels is not None else None
        if suggested is None:
            continue
        seen = (
            f"its amplitudes (resting level {_amount(levels.resting_uv)}, largest bursts "
            f"{_amount(levels.burst_uv)}) are those of leg EMG recorded in {suggested}"
        )
        if unit_given:
            notes.append(
                f"leg channel {signal.label!r} was read in {signal.unit!r} as --unit said, but {seen}: "
                "the numbers may be wrong"
            )
            continue
        raise PlmscopeInputError(
            f"leg channel {signal.label!r} is declared in {signal.unit!r}, but {seen}; the file's "
            f"unit looks wrong: give --unit {suggested} to read it as {suggested} "
            f"(or --unit {_plain_unit(signal.unit)} to score it as declared)",
            path=source,
        )
    return notes


#: Words that mark a warning doubting a leg channel's unit (this module's and ``signals.unit_doubt``'s).
UNIT_DOUBT_WORDS = ("as --unit said, but its amplitudes", "looks like the unit may be wrong")


def is_unit_doubt(warning: str) -> bool:
    """Whether a warning says a leg channel's amplitudes do not fit its unit."""
    return any(words in warning for words in UNIT_DOUBT_WORDS)


def without_rough_doubts(warnings: list[str]) -> list[str]:
    """``warnings`` without the reader's rough RMS doubts, once :func:`check_leg_units` has said
    more precisely what the amplitudes look like (one doubt per channel, not two).

    >>> without_rough_doubts(["leg channel 'L' has an RMS of 0.001 µV ...; that looks like the unit may be wrong", "x"])
    ['x']
    """
    return [w for w in warnings if UNIT_DOUBT_WORDS[1] not in w]


def _plain_unit(unit: str) -> str:
    """A declared unit as ``--unit`` takes it (``µV`` -> ``uV``)."""
    return _unit_name(voltage_factor(unit) or 1.0) or unit


def check_detectable(legs: Mapping[str, Signal], source: str = "night") -> None:
    """Refuse leg signals a detector cannot work on: none, empty, shorter than one epoch, flat.

    >>> check_detectable({"left": Signal("Leg L", np.zeros(0, dtype=np.float32), 256.0)}, "array")
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: array: the left leg channel 'Leg L' has no samples
    """
    from plmscope.io.signals import signal_problem

    if not legs:
        raise PlmscopeInputError("no leg EMG channel to detect leg movements on", path=source)
    for side, signal in legs.items():
        data = np.asarray(signal.data)
        problem = signal_problem(data) if data.ndim == 1 else f"is not one channel (shape {data.shape})"
        if problem is None and not (np.isfinite(signal.sf) and signal.sf > 0):
            problem = f"has a sampling rate of {signal.sf!r} Hz"
        if problem is None and data.size < signal.sf * EPOCH_S:
            problem = f"holds {data.size / signal.sf:.1f} s of signal, less than one 30 s epoch"
        if problem:
            raise PlmscopeInputError(f"the {side} leg channel {signal.label!r} {problem}", path=source)


def length_warnings(duration_s: float) -> list[str]:
    """A warning for a recording much longer than one night (it is scored as one).

    >>> length_warnings(8 * 3600.0)
    []
    >>> length_warnings(30 * 3600.0)[0][:52]
    'recording is 30.0 h long: several nights? scored as '
    """
    hours = duration_s / 3600.0
    if hours <= LONG_RECORDING_H:
        return []
    return [
        f"recording is {hours:.1f} h long: several nights? scored as one (indices per hour of all "
        "the sleep in it; 'sleep onset' is the first time asleep, so 'later in the night' means "
        f"anything after the first {SLEEP_ONSET_AFTER_S / 60:.0f} min of sleep); split the file by "
        "night to score each night"
    ]
